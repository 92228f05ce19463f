package rules

import (
	"slices"
	"testing"
)

// Applicants worked by hand from the rules (express_entry_facts.md 4-5,
// language_and_crs_facts.md, errata_2026-12.md), through ParseProfile and
// Evaluator.Assess. Unless a case says otherwise the as-of date is
// 2026-12-01: the 2026 category rule set, the CRS grid of 2025-03-25, the
// funds table of 2025-07-07 (single: 15,263), and the latest rounds before
// it: general #294 (529), FSW #240 (489), CEC #446 (518), healthcare #441
// (475), trades #447 (476), no FST round since 2022.

var workedTitles = map[string]string{
	"33102": "Nurse aides, orderlies and patient service associates",
	"31301": "Registered nurses and registered psychiatric nurses",
	"72106": "Welders and related machine operators",
	"21231": "Software engineers and designers",
}

// ieltsCLB9 is IELTS GT 7/7/8/7 on 2026-03-01: reading 7.0 and writing 7.0
// are CLB 9 (7.0-7.5 and 7.0), listening 8.0 CLB 9, speaking 7.0 CLB 9;
// valid until 2028-02-29.
var ieltsCLB9 = []string{"lang1_test", "IELTS", "lang1_test_date", "2026-03-01", "lang1_reading", "7", "lang1_writing", "7",
	"lang1_listening", "8", "lang1_speaking", "7"}

// ieltsCLB8 is IELTS GT 6.5/6.5/7.5/6.5: CLB 8 in all four.
var ieltsCLB8 = []string{"lang1_test", "IELTS", "lang1_test_date", "2026-03-01", "lang1_reading", "6.5", "lang1_writing", "6.5",
	"lang1_listening", "7.5", "lang1_speaking", "6.5"}

func kv(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// profileOf builds cells where a later key overrides an earlier one.
func profileOf(t *testing.T, pairs []string) Profile {
	t.Helper()
	var c ProfileCells
	for i := 0; i < len(pairs); i += 2 {
		f, ok := FieldByName(pairs[i])
		if !ok {
			t.Fatalf("no field %s", pairs[i])
		}
		c[f] = ""
		c.Set(f, pairs[i+1])
	}
	p, why := ParseProfile(&c, nil)
	if len(why) != 0 {
		t.Fatalf("profile reasons %v", why)
	}
	return p
}

func noHours(j Job) Job   { j.Hours, j.HoursKnown = 0, false; return j }
func noCountry(j Job) Job { j.Country = CountryUnknown; return j }
func evaluator(t testing.TB, asOf string) *Evaluator {
	rs, err := builtinBook(t).At(day(asOf))
	if err != nil {
		t.Fatal(err)
	}
	return &Evaluator{Rules: rs, Title: func(code string) string { return workedTitles[code] }}
}

type worked struct {
	name  string
	asOf  string
	cells []string
	jobs  []Job

	cec, fsw, fst string
	points        string // fsw_points
	crs           string // crs_score
	parts         string // "core/spouse/transfer/additional" when checked
	first, second string
	margins       string
	from, until   string
	eligible      string   // eligible_categories
	reasons       []string // among the applicant's reasons or a program's
	without       []string // not among the applicant's reasons
	explanation   string
}

func TestWorkedProfiles(t *testing.T) {
	single := []string{"marital_status", "single"}
	foreign3y := job("21231", "2021-01-01", "2023-12-31", 40, CountryAbroad) // 1,095 days * 30/7 = 4,692.9 h: 3 years
	cases := []worked{
		{
			// Age 17 (born 2009-06-01): 0 CRS age points, 0 FSW age points.
			// CRS without spouse: age 0 + secondary 30 + CLB 10 x4 = 136 -> 166.
			// FSW: language 6x4 = 24, secondary 5, no work 0, age 0 -> 29.
			name: "age 17", cells: kv(single, []string{"date_of_birth", "2009-06-01", "education_level", "secondary",
				"lang1_test", "IELTS GT", "lang1_test_date", "2026-03-01", "lang1_reading", "8", "lang1_writing", "7.5",
				"lang1_listening", "8.5", "lang1_speaking", "7.5", "settlement_funds_cad", "16000"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "29", crs: "166", parts: "166/0/0/0",
			first: "10/10/10/10", reasons: []string{ReasonFSWNoContinuousYear, ReasonFSWPointsBelow67, ReasonNotInPool, ReasonCRSGridMayHaveChanged},
		},
		{
			// Age 18 on its birthday (2008-12-01): 99 CRS, 12 FSW. 99+30+136 = 265; FSW 24+5+0+12 = 41.
			name: "age 18", cells: kv(single, []string{"date_of_birth", "2008-12-01", "education_level", "secondary",
				"lang1_test", "IELTS GT", "lang1_test_date", "2026-03-01", "lang1_reading", "8", "lang1_writing", "7.5",
				"lang1_listening", "8.5", "lang1_speaking", "7.5"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "41", crs: "265", first: "10/10/10/10",
		},
		{
			// Age 29 (born 1996-12-02, 30 tomorrow): CRS 110. Bachelor's 120, CLB 9 x4 = 31x4 = 124: core 354.
			// Transfer: bachelor's x CLB 9 = 25; foreign 3 years x CLB 9 = 50; -> 75. Total 429.
			// FSW: 24 + 21 + 3 years 11 + 12 = 68, a continuous year in 21231, funds 16,000 >= 15,263: eligible.
			// Margins: 429 - 529 general = -100; 429 - 489 FSW = -60.
			name: "age 29", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-12-02", "education_level", "bachelors",
				"settlement_funds_cad", "16000"}), jobs: []Job{foreign3y},
			cec: "not_eligible", fsw: "eligible", fst: "not_eligible", points: "68", crs: "429", parts: "354/0/75/0",
			first: "9/9/9/9", margins: "general:-100;fsw:-60", reasons: []string{ReasonFSTNoTradeExperience, ReasonDrawDataEnded},
			explanation: "FSW: 68 points, eligible. CRS 429, 60 below the last FSW cut-off.",
		},
		{
			// Age 30 (born 1996-12-01): CRS 105 -> 424; FSW still 12 -> 68.
			name: "age 30", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-12-01", "education_level", "bachelors",
				"settlement_funds_cad", "16000"}), jobs: []Job{foreign3y},
			cec: "not_eligible", fsw: "eligible", fst: "not_eligible", points: "68", crs: "424", parts: "349/0/75/0",
			first: "9/9/9/9", margins: "general:-105;fsw:-65",
		},
		{
			// Age 45 (born 1981-12-01): CRS 0 -> 0+120+124+75 = 319; FSW age 2 -> 24+21+11+2 = 58 < 67.
			name: "age 45", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1981-12-01", "education_level", "bachelors",
				"settlement_funds_cad", "16000"}), jobs: []Job{foreign3y},
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "58", crs: "319", parts: "244/0/75/0",
			first: "9/9/9/9", reasons: []string{ReasonFSWPointsBelow67},
		},
		{
			// Age 44 (born 1981-12-02): CRS 6 -> 325; FSW age 3 -> 59.
			name: "age 44", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1981-12-02", "education_level", "bachelors",
				"settlement_funds_cad", "16000"}), jobs: []Job{foreign3y},
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "59", crs: "325", parts: "250/0/75/0", first: "9/9/9/9",
		},
		{
			// Married, spouse accompanying: with-spouse columns. Age 30: 95; bachelor's 112; CLB 9: 29x4 = 116 -> core 323.
			// Spouse: master's 10, CELPIP 9 x4: 5x4 = 20, 24 months in Canada = 2 years: 7 -> 37.
			// Transfer: bachelor's x CLB 9: 25. Total 385.
			// FSW: 24 + 21 + 0 + 12 + adaptability (spouse CLB 4+: 5, spouse's Canadian year: 5) = 67; no work: not eligible.
			name: "spouse accompanying", cells: kv(ieltsCLB9, []string{"date_of_birth", "1996-06-01", "marital_status", "married",
				"spouse_accompanying", "yes", "education_level", "bachelors", "spouse_education_level", "masters",
				"spouse_lang_test", "CELPIP-G", "spouse_lang_test_date", "2026-01-15", "spouse_lang_reading", "9",
				"spouse_lang_writing", "9", "spouse_lang_listening", "9", "spouse_lang_speaking", "9",
				"spouse_canadian_work_months", "24", "settlement_funds_cad", "20000"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "67", crs: "385", parts: "323/37/25/0",
			first: "9/9/9/9", reasons: []string{ReasonFSWNoContinuousYear},
		},
		{
			// The same, spouse not accompanying: without-spouse columns 105+120+124 = 349 + 25 = 374; FSW loses
			// the spouse's adaptability: 57.
			name: "spouse not accompanying", cells: kv(ieltsCLB9, []string{"date_of_birth", "1996-06-01", "marital_status", "married",
				"spouse_accompanying", "no", "education_level", "bachelors", "spouse_education_level", "masters",
				"spouse_lang_test", "CELPIP-G", "spouse_lang_test_date", "2026-01-15", "spouse_lang_reading", "9",
				"spouse_lang_writing", "9", "spouse_lang_listening", "9", "spouse_lang_speaking", "9",
				"spouse_canadian_work_months", "24"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "57", crs: "374", parts: "349/0/25/0", first: "9/9/9/9",
		},
		{
			// Accompanying left blank: scored with spouse (385), with the review reason.
			name: "spouse accompanying blank", cells: kv(ieltsCLB9, []string{"date_of_birth", "1996-06-01", "marital_status", "Common-law",
				"education_level", "bachelors", "spouse_education_level", "masters",
				"spouse_lang_test", "CELPIP-G", "spouse_lang_test_date", "2026-01-15", "spouse_lang_reading", "9",
				"spouse_lang_writing", "9", "spouse_lang_listening", "9", "spouse_lang_speaking", "9",
				"spouse_canadian_work_months", "24"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "67", crs: "385", parts: "323/37/25/0",
			first: "9/9/9/9", reasons: []string{ReasonSpouseAccompanyingMissing},
		},
		{
			// A spouse who is a Canadian citizen is scored as without spouse: 374; FSW 57.
			name: "spouse a Canadian citizen", cells: kv(ieltsCLB9, []string{"date_of_birth", "1996-06-01", "marital_status", "married",
				"spouse_accompanying", "yes", "spouse_canadian_citizen_or_pr", "yes", "education_level", "bachelors",
				"spouse_education_level", "masters", "spouse_canadian_work_months", "24"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "57", crs: "374", parts: "349/0/25/0", first: "9/9/9/9",
		},
		{
			// CELPIP 9/10/8/7 = CLB 9/10/8/7. Age 35: 77; master's 135; 31+34+23+17 = 105 -> core 317.
			// Transfer: master's x CLB 7+ with one below 9: 25. Total 342. FSW: 6+6+5+4 = 21 + 23 + 0 + 12 = 56.
			name: "CELPIP", cells: kv(single, []string{"date_of_birth", "1991-06-01", "education_level", "masters",
				"lang1_test", "CELPIP", "lang1_test_date", "2026-02-01", "lang1_reading", "9", "lang1_writing", "10",
				"lang1_listening", "8", "lang1_speaking", "7"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "56", crs: "342", parts: "317/0/25/0", first: "9/10/8/7",
		},
		{
			// PTE Core 60/79/82/89: reading 60-68 CLB 7, writing 79-87 CLB 8, listening 82-88 CLB 9, speaking
			// 89-90 CLB 10. Age 25: 110; two-year 98; 105 -> 313; transfer two-year x good 13 -> 326.
			// FSW: 4+5+6+6 = 21 + 19 + 0 + 12 = 52.
			name: "PTE Core", cells: kv(single, []string{"date_of_birth", "2001-01-01", "education_level", "two_year",
				"lang1_test", "PTE Core", "lang1_test_date", "2025-02-01", "lang1_reading", "60", "lang1_writing", "79",
				"lang1_listening", "82", "lang1_speaking", "89"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "52", crs: "326", parts: "313/0/13/0", first: "7/8/9/10",
		},
		{
			// TEF Canada of 2025-09-10, 2023 chart: 546 reading NCLC 10, 512 writing 9, 462 listening 8, 456
			// speaking 7. Age 27: 110; bachelor's 120; 34+31+23+17 = 105 -> 335; transfer 13; French NCLC 7+ with
			// no English test: 25 (errata 6). Total 373. French category met until the test's last day, 2027-09-09.
			name: "TEF 2023 chart, French category", cells: kv(single, []string{"date_of_birth", "1999-03-15", "education_level", "bachelors",
				"lang1_test", "TEF Canada", "lang1_test_date", "2025-09-10", "lang1_reading", "546", "lang1_writing", "512",
				"lang1_listening", "462", "lang1_speaking", "456"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "54", crs: "373", parts: "335/0/13/25",
			first: "10/9/8/7", until: "french:2027-09-09", eligible: "french",
		},
		{
			// TEF "ancien" 207/310/249/310 = NCLC 7 x4; English IELTS 4.0/5.0/5.0/5.0 = CLB 5 x4.
			// Age 31: 99; one-year 90; 17x4 = 68; second language 1x4 = 4 -> core 261; transfer one-year x good 13;
			// French NCLC 7+ with English CLB 5+ in all four: 50. Total 324. FSW: 16 + 4 (second CLB 5) + 15 + 12 = 47.
			name: "TEF ancien, French 50", cells: kv(single, []string{"date_of_birth", "1995-05-20", "education_level", "one_year",
				"lang1_test", "TEF ancien", "lang1_test_date", "2026-02-01", "lang1_reading", "207", "lang1_writing", "310",
				"lang1_listening", "249", "lang1_speaking", "310",
				"lang2_test", "IELTS", "lang2_test_date", "2026-02-15", "lang2_reading", "4", "lang2_writing", "5",
				"lang2_listening", "5", "lang2_speaking", "5"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "47", crs: "324", parts: "261/0/13/50",
			first: "7/7/7/7", second: "5/5/5/5", until: "french:2028-01-31", eligible: "french",
		},
		{
			// TCF 453/10/458/10 = NCLC 7 x4; English IELTS 3.5/5/5/5 = CLB 4/5/5/5: French points 25 (CLB 5 in only
			// some abilities, errata 6). Age 33: 88; secondary 30; 68; second 0+1+1+1 = 3 -> 189; transfer 0. Total 214.
			name: "TCF, French 25", cells: kv(single, []string{"date_of_birth", "1993-01-10", "education_level", "secondary",
				"lang1_test", "TCF Canada", "lang1_test_date", "2026-04-01", "lang1_reading", "453", "lang1_writing", "10",
				"lang1_listening", "458", "lang1_speaking", "10",
				"lang2_test", "IELTS", "lang2_test_date", "2026-04-10", "lang2_reading", "3.5", "lang2_writing", "5",
				"lang2_listening", "5", "lang2_speaking", "5"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "33", crs: "214", parts: "189/0/0/25",
			first: "7/7/7/7", second: "4/5/5/5", until: "french:2028-03-31", eligible: "french",
		},
		{
			// Levels typed as CLB 8 with a test date. Age 40 (born 1986-11-30): 50; doctoral 150; 23x4 = 92 -> 292;
			// transfer doctoral x good 25 -> 317. FSW: 20 + 25 + 0 + 7 = 52.
			name: "CLB levels", cells: kv(single, []string{"date_of_birth", "1986-11-30", "education_level", "doctoral",
				"lang1_test", "CLB", "lang1_test_date", "2026-05-01", "lang1_reading", "8", "lang1_writing", "8",
				"lang1_listening", "8", "lang1_speaking", "8"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "52", crs: "317", parts: "292/0/25/0", first: "8/8/8/8",
		},
		{
			// The older english_* columns: CLB 7 x4, undated. Age 26: 110 + 120 + 68 = 298 + 13 = 311. FSW 16+21+12 = 49.
			name: "older English columns", cells: kv(single, []string{"date_of_birth", "2000-07-01", "education_level", "bachelors",
				"english_reading", "7", "english_writing", "7", "english_listening", "7", "english_speaking", "7"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "49", crs: "311", parts: "298/0/13/0",
			first: "7/7/7/7", reasons: []string{ReasonLanguageLevelsUndated},
		},
		{
			// Older columns, NCLC 9 x4 and CLB 6 x4: French scores more, so it is the first language
			// (OlderColumnsFirstLanguage). Age 28: 110 + 120 + 31x4 = 124 + second 1x4 = 4 -> 358; transfer
			// bachelor's x CLB 9: 25; French with English CLB 5+: 50. Total 433. FSW: 24 + 4 + 21 + 12 = 61.
			name: "older columns, French first", cells: kv(single, []string{"date_of_birth", "1998-01-01", "education_level", "bachelors",
				"french_reading", "9", "french_writing", "9", "french_listening", "9", "french_speaking", "9",
				"english_reading", "6", "english_writing", "6", "english_listening", "6", "english_speaking", "6"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "61", crs: "433", parts: "358/0/25/50",
			first: "9/9/9/9", second: "6/6/6/6", eligible: "french",
		},
		{
			// TEF of 2023-12-10 reads with the 2019 chart: 450 is NCLC 7 in every ability. As of 2025-06-01 (2025
			// rules): age 30: 105 + 120 + 68 = 293; transfer 13; French 25 -> 331. French met until 2025-12-09.
			name: "TEF chart switch: 2023-12-10", asOf: "2025-06-01", cells: kv(single, []string{"date_of_birth", "1995-01-01",
				"education_level", "bachelors", "lang1_test", "TEF", "lang1_test_date", "2023-12-10", "lang1_reading", "450",
				"lang1_writing", "450", "lang1_listening", "450", "lang1_speaking", "450"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "49", crs: "331", parts: "293/0/13/25",
			first: "7/7/7/7", until: "french:2025-12-09", eligible: "french",
		},
		{
			// The same scores on 2023-12-11 read with the 2023 chart: speaking 450 is NCLC 6 (422-455).
			// 105 + 120 + 17+17+17+9 = 285; no transfer (one ability below 7), no French points, no French category.
			// FSW: 4+4+4+0 = 12 + 21 + 12 = 45.
			name: "TEF chart switch: 2023-12-11", asOf: "2025-06-01", cells: kv(single, []string{"date_of_birth", "1995-01-01",
				"education_level", "bachelors", "lang1_test", "TEF", "lang1_test_date", "2023-12-11", "lang1_reading", "450",
				"lang1_writing", "450", "lang1_listening", "450", "lang1_speaking", "450"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "45", crs: "285", parts: "285/0/0/0", first: "7/7/7/6",
		},
		{
			// IELTS of 2024-11-30 is two years old on 2026-11-30: expired. 105 + 120 = 225; FSW 0 + 21 + 12 = 33.
			name: "expired test", cells: kv(single, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"lang1_test", "IELTS", "lang1_test_date", "2024-11-30", "lang1_reading", "7", "lang1_writing", "7",
				"lang1_listening", "8", "lang1_speaking", "7"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "33", crs: "225", parts: "225/0/0/0",
			reasons: []string{ReasonLang1TestExpired, ReasonFSWLanguageBelowCLB7},
		},
		{
			// The same test with its result dated 2024-12-10 still counts (errata 4): 349 + 25 = 374; FSW 57.
			name: "result date keeps the test", cells: kv(single, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"lang1_test", "IELTS", "lang1_test_date", "2024-11-30", "lang1_result_date", "2024-12-10", "lang1_reading", "7",
				"lang1_writing", "7", "lang1_listening", "8", "lang1_speaking", "7"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "57", crs: "374", parts: "349/0/25/0", first: "9/9/9/9",
		},
		{
			// Canadian study of one year: +15 -> 389. No FSW "past studies" points (errata 10: two years or more).
			name: "Canadian study 1-2 years", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-01-01",
				"education_level", "bachelors", "canadian_education", "one_year"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "57", crs: "389", parts: "349/0/25/15", first: "9/9/9/9",
		},
		{
			// Three years or more: +30 -> 404; FSW adaptability 5 -> 62.
			name: "Canadian study 3+ years", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-01-01",
				"education_level", "bachelors", "canadian_education", "three_year_plus"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "62", crs: "404", parts: "349/0/25/30", first: "9/9/9/9",
		},
		{
			// CEC at 11 months: 2025-12-05..2026-12-01 is 362 days * 30/7 = 1,551.4 h < 1,560. The year is reached
			// after 364 days, on 2026-12-03 (364 * 30/7 = 1,560). CRS 349 + 25 = 374; FSW 57 (no continuous year).
			name: "CEC at 11 months", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"settlement_funds_cad", "20000"}), jobs: []Job{job("21231", "2025-12-05", "", 40, CountryCanada)},
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "57", crs: "374", parts: "349/0/25/0",
			first: "9/9/9/9", from: "cec:2026-12-03", reasons: []string{ReasonCECCanadianWorkUnder12Months},
		},
		{
			// CEC at 12 months: from 2025-12-02, 365 days = 1,564.3 h. CRS: Canadian year 40 -> core 389; transfer
			// bachelor's x CLB 9 25 + bachelor's x 1 Canadian year 13 = 38 -> 427. FSW: 24 + 21 + 1 year 9 + 12 +
			// adaptability (Canadian year) 10 = 76. CEC stays met until the test expires, 2028-02-29.
			name: "CEC at 12 months", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"settlement_funds_cad", "20000"}), jobs: []Job{job("21231", "2025-12-02", "", 40, CountryCanada)},
			cec: "eligible", fsw: "eligible", fst: "not_eligible", points: "76", crs: "427", parts: "389/0/38/0",
			first: "9/9/9/9", margins: "general:-102;cec:-91;fsw:-62", until: "cec:2028-02-29",
			explanation: "CEC and FSW (76 points) eligible. CRS 427, 62 below the last FSW cut-off.",
		},
		{
			// The same on 2026-09-01, before the draw data end: the CEC round of that very day (#439) is not
			// yet "the last one"; #436 of 2026-08-18 (523) is. 2025-08-31..2026-09-01 = 367 days = 1,572.9 h.
			// No note that the grid may have changed (before 2026-11-03), none that the draw data ended.
			name: "CEC before the draw data end", asOf: "2026-09-01", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-01-01",
				"education_level", "bachelors", "settlement_funds_cad", "20000"}), jobs: []Job{job("21231", "2025-08-31", "", 40, CountryCanada)},
			cec: "eligible", fsw: "eligible", fst: "not_eligible", points: "76", crs: "427", parts: "389/0/38/0",
			first: "9/9/9/9", margins: "general:-102;cec:-96;fsw:-62", until: "cec:2028-02-29",
			without: []string{ReasonDrawDataEnded, ReasonCRSGridMayHaveChanged},
		},
		{
			// FSW at 66: CLB 8 x4 = 20; two-year 19; 2023-01-01..2024-12-31 abroad = 731 days = 3,132.9 h: 2 years,
			// 11; age 36: 11; relative in Canada 5. 20+19+11+11+5 = 66 < 67.
			// CRS: age 36: 72; two-year 98; 23x4 = 92 -> 262; transfer two-year x good 13 + foreign 1-2 years x good
			// 13 = 26 -> 288.
			name: "FSW at 66 points", cells: kv(single, ieltsCLB8, []string{"date_of_birth", "1990-06-01", "education_level", "two_year",
				"relative_in_canada", "yes", "settlement_funds_cad", "16000"}),
			jobs: []Job{job("21231", "2023-01-01", "2024-12-31", 40, CountryAbroad)},
			cec:  "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "66", crs: "288", parts: "262/0/26/0",
			first: "8/8/8/8", reasons: []string{ReasonFSWPointsBelow67},
		},
		{
			// FSW at 67: the same at age 35 (12 age points). CRS age 77 -> 293.
			name: "FSW at 67 points", cells: kv(single, ieltsCLB8, []string{"date_of_birth", "1991-06-01", "education_level", "two_year",
				"relative_in_canada", "yes", "settlement_funds_cad", "16000"}),
			jobs: []Job{job("21231", "2023-01-01", "2024-12-31", 40, CountryAbroad)},
			cec:  "not_eligible", fsw: "eligible", fst: "not_eligible", points: "67", crs: "293", parts: "267/0/26/0",
			first: "8/8/8/8", margins: "general:-236;fsw:-196",
		},
		{
			// FST with a certificate: welder 72106 abroad since 2022-01-01: 1,796 days in the 5 years = 7,697 h >=
			// 3,120. CELPIP 5 x4 meets CLB 5 speaking and listening, 4 reading and writing. Trades category:
			// 1,096 days in 3 years = 4,697.1 h. CRS: age 32: 94; secondary 30; 6x4 = 24 -> 148; certificate x CLB 5+
			// with one below 7: 25 -> 173. FSW: 0 + 5 + 4 years 13 + 12 = 30.
			name: "FST with a certificate", cells: kv(single, []string{"date_of_birth", "1994-03-01", "education_level", "secondary",
				"lang1_test", "CELPIP", "lang1_test_date", "2026-03-01", "lang1_reading", "5", "lang1_writing", "5",
				"lang1_listening", "5", "lang1_speaking", "5", "certificate_of_qualification", "yes", "settlement_funds_cad", "16000"}),
			jobs: []Job{job("72106", "2022-01-01", "", 40, CountryAbroad)},
			cec:  "not_eligible", fsw: "not_eligible", fst: "eligible", points: "30", crs: "173", parts: "148/0/25/0",
			first: "5/5/5/5", margins: "general:-356;trades:-303", eligible: "trades",
			explanation: "Meets Trades (4,697 hours as 72106 Welders and related machine operators). FST eligible. CRS 173, 303 below the last trades cut-off.",
		},
		{
			// CELPIP 5/4/5/5 (writing CLB 4 still meets FST's minimum) without a certificate or a job offer: FST
			// not eligible; no certificate points either way (they need CLB 5 in all four): 148; not in the pool.
			name: "FST without a certificate", cells: kv(single, []string{"date_of_birth", "1994-03-01", "education_level", "secondary",
				"lang1_test", "CELPIP", "lang1_test_date", "2026-03-01", "lang1_reading", "5", "lang1_writing", "4",
				"lang1_listening", "5", "lang1_speaking", "5", "settlement_funds_cad", "16000"}),
			jobs: []Job{job("72106", "2022-01-01", "", 40, CountryAbroad)},
			cec:  "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "30", crs: "148", parts: "148/0/0/0",
			first: "5/4/5/5", eligible: "trades", reasons: []string{ReasonFSTNoJobOfferOrCertificate, ReasonNotInPool},
		},
		{
			// Only an age: no CRS without education; FSW points 12 (age) and a review reason for each blank.
			name: "missing: age only", cells: []string{"age", "34"},
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "12", crs: "",
			reasons:     []string{ReasonAgeFromAgeColumn, ReasonEducationMissing, ReasonMaritalStatusMissing, ReasonFSWLanguageBelowCLB7},
			explanation: "Not in the pool: no program met (FSW 12 of 67 points). CRS not computed: education missing.",
		},
		{
			// No age at all: no CRS, FSW points blank; 24 + master's 23 + 3 years 11 = 58, and 58 + 12 >= 67, so
			// FSW is review (age_missing) rather than not eligible.
			name: "missing: no age", cells: kv(single, ieltsCLB9, []string{"education_level", "masters", "settlement_funds_cad", "16000"}),
			jobs: []Job{foreign3y},
			cec:  "not_eligible", fsw: "review", fst: "not_eligible", points: "", crs: "", first: "9/9/9/9",
			reasons: []string{ReasonAgeMissing},
		},
		{
			// Funds blank: FSW review.
			name: "missing: funds", cells: kv(single, ieltsCLB8, []string{"date_of_birth", "1991-06-01", "education_level", "two_year",
				"relative_in_canada", "yes"}),
			jobs: []Job{job("21231", "2023-01-01", "2024-12-31", 40, CountryAbroad)},
			cec:  "not_eligible", fsw: "review", fst: "not_eligible", points: "67", crs: "293", first: "8/8/8/8",
			reasons: []string{ReasonSettlementFundsUnknown},
		},
		{
			// Married (spouse not coming) with two children: a family of 4 needs 28,362; 25,000 falls short.
			name: "funds below required", cells: kv(ieltsCLB8, []string{"date_of_birth", "1991-06-01", "education_level", "two_year",
				"marital_status", "married", "spouse_accompanying", "no", "dependent_children", "2",
				"relative_in_canada", "yes", "settlement_funds_cad", "25,000"}),
			jobs: []Job{job("21231", "2023-01-01", "2024-12-31", 40, CountryAbroad)},
			cec:  "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "67", crs: "293", first: "8/8/8/8",
			reasons: []string{ReasonFundsBelowRequired},
		},
		{
			// A job offer with work authorization waives the funds; it adds 10 + 5 adaptability (capped at 10 with
			// the relative): 67 + 10 + 5 = 82. No CRS job-offer points from 2025-03-25.
			name: "job offer waives funds", cells: kv(ieltsCLB8, []string{"date_of_birth", "1991-06-01", "education_level", "two_year",
				"marital_status", "married", "spouse_accompanying", "no", "dependent_children", "2", "relative_in_canada", "yes",
				"settlement_funds_cad", "25,000", "job_offer", "yes", "job_offer_noc", "21231", "authorized_to_work_in_canada", "yes"}),
			jobs: []Job{job("21231", "2023-01-01", "2024-12-31", 40, CountryAbroad)},
			cec:  "not_eligible", fsw: "eligible", fst: "not_eligible", points: "82", crs: "293", parts: "267/0/26/0",
			first: "8/8/8/8", margins: "general:-236;fsw:-196",
		},
		{
			// Intending to live in Quebec: no federal program; the CRS (427, as "CEC at 12 months") still shows.
			name: "intends Quebec", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"settlement_funds_cad", "20000", "intended_province", "QC"}), jobs: []Job{job("21231", "2025-12-02", "", 40, CountryCanada)},
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "76", crs: "427", first: "9/9/9/9",
			reasons: []string{ReasonIntendsQuebec},
		},
		{
			// CLB 6 with TEER 1 Canadian work (errata 8): CEC needs CLB 7. 2024-06-01..2026-12-01 = 914 days =
			// 3,917.1 h: 2 years. CRS: 105 + 120 + 9x4 = 36 + 53 -> 314; transfer bachelor's x 2 Canadian years
			// 25 -> 339. FSW: 0 + 21 + 2 years 11 + 12 + 10 = 54.
			name: "CEC CLB 6 with TEER 1 work", cells: kv(single, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"lang1_test", "CELPIP", "lang1_test_date", "2026-03-01", "lang1_reading", "6", "lang1_writing", "6",
				"lang1_listening", "6", "lang1_speaking", "6"}), jobs: []Job{job("21231", "2024-06-01", "", 40, CountryCanada)},
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "54", crs: "339", parts: "314/0/25/0",
			first: "6/6/6/6", reasons: []string{ReasonCECLanguageBelowCLB7TEER01},
		},
		{
			// The same with TEER 3 work (33102): CEC met on CLB 5-6; healthcare met. Margins 339 - 529, 339 - 518,
			// 339 - 475. CEC lasts while the test does (2028-02-29); the ongoing job keeps healthcare.
			name: "CEC CLB 6 with TEER 3 work", cells: kv(single, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"lang1_test", "CELPIP", "lang1_test_date", "2026-03-01", "lang1_reading", "6", "lang1_writing", "6",
				"lang1_listening", "6", "lang1_speaking", "6"}), jobs: []Job{job("33102", "2024-06-01", "", 40, CountryCanada)},
			cec: "eligible", fsw: "not_eligible", fst: "not_eligible", points: "54", crs: "339", first: "6/6/6/6",
			margins: "general:-190;cec:-179;healthcare:-136", until: "cec:2028-02-29", eligible: "healthcare",
		},
		{
			// Summary columns, CLB 6, TEER blank: CEC review. CRS as above: 339. FSW fails on language and the
			// primary occupation is not given.
			name: "summary: TEER missing", cells: kv(single, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"lang1_test", "CELPIP", "lang1_test_date", "2026-03-01", "lang1_reading", "6", "lang1_writing", "6",
				"lang1_listening", "6", "lang1_speaking", "6", "canadian_work_months", "24", "canadian_work_months_3y", "24"}),
			cec: "review", fsw: "not_eligible", fst: "not_eligible", points: "54", crs: "339", first: "6/6/6/6",
			reasons: []string{ReasonCanadianWorkTEERMissing, ReasonPrimaryNOCMissing},
		},
		{
			// Summary of 24 Canadian months in 10 years, 3-year column blank: CEC review. CRS 105+120+124+53 = 402;
			// transfer 25 + 25 = 50 -> 452. FSW review (no primary NOC, no funds); 24+21+11+12+10 = 78.
			name: "summary: 3-year months missing", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-01-01",
				"education_level", "bachelors", "canadian_work_months", "24"}),
			cec: "review", fsw: "review", fst: "not_eligible", points: "78", crs: "452", parts: "402/0/50/0", first: "9/9/9/9",
			reasons: []string{ReasonCanadianWorkMonths3yMiss, ReasonPrimaryNOCMissing, ReasonSettlementFundsUnknown},
		},
		{
			// Summary: exactly 12 months in 3 years with CLB 7: CEC met. 105+120+68+40 = 333; transfer 13 + 13 -> 359.
			name: "summary: 12 months", cells: kv(single, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"lang1_test", "IELTS", "lang1_test_date", "2026-03-01", "lang1_reading", "6", "lang1_writing", "6",
				"lang1_listening", "6", "lang1_speaking", "6", "canadian_work_months", "12", "canadian_work_months_3y", "12"}),
			cec: "eligible", fsw: "review", fst: "not_eligible", points: "68", crs: "359", parts: "333/0/26/0", first: "7/7/7/7",
			margins: "general:-170;cec:-159",
		},
		{
			// Summary: 11 months: CEC not met. 105+120+68 = 293 + 13 = 306.
			name: "summary: 11 months", cells: kv(single, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"lang1_test", "IELTS", "lang1_test_date", "2026-03-01", "lang1_reading", "6", "lang1_writing", "6",
				"lang1_listening", "6", "lang1_speaking", "6", "canadian_work_months", "11", "canadian_work_months_3y", "11"}),
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "49", crs: "306", parts: "293/0/13/0", first: "7/7/7/7",
			reasons: []string{ReasonCECCanadianWorkUnder12Months},
		},
		{
			// A Canadian job without hours: counted nowhere for sure (CRS 374 as with no work), but at 30 h a
			// week it would give CEC and FSW their year: both review, with the job's reason.
			name: "job without hours", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"settlement_funds_cad", "16000"}), jobs: []Job{noHours(job("21231", "2024-01-01", "", 0, CountryCanada))},
			cec: "review", fsw: "review", fst: "not_eligible", points: "57", crs: "374", first: "9/9/9/9",
			reasons: []string{ReasonJobHoursMissing, ReasonCRSDependsOnDoubtfulJobs},
		},
		{
			// A job of unknown country: FSW counts it (Canada or abroad): 2024-01-01..2026-12-01 = 1,066 days =
			// 4,568.6 h, 2 years: 24 + 21 + 11 + 12 = 68, eligible. CEC needs Canadian work: review. CRS counts
			// neither Canadian nor foreign years: 374, review.
			name: "job of unknown country", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"settlement_funds_cad", "16000"}), jobs: []Job{noCountry(job("21231", "2024-01-01", "", 40, CountryCanada))},
			cec: "review", fsw: "eligible", fst: "not_eligible", points: "68", crs: "374", first: "9/9/9/9",
			margins: "general:-155;fsw:-115", reasons: []string{ReasonJobCountryUnknown, ReasonCRSDependsOnDoubtfulJobs},
		},
		{
			// A skilled job whose dates cannot be read counts nowhere, but it might hold the missing year:
			// CEC and FSW review; the CRS (374 without it) too. FST fails on more than work (language).
			name: "job with unreadable dates", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-01-01",
				"education_level", "bachelors", "settlement_funds_cad", "16000"}),
			jobs: []Job{{Code: "21231", Hours: 40, HoursKnown: true, Country: CountryCanada}},
			cec:  "review", fsw: "review", fst: "not_eligible", points: "57", crs: "374", first: "9/9/9/9",
			reasons: []string{ReasonJobDatesUnreadable, ReasonCRSDependsOnDoubtfulJobs},
		},
		{
			// A list of jobs only (no profile column): the categories as before, programs not met for want of a
			// language test, no CRS, and no reason for the absent profile. 2024-01-01..2026-12-01 = 1,066 days
			// = 4,568.6 h.
			name: "jobs only", jobs: []Job{job("31301", "2024-01-01", "", 40, CountryCanada)},
			cec: "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "", crs: "", eligible: "healthcare",
			without:     []string{ReasonAgeMissing, ReasonMaritalStatusMissing, ReasonEducationMissing, ReasonNotInPool},
			explanation: "Meets Healthcare (4,568 hours as 31301 Registered nurses and registered psychiatric nurses).",
		},
		{
			// The example: a nurse aide since 2026-01-01 at 30 h: 335 days = 1,435.7 h. 1,560 h takes 364
			// days: met on 2026-12-30, for healthcare and for CEC's year.
			name: "eligible from", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors"}),
			jobs: []Job{job("33102", "2026-01-01", "", 30, CountryCanada)},
			cec:  "not_eligible", fsw: "not_eligible", fst: "not_eligible", points: "57", crs: "374", first: "9/9/9/9",
			from: "cec:2026-12-30;healthcare:2026-12-30",
			explanation: "Healthcare: 1,435 of 1,560 hours as 33102 Nurse aides; met on 2026-12-30 if this job continues. " +
				"Not in the pool: no program met (FSW 57 of 67 points; CEC 11 of 12 months of Canadian work). CRS 374.",
		},
		{
			// A nurse until 2025-06-30: in the window 2023-12-02..2026-12-01, 577 days = 2,472.9 h. The window's
			// first day must stay on or before 2024-07-02 (364 days to 2025-06-30), so the last day met is
			// 2027-07-01, for healthcare and CEC. CRS: 761 days in 10 years = 3,261.4 h, 2 years: 53 -> core 402;
			// transfer 25 + 25 -> 452. FSW 24 + 21 + 11 + 12 + 10 = 78.
			name: "eligible until", cells: kv(single, ieltsCLB9, []string{"date_of_birth", "1996-01-01", "education_level", "bachelors",
				"settlement_funds_cad", "16000"}), jobs: []Job{job("31301", "2023-06-01", "2025-06-30", 40, CountryCanada)},
			cec: "eligible", fsw: "eligible", fst: "not_eligible", points: "78", crs: "452", parts: "402/0/50/0", first: "9/9/9/9",
			margins: "general:-77;cec:-66;fsw:-37;healthcare:-23", until: "cec:2027-07-01;healthcare:2027-07-01", eligible: "healthcare",
			explanation: "Meets Healthcare (2,472 hours as 31301 Registered nurses and registered psychiatric nurses) until 2027-07-01. " +
				"CEC and FSW (78 points) eligible. CRS 452, 23 below the last healthcare cut-off.",
		},
	}
	if len(cases) < 40 {
		t.Fatalf("%d worked applicants, want at least 40", len(cases))
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			asOf := tt.asOf
			if asOf == "" {
				asOf = "2026-12-01"
			}
			e := evaluator(t, asOf)
			p := profileOf(t, tt.cells)
			a := e.Assess(&Applicant{Jobs: tt.jobs}, &p, day(asOf))
			col := a.Columns()
			got := map[string]string{}
			for i, n := range ColumnNames {
				got[n] = col[i]
			}
			eligible, _, _ := Summary(a.Categories)
			check := func(what, g, w string) {
				if g != w {
					t.Errorf("%s = %q, want %q", what, g, w)
				}
			}
			check("cec_status", got["cec_status"], tt.cec)
			check("fsw_status", got["fsw_status"], tt.fsw)
			check("fst_status", got["fst_status"], tt.fst)
			check("fsw_points", got["fsw_points"], tt.points)
			check("crs_score", got["crs_score"], tt.crs)
			check("first_language_levels", got["first_language_levels"], tt.first)
			check("second_language_levels", got["second_language_levels"], tt.second)
			check("draw_margins", got["draw_margins"], tt.margins)
			check("eligible_from", got["eligible_from"], tt.from)
			check("eligible_until", got["eligible_until"], tt.until)
			check("eligible_categories", eligible, tt.eligible)
			if tt.parts != "" {
				check("core/spouse/transfer/additional", got["crs_core"]+"/"+got["crs_spouse"]+"/"+got["crs_transfer"]+"/"+got["crs_additional"], tt.parts)
			}
			if tt.explanation != "" {
				check("explanation", a.Explanation, tt.explanation)
			}
			all := codes(a.Reasons)
			for _, pr := range []ProgramResult{a.CEC, a.FSW, a.FST} {
				all = append(all, pr.Reasons...)
			}
			for _, r := range tt.reasons {
				if !slices.Contains(all, r) {
					t.Errorf("reason %s missing from %v", r, all)
				}
			}
			for _, r := range tt.without {
				if slices.Contains(codes(a.Reasons), r) {
					t.Errorf("reason %s present in %v", r, codes(a.Reasons))
				}
			}
			if a.CRS.Known && a.CRS.Total != a.CRS.Core+a.CRS.Spouse+a.CRS.Transfer+a.CRS.Additional {
				t.Errorf("CRS parts do not add up: %+v", a.CRS)
			}
		})
	}
}
