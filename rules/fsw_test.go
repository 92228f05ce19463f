package rules

import "testing"

func TestFSWGridFactors(t *testing.T) {
	// Age (max 12): express_entry_facts.md 4.3.
	for age, want := range map[int]int{17: 0, 18: 12, 30: 12, 35: 12, 36: 11, 37: 10, 38: 9, 39: 8, 40: 7, 41: 6, 42: 5,
		43: 4, 44: 3, 45: 2, 46: 1, 47: 0, 60: 0} {
		if got := fswAgePoints(age); got != want {
			t.Errorf("age %d: %d points, want %d", age, got, want)
		}
	}
	// Education (max 25).
	for lv, want := range map[EducationLevel]int{EducationLessThanSecondary: 0, EducationSecondary: 5, EducationOneYear: 15,
		EducationTwoYear: 19, EducationBachelors: 21, EducationTwoOrMore: 22, EducationMasters: 23, EducationDoctoral: 25} {
		if got := fswEducation[lv]; got != want {
			t.Errorf("education %s: %d, want %d", lv, got, want)
		}
	}
	// First language per ability (max 24).
	for lv, want := range map[int]int{0: 0, 4: 0, 6: 0, 7: 4, 8: 5, 9: 6, 10: 6} {
		if got := fswFirstLanguage(lv); got != want {
			t.Errorf("CLB %d: %d, want %d", lv, got, want)
		}
	}
	// Experience (max 15).
	for y, want := range map[int]int{0: 0, 1: 9, 2: 11, 3: 11, 4: 13, 5: 13, 6: 15, 12: 15} {
		if got := fswExperience(y); got != want {
			t.Errorf("%d years: %d, want %d", y, got, want)
		}
	}
}

func fswIn(p *Profile, first, second, spouse [4]int, age int, withSpouse bool) *programInput {
	f, s, sp := levels(first), levels(second), levels(spouse)
	return &programInput{p: p, asOf: day("2026-06-01"), age: age, withSpouse: withSpouse, first: &f, second: &s, spouse: &sp}
}

func TestFSWPoints(t *testing.T) {
	unknown := func(p Profile) Profile { p.SpouseCanadianWorkMonths = Unknown; return p }
	tests := []struct {
		name       string
		p          Profile
		first      [4]int
		second     [4]int
		spouse     [4]int
		withSpouse bool
		age        int
		skilled    float64 // years
		canadian   float64 // years
		want       FSWPoints
	}{
		// 4+5+6+6 = 21 language; 21 bachelor's; 1 year: 9; age 30: 12. Total 63.
		{"no adaptability", unknown(Profile{Education: EducationBachelors}), [4]int{7, 8, 9, 10}, [4]int{}, [4]int{}, false, 30, 1, 0,
			FSWPoints{Language: 21, Education: 21, Experience: 9, Age: 12, Total: 63, AgeKnown: true}},
		// Second language CLB 5 in all four: +4 -> 28 with CLB 9+.
		{"second language", unknown(Profile{Education: EducationDoctoral}), [4]int{9, 9, 9, 9}, [4]int{5, 5, 5, 5}, [4]int{}, false, 40, 6, 0,
			FSWPoints{Language: 28, Education: 25, Experience: 15, Age: 7, Total: 75, AgeKnown: true}},
		// No ECA: 0 education. Job offer: 10 + 5 adaptability.
		{"no ECA, job offer", unknown(Profile{Education: EducationMasters, ECA: TriNo, JobOffer: TriYes}), [4]int{7, 7, 7, 7}, [4]int{}, [4]int{}, false, 25, 2, 0,
			FSWPoints{Language: 16, Education: 0, Experience: 11, Age: 12, Arranged: 10, Adaptability: 5, Total: 54, AgeKnown: true}},
		// Adaptability capped at 10: Canadian work 10 + study 5 + relative 5 + spouse language 5 = 25 -> 10.
		{"adaptability capped", unknown(Profile{Education: EducationTwoYear, CanadianEducation: CanadianEducationTwoYear, RelativeInCanada: TriYes}),
			[4]int{7, 7, 7, 7}, [4]int{}, [4]int{4, 4, 4, 4}, true, 33, 1, 1,
			FSWPoints{Language: 16, Education: 19, Experience: 9, Age: 12, Adaptability: 10, Total: 66, AgeKnown: true}},
		// Spouse factors need an accompanying spouse; one-year Canadian
		// study earns no "past studies" points (errata 10: two years or more).
		{"spouse not accompanying", unknown(Profile{Education: EducationOneYear, CanadianEducation: CanadianEducationOneYear, SpouseCanadianStudy: TriYes}),
			[4]int{8, 8, 8, 8}, [4]int{}, [4]int{9, 9, 9, 9}, false, 36, 3, 0,
			FSWPoints{Language: 20, Education: 15, Experience: 11, Age: 11, Total: 57, AgeKnown: true}},
		{"spouse study and work", Profile{Education: EducationOneYear, SpouseCanadianStudy: TriYes, SpouseCanadianWorkMonths: 12},
			[4]int{8, 8, 8, 8}, [4]int{}, [4]int{}, true, 36, 3, 0,
			FSWPoints{Language: 20, Education: 15, Experience: 11, Age: 11, Adaptability: 10, Total: 67, AgeKnown: true}},
		// A sibling is a relative. Age unknown: no age points, AgeKnown false.
		{"sibling, age unknown", unknown(Profile{Education: EducationSecondary, SiblingInCanada: TriYes}), [4]int{7, 7, 7, 7}, [4]int{}, [4]int{}, false, Unknown, 0.5, 0,
			FSWPoints{Language: 16, Education: 5, Adaptability: 5, Total: 26}},
	}
	for _, tt := range tests {
		p := tt.p
		w := Work{Skilled10: tt.skilled * HoursPerYear, Canadian10: tt.canadian * HoursPerYear}
		got := fswPoints(fswIn(&p, tt.first, tt.second, tt.spouse, tt.age, tt.withSpouse), &w)
		if got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
