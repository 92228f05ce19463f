package bench

import (
	"bytes"
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/casescreen/casescreen/noc"
)

// testExamples reads the official example titles, skipping the test when
// ../shared is not beside the checkout.
func testExamples(t *testing.T) []Example {
	t.Helper()
	if _, err := os.Stat(elementsPath); err != nil {
		t.Skipf("%s not present: the generator draws its titles from the official example titles in ../shared; skipping", elementsPath)
	}
	ex, err := LoadExamples(elementsPath)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func generate(t *testing.T, o Options) ([][]string, Stats, []byte) {
	t.Helper()
	var buf bytes.Buffer
	st, err := GenerateList(&buf, o)
	if err != nil {
		t.Fatal(err)
	}
	data := slices.Clone(buf.Bytes())
	cr := csv.NewReader(&buf)
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("the list is not valid CSV: %v", err)
	}
	return recs, st, data
}

func TestLoadExamples(t *testing.T) {
	ex := testExamples(t)
	if len(ex) < 25_000 {
		t.Errorf("%d example titles, want the classification's 27,000-odd", len(ex))
	}
	for _, e := range ex[:100] {
		if len(e.Code) != 5 || e.Title == "" {
			t.Fatalf("bad example %+v", e)
		}
	}
	if _, err := LoadExamples("gen.go"); err == nil {
		t.Error("a file that is not an elements file loaded without error")
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	ex := testExamples(t)
	for _, o := range []Options{{Rows: 3000, Seed: 1}, {Rows: 3000, Seed: 1, Examples: ex, Scattered: 0.1}} {
		_, _, a := generate(t, o)
		_, _, b := generate(t, o)
		if !bytes.Equal(a, b) {
			t.Errorf("two lists with options %+v differ", o.Scattered)
		}
		o.Seed = 2
		_, _, c := generate(t, o)
		if bytes.Equal(a, c) {
			t.Error("seeds 1 and 2 gave the same list")
		}
	}
}

// The list's shape: header, row count, 1-3 contiguous rows per applicant
// with the same personal cells, an industry and an employer on every row,
// titles roughened from the official examples, and figures that count
// what they say.
func TestGenerateShape(t *testing.T) {
	ex := testExamples(t)
	const n = 20_000
	recs, st, _ := generate(t, Options{Rows: n, Seed: 42, Examples: ex})
	if !slices.Equal(recs[0], Header) {
		t.Fatalf("header %q", recs[0])
	}
	recs = recs[1:]
	if len(recs) != n || st.Rows != n {
		t.Fatalf("%d rows, stats say %d, want %d", len(recs), st.Rows, n)
	}
	official := map[string]bool{}
	for _, e := range ex {
		official[noc.Normalize(e.Title)] = true
	}
	titles, pairs := map[string]bool{}, map[string]bool{}
	runs := map[string]int{} // rows per applicant
	var roughened, atEmployer, abbreviated int
	for i, r := range recs {
		if len(r) != len(Header) {
			t.Fatalf("row %d has %d cells", i+2, len(r))
		}
		if strings.TrimSpace(r[colEmployer]) == "" || strings.TrimSpace(r[colIndustry]) == "" {
			t.Fatalf("row %d has no employer or industry: %q", i+2, r)
		}
		id := r[0]
		if i > 0 && recs[i-1][0] != id && runs[id] > 0 {
			t.Fatalf("applicant %s's rows are not contiguous (row %d)", id, i+2)
		}
		if i > 0 && recs[i-1][0] == id {
			for _, k := range personCols {
				if recs[i-1][k] != r[k] {
					t.Fatalf("applicant %s's column %q changes at row %d", id, Header[k], i+2)
				}
			}
		}
		runs[id]++
		title := noc.Normalize(r[3])
		titles[title] = true
		_, q := noc.SplitQualifiers(r[3])
		pairs[title+"\x00"+noc.Normalize(r[colIndustry]+" "+r[colEmployer]+" "+q)] = true
		if !official[title] {
			roughened++
		}
		if strings.Contains(r[3], "@") || strings.Contains(r[3], " at ") {
			atEmployer++
		}
		for _, a := range []string{"mgr", "asst", "sr.", "rn", "psw", "dev", "tech"} {
			if wordIndex(asciiLower(r[3]), a) >= 0 {
				abbreviated++
				break
			}
		}
	}
	for id, k := range runs {
		if k < 1 || k > 3 {
			t.Fatalf("applicant %s has %d rows", id, k)
		}
	}
	if st.Applicants != len(runs) || st.Scattered != 0 {
		t.Errorf("stats say %d applicants (%d scattered), the list has %d", st.Applicants, st.Scattered, len(runs))
	}
	if st.DistinctTitles != len(titles) || st.DistinctPairs != len(pairs) {
		t.Errorf("stats say %d titles and %d pairs, the list has %d and %d", st.DistinctTitles, st.DistinctPairs, len(titles), len(pairs))
	}
	// Measured: 4,830 distinct titles, 13,503 pairs, 83% of rows with a
	// title no official example normalises to, 4% with an employer after
	// "@" or "at", 8% abbreviated. Floors a little under.
	share := func(k int) float64 { return float64(k) / n }
	t.Logf("%d titles, %d pairs; roughened %.2f, employer in the title %.2f, abbreviated %.2f",
		len(titles), len(pairs), share(roughened), share(atEmployer), share(abbreviated))
	if len(titles) < 4000 || len(pairs) < 2*len(titles) {
		t.Errorf("%d distinct titles and %d pairs: the list is not varied enough", len(titles), len(pairs))
	}
	if share(roughened) < 0.75 || share(atEmployer) < 0.03 || share(abbreviated) < 0.06 {
		t.Errorf("roughened %.2f, employer in the title %.2f, abbreviated %.2f", share(roughened), share(atEmployer), share(abbreviated))
	}
}

// Without context the list is the same but for the two columns.
func TestGenerateNoContext(t *testing.T) {
	ex := testExamples(t)
	with, _, _ := generate(t, Options{Rows: 2000, Seed: 3, Examples: ex})
	without, st, _ := generate(t, Options{Rows: 2000, Seed: 3, Examples: ex, NoContext: true})
	if len(with) != len(without) {
		t.Fatalf("%d and %d rows", len(with), len(without))
	}
	for i := range with {
		want := slices.Delete(slices.Clone(with[i]), colEmployer, colIndustry+1)
		if !slices.Equal(without[i], want) {
			t.Fatalf("row %d: %q, want %q", i+1, without[i], want)
		}
	}
	if st.DistinctPairs > 2*st.DistinctTitles {
		t.Errorf("%d pairs for %d titles without context columns", st.DistinctPairs, st.DistinctTitles)
	}
}

// Coded, the list is the same but for a last column with the code of the
// example each title was drawn from.
func TestGenerateCoded(t *testing.T) {
	ex := testExamples(t)
	known := map[string]bool{}
	codesOf := map[string][]string{} // an example title, lower case -> its codes
	for _, e := range ex {
		known[e.Code] = true
		title := strings.ToLower(e.Title)
		codesOf[title] = append(codesOf[title], e.Code)
	}
	asTyped, own := 0, 0
	plain, _, _ := generate(t, Options{Rows: 2000, Seed: 3, Examples: ex})
	coded, _, _ := generate(t, Options{Rows: 2000, Seed: 3, Examples: ex, Coded: true})
	if len(plain) != len(coded) {
		t.Fatalf("%d and %d rows", len(plain), len(coded))
	}
	if h := coded[0]; h[len(h)-1] != CodeHeader {
		t.Fatalf("header %q: the last column is not %q", h, CodeHeader)
	}
	codes := map[string]bool{}
	for i, r := range coded[1:] {
		code := r[len(r)-1]
		if !known[code] {
			t.Fatalf("row %d: code %q is no example's", i+2, code)
		}
		codes[code] = true
		// A roughened title may be another example's ("... - retail"
		// without its qualifier): most of those typed as the
		// classification writes them are their code's own.
		if cs, ok := codesOf[strings.ToLower(r[3])]; ok {
			asTyped++
			if slices.Contains(cs, code) {
				own++
			}
		}
		if !slices.Equal(r[:len(r)-1], plain[i+1]) {
			t.Fatalf("row %d: %q, want %q and a code", i+2, r, plain[i+1])
		}
	}
	t.Logf("%d distinct codes; %d titles as the classification writes them, %d of them their code's", len(codes), asTyped, own)
	if len(codes) < 100 || asTyped < 50 || float64(own) < 0.8*float64(asTyped) {
		t.Errorf("%d distinct codes in 2,000 rows; %d titles as the classification writes them, %d of them their code's", len(codes), asTyped, own)
	}
}

// With Scattered, that share of applicants has rows that are not
// contiguous; every row is still written once.
func TestGenerateScattered(t *testing.T) {
	const n = 30_000
	recs, st, _ := generate(t, Options{Rows: n, Seed: 5, Scattered: 0.1})
	recs = recs[1:]
	if len(recs) != n {
		t.Fatalf("%d rows, want %d", len(recs), n)
	}
	rowsOf := map[string][]int{}
	for i, r := range recs {
		rowsOf[r[0]] = append(rowsOf[r[0]], i)
		if k := len(rowsOf[r[0]]); k > 1 && recs[rowsOf[r[0]][0]][1] != r[1] {
			t.Fatalf("applicant %s's name changes at row %d", r[0], i+2)
		}
	}
	scattered := 0
	for id, rs := range rowsOf {
		if len(rs) > 3 {
			t.Fatalf("applicant %s has %d rows", id, len(rs))
		}
		if rs[len(rs)-1]-rs[0] != len(rs)-1 {
			scattered++
		}
	}
	if st.Applicants != len(rowsOf) || scattered != st.Scattered {
		t.Errorf("stats say %d applicants, %d scattered; the list has %d, %d scattered", st.Applicants, st.Scattered, len(rowsOf), scattered)
	}
	if share := float64(scattered) / float64(len(rowsOf)); share < 0.08 || share > 0.12 {
		t.Errorf("%.3f of applicants scattered, want 0.1", share)
	}
}

func TestTypo(t *testing.T) {
	rng := newGenerator(Options{Seed: 9}).rng
	for range 200 {
		w := typo(rng, "electrician")
		if w == "electrician" || w[0] != 'e' || len(w) < 10 || len(w) > 12 {
			t.Fatalf("typo(electrician) = %q", w)
		}
	}
}
