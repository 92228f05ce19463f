package report

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/readers"
	"github.com/casescreen/casescreen/rules"
	"github.com/casescreen/casescreen/screen"
)

type fileOut struct{ *os.File }

func (f fileOut) Commit() error { return f.Close() }
func (f fileOut) Abort() error  { return f.Close() }

// testJob opens a screening job over a one-row CSV with the given header,
// for a workbook to be written from records the test makes.
func testJob(t *testing.T, header string) *screen.Job {
	t.Helper()
	in := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(in, []byte(header+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	job, err := screen.Open(screen.Config{Inputs: []string{in}, AsOf: rules.MakeDate(2026, 11, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { job.Close() })
	return job
}

// annotation returns Out values for the job's schema from name -> value.
func annotation(job *screen.Job, vals map[string]pipeline.Value) []pipeline.Value {
	cols := job.Schema().Columns
	out := make([]pipeline.Value, len(cols))
	for i, c := range cols {
		out[i] = vals[c.Name]
	}
	return out
}

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
	job := testJob(t, "id,job_title")
	w := New(fileOut{f}, job, t.TempDir(), nil)
	w.Summarize(&screen.Summary{})
	out := annotation(job, map[string]pipeline.Value{"noc_code": pipeline.TextValue("63200"), "match_method": pipeline.TextValue("exact"),
		"match_score": pipeline.FloatValue(0.97), "rule_set": pipeline.TextValue("2026"), "needs_review": pipeline.BoolValue(false)})
	batch := make([]*pipeline.Record, 0, 1000)
	recs := make([]pipeline.Record, 1000)
	for i := 1; i <= n; i++ {
		r := &recs[len(batch)]
		*r = pipeline.Record{Source: "x.csv", Row: i + 1, Fields: []string{strconv.Itoa(i), "cook"}, First: i%1000 == 1, Out: out}
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
	// Read back with the project's streamed reader: excelize's row
	// iterator takes minutes over two million rows.
	count := func(sheet string) (rows int, first, last []string) {
		src, err := readers.OpenXLSX(p, sheet)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		first, rows = []string{src.Header()[0]}, 1
		for {
			rec, err := src.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			rows++
			if rows == 2 {
				first = append(first, rec.Fields[0])
			}
			last = rec.Fields
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
