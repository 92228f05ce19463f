package rules

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

// Language tests: raw scores of the designated tests turned into CLB
// (English) or NCLC (French) levels per ability, with the charts kept as
// dated data (data/language_tables.json, a copy of
// ../shared/rules/language_tables.json; TestLanguageTablesMatchShared keeps
// them equal).

//go:embed data/language_tables.json
var languageTablesJSON []byte

// OfficialLanguage is English or French.
type OfficialLanguage uint8

const (
	LanguageUnknown OfficialLanguage = iota
	English
	French
)

func (l OfficialLanguage) String() string {
	switch l {
	case English:
		return "english"
	case French:
		return "french"
	}
	return ""
}

// Ability indexes the four abilities, in the order of the levels columns
// ("R/W/L/S").
type Ability uint8

const (
	Reading Ability = iota
	Writing
	Listening
	Speaking
)

var abilityNames = [4]string{"reading", "writing", "listening", "speaking"}

func (a Ability) String() string { return abilityNames[a] }

// TestType is the kind of a language result.
type TestType uint8

const (
	TestNone      TestType = iota
	TestIELTS              // IELTS General Training
	TestCELPIP             // CELPIP-General
	TestPTECore            // PTE Core
	TestTEF                // TEF Canada, the /699 score: chart chosen by test date
	TestTEFAncien          // TEF Canada, the certificate's "Équivalence ancien score"
	TestTCF                // TCF Canada
	TestCLB                // English levels already converted
	TestNCLC               // French levels already converted
	// TestNotDesignated is a real test that Express Entry does not accept
	// (IELTS Academic, PTE Academic, CELPIP-LS, TOEFL ...).
	TestNotDesignated
)

var testNames = [...]string{"", "IELTS", "CELPIP", "PTE Core", "TEF", "TEF ancien", "TCF", "CLB", "NCLC", "not designated"}

func (t TestType) String() string { return testNames[t] }

// Language is the official language the test assesses.
func (t TestType) Language() OfficialLanguage {
	switch t {
	case TestIELTS, TestCELPIP, TestPTECore, TestCLB:
		return English
	case TestTEF, TestTEFAncien, TestTCF, TestNCLC:
		return French
	}
	return LanguageUnknown
}

// LangTest is one language result as the sheet gives it. Scores are raw
// (bands, points or levels, by Type); Has says which were present. A
// CELPIP "M" is stored as 0.
type LangTest struct {
	Type       TestType
	TestDate   Date
	ResultDate Date
	Scores     [4]float64
	Has        [4]bool
	// Bad marks a score cell that was there but could not be read (the
	// parser reported <column>_unreadable); it counts as 0. TypeBad: so
	// was the test type.
	Bad     [4]bool
	TypeBad bool
	// Undated marks levels from the older french_*/english_* columns, which
	// carry no dates and are used as they are (note language_levels_undated).
	Undated bool
}

// Present reports whether the sheet gave anything for this test.
func (t *LangTest) Present() bool {
	return t.Type != TestNone || t.Has != [4]bool{} || t.Bad != [4]bool{} || t.TypeBad
}

// LangResult is a test converted on an as-of date.
type LangResult struct {
	Type     TestType
	Language OfficialLanguage
	// Levels are CLB/NCLC per ability, capped at 10; 0 is below level 4 or
	// not assessed.
	Levels [4]int
	// Counts: the result is designated, dated, in date and on scale enough
	// to be used on the as-of date. Levels are zero when it does not.
	Counts bool
	// ValidUntil is the last day the result counts (anchor + 2 years - 1);
	// zero for undated levels.
	ValidUntil Date
	// Chart is the conversion chart used (the id in language_tables.json,
	// or "levels").
	Chart string
	// Doubt marks abilities whose score was unreadable or off its scale
	// (they count as 0; the French category becomes review).
	Doubt [4]bool
}

// MinLevel is the lowest of the four levels (0 when the result does not count).
func (r *LangResult) MinLevel() int {
	if !r.Counts {
		return 0
	}
	return min(r.Levels[0], r.Levels[1], r.Levels[2], r.Levels[3])
}

// AllAtLeast reports whether every ability is at lv or more.
func (r *LangResult) AllAtLeast(lv int) bool { return r.Counts && r.MinLevel() >= lv }

// chart is one conversion table: the lowest score of each level 4..10 per
// ability, and the top of the scale per ability.
type chart struct {
	id       string
	language OfficialLanguage
	from, to Date // effective test dates, zero when open
	mins     [7][4]float64
	top      [4]float64
}

// level converts one raw score. The score must be on scale.
func (c *chart) level(ab Ability, score float64) int {
	for lv := 10; lv >= 4; lv-- {
		if score >= c.mins[lv-4][ab] {
			return lv
		}
	}
	return 0
}

type charts struct {
	byID                                 map[string]*chart
	ielts, celpip, pte, tef2023, tef2019 *chart
	tefAncien, tcf                       *chart
}

var (
	chartsOnce sync.Once
	chartsData *charts
	chartsErr  error
)

func languageCharts() *charts {
	chartsOnce.Do(func() { chartsData, chartsErr = parseCharts(languageTablesJSON) })
	if chartsErr != nil {
		panic("built-in language tables: " + chartsErr.Error()) // a build defect, caught by the tests
	}
	return chartsData
}

func parseCharts(data []byte) (*charts, error) {
	type band struct {
		Level                                 int
		Reading, Writing, Listening, Speaking struct{ Min, Max float64 }
	}
	var f struct {
		Tests []struct {
			ID            string  `json:"id"`
			Language      string  `json:"language"`
			EffectiveFrom *string `json:"effective_from"`
			EffectiveTo   *string `json:"effective_to"`
			Bands         []band  `json:"bands"`
		} `json:"tests"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	cs := &charts{byID: map[string]*chart{}}
	for _, t := range f.Tests {
		c := &chart{id: t.ID}
		switch t.Language {
		case "en":
			c.language = English
		case "fr":
			c.language = French
		default:
			return nil, fmt.Errorf("test %s: language %q", t.ID, t.Language)
		}
		for _, p := range []struct {
			s *string
			d *Date
		}{{t.EffectiveFrom, &c.from}, {t.EffectiveTo, &c.to}} {
			if p.s != nil {
				d, err := ParseISODate(*p.s)
				if err != nil {
					return nil, fmt.Errorf("test %s: %w", t.ID, err)
				}
				*p.d = d
			}
		}
		if len(t.Bands) != 7 {
			return nil, fmt.Errorf("test %s: %d bands, want levels 4..10", t.ID, len(t.Bands))
		}
		for i, b := range t.Bands {
			if b.Level != i+4 {
				return nil, fmt.Errorf("test %s: band %d is level %d", t.ID, i, b.Level)
			}
			for ab, r := range [4]struct{ Min, Max float64 }{b.Reading, b.Writing, b.Listening, b.Speaking} {
				if r.Max < r.Min || i > 0 && r.Min <= c.mins[i-1][ab] {
					return nil, fmt.Errorf("test %s level %d %s: band out of order", t.ID, b.Level, Ability(ab))
				}
				c.mins[i][ab] = r.Min
				if i == 6 {
					c.top[ab] = r.Max
				}
			}
		}
		cs.byID[t.ID] = c
	}
	for _, p := range []struct {
		id string
		c  **chart
	}{{"ielts_gt", &cs.ielts}, {"celpip_g", &cs.celpip}, {"pte_core", &cs.pte}, {"tef_canada_2023", &cs.tef2023},
		{"tef_canada_2019", &cs.tef2019}, {"tef_canada_ancien_score", &cs.tefAncien}, {"tcf_canada", &cs.tcf}} {
		if *p.c = cs.byID[p.id]; *p.c == nil {
			return nil, fmt.Errorf("no chart %q", p.id)
		}
	}
	if cs.tef2023.from.IsZero() || cs.tef2019.from.IsZero() || cs.tef2019.to.IsZero() || cs.pte.from.IsZero() {
		return nil, fmt.Errorf("TEF and PTE Core charts need their effective dates")
	}
	return cs, nil
}

// scale is the range and step of a raw score.
type scale struct {
	min, step float64
	top       [4]float64
}

func (s scale) on(ab Ability, v float64) bool {
	if v < s.min || v > s.top[ab] {
		return false
	}
	q := v / s.step
	return q == float64(int64(q))
}

var levelScale = scale{min: 0, step: 1, top: [4]float64{12, 12, 12, 12}}

// scaleOf gives the raw-score scale of a test; the tops come from the
// chart's level-10 maxima.
func scaleOf(c *chart, t TestType) scale {
	switch t {
	case TestIELTS:
		return scale{min: 0, step: 0.5, top: c.top}
	case TestPTECore:
		return scale{min: 10, step: 1, top: c.top}
	case TestCLB, TestNCLC:
		return levelScale
	}
	return scale{min: 0, step: 1, top: c.top} // CELPIP (M = 0), TEF, TCF
}

// slotCodes are the reason codes of one test slot.
type slotCodes struct {
	notDesignated, pteBefore, dateMissing, incomplete, offScale, tefAssumed, afterAsOf, expired, testMissing string
	fields                                                                                                   [4]Field
	typeField                                                                                                Field
}

// LangSlot is where a test sits in the profile.
type LangSlot uint8

const (
	SlotLang1 LangSlot = iota
	SlotLang2
	SlotSpouse
	SlotOlderFrench  // french_reading ... french_speaking (NCLC)
	SlotOlderEnglish // english_reading ... english_speaking (CLB)
)

var slots = [...]slotCodes{
	SlotLang1: {ReasonLang1TestNotDesignated, ReasonLang1PTECoreBefore, ReasonLang1TestDateMissing, ReasonLang1ScoresIncomplete,
		ReasonLang1ScoreOffScale, ReasonLang1TEFChartAssumed2023, ReasonLang1TestAfterAsOf, ReasonLang1TestExpired, ReasonLang1TestMissing,
		[4]Field{FieldLang1Reading, FieldLang1Writing, FieldLang1Listening, FieldLang1Speaking}, FieldLang1Test},
	SlotLang2: {ReasonLang2TestNotDesignated, ReasonLang2PTECoreBefore, ReasonLang2TestDateMissing, ReasonLang2ScoresIncomplete,
		ReasonLang2ScoreOffScale, ReasonLang2TEFChartAssumed2023, ReasonLang2TestAfterAsOf, ReasonLang2TestExpired, ReasonLang2TestMissing,
		[4]Field{FieldLang2Reading, FieldLang2Writing, FieldLang2Listening, FieldLang2Speaking}, FieldLang2Test},
	SlotSpouse: {ReasonSpouseLangTestNotDesignated, ReasonSpouseLangPTECoreBefore, ReasonSpouseLangTestDateMissing,
		ReasonSpouseLangScoresIncomplete, ReasonSpouseLangScoreOffScale, ReasonSpouseLangTEFChartAssumed2023,
		ReasonSpouseLangTestAfterAsOf, ReasonSpouseLangTestExpired, ReasonSpouseLangTestMissing,
		[4]Field{FieldSpouseLangReading, FieldSpouseLangWriting, FieldSpouseLangListening, FieldSpouseLangSpeaking}, FieldSpouseLangTest},
	// The older level columns have no test type or dates; a bad level there
	// keeps the code it always had.
	// A blank level there means "not assessed", as it always did.
	SlotOlderFrench: {offScale: ReasonLanguageScoreUnreadable,
		fields: [4]Field{FieldFrenchReading, FieldFrenchWriting, FieldFrenchListening, FieldFrenchSpeaking}},
	SlotOlderEnglish: {offScale: ReasonLanguageScoreUnreadable,
		fields: [4]Field{FieldEnglishReading, FieldEnglishWriting, FieldEnglishListening, FieldEnglishSpeaking}},
}

// Convert turns the test into levels on asOf, appending to dst a reason
// for everything that stops it (or one ability) from counting: a test not
// designated, no date, a date after asOf, a result two or more years old,
// PTE Core before it was accepted, a score off its scale, a missing score.
// Nothing is guessed: an ability that cannot be read counts as 0.
func (t *LangTest) Convert(slot LangSlot, asOf Date, dst []Reason) (LangResult, []Reason) {
	res := LangResult{Type: t.Type, Language: t.Type.Language()}
	if !t.Present() {
		return res, dst
	}
	sc := &slots[slot]
	add := func(code string, f Field) {
		if code != "" {
			dst = append(dst, fieldReason(code, f))
		}
	}
	cs := languageCharts()
	var c *chart
	switch t.Type {
	case TestNone:
		if !t.TypeBad { // an unreadable type has its reason already
			add(sc.testMissing, sc.typeField)
		}
		return res, dst
	case TestNotDesignated:
		add(sc.notDesignated, sc.typeField)
		return res, dst
	case TestIELTS:
		c = cs.ielts
	case TestCELPIP:
		c = cs.celpip
	case TestPTECore:
		c = cs.pte
	case TestTCF:
		c = cs.tcf
	case TestTEFAncien:
		c = cs.tefAncien
	case TestTEF:
		c = tefChart(cs, t.TestDate)
	}
	// Dates: the result counts while it is less than two years old,
	// counted from the result date when the sheet gives one (errata 4).
	if !t.Undated {
		anchor := ValidityAnchor(t.TestDate, t.ResultDate)
		switch {
		case anchor.IsZero():
			add(sc.dateMissing, sc.typeField)
			return res, dst
		case t.TestDate > asOf || t.ResultDate > asOf:
			add(sc.afterAsOf, sc.typeField)
			return res, dst
		case !asOf.Before(anchor.AddYears(LanguageValidityYears)):
			add(sc.expired, sc.typeField)
			return res, dst
		}
		testDay := t.TestDate
		if testDay.IsZero() {
			testDay = t.ResultDate // only the result date is known
		}
		if t.Type == TestPTECore && testDay.Before(c.from) {
			add(sc.pteBefore, sc.typeField)
			return res, dst
		}
		if t.Type == TestTEF && t.TestDate.IsZero() {
			// No test date, so no chart by date: a result issued after the
			// 2023 chart began is read with it, and flagged.
			if t.ResultDate.Before(cs.tef2023.from) {
				add(sc.dateMissing, sc.typeField)
				return res, dst
			}
			c = cs.tef2023
			add(sc.tefAssumed, sc.typeField)
		}
		res.ValidUntil = anchor.AddYears(LanguageValidityYears) - 1
	}
	var s scale
	if c != nil {
		s = scaleOf(c, t.Type)
		res.Chart = c.id
	} else {
		s = levelScale
		res.Chart = "levels"
	}
	incomplete := false
	for ab := Reading; ab <= Speaking; ab++ {
		if t.Bad[ab] {
			res.Doubt[ab] = true
			continue
		}
		if !t.Has[ab] {
			incomplete = true
			continue
		}
		v := t.Scores[ab]
		if !s.on(ab, v) {
			add(sc.offScale, sc.fields[ab])
			res.Doubt[ab] = true
			continue
		}
		if c == nil {
			lv := int(v)
			if lv < 4 {
				lv = 0
			}
			res.Levels[ab] = min(lv, 10)
		} else {
			res.Levels[ab] = c.level(ab, v)
		}
	}
	if incomplete {
		add(sc.incomplete, sc.typeField)
	}
	if t.Undated {
		add(ReasonLanguageLevelsUndated, sc.fields[0])
	}
	res.Counts = true
	return res, dst
}

// tefChart picks the TEF Canada chart of a test date: on or after
// 2023-12-11 the 2023 chart, from 2019-10-01 the 2019 chart, before that
// the pre-2019 scale (the "ancien" chart). An unknown date gives the 2023
// chart (the caller flags it).
func tefChart(cs *charts, testDate Date) *chart {
	switch {
	case testDate.IsZero() || !testDate.Before(cs.tef2023.from):
		return cs.tef2023
	case !testDate.Before(cs.tef2019.from):
		return cs.tef2019
	}
	return cs.tefAncien
}

// FormatLevels renders levels as "R/W/L/S" ("7/8/7/9"), each capped at 10,
// 0 for below 4; "" when the result does not count.
func FormatLevels(r LangResult) string {
	if !r.Counts {
		return ""
	}
	var b [11]byte
	n := 0
	for i, lv := range r.Levels {
		if i > 0 {
			b[n] = '/'
			n++
		}
		lv = min(max(lv, 0), 10)
		if lv == 10 {
			b[n], b[n+1] = '1', '0'
			n += 2
		} else {
			b[n] = byte('0' + lv)
			n++
		}
	}
	return string(b[:n])
}
