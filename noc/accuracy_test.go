package noc

import (
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The evaluation titles in ../shared/eval measure the matcher; none of them
// is an index entry, alias, override, training title or expected answer of
// a test. The one use beyond measuring, as ../shared/eval/README.md
// allows: the score calibration (calibration.go) is fitted on the fitting
// half of dev_titles (fitHalf) and reported on the other. TestAccuracy
// asserts floors on them and prints the report with -v (`just accuracy`):
//
//	go test ./noc -run TestAccuracy -v -count=1
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

// fitHalf reports whether an evaluation title is in the half of
// dev_titles the calibration is fitted on: by the FNV-1a hash of the title
// lower-cased with its spaces collapsed (a normalisation of its own, so
// that changes to Normalize do not move rows between the halves).
func fitHalf(title string) bool {
	h := fnv.New64a()
	h.Write([]byte(foldTitle(title)))
	return h.Sum64()%2 == 0
}

// foldTitle is a title lower-cased with its spaces collapsed: the key of
// fitHalf and fitWeights.
func foldTitle(title string) string { return strings.Join(strings.Fields(strings.ToLower(title)), " ") }

// split returns the fitting and the held-out half of rows.
func split(rows []evalRow) (fit, held []evalRow) {
	for _, r := range rows {
		if fitHalf(r.title) {
			fit = append(fit, r)
		} else {
			held = append(held, r)
		}
	}
	return fit, held
}

// accuracy is what the matcher did on a set of evaluation rows.
type accuracy struct {
	n, nStrict                         int
	strict1, strict3, compat1, compat3 int
	scores                             []float64
	correct                            []bool // compatible top-1
	feats                              []features
}

// topK is how many codes "top-3" counts: the chosen code and the next two
// candidates.
const topK = 3

func measure(ix *Index, rows []evalRow) accuracy {
	m := NewMatcher(ix)
	l := m.Local()
	defer l.Release()
	var a accuracy
	for _, r := range rows {
		res, f := l.matchFeatures(Query{Title: r.title, Industry: r.industry}, "")
		top := []string{res.Code}
		for _, alt := range res.Alts {
			if len(top) == topK {
				break
			}
			top = append(top, alt.Code)
		}
		a.n++
		ok := res.Code != "" && slices.Contains(r.set, res.Code)
		if ok {
			a.compat1++
		}
		for _, c := range top {
			if c != "" && slices.Contains(r.set, c) {
				a.compat3++
				break
			}
		}
		if r.strict != "" {
			a.nStrict++
			if res.Code == r.strict {
				a.strict1++
			}
			if slices.Contains(top, r.strict) {
				a.strict3++
			}
		}
		a.scores = append(a.scores, res.Score)
		a.correct = append(a.correct, ok)
		a.feats = append(a.feats, f)
	}
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

// curve returns coverage and precision (compatible top-1) at a threshold:
// the share of rows scored th or more, and how many of them are right.
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

// coverageAt is the largest share of rows (percent) that some threshold
// passes at a precision of at least prec percent, and that threshold.
func (a accuracy) coverageAt(prec float64) (coverage, threshold float64) {
	idx := make([]int, len(a.scores))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int {
		switch {
		case a.scores[x] > a.scores[y]:
			return -1
		case a.scores[x] < a.scores[y]:
			return 1
		}
		return 0
	})
	ok := 0
	for k, i := range idx {
		if a.correct[i] {
			ok++
		}
		// a threshold can only fall between different scores
		if k+1 < len(idx) && a.scores[idx[k+1]] == a.scores[i] {
			continue
		}
		if a.scores[i] > 0 && pct(ok, k+1) >= prec {
			coverage, threshold = pct(k+1, len(idx)), a.scores[i]
		}
	}
	return coverage, threshold
}

// band is one row of a reliability table.
type band struct {
	lo, hi    float64
	n         int
	meanScore float64
	accuracy  float64
}

// reliability groups the rows into score bands of 0.1 and returns them
// with the expected calibration error in points: the row-weighted mean of
// |accuracy - mean score| over the bands.
func (a accuracy) reliability() ([]band, float64) {
	bands := make([]band, 10)
	var ok [10]int
	for i := range bands {
		bands[i].lo, bands[i].hi = float64(i)/10, float64(i+1)/10
	}
	for i, s := range a.scores {
		b := min(int(s*10), 9)
		bands[b].n++
		bands[b].meanScore += s
		if a.correct[i] {
			ok[b]++
		}
	}
	var ece float64
	for i := range bands {
		if bands[i].n == 0 {
			continue
		}
		bands[i].meanScore /= float64(bands[i].n)
		bands[i].accuracy = float64(ok[i]) / float64(bands[i].n)
		ece += float64(bands[i].n) * math.Abs(bands[i].accuracy-bands[i].meanScore)
	}
	return bands, 100 * ece / float64(len(a.scores))
}

// report logs the figures of one evaluation set.
func (a accuracy) report(t *testing.T, name string) {
	t.Logf("%-26s %s", name, a)
	bands, ece := a.reliability()
	t.Logf("  score band  rows   mean score  accuracy")
	for _, b := range bands {
		if b.n > 0 {
			t.Logf("  %.1f-%.1f   %5.1f%%  %9.3f  %7.1f%%", b.lo, b.hi, pct(b.n, a.n), b.meanScore, 100*b.accuracy)
		}
	}
	c90, t90 := a.coverageAt(90)
	c95, t95 := a.coverageAt(95)
	t.Logf("  ECE %.1f points; covered at 90%% precision %.1f%% (score >= %.2f), at 95%% %.1f%% (score >= %.2f)",
		ece, c90, t90, c95, t95)
	t.Logf("  threshold  coverage  precision")
	for th := 0.3; th < 0.96; th += 0.05 {
		cov, prec := a.curve(th)
		t.Logf("  %9.2f  %7.1f%%  %8.1f%%", th, cov, prec)
	}
}

func builtinIndex() *Index {
	ix := NewIndex(Builtin())
	ix.Freeze()
	return ix
}

// accuracyFloors are the compatible top-1 and top-3 shares (percent) on
// dev_titles below which TestAccuracy fails, a couple of points under what
// was measured (docs/matching.md), and the largest expected calibration
// error (points) allowed on the held-out half.
var accuracyFloors = struct{ top1, top3, ece float64 }{62, 75, 9}

// TestAccuracy measures the built-in index on the evaluation titles, fails
// when dev_titles falls under the floors, and prints the report with -v.
func TestAccuracy(t *testing.T) {
	dev := loadEval(t, "dev_titles.csv")
	jb := loadEval(t, "jobbank_titles.csv")
	ix := builtinIndex()
	fit, held := split(dev)
	all := measure(ix, dev)
	all.report(t, "dev_titles (all)")
	measure(ix, fit).report(t, "dev_titles (fitting half)")
	h := measure(ix, held)
	h.report(t, "dev_titles (held-out half)")
	measure(ix, jb).report(t, "jobbank_titles")
	f := accuracyFloors
	if got := pct(all.compat1, all.n); got < f.top1 {
		t.Errorf("dev_titles: compatible top-1 %.1f%%, floor %.0f%%", got, f.top1)
	}
	if got := pct(all.compat3, all.n); got < f.top3 {
		t.Errorf("dev_titles: compatible top-3 %.1f%%, floor %.0f%%", got, f.top3)
	}
	if _, ece := h.reliability(); ece > f.ece {
		t.Errorf("dev_titles held-out half: expected calibration error %.1f points, at most %.1f", ece, f.ece)
	}
}
