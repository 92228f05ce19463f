package rules

import (
	"slices"
	"testing"
)

// The lowest score of CLB/NCLC 4, 5, ... 10 per ability (R, W, L, S), typed
// from the tables of language_and_crs_facts.md section 1 (not from the
// JSON the code reads), with the top of each scale.
var chartEdges = []struct {
	name     string
	test     TestType
	testDate string // picks the TEF chart
	step     float64
	bottom   float64 // lowest score on the scale
	mins     [4][7]float64
	top      [4]float64
}{
	{"IELTS General Training", TestIELTS, "2026-01-10", 0.5, 0, [4][7]float64{
		{3.5, 4.0, 5.0, 6.0, 6.5, 7.0, 8.0},
		{4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5},
		{4.5, 5.0, 5.5, 6.0, 7.5, 8.0, 8.5},
		{4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5}}, [4]float64{9, 9, 9, 9}},
	{"CELPIP-General", TestCELPIP, "2026-01-10", 1, 0, [4][7]float64{
		{4, 5, 6, 7, 8, 9, 10}, {4, 5, 6, 7, 8, 9, 10}, {4, 5, 6, 7, 8, 9, 10}, {4, 5, 6, 7, 8, 9, 10}}, [4]float64{12, 12, 12, 12}},
	{"PTE Core", TestPTECore, "2026-01-10", 1, 10, [4][7]float64{
		{33, 42, 51, 60, 69, 78, 88},
		{41, 51, 60, 69, 79, 88, 90},
		{28, 39, 50, 60, 71, 82, 89},
		{42, 51, 59, 68, 76, 84, 89}}, [4]float64{90, 90, 90, 90}},
	{"TEF Canada from 2023-12-11", TestTEF, "2026-01-10", 1, 0, [4][7]float64{
		{306, 352, 393, 434, 462, 503, 546},
		{268, 330, 379, 428, 472, 512, 558},
		{306, 352, 393, 434, 462, 503, 546},
		{328, 387, 422, 456, 494, 518, 556}}, [4]float64{699, 699, 699, 699}},
	{"TEF Canada 2019-10-01..2023-12-10", TestTEF, "2023-12-10", 1, 0, [4][7]float64{
		{300, 350, 400, 450, 500, 533, 566}, {300, 350, 400, 450, 500, 533, 566},
		{300, 350, 400, 450, 500, 533, 566}, {300, 350, 400, 450, 500, 533, 566}}, [4]float64{699, 699, 699, 699}},
	{"TEF Canada ancien score", TestTEFAncien, "2026-01-10", 1, 0, [4][7]float64{
		{121, 151, 181, 207, 233, 248, 263},
		{181, 226, 271, 310, 349, 371, 393},
		{145, 181, 217, 249, 280, 298, 316},
		{181, 226, 271, 310, 349, 371, 393}}, [4]float64{300, 450, 360, 450}},
	{"TEF Canada before 2019-10-01 (ancien scale)", TestTEF, "2019-09-30", 1, 0, [4][7]float64{
		{121, 151, 181, 207, 233, 248, 263},
		{181, 226, 271, 310, 349, 371, 393},
		{145, 181, 217, 249, 280, 298, 316},
		{181, 226, 271, 310, 349, 371, 393}}, [4]float64{300, 450, 360, 450}},
	{"TCF Canada", TestTCF, "2026-01-10", 1, 0, [4][7]float64{
		{342, 375, 406, 453, 499, 524, 549},
		{4, 6, 7, 10, 12, 14, 16},
		{331, 369, 398, 458, 503, 523, 549},
		{4, 6, 7, 10, 12, 14, 16}}, [4]float64{699, 20, 699, 20}},
	{"CLB levels", TestCLB, "2026-01-10", 1, 0, [4][7]float64{
		{4, 5, 6, 7, 8, 9, 10}, {4, 5, 6, 7, 8, 9, 10}, {4, 5, 6, 7, 8, 9, 10}, {4, 5, 6, 7, 8, 9, 10}}, [4]float64{12, 12, 12, 12}},
}

// convertOne converts a test whose every ability has score v, except the
// one at ab which has s; it returns the level at ab and whether it was off
// scale.
func convertOne(tt TestType, testDate string, ab Ability, s float64) (int, bool) {
	t := LangTest{Type: tt, TestDate: day(testDate), Has: [4]bool{true, true, true, true}}
	t.Scores = [4]float64{}
	for i := range t.Scores {
		t.Scores[i] = 0
	}
	t.Scores[ab] = s
	asOf := t.TestDate + 30
	res, why := t.Convert(SlotLang1, asOf, nil)
	off := false
	for _, r := range why {
		if r.Code == ReasonLang1ScoreOffScale && r.Field == slots[SlotLang1].fields[ab].String() {
			off = true
		}
	}
	return res.Levels[ab], off
}

// TestChartBandEdges: every level's lowest score gives that level, the
// score one step below gives the level below (0 under level 4), the top of
// the scale is level 10 and one step above it is off the scale.
func TestChartBandEdges(t *testing.T) {
	for _, c := range chartEdges {
		for ab := Reading; ab <= Speaking; ab++ {
			for i, m := range c.mins[ab] {
				lv := i + 4
				if got, off := convertOne(c.test, c.testDate, ab, m); got != lv || off {
					t.Errorf("%s %s %v: level %d (off scale %v), want %d", c.name, ab, m, got, off, lv)
				}
				below := m - c.step
				if below < c.bottom {
					continue
				}
				want := lv - 1
				if want < 4 {
					want = 0
				}
				if i > 0 && below < c.mins[ab][i-1] {
					t.Fatalf("%s %s: test table out of order", c.name, ab)
				}
				if got, off := convertOne(c.test, c.testDate, ab, below); got != want || off {
					t.Errorf("%s %s %v: level %d (off scale %v), want %d", c.name, ab, below, got, off, want)
				}
			}
			if got, off := convertOne(c.test, c.testDate, ab, c.top[ab]); got != 10 || off {
				t.Errorf("%s %s top %v: level %d, want 10", c.name, ab, c.top[ab], got)
			}
			if _, off := convertOne(c.test, c.testDate, ab, c.top[ab]+c.step); !off {
				t.Errorf("%s %s %v: above the scale, not flagged", c.name, ab, c.top[ab]+c.step)
			}
			if c.bottom > 0 {
				if _, off := convertOne(c.test, c.testDate, ab, c.bottom-c.step); !off {
					t.Errorf("%s %s %v: below the scale, not flagged", c.name, ab, c.bottom-c.step)
				}
			}
		}
	}
}

func TestConvertRules(t *testing.T) {
	all := func(v float64) [4]float64 { return [4]float64{v, v, v, v} }
	has := [4]bool{true, true, true, true}
	tests := []struct {
		name   string
		test   LangTest
		asOf   string
		levels [4]int
		counts bool
		until  string
		codes  []string
	}{
		{"IELTS 7/7/8/7", LangTest{Type: TestIELTS, TestDate: day("2025-06-01"), Scores: [4]float64{7, 7, 8, 7}, Has: has},
			"2026-12-01", [4]int{9, 9, 9, 9}, true, "2027-05-31", nil},
		// Two years from the test date: 2024-12-01 counts until 2026-11-30.
		{"valid on its last day", LangTest{Type: TestCELPIP, TestDate: day("2024-12-01"), Scores: all(8), Has: has},
			"2026-11-30", [4]int{8, 8, 8, 8}, true, "2026-11-30", nil},
		{"two years old", LangTest{Type: TestCELPIP, TestDate: day("2024-12-01"), Scores: all(8), Has: has},
			"2026-12-01", [4]int{}, false, "", []string{ReasonLang1TestExpired}},
		// errata 4: the result date anchors the two years when given.
		{"result date anchors", LangTest{Type: TestCELPIP, TestDate: day("2024-11-01"), ResultDate: day("2024-11-20"), Scores: all(8), Has: has},
			"2026-11-10", [4]int{8, 8, 8, 8}, true, "2026-11-19", nil},
		{"result date anchors, then expires", LangTest{Type: TestCELPIP, TestDate: day("2024-11-01"), ResultDate: day("2024-11-20"), Scores: all(8), Has: has},
			"2026-11-20", [4]int{}, false, "", []string{ReasonLang1TestExpired}},
		{"no date", LangTest{Type: TestIELTS, Scores: all(7), Has: has},
			"2026-12-01", [4]int{}, false, "", []string{ReasonLang1TestDateMissing}},
		{"after as-of", LangTest{Type: TestIELTS, TestDate: day("2026-12-02"), Scores: all(7), Has: has},
			"2026-12-01", [4]int{}, false, "", []string{ReasonLang1TestAfterAsOf}},
		{"PTE Core the day before it was accepted", LangTest{Type: TestPTECore, TestDate: day("2024-01-29"), Scores: all(70), Has: has},
			"2025-06-01", [4]int{}, false, "", []string{ReasonLang1PTECoreBefore}},
		// 70: R 69-77 -> 8, W 69-78 -> 7, L 60-70 -> 7, S 68-75 -> 7.
		{"PTE Core the day it was accepted", LangTest{Type: TestPTECore, TestDate: day("2024-01-30"), Scores: all(70), Has: has},
			"2025-06-01", [4]int{8, 7, 7, 7}, true, "2026-01-29", nil},
		{"not designated", LangTest{Type: TestNotDesignated, TestDate: day("2026-01-01"), Scores: all(7), Has: has},
			"2026-12-01", [4]int{}, false, "", []string{ReasonLang1TestNotDesignated}},
		// TEF chart switch: 440 in reading is NCLC 7 on the 2023 chart
		// (434-461), NCLC 6 on the 2019 chart (400-449).
		{"TEF 2023-12-11", LangTest{Type: TestTEF, TestDate: day("2023-12-11"), Scores: all(440), Has: has},
			"2024-06-01", [4]int{7, 7, 7, 6}, true, "2025-12-10", nil},
		{"TEF 2023-12-10", LangTest{Type: TestTEF, TestDate: day("2023-12-10"), Scores: all(440), Has: has},
			"2024-06-01", [4]int{6, 6, 6, 6}, true, "2025-12-09", nil},
		// No test date, result after the 2023 chart began: read with it, flagged.
		{"TEF without a test date", LangTest{Type: TestTEF, ResultDate: day("2025-03-01"), Scores: all(440), Has: has},
			"2026-01-01", [4]int{7, 7, 7, 6}, true, "2027-02-28", []string{ReasonLang1TEFChartAssumed2023}},
		{"TEF without a test date, result before the switch", LangTest{Type: TestTEF, ResultDate: day("2023-12-01"), Scores: all(440), Has: has},
			"2024-01-01", [4]int{}, false, "", []string{ReasonLang1TestDateMissing}},
		// CELPIP M is below level 3; incomplete scores count the others.
		{"CELPIP with M and a blank", LangTest{Type: TestCELPIP, TestDate: day("2026-01-01"), Scores: [4]float64{0, 9, 11, 0}, Has: [4]bool{true, true, true, false}},
			"2026-12-01", [4]int{0, 9, 10, 0}, true, "2027-12-31", []string{ReasonLang1ScoresIncomplete}},
		{"IELTS off scale", LangTest{Type: TestIELTS, TestDate: day("2026-01-01"), Scores: [4]float64{6.25, 9.5, 7, 7}, Has: has},
			"2026-12-01", [4]int{0, 0, 7, 9}, true, "2027-12-31", []string{ReasonLang1ScoreOffScale, ReasonLang1ScoreOffScale}},
		{"levels typed", LangTest{Type: TestNCLC, TestDate: day("2026-01-01"), Scores: [4]float64{12, 7, 3, 9}, Has: has},
			"2026-12-01", [4]int{10, 7, 0, 9}, true, "2027-12-31", nil},
		{"scores without a test type", LangTest{Scores: all(7), Has: has},
			"2026-12-01", [4]int{}, false, "", []string{ReasonLang1TestMissing}},
		{"older columns: undated levels", LangTest{Type: TestNCLC, Undated: true, Scores: [4]float64{7, 8, 7, 9}, Has: has},
			"2026-12-01", [4]int{7, 8, 7, 9}, true, "", []string{ReasonLanguageLevelsUndated}},
	}
	for _, tt := range tests {
		slot := SlotLang1
		if tt.test.Undated {
			slot = SlotOlderFrench
		}
		res, why := tt.test.Convert(slot, day(tt.asOf), nil)
		var codes []string
		for _, r := range why {
			codes = append(codes, r.Code)
		}
		if res.Levels != tt.levels || res.Counts != tt.counts || res.ValidUntil.String() != tt.until || !slices.Equal(codes, tt.codes) {
			t.Errorf("%s: levels %v counts %v until %s reasons %v; want %v %v %s %v", tt.name, res.Levels, res.Counts, res.ValidUntil, codes,
				tt.levels, tt.counts, tt.until, tt.codes)
		}
	}
}

func TestFormatLevels(t *testing.T) {
	for _, tt := range []struct {
		r    LangResult
		want string
	}{
		{LangResult{Counts: true, Levels: [4]int{7, 8, 10, 0}}, "7/8/10/0"},
		{LangResult{Counts: true, Levels: [4]int{12, 4, 5, 6}}, "10/4/5/6"},
		{LangResult{Levels: [4]int{7, 7, 7, 7}}, ""},
	} {
		if got := FormatLevels(tt.r); got != tt.want {
			t.Errorf("FormatLevels(%v) = %q, want %q", tt.r.Levels, got, tt.want)
		}
	}
}

func FuzzConvertTest(f *testing.F) {
	f.Add(uint8(TestIELTS), 7.0, 6.5, 8.0, 7.5, int32(45000), int32(0), int32(45300))
	f.Add(uint8(TestTEF), 440.0, 700.0, 300.0, 0.0, int32(44000), int32(44010), int32(45000))
	f.Fuzz(func(t *testing.T, typ uint8, r, w, l, s float64, test, result, asOf int32) {
		lt := LangTest{Type: TestType(typ % uint8(TestNotDesignated+1)), TestDate: Date(test), ResultDate: Date(result),
			Scores: [4]float64{r, w, l, s}, Has: [4]bool{true, true, true, true}}
		if lt.TestDate < 0 || lt.ResultDate < 0 || lt.TestDate > 1e6 || lt.ResultDate > 1e6 || asOf < 0 || asOf > 1e6 {
			return
		}
		res, _ := lt.Convert(SlotLang1, Date(asOf), nil)
		for _, lv := range res.Levels {
			if lv != 0 && (lv < 4 || lv > 10) || !res.Counts && lv != 0 {
				t.Fatalf("level %d (counts %v) from %+v", lv, res.Counts, lt)
			}
		}
		if res.Counts && !lt.Undated && (res.ValidUntil < Date(asOf) || res.ValidUntil.IsZero()) {
			t.Fatalf("counts on %v but valid until %v", Date(asOf), res.ValidUntil)
		}
	})
}
