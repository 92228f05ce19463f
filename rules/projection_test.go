package rules

import (
	"flag"
	"math/rand/v2"
	"testing"
)

var (
	projectionSeed  = flag.Uint64("projection-seed", 5, "seed of the random applicants of the projection tests")
	projectionScale = flag.Int("projection-scale", 1, "multiplies the number of random applicants of the projection tests")
)

// randomApplicant makes jobs around asOf: codes from the category lists
// (and some skilled codes on none), Canada, abroad or unknown, hours in
// halves, some ongoing, some ending after asOf, some starting after it.
func randomApplicant(rng *rand.Rand, asOf Date) Applicant {
	codes := []string{"31301", "33102", "31102", "72106", "72310", "63201", "21231", "21300", "00012", "41200", "22313", "82030"}
	hours := []float64{7.5, 15, 20, 22.5, 25, 30, 37.5, 40, 45}
	var a Applicant
	for k := rng.IntN(4); k >= 0; k-- {
		start := asOf - Date(rng.IntN(5*365)) + Date(rng.IntN(200))
		j := Job{Code: codes[rng.IntN(len(codes))], Start: start, DatesKnown: true, HoursKnown: rng.IntN(12) > 0,
			Hours: hours[rng.IntN(len(hours))], Country: Country(rng.IntN(3)), LowConfidence: rng.IntN(15) == 0}
		if rng.IntN(20) == 0 {
			j.Country = CountryUnknown
		} else if j.Country == CountryUnknown {
			j.Country = CountryCanada
		}
		if rng.IntN(3) == 0 {
			j.Ongoing = true
		} else {
			j.End = start + Date(rng.IntN(1500))
		}
		a.Jobs = append(a.Jobs, j)
	}
	return a
}

// TestProjectionMatchesBruteForce compares eligible_from and
// eligible_until of every occupational category with a day-by-day
// evaluation of the rule set on each of the next 3 years' days.
func TestProjectionMatchesBruteForce(t *testing.T) {
	book := builtinBook(t)
	rng := rand.New(rand.NewPCG(13, *projectionSeed))
	n := 400 * *projectionScale
	compared := map[string]int{}
	for i := 0; i < n; i++ {
		asOf := MakeDate(2023, 6, 1) + Date(rng.IntN(4*365))
		rs, err := book.At(asOf)
		if err != nil {
			t.Fatal(err)
		}
		a := randomApplicant(rng, asOf)
		ds := rs.Evaluate(&a, asOf)
		from, until := rs.ProjectCategories(&a, ds, asOf, nil, nil)
		horizon := asOf.AddYears(ProjectionYears)
		want := map[string]DatedID{}
		open := map[string]bool{} // categories whose change is still to be found
		for _, d := range ds {
			c := rs.category(d.Category)
			if c.Language == nil && len(c.ExtraRequirements) == 0 {
				open[d.Category] = d.Status == Eligible
			}
		}
		for day := asOf + 1; day <= horizon && len(open) > 0; day++ {
			for _, d := range rs.Evaluate(&a, day) {
				wasMet, ok := open[d.Category]
				if !ok {
					continue
				}
				if now := d.Status == Eligible; now != wasMet {
					if wasMet {
						want["until:"+d.Category] = DatedID{d.Category, day - 1}
					} else {
						want["from:"+d.Category] = DatedID{d.Category, day}
					}
					delete(open, d.Category)
				}
			}
		}
		got := map[string]DatedID{}
		for _, d := range from {
			got["from:"+d.ID] = d
		}
		for _, d := range until {
			got["until:"+d.ID] = d
		}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("applicant %d as of %s (%s): %s = %v, brute force %v; jobs %+v", i, asOf, rs.Name, k, got[k].Day, w.Day, a.Jobs)
			}
			compared[rs.Name]++
		}
		for k, g := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("applicant %d as of %s (%s): %s = %v, brute force none; jobs %+v", i, asOf, rs.Name, k, g.Day, a.Jobs)
			}
		}
	}
	// The test means something only if it met dates under every rule set.
	for _, name := range []string{"2023", "2024", "2025", "2026"} {
		if compared[name] < 5 {
			t.Errorf("only %d dates compared under %s", compared[name], name)
		}
	}
	t.Logf("dates compared per rule set: %v", compared)
}

// TestCECProjectionMatchesBruteForce does the same for CEC's year of
// Canadian work through Assess, with language tests that may expire on
// the way.
func TestCECProjectionMatchesBruteForce(t *testing.T) {
	book := builtinBook(t)
	rng := rand.New(rand.NewPCG(7, 11+*projectionSeed))
	n := 150 * *projectionScale
	found := 0
	for i := 0; i < n; i++ {
		asOf := MakeDate(2025, 3, 1) + Date(rng.IntN(2*365))
		rs, _ := book.At(asOf)
		e := &Evaluator{Rules: rs, SkipExplanation: true}
		brute := &Evaluator{Rules: rs, SkipExplanation: true, SkipProjection: true}
		a := randomApplicant(rng, asOf)
		for k := range a.Jobs {
			if rng.IntN(3) > 0 {
				a.Jobs[k].Country = CountryCanada
			}
		}
		score := 9.0
		if rng.IntN(2) == 0 {
			score = 6 // CELPIP 6: the TEER 2/3 route
		}
		p := Profile{Age: 30, Education: EducationBachelors, Marital: MaritalSingle, DependentChildren: Unknown, FamilySize: Unknown,
			CanadianWorkMonths: Unknown, CanadianWorkMonths3y: Unknown, CanadianWorkTEER: Unknown, ForeignWorkMonths: Unknown,
			PrimaryNOCContinuousMonths: Unknown, TradeMonths5y: Unknown, SpouseCanadianWorkMonths: Unknown, SettlementFunds: Unknown,
			Lang1: LangTest{Type: TestCELPIP, TestDate: asOf - Date(rng.IntN(700)), Scores: [4]float64{score, score, score, score},
				Has: [4]bool{true, true, true, true}}}
		got := e.Assess(&a, &p, asOf)
		metNow := got.CEC.Status == Eligible
		var want Date
		for day := asOf + 1; day <= asOf.AddYears(ProjectionYears); day++ {
			if (brute.Assess(&a, &p, day).CEC.Status == Eligible) != metNow {
				want = day
				break
			}
		}
		var have Date
		if metNow {
			have = dated(got.EligibleUntil, RoundCEC)
			if want != 0 {
				want--
			}
		} else {
			have = dated(got.EligibleFrom, RoundCEC)
		}
		if have != want {
			t.Errorf("applicant %d as of %s (met %v, CEC %v): cec %v, brute force %v; jobs %+v, test %v", i, asOf, metNow,
				got.CEC.Reasons, have, want, a.Jobs, p.Lang1.TestDate)
		}
		if want != 0 {
			found++
		}
	}
	if found < 10 {
		t.Errorf("only %d CEC dates found: the test compares too little", found)
	}
}

func BenchmarkProjection(b *testing.B) {
	book := builtinBook(b)
	rs, _ := book.Named("2026")
	asOf := day("2026-11-01")
	rng := rand.New(rand.NewPCG(3, 4))
	apps := make([]Applicant, 256)
	dss := make([][]Decision, len(apps))
	for i := range apps {
		apps[i] = randomApplicant(rng, asOf)
		dss[i] = rs.Evaluate(&apps[i], asOf)
	}
	var from, until []DatedID
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(apps)
		from, until = rs.ProjectCategories(&apps[k], dss[k], asOf, from[:0], until[:0])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "applicants/s")
}
