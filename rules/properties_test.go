package rules

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// More work never lowers the CRS or takes a program away: raising a job's
// hours, moving its end later, or adding a job.
func TestMoreHoursNeverHurt(t *testing.T) {
	cs, _ := benchProfiles(300)
	book := builtinBook(t)
	rng := rand.New(rand.NewPCG(99, 1))
	checked, eligible := 0, 0
	for i := range cs {
		p, _ := ParseProfile(&cs[i], nil)
		asOf := MakeDate(2024, 1, 1) + Date(rng.IntN(3*365))
		rs, _ := book.At(asOf)
		e := &Evaluator{Rules: rs, SkipExplanation: true, SkipProjection: true}
		a := randomApplicant(rng, asOf)
		for k := range a.Jobs { // clean jobs: the doubtful ones have their own rule (review)
			a.Jobs[k].HoursKnown, a.Jobs[k].LowConfidence = true, false
			if a.Jobs[k].Country == CountryUnknown {
				a.Jobs[k].Country = CountryCanada
			}
		}
		before := e.Assess(&a, &p, asOf)
		for variant := 0; variant < 3; variant++ {
			more := Applicant{Jobs: slices.Clone(a.Jobs)}
			k := rng.IntN(len(more.Jobs))
			switch variant {
			case 0:
				more.Jobs[k].Hours += float64(1 + rng.IntN(20))
			case 1:
				if more.Jobs[k].Ongoing {
					more.Jobs[k].Hours += 5
				} else {
					more.Jobs[k].End += Date(1 + rng.IntN(400))
				}
			case 2:
				j := randomApplicant(rng, asOf).Jobs[0]
				j.HoursKnown, j.LowConfidence = true, false
				if j.Country == CountryUnknown {
					j.Country = CountryAbroad
				}
				more.Jobs = append(more.Jobs, j)
			}
			after := e.Assess(&more, &p, asOf)
			if before.CRS.Known && after.CRS.Total < before.CRS.Total {
				t.Errorf("applicant %d variant %d: CRS %d -> %d\nbefore %+v\nafter %+v", i, variant, before.CRS.Total, after.CRS.Total, a.Jobs, more.Jobs)
			}
			for _, pr := range []struct {
				name   string
				b, aft ProgramResult
			}{{"CEC", before.CEC, after.CEC}, {"FSW", before.FSW, after.FSW}, {"FST", before.FST, after.FST}} {
				if pr.b.Status == Eligible && pr.aft.Status != Eligible {
					t.Errorf("applicant %d variant %d: %s eligible -> %s %v\nbefore %+v\nafter %+v", i, variant, pr.name, pr.aft.Status, pr.aft.Reasons, a.Jobs, more.Jobs)
				}
			}
			for _, r := range []ProgramResult{before.CEC, before.FSW, before.FST} {
				if r.Status == Eligible {
					eligible++
				}
			}
			if before.FSWPoints.Total > after.FSWPoints.Total {
				t.Errorf("applicant %d variant %d: FSW points %d -> %d", i, variant, before.FSWPoints.Total, after.FSWPoints.Total)
			}
			checked++
		}
	}
	t.Logf("%d comparisons, %d of them from an eligible program", checked, eligible)
	if eligible < 100 {
		t.Errorf("only %d comparisons start from an eligible program: the property is hardly tested", eligible)
	}
}

// The assessment does not depend on the order of the jobs, and Assess
// and AssessInto with a used buffer agree.
func TestAssessDeterministic(t *testing.T) {
	cs, apps := benchProfiles(200)
	rs, _ := builtinBook(t).Named("2026")
	e := &Evaluator{Rules: rs, Title: func(c string) string { return "Title of " + c }}
	asOf := day("2026-11-01")
	var reused Assessment
	for i := range cs {
		p, _ := ParseProfile(&cs[i], nil)
		a := e.Assess(&apps[i], &p, asOf)
		rev := Applicant{Jobs: slices.Clone(apps[i].Jobs)}
		slices.Reverse(rev.Jobs)
		b := e.Assess(&rev, &p, asOf)
		e.AssessInto(&reused, &apps[i], &p, asOf)
		if a.Columns() != b.Columns() {
			t.Errorf("applicant %d: job order changes the columns:\n%q\n%q", i, a.Columns(), b.Columns())
		}
		if a.Columns() != reused.Columns() || !slices.Equal(codes(a.Reasons), codes(reused.Reasons)) {
			t.Errorf("applicant %d: AssessInto differs from Assess", i)
		}
	}
}
