package noc

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The evaluation titles in ../shared/eval measure the matcher; none of them
// is used as an alias, override or expected answer. Run the report with
//
//	go test ./noc -run TestAccuracyReport -v -accuracy
var accuracyFlag = flag.Bool("accuracy", false, "print the accuracy report on ../shared/eval")

const sharedDir = "../../shared"

func sharedPath(t testing.TB, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{sharedDir}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present: skipping (the shared reference data sits beside the checkout)", p)
	}
	return p
}

type evalRow struct {
	title, industry string
	strict          string   // exact 2021 code, "" when the 2016 code maps to several
	set             []string // every compatible 2021 code
}

// readShared reads a CSV file of ../shared (skipping the test when the
// folder is absent).
func readShared(t testing.TB, parts ...string) [][]string {
	f, err := os.Open(sharedPath(t, parts...))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func loadEval(t testing.TB, name string) []evalRow {
	recs := readShared(t, "eval", name)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	var out []evalRow
	for _, r := range recs[1:] {
		e := evalRow{title: r[col["job_title"]]}
		if i, ok := col["title"]; ok {
			e.title = r[i]
		}
		if i, ok := col["industry"]; ok {
			e.industry = r[i]
		}
		if i, ok := col["noc2021"]; ok {
			e.strict = r[i]
			e.set = strings.Split(r[col["noc2021_set"]], ";")
		} else {
			e.strict = r[col["noc_code"]]
			e.set = []string{e.strict}
		}
		out = append(out, e)
	}
	return out
}

type accuracy struct {
	n, nStrict                         int
	strict1, strict3, compat1, compat3 int
	scores                             []float64
	correct                            []bool
	perSec                             float64
}

func measure(ix *Index, rows []evalRow) accuracy {
	m := NewMatcher(ix)
	var a accuracy
	start := time.Now()
	for _, r := range rows {
		res := m.Match(Query{Title: r.title, Industry: r.industry}, "")
		top3 := []string{res.Code}
		for _, alt := range res.Alts {
			top3 = append(top3, alt.Code)
		}
		in := func(codes []string, c string) bool {
			for _, x := range codes {
				if x == c && c != "" {
					return true
				}
			}
			return false
		}
		a.n++
		ok := in(r.set, res.Code)
		if ok {
			a.compat1++
		}
		for _, c := range top3 {
			if in(r.set, c) {
				a.compat3++
				break
			}
		}
		if r.strict != "" {
			a.nStrict++
			if res.Code == r.strict {
				a.strict1++
			}
			if in(top3, r.strict) {
				a.strict3++
			}
		}
		a.scores = append(a.scores, res.Score)
		a.correct = append(a.correct, ok)
	}
	a.perSec = float64(len(rows)) / time.Since(start).Seconds()
	return a
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func (a accuracy) String() string {
	return fmt.Sprintf("strict top-1 %5.1f%%  top-3 %5.1f%% (n=%d) | compatible top-1 %5.1f%%  top-3 %5.1f%% (n=%d)",
		pct(a.strict1, a.nStrict), pct(a.strict3, a.nStrict), a.nStrict, pct(a.compat1, a.n), pct(a.compat3, a.n), a.n)
}

// curve returns coverage and precision (compatible top-1) at each threshold.
func (a accuracy) curve(th float64) (coverage, precision float64) {
	var in, ok int
	for i, s := range a.scores {
		if s >= th {
			in++
			if a.correct[i] {
				ok++
			}
		}
	}
	return pct(in, len(a.scores)), pct(ok, in)
}

func fullIndex(t testing.TB) *Index {
	ix := NewIndex(Builtin())
	if _, err := LoadElementsFile(ix, sharedPath(t, "noc", "noc_2021_elements_rebuilt.csv")); err != nil {
		t.Fatal(err)
	}
	ix.Freeze()
	return ix
}

func builtinIndex() *Index {
	ix := NewIndex(Builtin())
	ix.Freeze()
	return ix
}

func TestAccuracyReport(t *testing.T) {
	if !*accuracyFlag {
		t.Skip("pass -accuracy to print the accuracy report")
	}
	dev := loadEval(t, "dev_titles.csv")
	jb := loadEval(t, "jobbank_titles.csv")
	for _, c := range []struct {
		name string
		ix   *Index
	}{{"built-in", builtinIndex()}, {"full (elements)", fullIndex(t)}} {
		for _, set := range []struct {
			name string
			rows []evalRow
		}{{"dev_titles", dev}, {"jobbank_titles", jb}} {
			a := measure(c.ix, set.rows)
			t.Logf("%-16s %-15s %s", c.name, set.name, a)
			if set.name == "dev_titles" {
				t.Logf("  threshold  coverage  precision")
				for th := 0.5; th < 0.96; th += 0.05 {
					cov, prec := a.curve(th)
					t.Logf("  %9.2f  %7.1f%%  %8.1f%%", th, cov, prec)
				}
			}
		}
	}
}
