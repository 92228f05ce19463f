package writers

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/pipeline"
)

type fileOut struct{ *os.File }

func (f fileOut) Commit() error { return f.Close() }
func (f fileOut) Abort() error  { return f.Close() }

// More than 1,048,576 data rows continue on "Rows (2)" with the same
// header. Runs in CI; -short skips it.
func TestXLSXContinuesOnSecondSheet(t *testing.T) {
	if testing.Short() {
		t.Skip("2,000,000-row report: skipped with -short")
	}
	const n = 2_000_000
	p := filepath.Join(t.TempDir(), "big.xlsx")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := NewXLSX(fileOut{f}, []string{"id", "job_title"}, ReportInfo{IDColumn: 0, TitleColumns: []int{1}, IndustryCol: -1, Threshold: 0.6})
	batch := make([]*pipeline.Record, 0, 1000)
	recs := make([]pipeline.Record, 1000)
	for i := 1; i <= n; i++ {
		r := &recs[len(batch)]
		*r = pipeline.Record{Source: "x.csv", Row: i + 1, Fields: []string{strconv.Itoa(i), "cook"}, First: true}
		r.Out = pipeline.Annotation{NOCCode: "63200", MatchMethod: "exact", MatchScore: 0.97, HasScore: true, RuleSet: "2026"}
		batch = append(batch, r)
		if len(batch) == cap(batch) {
			if err := w.Write(batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	count := func(sheet string) (rows int, first, last []string) {
		it, err := x.Rows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		defer it.Close()
		for it.Next() {
			c, _ := it.Columns()
			rows++
			if rows <= 2 {
				first = append(first, c[0])
			}
			last = c
		}
		return rows, first, last
	}
	n1, f1, last1 := count("Rows")
	n2, f2, last2 := count("Rows (2)")
	if n1 != 1_048_576 || f1[0] != "id" || last1[0] != "1048575" {
		t.Errorf("Rows: %d rows, header %q, last id %q", n1, f1[0], last1[0])
	}
	if n2 != n-1_048_575+1 || f2[0] != "id" || f2[1] != "1048576" || last2[0] != strconv.Itoa(n) {
		t.Errorf("Rows (2): %d rows, starts %q, last id %q", n2, f2, last2[0])
	}
}
