package rules

// Interpretations: where the facts in ../shared/rules leave a choice, the
// choice is made here, once, by name, so that it can be changed when the
// official text is seen (errata_2026-12.md asks for this). Each says where
// it is used.

// LanguageValidityYears: a result stops counting when it is two or more
// years old (Ministerial Instructions 2016-1 s.12(3); 2017-1 s.3(4)).
const LanguageValidityYears = 2

// ValidityAnchor is the day a language result's two years run from: the
// result date when the sheet gives one, else the test date (errata 4,
// interpretation of "valid for 2 years after the date of the test
// result"). Used by LangTest.Convert.
func ValidityAnchor(testDate, resultDate Date) Date {
	if !resultDate.IsZero() {
		return resultDate
	}
	return testDate
}

// FrenchBonus is the CRS additional-points rule for French (errata 6, as
// IRCC's own tool does): NCLC 7+ in all four French abilities gives the
// full points with English CLB 5+ in all four, otherwise the reduced
// points (English CLB 5+ in only some abilities gives the reduced points).
func FrenchBonus(french, english *LangResult, full, reduced int) int {
	if !french.AllAtLeast(7) {
		return 0
	}
	if english.AllAtLeast(5) {
		return full
	}
	return reduced
}

// CECLanguageRoute (errata 8, interpretation): CLB 7 in all four abilities
// lets any skilled (TEER 0-3) Canadian work count; with CLB 5 or 6 the
// 1,560 hours must come from TEER 2 or 3 Canadian work alone; below CLB 5
// CEC is not met. It returns the lowest TEER digit whose work counts
// (0 or 2), or -1 when the language is below CLB 5.
func CECLanguageRoute(minLevel int) int {
	switch {
	case minLevel >= 7:
		return 0
	case minLevel >= 5:
		return 2
	}
	return -1
}

// CRSChangeNoteFrom: from this as-of date each CRS score carries the note
// that the grid may have changed (errata 9: a change reported from
// 2026-11-03 is unconfirmed; the 2025-03-25 grid is applied).
var CRSChangeNoteFrom = MakeDate(2026, 11, 3)

// FSWPastStudyInCanada (errata 10): the profile carries the Canadian
// post-secondary credential only, so the FSW "past studies in Canada"
// adaptability points come from a two-year or longer Canadian credential;
// secondary schooling in Canada cannot be credited.
func FSWPastStudyInCanada(ce CanadianEducation) bool {
	return ce == CanadianEducationTwoYear || ce == CanadianEducationThreeYearPlus
}

// ScoredWithSpouse decides the CRS (and FSW adaptability) column for a
// married or common-law applicant: with spouse unless the spouse is not
// accompanying or is a Canadian citizen or permanent resident
// (express_entry_facts.md 5). A blank spouse_accompanying is scored with
// spouse (profile-columns.md), with the review reason.
func ScoredWithSpouse(m MaritalStatus, accompanying Tri, citizenOrPR Tri) bool {
	if m != MaritalMarried && m != MaritalCommonLaw {
		return false
	}
	return accompanying != TriNo && citizenOrPR != TriYes
}

// OlderColumnsFirstLanguage decides which of the older level columns
// (english_* CLB, french_* NCLC) is the first official language when the
// sheet gives both and no lang1_ test: the one that gives more CRS
// first-language points, as a consultant filling in the profile would
// choose; English on a tie. Used by Profile.Tests.
func OlderColumnsFirstLanguage(english, french *LangResult) OfficialLanguage {
	if firstLanguageSum(french) > firstLanguageSum(english) {
		return French
	}
	return English
}

func firstLanguageSum(r *LangResult) int {
	if !r.Counts {
		return -1
	}
	s := 0
	for _, lv := range r.Levels {
		s += lv
	}
	return s
}

// ProgramLanguage: the program minimums (CEC, FSW, FST) and the FSW grid
// look at the first official language test (lang1_, as the client
// designated it), as IRCC's profile does.

// DrawCutoffBefore: the cut-off compared is that of the latest round of a
// type held strictly before the as-of date (spec section 8); a round on
// the as-of date itself is not yet "the last one".

// DoubtfulJobs (profile-columns.md "Work experience"): a job with unknown
// country, missing hours, no NOC code or a low-confidence match is left
// out of the derived work; when the outcome would be better with it (at
// its best case: hours 30, the country that helps, a skilled trade code),
// the outcome becomes review with the job's reasons. A job whose dates
// cannot be read cannot be counted at all; an outcome short of eligible
// becomes review.

// MonthsPerYear and the FTE month: 1 year = 1,560 hours, 1 month = 130
// hours (profile-columns.md).
const (
	HoursPerYear  = 1560
	HoursPerMonth = 130
)
