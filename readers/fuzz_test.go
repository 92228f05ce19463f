package readers

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCSVReader: any input either fails at the header with an error, or
// reads to io.EOF without panicking; every record is aligned with the
// header and its cells are valid UTF-8.
func FuzzCSVReader(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n", "\ufeffa;b\r\n1;2\r\n", "a\tb\n\"x\ny\"\tz\n", "a,b\n1,2,3\n1\n", "a,b\n\"open,2\n",
		"a|b\n\xe9t\xe9|2\n", "", "a\n", "a,a,a\n1,2,3\n", "=cmd,b\n@x,+y\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := NewCSV(strings.NewReader(s), "fuzz.csv", nil)
		if err != nil {
			return
		}
		n := len(r.Header())
		for i := 0; i < 1_000_000; i++ {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if len(rec.Fields) != n {
				t.Fatalf("record has %d fields, header %d", len(rec.Fields), n)
			}
			for _, c := range rec.Fields {
				if !utf8.ValidString(c) {
					t.Fatalf("invalid UTF-8 cell %q", c)
				}
			}
		}
		t.Fatal("reader did not reach EOF")
	})
}

// FuzzXLSXReader: arbitrary bytes in a .xlsx never panic the reader; they
// open with an error or read to the end.
func FuzzXLSXReader(f *testing.F) {
	dir := f.TempDir()
	good := writeXLSX(f, dir)
	if b, err := os.ReadFile(good); err == nil {
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Add([]byte("PK\x03\x04not really a zip"))
	f.Add([]byte("a,b\n1,2\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "f.xlsx")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		x, err := OpenXLSX(p, "")
		if err != nil {
			return
		}
		defer x.Close()
		// A mutated sheet may place a row at 1,048,576: reading every empty
		// row before it is correct but slow, so the fuzzer reads a few.
		for i := 0; i < 100; i++ {
			if _, err := x.Read(); err != nil {
				return
			}
		}
	})
}
