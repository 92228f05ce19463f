package rules

import (
	"strings"
	"testing"
)

func TestParseBool(t *testing.T) {
	for in, want := range map[string]Tri{
		"yes": TriYes, "Yes": TriYes, " YES ": TriYes, "y": TriYes, "true": TriYes, "TRUE": TriYes, "1": TriYes, "Oui": TriYes,
		"no": TriNo, "N": TriNo, "false": TriNo, "0": TriNo, "non": TriNo, "NON": TriNo, "": TriBlank, "  ": TriBlank,
	} {
		if got, ok := ParseBool(in); !ok || got != want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"maybe", "2", "yess", "-", "?", "oui non"} {
		if _, ok := ParseBool(in); ok {
			t.Errorf("ParseBool(%q) accepted", in)
		}
	}
}

func TestParseVocabularies(t *testing.T) {
	marital := map[string]MaritalStatus{
		"single": MaritalSingle, "Never married": MaritalSingle, "married": MaritalMarried, "Common-law": MaritalCommonLaw,
		"common_law": MaritalCommonLaw, "COMMON LAW": MaritalCommonLaw, "divorced": MaritalDivorced, "Separated": MaritalSeparated,
		"widowed": MaritalWidowed, "annulled": MaritalAnnulled, "Marié": MaritalMarried, "Célibataire": MaritalSingle, "": MaritalUnknown,
	}
	for in, want := range marital {
		if got, ok := ParseMarital(in); !ok || got != want {
			t.Errorf("ParseMarital(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	education := map[string]EducationLevel{
		"less_than_secondary": EducationLessThanSecondary, "secondary": EducationSecondary, "High school": EducationSecondary,
		"one_year": EducationOneYear, "two_year": EducationTwoYear, "bachelors": EducationBachelors, "Bachelor's": EducationBachelors,
		"two_or_more": EducationTwoOrMore, "masters": EducationMasters, "Master's degree": EducationMasters,
		"doctoral": EducationDoctoral, "PhD": EducationDoctoral, "": EducationUnknown,
	}
	for in, want := range education {
		if got, ok := ParseEducation(in); !ok || got != want {
			t.Errorf("ParseEducation(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	cdn := map[string]CanadianEducation{
		"none": CanadianEducationNone, "": CanadianEducationNone, "one_year": CanadianEducationOneYear,
		"two_year": CanadianEducationTwoYear, "three_year_plus": CanadianEducationThreeYearPlus, "masters": CanadianEducationThreeYearPlus,
	}
	for in, want := range cdn {
		if got, ok := ParseCanadianEducation(in); !ok || got != want {
			t.Errorf("ParseCanadianEducation(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	tests := map[string]TestType{
		"IELTS": TestIELTS, "IELTS General": TestIELTS, "IELTS GT": TestIELTS, "ielts general training": TestIELTS,
		"CELPIP": TestCELPIP, "CELPIP-G": TestCELPIP, "CELPIP General": TestCELPIP, "PTE Core": TestPTECore, "pte-core": TestPTECore,
		"TEF": TestTEF, "TEF Canada": TestTEF, "TEF ancien": TestTEFAncien, "TEF Canada (équivalence ancien score)": TestTEFAncien,
		"TCF": TestTCF, "TCF Canada": TestTCF, "CLB": TestCLB, "NCLC": TestNCLC, "nclc": TestNCLC,
		"IELTS Academic": TestNotDesignated, "PTE Academic": TestNotDesignated, "CELPIP-LS": TestNotDesignated, "TOEFL": TestNotDesignated,
		"TOEFL iBT": TestNotDesignated, "": TestNone,
	}
	for in, want := range tests {
		if got, ok := ParseTestType(in); !ok || got != want {
			t.Errorf("ParseTestType(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"PTE", "english test", "IELTS 7", "Bachelor of Arts and Sciences with honours"} {
		if _, ok := ParseTestType(in); ok {
			t.Errorf("ParseTestType(%q) accepted", in)
		}
	}
	if _, ok := ParseEducation("college"); ok {
		t.Error(`ParseEducation("college") guessed a level`)
	}
}

func TestParseNumbers(t *testing.T) {
	for _, tt := range []struct {
		in   string
		f    func(string) (float64, bool)
		want float64
		ok   bool
	}{
		{"14", ParseMonths, 14, true}, {"14.5", ParseMonths, 14.5, true}, {"14,5", ParseMonths, 14.5, true},
		{" 0 ", ParseMonths, 0, true}, {"-3", ParseMonths, 0, false}, {"1e3", ParseMonths, 0, false}, {"5000", ParseMonths, 0, false},
		{"12 months", ParseMonths, 0, false},
		{"6.5", ParseScore, 6.5, true}, {"6,5", ParseScore, 6.5, true}, {"M", ParseScore, 0, true}, {"CLB 7", ParseScore, 7, true},
		{"NCLC:8", ParseScore, 8, true}, {"seven", ParseScore, 0, false}, {".5", ParseScore, 0, false},
		{"25000", ParseMoney, 25000, true}, {"25,000", ParseMoney, 25000, true}, {"$25,000.50", ParseMoney, 25000.5, true},
		{"25 000", ParseMoney, 25000, true}, {"CAD 18288", ParseMoney, 18288, true}, {"18288 $", ParseMoney, 18288, true},
		{"1.234.567", ParseMoney, 1234567, true}, {"12,5", ParseMoney, 12.5, true}, {"lots", ParseMoney, 0, false},
		{"25,000.5.5", ParseMoney, 0, false}, {"$", ParseMoney, 0, false},
	} {
		got, ok := tt.f(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("parse(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for in, want := range map[string]int{"2": 2, "2.0": 2, "0": 0} {
		if got, ok := ParseCount(in, 30); !ok || got != want {
			t.Errorf("ParseCount(%q) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []string{"2.5", "-1", "31", "two"} {
		if _, ok := ParseCount(in, 30); ok {
			t.Errorf("ParseCount(%q) accepted", in)
		}
	}
	for in, want := range map[string]string{"21231": "21231", "NOC 21231": "21231", "noc: 21231": "21231"} {
		if got, ok := ParseNOC(in); !ok || got != want {
			t.Errorf("ParseNOC(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"2123", "212311", "2123a"} {
		if _, ok := ParseNOC(in); ok {
			t.Errorf("ParseNOC(%q) accepted", in)
		}
	}
	for in, want := range map[string]int{"0": 0, "3": 3, "TEER 2": 2} {
		if got, ok := ParseTEER(in); !ok || got != want {
			t.Errorf("ParseTEER(%q) = %d, %v", in, got, ok)
		}
	}
	if _, ok := ParseTEER("4"); ok {
		t.Error("TEER 4 accepted for canadian_work_teer")
	}
	for in, want := range map[string]bool{"QC": true, "Québec": true, "quebec": true, "Ontario": false, "": false, "QCX": false} {
		if got := IsQuebec(in); got != want {
			t.Errorf("IsQuebec(%q) = %v", in, got)
		}
	}
}

func TestSkilledAndTrades(t *testing.T) {
	for code, want := range map[string][2]bool{
		// code: {skilled, skilled trade}
		"21231": {true, false}, "72310": {true, true}, "72600": {true, false}, // 726 excluded
		"73300": {true, true}, "82030": {true, true}, "83100": {true, true}, "92100": {true, true},
		"93100": {true, true}, "93200": {true, false}, // errata 1: 93 in, 932 out
		"63200": {true, true}, "63201": {true, true}, "62200": {true, true}, "62100": {true, false},
		"65100": {false, false}, "44101": {false, false}, "00012": {true, false}, "7231": {false, false},
	} {
		if Skilled(code) != want[0] || IsSkilledTrade(code) != want[1] {
			t.Errorf("%s: skilled %v trade %v, want %v", code, Skilled(code), IsSkilledTrade(code), want)
		}
	}
}

func TestParsersDoNotAllocate(t *testing.T) {
	cells := []string{"Common-law", "yes", "IELTS General Training", "bachelors", "Québec", "6.5", "14"}
	n := testing.AllocsPerRun(100, func() {
		ParseMarital(cells[0])
		ParseBool(cells[1])
		ParseTestType(cells[2])
		ParseEducation(cells[3])
		IsQuebec(cells[4])
		ParseScore(cells[5])
		ParseMonths(cells[6])
	})
	if n != 0 {
		t.Errorf("%v allocations for the common spellings, want 0", n)
	}
}

func FuzzParseVocab(f *testing.F) {
	for _, s := range []string{"yes", "Common-law", "IELTS GT", "TEF Canada (équivalence ancien score)", "25,000.50", "6,5", "M",
		"NOC 21231", "TEER 2", "\xc3", "é", strings.Repeat("a", 60)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, ok := ParseBool(s); ok && v > TriYes {
			t.Fatal(v)
		}
		if v, ok := ParseMarital(s); ok && v > MaritalAnnulled {
			t.Fatal(v)
		}
		if v, ok := ParseEducation(s); ok && v > EducationDoctoral {
			t.Fatal(v)
		}
		if v, ok := ParseTestType(s); ok && v > TestNotDesignated {
			t.Fatal(v)
		}
		if v, ok := ParseMonths(s); ok && (v < 0 || v > 1200) {
			t.Fatal(v)
		}
		if v, ok := ParseMoney(s); ok && v < 0 {
			t.Fatal(v)
		}
		if v, ok := ParseScore(s); ok && v < 0 {
			t.Fatal(v)
		}
		if v, ok := ParseNOC(s); ok && (len(v) != 5 || !isDigits(v)) {
			t.Fatal(v)
		}
		if v, ok := ParseTEER(s); ok && (v < 0 || v > 3) {
			t.Fatal(v)
		}
		IsQuebec(s)
	})
}

func TestAgeOn(t *testing.T) {
	for _, tt := range []struct {
		dob, on string
		want    int
	}{
		{"1990-06-15", "2026-06-14", 35}, {"1990-06-15", "2026-06-15", 36}, {"2000-02-29", "2026-02-27", 25},
		{"2000-02-29", "2026-02-28", 26}, {"2000-02-29", "2028-02-28", 27}, {"2000-02-29", "2028-02-29", 28},
	} {
		if got := AgeOn(day(tt.dob), day(tt.on)); got != tt.want {
			t.Errorf("AgeOn(%s, %s) = %d, want %d", tt.dob, tt.on, got, tt.want)
		}
	}
}
