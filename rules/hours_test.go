package rules

import "testing"

func TestParseHours(t *testing.T) {
	tests := []struct {
		in       string
		want     float64
		known    bool
		blank    bool
		partTime bool
		rng      bool
		err      bool
	}{
		{in: "40", want: 40, known: true},
		{in: "37.5", want: 37.5, known: true},
		{in: "37,5 h", want: 37.5, known: true},
		{in: "40 hrs/week", want: 40, known: true},
		{in: "20-25", want: 22.5, known: true, rng: true},
		{in: "20 to 30", want: 25, known: true, rng: true},
		{in: "full-time", want: 30, known: true},
		{in: "Full Time", want: 30, known: true},
		{in: "FT", want: 30, known: true},
		{in: "temps plein", want: 30, known: true},
		{in: "part-time", partTime: true},
		{in: "PT", partTime: true},
		{in: "p/t", partTime: true},
		{in: "part-time 20", want: 20, known: true},
		{in: "", blank: true},
		{in: "   ", blank: true},
		{in: "0", err: true},
		{in: "200", err: true},
		{in: "lots", err: true},
		{in: "1 2 3", err: true},
	}
	for _, tt := range tests {
		got, err := ParseHours(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("ParseHours(%q) error = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if err == nil && (got.Hours != tt.want || got.Known != tt.known || got.Blank != tt.blank || got.PartTime != tt.partTime || got.Range != tt.rng) {
			t.Errorf("ParseHours(%q) = %+v", tt.in, got)
		}
	}
}

func FuzzParseHours(f *testing.F) {
	for _, s := range []string{"40", "37,5 h", "20-25", "FT", "part-time", "", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseHours(s)
		if err != nil {
			return
		}
		if h.Known && (h.Hours <= 0 || h.Hours > 168) {
			t.Fatalf("ParseHours(%q) = %v hours", s, h.Hours)
		}
		if h.Known == (h.Blank || h.PartTime) {
			t.Fatalf("ParseHours(%q) = %+v: known and unknown at once", s, h)
		}
	})
}
