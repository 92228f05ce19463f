package rules

import (
	"slices"
	"testing"
)

// crsCase is a CRS input with everything neutral unless set.
type crsCase struct {
	age        int
	edu        EducationLevel
	eca        Tri
	spouse     bool
	first      [4]int // levels; zero value: no test
	second     [4]int
	spouseLang [4]int
	french     [4]int // French test levels (for the French points)
	english    [4]int
	cdnYears   float64
	forYears   float64
	profile    Profile
}

func levels(l [4]int) LangResult {
	if l == [4]int{} {
		return LangResult{}
	}
	return LangResult{Counts: true, Levels: l}
}

func (c crsCase) score(asOf string) CRS {
	first, second, sp, fr, en := levels(c.first), levels(c.second), levels(c.spouseLang), levels(c.french), levels(c.english)
	w := Work{Canadian10: c.cdnYears * HoursPerYear, Foreign10: c.forYears * HoursPerYear}
	p := c.profile
	if p.SpouseCanadianWorkMonths == 0 {
		p.SpouseCanadianWorkMonths = Unknown
	}
	in := crsInput{age: c.age, education: c.edu, eca: c.eca, withSpouse: c.spouse, first: &first, second: &second,
		english: &en, french: &fr, spouse: &sp, work: &w, p: &p}
	return CRSGridAt(day(asOf)).score(&in)
}

func TestCRSAge(t *testing.T) {
	// express_entry_facts.md 5.A, with spouse / without spouse.
	want := map[int][2]int{16: {0, 0}, 17: {0, 0}, 18: {90, 99}, 19: {95, 105}, 20: {100, 110}, 25: {100, 110}, 29: {100, 110},
		30: {95, 105}, 31: {90, 99}, 32: {85, 94}, 33: {80, 88}, 34: {75, 83}, 35: {70, 77}, 36: {65, 72}, 37: {60, 66},
		38: {55, 61}, 39: {50, 55}, 40: {45, 50}, 41: {35, 39}, 42: {25, 28}, 43: {15, 17}, 44: {5, 6}, 45: {0, 0}, 60: {0, 0}}
	for age, w := range want {
		for i, spouse := range []bool{true, false} {
			if got := (crsCase{age: age, spouse: spouse}).score("2026-01-01").Age; got != w[i] {
				t.Errorf("age %d spouse %v: %d, want %d", age, spouse, got, w[i])
			}
		}
	}
}

func TestCRSEducation(t *testing.T) {
	want := map[EducationLevel][3]int{ // with spouse, without, spouse's own education
		EducationLessThanSecondary: {0, 0, 0}, EducationSecondary: {28, 30, 2}, EducationOneYear: {84, 90, 6},
		EducationTwoYear: {91, 98, 7}, EducationBachelors: {112, 120, 8}, EducationTwoOrMore: {119, 128, 9},
		EducationMasters: {126, 135, 10}, EducationDoctoral: {140, 150, 10},
	}
	for lv, w := range want {
		with := crsCase{age: 30, edu: lv, spouse: true, profile: Profile{SpouseEducation: lv}}.score("2026-01-01")
		without := crsCase{age: 30, edu: lv}.score("2026-01-01")
		if with.Education != w[0] || without.Education != w[1] || with.SpouseEducation != w[2] || without.SpouseEducation != 0 {
			t.Errorf("%s: %d/%d spouse %d, want %v", lv, with.Education, without.Education, with.SpouseEducation, w)
		}
		// A foreign credential without an ECA earns no education points.
		if c := (crsCase{age: 30, edu: lv, eca: TriNo}).score("2026-01-01"); c.Education != 0 {
			t.Errorf("%s without ECA: %d points", lv, c.Education)
		}
	}
}

func TestCRSLanguage(t *testing.T) {
	// Per ability: first language with/without spouse, second language,
	// spouse's language (errata 7: CLB 4 gives 6 for every test).
	want := map[int][4]int{0: {0, 0, 0, 0}, 3: {0, 0, 0, 0}, 4: {6, 6, 0, 0}, 5: {6, 6, 1, 1}, 6: {8, 9, 1, 1}, 7: {16, 17, 3, 3},
		8: {22, 23, 3, 3}, 9: {29, 31, 6, 5}, 10: {32, 34, 6, 5}}
	for lv, w := range want {
		l := [4]int{lv, lv, lv, lv}
		if lv == 0 {
			l = [4]int{0, 0, 0, 1} // a test that counts, three abilities below 4
		}
		with := crsCase{age: 30, spouse: true, first: l, spouseLang: l}.score("2026-01-01")
		without := crsCase{age: 30, first: l, second: l}.score("2026-01-01")
		if with.FirstLanguage[0] != w[0] || without.FirstLanguage[0] != w[1] || with.SpouseLanguage[0] != w[3] {
			t.Errorf("CLB %d: first %d/%d spouse %d, want %v", lv, with.FirstLanguage[0], without.FirstLanguage[0], with.SpouseLanguage[0], w)
		}
		if got := min(4*w[2], 24); without.SecondLanguage != got {
			t.Errorf("CLB %d second language: %d, want %d", lv, without.SecondLanguage, got)
		}
	}
	// Second language caps: 22 with spouse, 24 without (6 x 4 = 24).
	if c := (crsCase{age: 30, spouse: true, second: [4]int{10, 10, 10, 10}}).score("2026-01-01"); c.SecondLanguage != 22 {
		t.Errorf("second language with spouse %d, want 22", c.SecondLanguage)
	}
	if c := (crsCase{age: 30, second: [4]int{9, 9, 9, 9}}).score("2026-01-01"); c.SecondLanguage != 24 {
		t.Errorf("second language without spouse %d, want 24", c.SecondLanguage)
	}
	// Mixed abilities add per ability: 17+23+31+34 = 105 without spouse.
	if c := (crsCase{age: 30, first: [4]int{7, 8, 9, 10}}).score("2026-01-01"); c.FirstLanguage != [4]int{17, 23, 31, 34} {
		t.Errorf("mixed first language %v", c.FirstLanguage)
	}
}

func TestCRSCanadianWork(t *testing.T) {
	want := map[float64][3]int{0: {0, 0, 0}, 0.99: {0, 0, 0}, 1: {35, 40, 5}, 2: {46, 53, 7}, 3: {56, 64, 8}, 4: {63, 72, 9},
		5: {70, 80, 10}, 9: {70, 80, 10}}
	for y, w := range want {
		with := crsCase{age: 30, spouse: true, cdnYears: y, profile: Profile{SpouseCanadianWorkMonths: y * 12}}.score("2026-01-01")
		without := crsCase{age: 30, cdnYears: y}.score("2026-01-01")
		if with.CanadianWork != w[0] || without.CanadianWork != w[1] || with.SpouseWork != w[2] {
			t.Errorf("%v years: %d/%d spouse %d, want %v", y, with.CanadianWork, without.CanadianWork, with.SpouseWork, w)
		}
	}
}

func TestCRSTransferability(t *testing.T) {
	good, strong, clb6 := [4]int{7, 8, 9, 9}, [4]int{9, 9, 10, 9}, [4]int{6, 7, 7, 7}
	tests := []struct {
		name                      string
		c                         crsCase
		eduLang, eduCdn, eduBlock int
		forLang, forCdn, forBlock int
		cert, transfer            int
	}{
		{"one-year diploma, good language", crsCase{edu: EducationOneYear, first: good}, 13, 0, 13, 0, 0, 0, 0, 13},
		{"bachelor's, strong language", crsCase{edu: EducationBachelors, first: strong}, 25, 0, 25, 0, 0, 0, 0, 25},
		{"master's, good language", crsCase{edu: EducationMasters, first: good}, 25, 0, 25, 0, 0, 0, 0, 25},
		{"two or more, strong language", crsCase{edu: EducationTwoOrMore, first: strong}, 50, 0, 50, 0, 0, 0, 0, 50},
		{"secondary earns none", crsCase{edu: EducationSecondary, first: strong, cdnYears: 2}, 0, 0, 0, 0, 0, 0, 0, 0},
		{"CLB 6 earns no language combination", crsCase{edu: EducationDoctoral, first: clb6, forYears: 3}, 0, 0, 0, 0, 0, 0, 0, 0},
		{"two-year + 1 year Canadian", crsCase{edu: EducationTwoYear, cdnYears: 1}, 0, 13, 13, 0, 0, 0, 0, 13},
		{"two-year + 2 years Canadian", crsCase{edu: EducationTwoYear, cdnYears: 2.5}, 0, 25, 25, 0, 0, 0, 0, 25},
		{"doctoral + 1 year Canadian", crsCase{edu: EducationDoctoral, cdnYears: 1}, 0, 25, 25, 0, 0, 0, 0, 25},
		// Education block cap: 50 + 50 -> 50.
		{"doctoral, strong, 2 years Canadian: capped", crsCase{edu: EducationDoctoral, first: strong, cdnYears: 2}, 50, 50, 50, 0, 0, 0, 0, 50},
		{"foreign 1 year, good", crsCase{forYears: 1, first: good}, 0, 0, 0, 13, 0, 13, 0, 13},
		{"foreign 2 years, strong", crsCase{forYears: 2.9, first: strong}, 0, 0, 0, 25, 0, 25, 0, 25},
		{"foreign 3 years, good", crsCase{forYears: 3, first: good}, 0, 0, 0, 25, 0, 25, 0, 25},
		{"foreign 3 years, strong", crsCase{forYears: 3, first: strong}, 0, 0, 0, 50, 0, 50, 0, 50},
		{"foreign 1 year + 1 year Canadian", crsCase{forYears: 1, cdnYears: 1}, 0, 0, 0, 0, 13, 13, 0, 13},
		{"foreign 2 years + 2 years Canadian", crsCase{forYears: 2, cdnYears: 2}, 0, 0, 0, 0, 25, 25, 0, 25},
		{"foreign 3 years + 1 year Canadian", crsCase{forYears: 3, cdnYears: 1}, 0, 0, 0, 0, 25, 25, 0, 25},
		// Foreign block cap: 50 + 50 -> 50.
		{"foreign 3 years + 2 Canadian, strong: capped", crsCase{forYears: 4, cdnYears: 2, first: strong}, 0, 0, 0, 50, 50, 50, 0, 50},
		{"certificate, CLB 5 with one below 7", crsCase{first: [4]int{5, 7, 8, 9}, profile: Profile{Certificate: TriYes}}, 0, 0, 0, 0, 0, 0, 25, 25},
		{"certificate, CLB 7+", crsCase{first: [4]int{7, 7, 7, 7}, profile: Profile{Certificate: TriYes}}, 0, 0, 0, 0, 0, 0, 50, 50},
		{"certificate, CLB 4 somewhere", crsCase{first: [4]int{4, 7, 7, 7}, profile: Profile{Certificate: TriYes}}, 0, 0, 0, 0, 0, 0, 0, 0},
		// All three blocks: 50 + 50 + 50 capped at 100.
		{"all blocks: capped at 100", crsCase{edu: EducationMasters, first: strong, forYears: 3, cdnYears: 2, profile: Profile{Certificate: TriYes}},
			50, 50, 50, 50, 50, 50, 50, 100},
	}
	for _, tt := range tests {
		tt.c.age = 30
		c := tt.c.score("2026-01-01")
		got := [8]int{c.EducationLanguage, c.EducationCanadian, c.EducationBlock, c.ForeignLanguage, c.ForeignCanadian, c.ForeignBlock, c.CertificateLanguage, c.Transfer}
		want := [8]int{tt.eduLang, tt.eduCdn, tt.eduBlock, tt.forLang, tt.forCdn, tt.forBlock, tt.cert, tt.transfer}
		if got != want {
			t.Errorf("%s: %v, want %v", tt.name, got, want)
		}
	}
}

func TestCRSAdditional(t *testing.T) {
	nclc7 := [4]int{7, 7, 7, 7}
	tests := []struct {
		name                                   string
		asOf                                   string
		c                                      crsCase
		pnp, french, sibling, study, offer, ad int
	}{
		{"nomination", "2026-01-01", crsCase{profile: Profile{ProvincialNomination: TriYes}}, 600, 0, 0, 0, 0, 600},
		{"sibling", "2026-01-01", crsCase{profile: Profile{SiblingInCanada: TriYes}}, 0, 0, 15, 0, 0, 15},
		// errata 6: French NCLC 7+ with English CLB 5+ in all four: 50.
		{"French with English CLB 5", "2026-01-01", crsCase{french: nclc7, english: [4]int{5, 5, 5, 5}}, 0, 50, 0, 0, 0, 50},
		{"French, English CLB 5 in some", "2026-01-01", crsCase{french: nclc7, english: [4]int{5, 5, 5, 4}}, 0, 25, 0, 0, 0, 25},
		{"French, no English", "2026-01-01", crsCase{french: nclc7}, 0, 25, 0, 0, 0, 25},
		{"French NCLC 6 somewhere", "2026-01-01", crsCase{french: [4]int{7, 7, 6, 9}, english: [4]int{9, 9, 9, 9}}, 0, 0, 0, 0, 0, 0},
		{"Canadian study 1 year", "2026-01-01", crsCase{profile: Profile{CanadianEducation: CanadianEducationOneYear}}, 0, 0, 0, 15, 0, 15},
		{"Canadian study 2 years", "2026-01-01", crsCase{profile: Profile{CanadianEducation: CanadianEducationTwoYear}}, 0, 0, 0, 15, 0, 15},
		{"Canadian study 3+ years", "2026-01-01", crsCase{profile: Profile{CanadianEducation: CanadianEducationThreeYearPlus}}, 0, 0, 0, 30, 0, 30},
		// Job offers: 200 for Major Group 00, 50 for other TEER 0-3, before 2025-03-25 only.
		{"job offer 00 before", "2025-03-24", crsCase{profile: Profile{JobOffer: TriYes, JobOfferNOC: "00012"}}, 0, 0, 0, 0, 200, 200},
		{"job offer TEER 1 before", "2025-03-24", crsCase{profile: Profile{JobOffer: TriYes, JobOfferNOC: "21231"}}, 0, 0, 0, 0, 50, 50},
		{"job offer TEER 4 before", "2025-03-24", crsCase{profile: Profile{JobOffer: TriYes, JobOfferNOC: "44101"}}, 0, 0, 0, 0, 0, 0},
		{"job offer 00 from 2025-03-25", "2025-03-25", crsCase{profile: Profile{JobOffer: TriYes, JobOfferNOC: "00012"}}, 0, 0, 0, 0, 0, 0},
		// Cap 600: 600 + 50 + 15 + 30 -> 600.
		{"capped at 600", "2026-01-01", crsCase{french: nclc7, english: nclc7, profile: Profile{ProvincialNomination: TriYes,
			SiblingInCanada: TriYes, CanadianEducation: CanadianEducationThreeYearPlus}}, 600, 50, 15, 30, 0, 600},
	}
	for _, tt := range tests {
		tt.c.age = 30
		c := tt.c.score(tt.asOf)
		got := [6]int{c.ProvincialNomination, c.French, c.Sibling, c.CanadianStudy, c.JobOffer, c.Additional}
		want := [6]int{tt.pnp, tt.french, tt.sibling, tt.study, tt.offer, tt.ad}
		if got != want {
			t.Errorf("%s: %v, want %v", tt.name, got, want)
		}
	}
}

func TestCRSGrids(t *testing.T) {
	for _, tt := range []struct{ day, grid string }{
		{"2020-10-26", ""}, {"2020-10-27", "crs-2020-10-27"}, {"2025-03-24", "crs-2020-10-27"}, {"2025-03-25", "crs-2025-03-25"},
		{"2030-01-01", "crs-2025-03-25"},
	} {
		g := CRSGridAt(day(tt.day))
		if g == nil && tt.grid != "" || g != nil && g.Name != tt.grid {
			t.Errorf("CRSGridAt(%s) = %v, want %s", tt.day, g, tt.grid)
		}
	}
	// The maxima of express_entry_facts.md 5: core 460 with spouse + 40
	// spouse, 500 without; transferability 100; additional 600; 1,200.
	top := [4]int{10, 10, 10, 10}
	max := func(spouse bool) CRS {
		return crsCase{age: 25, edu: EducationDoctoral, spouse: spouse, first: top, second: top, spouseLang: top,
			cdnYears: 5, forYears: 3, french: top, english: top,
			profile: Profile{SpouseEducation: EducationDoctoral, SpouseCanadianWorkMonths: 60, ProvincialNomination: TriYes, Certificate: TriYes}}.score("2026-01-01")
	}
	with, without := max(true), max(false)
	if with.Core != 460 || with.Spouse != 40 || with.Transfer != 100 || with.Additional != 600 || with.Total != 1200 {
		t.Errorf("maxima with spouse: %+v", with)
	}
	if without.Core != 500 || without.Spouse != 0 || without.Total != 1200 {
		t.Errorf("maxima without spouse: %+v", without)
	}
}

func TestJobOfferWithoutNOC(t *testing.T) {
	e := evaluator(t, "2025-03-24")
	p := Profile{Age: 30, Education: EducationBachelors, Marital: MaritalSingle, JobOffer: TriYes, DependentChildren: Unknown,
		FamilySize: Unknown, CanadianWorkMonths: Unknown, CanadianWorkMonths3y: Unknown, CanadianWorkTEER: Unknown,
		ForeignWorkMonths: Unknown, PrimaryNOCContinuousMonths: Unknown, TradeMonths5y: Unknown, SpouseCanadianWorkMonths: Unknown,
		SettlementFunds: Unknown}
	a := e.Assess(&Applicant{}, &p, day("2025-03-24"))
	// 105 + 120 + job offer 50 (assumed TEER 0-3, not Major Group 00) = 275.
	if a.CRS.JobOffer != 50 || a.CRS.Total != 275 || !slices.Contains(codes(a.Reasons), ReasonJobOfferNOCMissing) {
		t.Errorf("job offer without NOC: %d points, total %d, reasons %v", a.CRS.JobOffer, a.CRS.Total, codes(a.Reasons))
	}
	a = e.Assess(&Applicant{}, &p, day("2025-03-25"))
	if a.CRS.JobOffer != 0 || slices.Contains(codes(a.Reasons), ReasonJobOfferNOCMissing) {
		t.Errorf("from 2025-03-25: %d job-offer points, reasons %v", a.CRS.JobOffer, codes(a.Reasons))
	}
}
