package screen

import (
	"strconv"
	"testing"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/rules"
)

// TestFillCopiesOnlyApplicantColumns checks the path of fill that copies
// the applicant columns of an earlier row of the applicant: every column
// is what a fill from scratch gives, the per-job and per-row columns of
// the second row its own (another match, dates and reasons), in both
// shapes.
func TestFillCopiesOnlyApplicantColumns(t *testing.T) {
	app := &applicantResult{eligible: "healthcare", review: "stem", hours: "healthcare:1950"}
	for i := range app.assessed {
		app.assessed[i] = rules.ColumnNames[i] + "-value"
	}
	app.assessed[2] = "71" // fsw_points, an int column
	recA := &pipeline.Record{Row: 2}
	recA.Add(pipeline.Review, "low_match_score", "", "")
	recB := &pipeline.Record{Row: 3}
	jobA := rowJob{match: noc.Result{Code: "31301", Title: "Registered nurses", TEER: 1, Method: noc.MethodExact, Score: 0.97,
		Alts: []noc.Candidate{{Code: "32101", Score: 0.5}}}, start: rules.MakeDate(2020, 1, 15), end: rules.MakeDate(2024, 6, 30)}
	jobB := rowJob{match: noc.Result{Code: "21231", Title: "Software engineers", TEER: 1, Method: noc.MethodFuzzy, Score: 0.61},
		start: rules.MakeDate(2018, 3, 1)}
	for _, wide := range []bool{false, true} {
		out := newOutputTable(wide)
		n := len(out.cols)
		first := &rowResult{rec: recA, jobs: []rowJob{jobA}, app: app, ruleSet: "2026"}
		second := &rowResult{rec: recB, jobs: []rowJob{jobB}, app: app, ruleSet: "2026"}
		if wide {
			second.jobs = []rowJob{jobB, jobA}
		}
		a, b, want := make([]pipeline.Value, n), make([]pipeline.Value, n), make([]pipeline.Value, n)
		out.fill(a, first, nil)
		out.fill(b, second, a)
		out.fill(want, second, nil)
		differ := 0
		for i, c := range out.cols {
			if b[i] != want[i] {
				t.Errorf("wide=%v column %s: copied fill %+v, fill from scratch %+v", wide, c.name, b[i], want[i])
			}
			if !c.applicant && a[i] != b[i] {
				differ++
			}
		}
		if differ < 6 {
			t.Errorf("wide=%v: only %d non-applicant columns differ between the rows; the test rows are too alike", wide, differ)
		}
	}
}

func TestFormatAltsAndReasonCodes(t *testing.T) {
	alts := []noc.Candidate{{Code: "31301", Score: 0.974}, {Code: "32101", Score: 0.5}, {Code: "12345", Score: 1}, {Code: "00012", Score: 0.006}}
	if got, want := formatAlts(alts), "31301:0.97;32101:0.50;12345:1.00;00012:0.01"; got != want {
		t.Errorf("formatAlts = %q, want %q", got, want)
	}
	if got := formatAlts(nil); got != "" {
		t.Errorf("formatAlts(nil) = %q", got)
	}
	var many []noc.Candidate
	want := ""
	for i := range 12 { // past the stack buffer
		many = append(many, noc.Candidate{Code: "1000" + string(rune('0'+i%10)), Score: 0.25})
		if i > 0 {
			want += ";"
		}
		want += "1000" + string(rune('0'+i%10)) + ":0.25"
	}
	if got := formatAlts(many); got != want {
		t.Errorf("formatAlts(12) = %q, want %q", got, want)
	}
	ps := []pipeline.Problem{{Code: "a"}, {Code: "hours_missing"}, {Code: "a"}, {Code: "no_match"}}
	if got, want := reasonCodes(ps), "a;hours_missing;no_match"; got != want {
		t.Errorf("reasonCodes = %q, want %q", got, want)
	}
}

// TestCountryCache checks the worker's cache of country cells: a cell
// asked again, in any order, and cells past the cache's bound read as
// ParseCountry reads them.
func TestCountryCache(t *testing.T) {
	cells := []string{"Canada", "India", "Toronto, ON", "toronto, on", "Calgary, Alberta, Canada", "Paris, France", "", "n/a",
		"Québec", "ON", "Ontario ", "Lagos, Nigeria", ",", "a,b, bc", "CANADA", "Philippines"}
	for i := range 2 * maxCountries {
		cells = append(cells, "Town "+strconv.Itoa(i)+", "+[]string{"BC", "Kenya", "pei"}[i%3])
	}
	w := &worker{}
	for round := range 2 {
		for _, s := range cells {
			if got, want := w.country(s), ParseCountry(s); got != want {
				t.Fatalf("round %d: country(%q) = %v, want %v", round, s, got, want)
			}
		}
	}
	if len(w.countries) > maxCountries {
		t.Errorf("cache holds %d cells, bound %d", len(w.countries), maxCountries)
	}
	for s, want := range map[string]rules.Country{"Toronto, ON": rules.CountryCanada, "Calgary, Alberta, Canada": rules.CountryCanada,
		"Paris, France": rules.CountryAbroad, "a,b, bc": rules.CountryCanada, ",": rules.CountryAbroad, "": rules.CountryUnknown} {
		if got := ParseCountry(s); got != want {
			t.Errorf("ParseCountry(%q) = %v, want %v", s, got, want)
		}
	}
}
