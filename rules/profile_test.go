package rules

import (
	"slices"
	"strings"
	"testing"
)

func cells(kv ...string) *ProfileCells {
	var c ProfileCells
	for i := 0; i < len(kv); i += 2 {
		f, ok := FieldByName(kv[i])
		if !ok {
			panic("no field " + kv[i])
		}
		c.Set(f, kv[i+1])
	}
	return &c
}

func codes(rs []Reason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code)
	}
	return out
}

func TestFieldNames(t *testing.T) {
	// Every canonical column of profile-columns.md (and the one extension).
	want := "date_of_birth age marital_status spouse_accompanying spouse_canadian_citizen_or_pr dependent_children family_size " +
		"intended_province education_level eca canadian_education spouse_education_level lang1_test lang1_test_date " +
		"lang1_result_date lang1_reading lang1_writing lang1_listening lang1_speaking lang2_test lang2_test_date lang2_result_date " +
		"lang2_reading lang2_writing lang2_listening lang2_speaking spouse_lang_test spouse_lang_test_date spouse_lang_result_date " +
		"spouse_lang_reading spouse_lang_writing spouse_lang_listening spouse_lang_speaking french_reading french_writing " +
		"french_listening french_speaking english_reading english_writing english_listening english_speaking canadian_work_months " +
		"canadian_work_months_3y canadian_work_teer foreign_work_months primary_noc primary_noc_continuous_months trade_months_5y " +
		"spouse_canadian_work_months spouse_canadian_study certificate_of_qualification job_offer job_offer_noc " +
		"authorized_to_work_in_canada provincial_nomination sibling_in_canada relative_in_canada settlement_funds_cad"
	var got []string
	for f := Field(0); f < NumFields; f++ {
		got = append(got, f.String())
		if g, ok := FieldByName(f.String()); !ok || g != f {
			t.Errorf("FieldByName(%s)", f)
		}
	}
	if strings.Join(got, " ") != want {
		t.Errorf("fields:\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	if UnreadableCode(FieldAge) != "age_unreadable" {
		t.Error(UnreadableCode(FieldAge))
	}
	if k, ok := KindOf("settlement_funds_cad_unreadable"); !ok || k != KindInput {
		t.Error("KindOf <column>_unreadable")
	}
	if k, ok := KindOf("job12_hours_missing"); !ok || k != KindReview {
		t.Error("KindOf job12_hours_missing")
	}
	if JobReasonCode(ReasonJobHoursMissing, 3) != "job3_hours_missing" {
		t.Error(JobReasonCode(ReasonJobHoursMissing, 3))
	}
	if _, ok := KindOf("jobX_hours_missing"); ok {
		t.Error("KindOf accepted jobX_")
	}
}

func TestParseProfile(t *testing.T) {
	p, why := ParseProfile(cells(
		"date_of_birth", "1990-02-15", "marital_status", "Common-law", "spouse_accompanying", "no",
		"dependent_children", "2", "intended_province", "ON", "education_level", "Master's", "eca", "yes",
		"canadian_education", "two_year", "lang1_test", "IELTS GT", "lang1_test_date", "15/06/2025",
		"lang1_reading", "7.5", "lang1_writing", "6,5", "lang1_listening", "8", "lang1_speaking", "7",
		"lang2_test", "TEF Canada", "lang2_test_date", "2025-09-01", "lang2_reading", "450",
		"french_reading", "7", "canadian_work_months", "14", "primary_noc", "NOC 21231", "job_offer", "Oui",
		"settlement_funds_cad", "$30,000", "spouse_canadian_work_months", "12.5",
	), nil)
	if len(why) != 0 {
		t.Fatalf("reasons %v", why)
	}
	switch {
	case p.DateOfBirth != day("1990-02-15"), p.Age != Unknown, p.Marital != MaritalCommonLaw, p.SpouseAccompanying != TriNo,
		p.DependentChildren != 2, p.FamilySize != Unknown, p.Quebec, p.Education != EducationMasters, p.ECA != TriYes,
		p.CanadianEducation != CanadianEducationTwoYear:
		t.Errorf("person/education: %+v", p)
	case p.Lang1.Type != TestIELTS || p.Lang1.TestDate != day("2025-06-15") || p.Lang1.Scores != [4]float64{7.5, 6.5, 8, 7} || p.Lang1.Has != [4]bool{true, true, true, true}:
		t.Errorf("lang1 %+v", p.Lang1)
	case p.Lang2.Type != TestTEF || p.Lang2.Has != [4]bool{true, false, false, false}:
		t.Errorf("lang2 %+v", p.Lang2)
	case p.OlderFrench.Type != TestNCLC || !p.OlderFrench.Undated || p.OlderEnglish.Present():
		t.Errorf("older columns %+v %+v", p.OlderFrench, p.OlderEnglish)
	case p.CanadianWorkMonths != 14 || p.CanadianWorkMonths3y != Unknown || p.PrimaryNOC != "21231" || p.SpouseCanadianWorkMonths != 12.5:
		t.Errorf("work %+v", p)
	case !p.JobOffer.Yes() || p.Certificate != TriBlank || p.SettlementFunds != 30000:
		t.Errorf("other %+v", p)
	}

	// Every unreadable cell is named; the rest is read.
	p, why = ParseProfile(cells(
		"date_of_birth", "soon", "age", "thirty", "marital_status", "it's complicated", "spouse_accompanying", "perhaps",
		"dependent_children", "-1", "family_size", "0", "education_level", "college", "eca", "2", "lang1_test", "PTE",
		"lang1_test_date", "2025-13-01", "lang1_reading", "high", "french_writing", "sept", "canadian_work_months", "many",
		"canadian_work_teer", "5", "primary_noc", "2123", "job_offer_noc", "x", "settlement_funds_cad", "lots",
		"lang1_writing", "7",
	), nil)
	want := []string{"date_of_birth_unreadable", "age_unreadable", "marital_status_unreadable", "spouse_accompanying_unreadable",
		"dependent_children_unreadable", "family_size_unreadable", "education_level_unreadable", "eca_unreadable",
		"lang1_test_unreadable", "lang1_test_date_unreadable", "lang1_reading_unreadable", ReasonLanguageScoreUnreadable,
		"canadian_work_months_unreadable", "canadian_work_teer_unreadable", "primary_noc_unreadable", "job_offer_noc_unreadable",
		"settlement_funds_cad_unreadable"}
	if got := codes(why); !slices.Equal(got, want) {
		t.Errorf("reasons\n%v\nwant\n%v", got, want)
	}
	for _, r := range why {
		if r.Kind != KindInput || r.Field == "" {
			t.Errorf("reason %+v: want an input error with its field", r)
		}
	}
	if !p.FamilyUnreadable || !p.Lang1.Bad[Reading] || !p.OlderFrench.Bad[Writing] || p.Lang1.Has[Writing] != true {
		t.Errorf("bad cells not marked: %+v", p)
	}
	if _, ok := p.FamilySizeOf(); ok {
		t.Error("family size known from unreadable cells")
	}

	// An ambiguous date is read by the column's order and noted.
	var orders DateOrders
	orders[FieldLang1TestDate] = MDY
	p, why = ParseProfile(cells("lang1_test", "CELPIP", "lang1_test_date", "03/04/2025", "date_of_birth", "03/04/1990"), &orders)
	if p.Lang1.TestDate != day("2025-03-04") || p.DateOfBirth != day("1990-04-03") ||
		!slices.Equal(codes(why), []string{ReasonDateOrderAssumed, ReasonDateOrderAssumed}) {
		t.Errorf("date orders: %v %v %v", p.Lang1.TestDate, p.DateOfBirth, why)
	}
}

func TestProfileCellsSet(t *testing.T) {
	var c ProfileCells
	if !c.Set(FieldAge, " 34 ") || !c.Set(FieldAge, "") || !c.Set(FieldAge, "34") || c[FieldAge] != "34" {
		t.Error("same value twice refused")
	}
	if !c.Set(FieldJobOffer, "Yes") || !c.Set(FieldJobOffer, "yes") {
		t.Error("case differences are not conflicts")
	}
	if c.Set(FieldAge, "35") || c[FieldAge] != "34" {
		t.Error("a different value was accepted or replaced the first")
	}
	c.Reset()
	if c[FieldAge] != "" {
		t.Error("Reset")
	}
}

func TestParseProfileAllocations(t *testing.T) {
	c := cells("date_of_birth", "1990-02-15", "marital_status", "married", "spouse_accompanying", "yes",
		"education_level", "bachelors", "lang1_test", "IELTS", "lang1_test_date", "2025-06-15", "lang1_reading", "7",
		"lang1_writing", "7", "lang1_listening", "7.5", "lang1_speaking", "7", "canadian_work_months", "14",
		"settlement_funds_cad", "30000", "job_offer", "no")
	var p Profile
	var why []Reason
	n := testing.AllocsPerRun(100, func() { why = c.ParseInto(&p, nil, why[:0]) })
	if n != 0 {
		t.Errorf("ParseInto: %v allocations for a clean profile, want 0", n)
	}
}

func FuzzParseProfile(f *testing.F) {
	f.Add("1990-02-15", "married", "IELTS", "7.5", "2025-06-15", "14", "$30,000", "yes")
	f.Add("31/12/1990", "Common-law", "TEF ancien", "M", "", "-1", "25 000", "oui")
	f.Add("", "", "", "", "", "", "", "")
	book, err := Builtin(nil)
	if err != nil {
		f.Fatal(err)
	}
	rs, _ := book.At(day("2026-11-01"))
	e := &Evaluator{Rules: rs}
	f.Fuzz(func(t *testing.T, dob, marital, test, score, date, months, funds, yes string) {
		c := cells("date_of_birth", dob, "marital_status", marital, "lang1_test", test, "lang1_reading", score,
			"lang1_test_date", date, "canadian_work_months", months, "settlement_funds_cad", funds, "job_offer", yes,
			"spouse_lang_test", test, "french_speaking", score, "family_size", months, "primary_noc", months)
		p, why := ParseProfile(c, nil)
		for _, r := range why {
			if _, ok := KindOf(r.Code); !ok || r.Field == "" {
				t.Fatalf("reason %+v is not a known code with a field", r)
			}
		}
		if p.CanadianWorkMonths != Unknown && (p.CanadianWorkMonths < 0 || p.CanadianWorkMonths > 1200) {
			t.Fatal(p.CanadianWorkMonths)
		}
		// Whatever was read, assessing it does not fail.
		a := e.Assess(&Applicant{}, &p, day("2026-11-01"))
		if a.CRS.Known && (a.CRS.Total < 0 || a.CRS.Total > 1200) {
			t.Fatalf("CRS %d", a.CRS.Total)
		}
	})
}
