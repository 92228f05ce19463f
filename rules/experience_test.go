package rules

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func day(s string) Date {
	d, err := ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func job(code, start, end string, hours float64, c Country) Job {
	j := Job{Code: code, Start: day(start), Hours: hours, HoursKnown: true, DatesKnown: true, Country: c}
	if end == "" {
		j.Ongoing = true
	} else {
		j.End = day(end)
	}
	return j
}

func builtinBook(t testing.TB) *Book {
	t.Helper()
	b, err := Builtin(nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decision(ds []Decision, cat string) (Decision, bool) {
	for _, d := range ds {
		if d.Category == cat {
			return d, true
		}
	}
	return Decision{}, false
}

// The worked applicants. Window for as-of 2026-11-01: 2023-11-02 .. 2026-11-01.
// Hours spread evenly: h/7 a day, at most 30/7 a day per occupation.
func TestWorkedApplicants(t *testing.T) {
	book := builtinBook(t)
	const rn, lpn, truck, doctor, welder, cook, butcher = "31301", "32101", "73300", "31102", "72106", "63200", "63201"
	tests := []struct {
		name    string
		asOf    string
		jobs    []Job
		french  [4]int
		cat     string
		want    Status
		hours   float64 // qualifying hours, whole
		reasons []string
		absent  bool // the category is not in force
	}{
		{
			// 2025-01-01..2026-11-01 = 670 days; 40 h capped at 30: 670*30/7 = 2871.4 >= 1560.
			name: "2026 full-time ongoing", asOf: "2026-11-01",
			jobs: []Job{job(rn, "2025-01-01", "", 40, CountryCanada)}, cat: "healthcare", want: Eligible, hours: 2871,
		},
		{
			// 2026-01-01..2026-11-01 = 305 days; 305*30/7 = 1307.1 < 1560.
			name: "2026 ten months only", asOf: "2026-11-01",
			jobs: []Job{job(rn, "2026-01-01", "", 30, CountryCanada)}, cat: "healthcare", want: NotEligible, hours: 1307,
		},
		{
			// Two concurrent 15 h jobs in one occupation add up: 670*(15+15)/7 = 2871.4.
			// Either alone: 670*15/7 = 1435.7 < 1560.
			name: "2026 concurrent part-time jobs add up", asOf: "2026-11-01",
			jobs: []Job{job(rn, "2025-01-01", "", 15, CountryCanada), job(rn, "2025-01-01", "", 15, CountryAbroad)},
			cat:  "healthcare", want: Eligible, hours: 2871,
		},
		{
			// Concurrent jobs above 30 h: 25+25 = 50 counts as 30: 305*30/7 = 1307.1.
			name: "2026 overlapping jobs capped at 30 a week", asOf: "2026-11-01",
			jobs: []Job{job(rn, "2026-01-01", "", 25, CountryCanada), job(rn, "2026-01-01", "", 25, CountryCanada)},
			cat:  "healthcare", want: NotEligible, hours: 1307,
		},
		{
			// Different occupations never add up: RN 670*12/7 = 1148.6 and LPN the same.
			name: "2026 different occupations do not add up", asOf: "2026-11-01",
			jobs: []Job{job(rn, "2025-01-01", "", 12, CountryCanada), job(lpn, "2025-01-01", "", 12, CountryCanada)},
			cat:  "healthcare", want: NotEligible, hours: 1148,
		},
		{
			// Only the part in the window counts: 2023-11-02..2024-06-30 = 242 days; 242*30/7 = 1037.1.
			name: "2026 job before the window is clipped", asOf: "2026-11-01",
			jobs: []Job{job(rn, "2020-01-01", "2024-06-30", 40, CountryCanada)}, cat: "healthcare", want: NotEligible, hours: 1037,
		},
		{
			// Starts after the as-of date: ignored.
			name: "2026 job after as-of ignored", asOf: "2026-11-01",
			jobs: []Job{job(rn, "2026-12-01", "", 40, CountryCanada)}, cat: "healthcare", want: NotEligible, hours: 0,
		},
		{
			// Gaps break nothing from 2026-02-18: 2024-01-01..2024-06-30 (182 d) + 2025-01-01..2025-06-30 (181 d)
			// = 363 days * 30/7 = 1555.7 < 1560; one more week (2025-07-07) makes 370 d = 1585.7.
			name: "2026 non-continuous total", asOf: "2026-11-01",
			jobs: []Job{job(rn, "2024-01-01", "2024-06-30", 30, CountryCanada), job(rn, "2025-01-01", "2025-07-07", 30, CountryCanada)},
			cat:  "healthcare", want: Eligible, hours: 1585,
		},
		{
			// 2025 rules, 780 h continuous. 2024-10-01..2025-01-31 (123 d = 527.1 h), gap of 9 days
			// (2025-02-01..02-09), then 2025-02-10..2025-05-31 (111 d = 475.7 h). The gap breaks the run.
			name: "2025 gap of 9 days breaks continuity", asOf: "2025-12-01",
			jobs: []Job{job(rn, "2024-10-01", "2025-01-31", 30, CountryCanada), job(rn, "2025-02-10", "2025-05-31", 30, CountryCanada)},
			cat:  "healthcare", want: NotEligible, hours: 527,
		},
		{
			// The same with a 5-day gap (2025-02-01..02-05): 123 d + 115 d (2025-02-06..05-31) = 238 d = 1020 h.
			name: "2025 gap of 5 days is bridged", asOf: "2025-12-01",
			jobs: []Job{job(rn, "2024-10-01", "2025-01-31", 30, CountryCanada), job(rn, "2025-02-06", "2025-05-31", 30, CountryCanada)},
			cat:  "healthcare", want: Eligible, hours: 1020,
		},
		{
			// 2025, part-time 15 h for 2025-01-01..2025-12-01 (335 d): 335*15/7 = 717.9 < 780.
			name: "2025 part-time short", asOf: "2025-12-01",
			jobs: []Job{job(rn, "2025-01-01", "", 15, CountryCanada)}, cat: "healthcare", want: NotEligible, hours: 717,
		},
		{
			// Physicians with Canadian experience start 2025-12-08: absent on 2025-12-01.
			name: "2025 physicians category not yet in force", asOf: "2025-12-01",
			jobs: []Job{job(doctor, "2024-01-01", "", 40, CountryCanada)}, cat: "physicians_cwe", absent: true,
		},
		{
			// From 2025-12-08: 12 months in Canada, continuous. 2024-01-01..2025-12-10 (710 d) = 3042.9 h.
			name: "2025 physicians in Canada", asOf: "2025-12-10",
			jobs: []Job{job(doctor, "2024-01-01", "", 40, CountryCanada)}, cat: "physicians_cwe", want: Eligible, hours: 3042,
		},
		{
			// Abroad does not count where Canadian experience is required.
			name: "2026 physicians abroad", asOf: "2026-11-01",
			jobs: []Job{job(doctor, "2024-01-01", "", 40, CountryAbroad)}, cat: "physicians_cwe", want: NotEligible,
		},
		{
			name: "2026 physicians abroad still count for healthcare", asOf: "2026-11-01",
			jobs: []Job{job(doctor, "2025-01-01", "", 40, CountryAbroad)}, cat: "healthcare", want: Eligible, hours: 2871,
		},
		{
			// Unknown country where Canada is required: review, not eligible.
			name: "2026 physicians country unknown", asOf: "2026-11-01",
			jobs: []Job{job(doctor, "2025-01-01", "", 40, CountryUnknown)}, cat: "physicians_cwe", want: Review,
			hours: 2871, reasons: []string{"country_unknown"},
		},
		{
			// Hours missing: counted at 30 for the best case -> review, never a silent zero.
			name: "2026 hours missing", asOf: "2026-11-01",
			jobs: []Job{{Code: welder, Start: day("2025-01-01"), Ongoing: true, DatesKnown: true, Country: CountryCanada}},
			cat:  "trades", want: Review, hours: 2871, reasons: []string{"hours_missing"},
		},
		{
			// Hours missing but too short even at 30 h: not eligible.
			name: "2026 hours missing and too short", asOf: "2026-11-01",
			jobs: []Job{{Code: welder, Start: day("2026-06-01"), Ongoing: true, DatesKnown: true, Country: CountryCanada}},
			cat:  "trades", want: NotEligible,
		},
		{
			name: "2026 unreadable dates", asOf: "2026-11-01",
			jobs: []Job{{Code: welder, Hours: 40, HoursKnown: true, Country: CountryCanada}},
			cat:  "trades", want: Review, reasons: []string{"dates_unreadable"},
		},
		{
			// A low-confidence title match makes the category review rather than eligible.
			name: "2026 low-confidence match", asOf: "2026-11-01",
			jobs: []Job{func() Job { j := job(welder, "2025-01-01", "", 40, CountryCanada); j.LowConfidence = true; return j }()},
			cat:  "trades", want: Review, hours: 2871, reasons: []string{"low_match_score"},
		},
		{
			// The military category needs a CAF job offer the list cannot show.
			// 2024-01-01..2026-11-01 = 1036 days * 30/7 = 4440 h: enough, yet review.
			name: "2026 military at best review", asOf: "2026-11-01",
			jobs: []Job{job("43204", "2024-01-01", "", 40, CountryCanada)}, cat: "military", want: Review,
			hours: 4440, reasons: []string{"extra_requirements"},
		},
		{
			// 2026 trades: cooks removed, butchers added.
			name: "2026 cooks not in trades", asOf: "2026-11-01",
			jobs: []Job{job(cook, "2024-01-01", "", 40, CountryCanada)}, cat: "trades", want: NotEligible,
		},
		{
			// 2024-01-01..2026-11-01 = 1036 days -> 4440 h.
			name: "2026 butchers in trades", asOf: "2026-11-01",
			jobs: []Job{job(butcher, "2024-01-01", "", 40, CountryCanada)}, cat: "trades", want: Eligible, hours: 4440,
		},
		{
			// 2024-01-01..2025-12-01 = 366 + 335 = 701 days * 30/7 = 3004.3 h.
			name: "2025 cooks in trades", asOf: "2025-12-01",
			jobs: []Job{job(cook, "2024-01-01", "", 40, CountryCanada)}, cat: "trades", want: Eligible, hours: 3004,
		},
		{
			// 2023 transport, truck drivers: 2023-01-01..2023-09-01 = 244 d = 1045.7 h >= 780, continuous.
			name: "2023 transport truck driver", asOf: "2023-09-01",
			jobs: []Job{job(truck, "2023-01-01", "", 50, CountryAbroad)}, cat: "transport", want: Eligible, hours: 1045,
		},
		{
			// 2024 agriculture: 82030 on the Version 1 list. 2024-01-01..2024-06-30 = 182 d = 780 h exactly.
			name: "2024 agriculture exactly 780", asOf: "2024-06-30",
			jobs: []Job{job("82030", "2024-01-01", "", 30, CountryCanada)}, cat: "agriculture", want: Eligible, hours: 780,
		},
		{
			name: "2026 french eligible", asOf: "2026-11-01", french: [4]int{7, 8, 7, 9}, cat: "french", want: Eligible,
		},
		{
			name: "2026 french one ability short", asOf: "2026-11-01", french: [4]int{7, 6, 7, 9}, cat: "french", want: NotEligible,
		},
		{
			name: "2026 french not assessed", asOf: "2026-11-01", french: [4]int{0, 0, 0, 0}, cat: "french", want: NotEligible,
		},
		{
			name: "2026 french unreadable", asOf: "2026-11-01", french: [4]int{7, -1, 7, 7}, cat: "french", want: Review,
			reasons: []string{"language_score_unreadable"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := book.At(day(tt.asOf))
			if err != nil {
				t.Fatal(err)
			}
			ds := rs.Evaluate(&Applicant{Jobs: tt.jobs, French: tt.french}, day(tt.asOf))
			d, ok := decision(ds, tt.cat)
			if tt.absent {
				if ok {
					t.Fatalf("category %s in force on %s under %s", tt.cat, tt.asOf, rs.Name)
				}
				return
			}
			if !ok {
				t.Fatalf("no decision for %s under rule set %s", tt.cat, rs.Name)
			}
			if d.Status != tt.want {
				t.Errorf("status = %s, want %s (hours %.1f, reasons %v)", d.Status, tt.want, d.Hours, d.Reasons)
			}
			if tt.hours != 0 || d.Status == Eligible {
				if got := math.Floor(d.Hours + 1e-6); got != tt.hours {
					t.Errorf("hours = %.2f, want %.0f", d.Hours, tt.hours)
				}
			}
			if tt.reasons != nil && !slices.Equal(d.Reasons, tt.reasons) {
				t.Errorf("reasons = %v, want %v", d.Reasons, tt.reasons)
			}
		})
	}
}

func TestRuleSetSelection(t *testing.T) {
	book := builtinBook(t)
	for _, tt := range []struct{ day, want string }{
		{"2023-05-31", "2023"}, {"2023-12-31", "2023"}, {"2024-01-01", "2024"}, {"2025-02-26", "2024"},
		{"2025-02-27", "2025"}, {"2026-02-17", "2025"}, {"2026-02-18", "2026"}, {"2030-01-01", "2026"},
	} {
		rs, err := book.At(day(tt.day))
		if err != nil || rs.Name != tt.want {
			t.Errorf("At(%s) = %v, %v; want %s", tt.day, rs, err, tt.want)
		}
	}
	if _, err := book.At(day("2023-01-01")); err == nil {
		t.Error("At(2023-01-01) found a rule set before category-based selection began")
	}
	rs, _ := book.Named("2026")
	hc := &rs.Categories[1]
	if r := rs.Rule(hc); r.MinHours != 1560 || r.Continuous {
		t.Errorf("2026 healthcare rule = %+v, want 1560 h, not continuous", r)
	}
	rs, _ = book.Named("2025")
	for i := range rs.Categories {
		if c := &rs.Categories[i]; c.ID == "physicians_cwe" {
			if r := rs.Rule(c); r.MinHours != 1560 || !r.Continuous || r.Location != Canada {
				t.Errorf("2025 physicians rule = %+v", r)
			}
		}
	}
}

// Under the 2026 rules, adding a job never removes eligibility; and hours
// above 30 a week never change a decision.
func TestPropertiesUnder2026(t *testing.T) {
	book := builtinBook(t)
	rs, _ := book.Named("2026")
	asOf := day("2026-11-01")
	codes := []string{"31301", "32101", "72106", "21232", "65100", "43204", "31102"}
	rng := rand.New(rand.NewPCG(1, 2))
	randJob := func() Job {
		start := asOf - Date(rng.IntN(1800))
		j := Job{Code: codes[rng.IntN(len(codes))], Start: start, DatesKnown: true, HoursKnown: true,
			Hours: float64(5 + rng.IntN(60)), Country: Country(rng.IntN(3))}
		if rng.IntN(3) == 0 {
			j.Ongoing = true
		} else {
			j.End = start + Date(rng.IntN(900))
		}
		return j
	}
	status := func(jobs []Job) map[string]Status {
		m := map[string]Status{}
		for _, d := range rs.Evaluate(&Applicant{Jobs: jobs}, asOf) {
			m[d.Category] = d.Status
		}
		return m
	}
	for i := 0; i < 3000; i++ {
		var jobs []Job
		for k := rng.IntN(4); k >= 0; k-- {
			jobs = append(jobs, randJob())
		}
		before := status(jobs)
		after := status(append(slices.Clone(jobs), randJob()))
		for cat, s := range before {
			if s == Eligible && after[cat] != Eligible {
				t.Fatalf("adding a job removed %s eligibility: jobs %+v", cat, jobs)
			}
		}
		// Raise every job that already works 30 h or more: no decision moves.
		raised := slices.Clone(jobs)
		for k := range raised {
			if raised[k].Hours >= 30 {
				raised[k].Hours += float64(rng.IntN(80))
			}
		}
		if got := status(raised); !mapsEqual(got, before) {
			t.Fatalf("hours above 30 changed decisions: %v -> %v for %+v", before, got, jobs)
		}
	}
}

func mapsEqual(a, b map[string]Status) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func BenchmarkEvaluate(b *testing.B) {
	book := builtinBook(b)
	rs, _ := book.Named("2026")
	asOf := day("2026-11-01")
	apps := make([]Applicant, 1024)
	codes := []string{"31301", "32101", "72106", "21232", "65100", "63201"}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range apps {
		for k := 0; k < 3; k++ {
			start := asOf - Date(rng.IntN(1500))
			apps[i].Jobs = append(apps[i].Jobs, Job{Code: codes[rng.IntN(len(codes))], Start: start, End: start + Date(rng.IntN(700)),
				Hours: 20 + float64(rng.IntN(30)), HoursKnown: true, DatesKnown: true, Country: CountryCanada})
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rs.Evaluate(&apps[i%len(apps)], asOf)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "applicants/s")
}
