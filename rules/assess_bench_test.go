package rules

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// benchProfiles are client-list shaped profiles: every column a consultant
// fills in, test types and levels varied, and 1-3 jobs each, as cells.
func benchProfiles(n int) ([]ProfileCells, []Applicant) {
	rng := rand.New(rand.NewPCG(21, 8))
	asOf := day("2026-11-01")
	tests := []struct{ typ, r, w, l, s string }{
		{"IELTS", "7", "6.5", "8", "7"}, {"CELPIP-G", "9", "8", "10", "9"}, {"PTE Core", "70", "75", "80", "72"},
		{"TEF Canada", "450", "430", "500", "470"}, {"TCF", "460", "11", "470", "12"}, {"CLB", "7", "7", "8", "9"},
	}
	marital := []string{"single", "married", "common-law", "divorced"}
	edu := []string{"secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "doctoral"}
	cs := make([]ProfileCells, n)
	apps := make([]Applicant, n)
	for i := range cs {
		c := &cs[i]
		t := tests[rng.IntN(len(tests))]
		set := func(f Field, v string) { c.Set(f, v) }
		set(FieldDateOfBirth, "19"+strconv.Itoa(70+rng.IntN(30))+"-0"+strconv.Itoa(1+rng.IntN(9))+"-1"+strconv.Itoa(rng.IntN(10)))
		set(FieldMaritalStatus, marital[rng.IntN(len(marital))])
		set(FieldSpouseAccompanying, []string{"yes", "no", ""}[rng.IntN(3)])
		set(FieldDependentChildren, strconv.Itoa(rng.IntN(3)))
		set(FieldEducationLevel, edu[rng.IntN(len(edu))])
		set(FieldCanadianEducation, []string{"", "none", "two_year", "three_year_plus"}[rng.IntN(4)])
		set(FieldLang1Test, t.typ)
		set(FieldLang1TestDate, "2025-0"+strconv.Itoa(1+rng.IntN(9))+"-15")
		set(FieldLang1Reading, t.r)
		set(FieldLang1Writing, t.w)
		set(FieldLang1Listening, t.l)
		set(FieldLang1Speaking, t.s)
		if rng.IntN(4) == 0 {
			set(FieldLang2Test, "TEF")
			set(FieldLang2TestDate, "2025-10-01")
			for f := FieldLang2Reading; f <= FieldLang2Speaking; f++ {
				set(f, "480")
			}
		}
		set(FieldSettlementFunds, strconv.Itoa(10000+rng.IntN(30000)))
		set(FieldJobOffer, []string{"yes", "no", ""}[rng.IntN(3)])
		set(FieldCertificateOfQualification, []string{"no", "", "yes"}[rng.IntN(3)])
		set(FieldSiblingInCanada, []string{"no", "yes", ""}[rng.IntN(3)])
		apps[i] = randomApplicant(rng, asOf)
	}
	return cs, apps
}

// BenchmarkProgramsAndCRS: the three programs, the FSW points, language
// levels, work derivation from the jobs, the CRS and the draw margins for
// one applicant (Assess without the projection and the explanation).
func BenchmarkProgramsAndCRS(b *testing.B) {
	benchAssess(b, &Evaluator{SkipProjection: true, SkipExplanation: true})
}

func benchAssess(b *testing.B, e *Evaluator) {
	cs, apps := benchProfiles(1024)
	ps := make([]Profile, len(cs))
	for i := range cs {
		ps[i], _ = ParseProfile(&cs[i], nil)
	}
	e.Rules, _ = builtinBook(b).Named("2026")
	asOf := day("2026-11-01")
	var a Assessment
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(apps)
		e.AssessInto(&a, &apps[k], &ps[k], asOf)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "applicants/s")
}

// BenchmarkAssess is the whole of Assess, eligibility dates and the
// explanation included, as the screening stage calls it.
func BenchmarkAssess(b *testing.B) {
	benchAssess(b, &Evaluator{Title: func(string) string { return "Some occupation, with a qualifier" }})
}

func BenchmarkParseProfile(b *testing.B) {
	cs, _ := benchProfiles(1024)
	var p Profile
	var why []Reason
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		why = cs[i%len(cs)].ParseInto(&p, nil, why[:0])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "profiles/s")
}
