package rules

import (
	"fmt"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in    string
		order DateOrder
		end   bool
		want  string
		amb   bool
		ongo  bool
		err   bool
	}{
		{in: "2023-03-01", want: "2023-03-01"},
		{in: "2023/03/01", want: "2023-03-01"},
		{in: "2024-01-15T00:00:00", want: "2024-01-15"},
		{in: "2024-01-15 08:30:00", want: "2024-01-15"},
		{in: "15/06/2019", want: "2019-06-15"},
		{in: "06/15/2019", want: "2019-06-15"}, // unambiguous either order
		{in: "03/04/2024", want: "2024-04-03", amb: true},
		{in: "03/04/2024", order: MDY, want: "2024-03-04", amb: true},
		{in: "04/04/2024", want: "2024-04-04"}, // same both ways: not ambiguous
		{in: "3.4.24", want: "2024-04-03", amb: true},
		{in: "Jan 2024", want: "2024-01-01"},
		{in: "Mar-24", want: "2024-03-01"},
		{in: "4-Mar-24", want: "2024-03-04"},
		{in: "Jan 2024", end: true, want: "2024-01-31"},
		{in: "February 2024", end: true, want: "2024-02-29"},
		{in: "2024-01", want: "2024-01-01"},
		{in: "2023-02", end: true, want: "2023-02-28"},
		{in: "01/2024", want: "2024-01-01"},
		{in: "15 Jan 2024", want: "2024-01-15"},
		{in: "15-Jan-24", want: "2024-01-15"},
		{in: "Jan 15, 2024", want: "2024-01-15"},
		{in: "1er janvier 2024", want: "2024-01-01"},
		{in: "2024", want: "2024-01-01"},
		{in: "2024", end: true, want: "2024-12-31"},
		{in: "20240115", want: "2024-01-15"},
		{in: "45292", want: "2024-01-01"},   // Excel serial
		{in: "45292.0", want: "2024-01-01"}, // Excel serial written as a float
		{in: "present", end: true, ongo: true},
		{in: "Current", end: true, ongo: true},
		{in: "2025-13-01", err: true},
		{in: "2023-02-29", err: true},
		{in: "31/31/2020", err: true},
		{in: "soon", err: true},
		{in: "12", err: true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, tt.order, tt.end)
		if (err != nil) != tt.err {
			t.Errorf("ParseDate(%q) error = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		if got.Day.String() != tt.want || got.Ambiguous != tt.amb || got.Ongoing != tt.ongo {
			t.Errorf("ParseDate(%q, %d, end=%v) = %s amb=%v ongoing=%v, want %s amb=%v ongoing=%v",
				tt.in, tt.order, tt.end, got.Day, got.Ambiguous, got.Ongoing, tt.want, tt.amb, tt.ongo)
		}
	}
	if r, _ := ParseDate("  ", DMY, false); !r.Blank {
		t.Error("blank cell not reported as Blank")
	}
}

func TestDateCivilRoundTrip(t *testing.T) {
	for d := MakeDate(1900, 3, 1); d < MakeDate(2200, 1, 1); d += 17 {
		y, m, day := d.Civil()
		if MakeDate(y, m, day) != d || !valid(y, m, day) {
			t.Fatalf("round trip of %d failed: %d-%d-%d", d, y, m, day)
		}
	}
	if got := MakeDate(2024, 2, 29).AddYears(-3).String(); got != "2021-02-28" {
		t.Errorf("AddYears clamps 29 Feb: got %s", got)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-01-15", "15/06/2019", "Jan 2024", "45292", "present", "3.4.24", "15-Jan-24", "20240115"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, end bool) {
		r, err := ParseDate(s, DMY, end)
		if err != nil || r.Blank || r.Ongoing {
			return
		}
		y, m, d := r.Day.Civil()
		if !valid(y, m, d) {
			t.Fatalf("ParseDate(%q) gave invalid day %d-%d-%d", s, y, m, d)
		}
	})
}

func TestDateOrderEvidence(t *testing.T) {
	for _, c := range []struct {
		in   string
		want DateEvidence
	}{
		{"31/12/2024", EvidenceDayFirst},
		{"12/31/2024", EvidenceMonthFirst},
		{"01/12/2025", EvidenceAmbiguous},
		{"03.04.24", EvidenceAmbiguous},
		{"13-01-2024 00:00:00", EvidenceDayFirst},
		{"05/05/2024", EvidenceNone}, // reads the same both ways
		{"2024-12-31", EvidenceNone},
		{"Jan 2024", EvidenceNone},
		{"01/2024", EvidenceNone},
		{"", EvidenceNone},
		{"32/01/2024", EvidenceNone},
		{"present", EvidenceNone},
	} {
		if got := DateOrderEvidence(c.in); got != c.want {
			t.Errorf("DateOrderEvidence(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestParseDateOrder(t *testing.T) {
	for in, want := range map[string]DateOrder{"": Auto, "auto": Auto, "DMY": DMY, "mdy": MDY, "ymd": YMD} {
		if got, err := ParseDateOrder(in); err != nil || got != want {
			t.Errorf("ParseDateOrder(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseDateOrder("dym"); err == nil {
		t.Error("dym accepted")
	}
	if r, err := ParseDate("24/04/03", YMD, false); err != nil || r.Day != MakeDate(2024, 4, 3) {
		t.Errorf("ymd 24/04/03: %v %v", r.Day, err)
	}
	if r, _ := ParseDate("03/04/2024", YMD, false); r.Day != MakeDate(2024, 4, 3) {
		t.Errorf("ymd with the year last reads d/m/y: %v", r.Day)
	}
}

// String writes dates digit by digit: it must agree with the formatted
// civil date everywhere.
func TestDateStringAgreesWithCivil(t *testing.T) {
	for d := MakeDate(1, 1, 1); d < MakeDate(9999, 12, 31); d += 13 {
		y, m, day := d.Civil()
		if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", y, m, day); got != want {
			t.Fatalf("%d: %s, want %s", int(d), got, want)
		}
	}
}
