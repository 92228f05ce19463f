package rules

import "testing"

// Every applicant gets a sentence, also one with nothing met and no
// profile to assess.
func TestExplanationNeverEmpty(t *testing.T) {
	book, err := Builtin(nil)
	if err != nil {
		t.Fatal(err)
	}
	asOf := MakeDate(2026, 11, 1)
	rs, _ := book.At(asOf)
	e := &Evaluator{Rules: rs}
	cook := Job{Code: "63200", Start: MakeDate(2024, 1, 1), Ongoing: true, Hours: 40, HoursKnown: true, DatesKnown: true, Country: CountryCanada}
	empty := NewProfile()
	empty.Empty = true
	a := e.Assess(&Applicant{Jobs: []Job{cook}}, &empty, asOf)
	if a.Explanation == "" || a.Explanation[:len("No category met")] != "No category met" {
		t.Errorf("explanation %q", a.Explanation)
	}
}
