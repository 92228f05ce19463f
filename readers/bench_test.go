package readers

import (
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/readers/readertest"
)

// BenchmarkXLSXRead reads a 20,000-row client list with this package's
// reader and, as the floor, with excelize's own row iterator (what the
// reader used before); compare the two in one run.
func BenchmarkXLSXRead(b *testing.B) {
	p := filepath.Join(b.TempDir(), "list.xlsx")
	if err := readertest.SharedStringsWorkbook(p, clientRows(20000), 0, 0); err != nil {
		b.Fatal(err)
	}
	b.Run("readers", func(b *testing.B) {
		for b.Loop() {
			src, err := Open(p, Options{})
			if err != nil {
				b.Fatal(err)
			}
			for {
				_, err := src.Read()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			src.Close()
		}
	})
	b.Run("excelize-rows", func(b *testing.B) {
		for b.Loop() {
			f, err := excelize.OpenFile(p, XLSXLimits)
			if err != nil {
				b.Fatal(err)
			}
			rows, err := f.Rows("Clients")
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
				if _, err := rows.Columns(); err != nil {
					b.Fatal(err)
				}
			}
			rows.Close()
			f.Close()
		}
	})
}
