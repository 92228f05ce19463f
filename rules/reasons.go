package rules

import "strconv"

// Kind says what a reason asks of the reader.
type Kind uint8

const (
	// KindNote explains an outcome (why a program is not met, which
	// assumption was made); nobody needs to act.
	KindNote Kind = iota
	// KindReview: a decision depends on data that is missing or doubtful;
	// a person must look.
	KindReview
	// KindInput: a cell could not be read or breaks its vocabulary; the
	// run's exit code says so (3).
	KindInput
)

func (k Kind) String() string {
	switch k {
	case KindReview:
		return "review"
	case KindInput:
		return "input"
	}
	return "note"
}

// Reason is one machine-readable reason. Code is one of the Reason*
// constants below, or a code made from a column name by UnreadableCode or
// JobReasonCode. Field names the input column it is about ("" when it is
// about the applicant as a whole); Job is the index in Applicant.Jobs of
// the job it is about, or -1.
type Reason struct {
	Code  string
	Kind  Kind
	Field string
	Job   int
}

// Reasons of the category engine (experience.go). Their kinds depend on
// the caller: the screening stage reports them as category reasons.
const (
	ReasonDatesUnreadable         = "dates_unreadable"
	ReasonHoursMissing            = "hours_missing"
	ReasonLowMatchScore           = "low_match_score"
	ReasonCountryUnknown          = "country_unknown"
	ReasonExtraRequirements       = "extra_requirements"
	ReasonLanguageScoreUnreadable = "language_score_unreadable"
)

// Reasons of the applicant profile (profile-columns.md "Reason codes" and
// the "blank means" column of its tables).
const (
	ReasonAgeMissing                = "age_missing"
	ReasonAgeFromAgeColumn          = "age_from_age_column"
	ReasonDateOfBirthAfterAsOf      = "date_of_birth_after_as_of"
	ReasonMaritalStatusMissing      = "marital_status_missing"
	ReasonSpouseAccompanyingMissing = "spouse_accompanying_missing"
	ReasonEducationMissing          = "education_missing"
	ReasonIntendsQuebec             = "intends_quebec"
	ReasonFamilySizeUnknown         = "family_size_unknown"
	ReasonSettlementFundsUnknown    = "settlement_funds_unknown"
	ReasonFundsBelowRequired        = "funds_below_required"
	ReasonFundsRequirementUnknown   = "funds_requirement_unknown"
	ReasonApplicantValuesDiffer     = "applicant_values_differ"
	ReasonDateOrderAssumed          = "date_order_assumed"
	ReasonJobOfferNOCMissing        = "job_offer_noc_missing"
	ReasonLanguageLevelsUndated     = "language_levels_undated"
	ReasonLang2SameLanguageIgnored  = "lang2_same_language_ignored"
	ReasonSpouseLangWithoutSpouse   = "spouse_lang_without_spouse"
	ReasonCanadianWorkMonths3yMiss  = "canadian_work_months_3y_missing"
	ReasonCanadianWorkTEERMissing   = "canadian_work_teer_missing"
	ReasonPrimaryNOCMissing         = "primary_noc_missing"
	ReasonPrimaryNOCContinuousMiss  = "primary_noc_continuous_months_missing"
	ReasonTradeMonths5yMissing      = "trade_months_5y_missing"
	ReasonJobCountryUnknown         = "jobN_country_unknown"
	ReasonJobHoursMissing           = "jobN_hours_missing"
	ReasonJobNOCMissing             = "jobN_noc_missing"
	ReasonJobDatesUnreadable        = "jobN_dates_unreadable"
	ReasonJobLowMatchScore          = "jobN_low_match_score"
)

// UnreadableSuffix makes the <column>_unreadable code of a profile
// column (UnreadableCode): "age_unreadable", "lang1_reading_unreadable" ...
const UnreadableSuffix = "_unreadable"

// Language test reasons, one set per test slot (lang1_, lang2_,
// spouse_lang_): the codes of profile-columns.md with the slot's prefix.
const (
	ReasonLang1TestNotDesignated   = "lang1_test_not_designated"
	ReasonLang1PTECoreBefore       = "lang1_pte_core_before_2024_01_30"
	ReasonLang1TestDateMissing     = "lang1_test_date_missing"
	ReasonLang1ScoresIncomplete    = "lang1_scores_incomplete"
	ReasonLang1ScoreOffScale       = "lang1_score_off_scale"
	ReasonLang1TEFChartAssumed2023 = "lang1_tef_chart_assumed_2023"
	ReasonLang1TestAfterAsOf       = "lang1_test_after_as_of"
	ReasonLang1TestExpired         = "lang1_test_expired"
	ReasonLang1TestMissing         = "lang1_test_missing"

	ReasonLang2TestNotDesignated   = "lang2_test_not_designated"
	ReasonLang2PTECoreBefore       = "lang2_pte_core_before_2024_01_30"
	ReasonLang2TestDateMissing     = "lang2_test_date_missing"
	ReasonLang2ScoresIncomplete    = "lang2_scores_incomplete"
	ReasonLang2ScoreOffScale       = "lang2_score_off_scale"
	ReasonLang2TEFChartAssumed2023 = "lang2_tef_chart_assumed_2023"
	ReasonLang2TestAfterAsOf       = "lang2_test_after_as_of"
	ReasonLang2TestExpired         = "lang2_test_expired"
	ReasonLang2TestMissing         = "lang2_test_missing"

	ReasonSpouseLangTestNotDesignated   = "spouse_lang_test_not_designated"
	ReasonSpouseLangPTECoreBefore       = "spouse_lang_pte_core_before_2024_01_30"
	ReasonSpouseLangTestDateMissing     = "spouse_lang_test_date_missing"
	ReasonSpouseLangScoresIncomplete    = "spouse_lang_scores_incomplete"
	ReasonSpouseLangScoreOffScale       = "spouse_lang_score_off_scale"
	ReasonSpouseLangTEFChartAssumed2023 = "spouse_lang_tef_chart_assumed_2023"
	ReasonSpouseLangTestAfterAsOf       = "spouse_lang_test_after_as_of"
	ReasonSpouseLangTestExpired         = "spouse_lang_test_expired"
	ReasonSpouseLangTestMissing         = "spouse_lang_test_missing"
)

// Program reasons (profile-columns.md "Reason codes").
const (
	ReasonCECCanadianWorkUnder12Months = "cec_canadian_work_under_12_months"
	ReasonCECLanguageBelowCLB5         = "cec_language_below_clb5"
	ReasonCECLanguageBelowCLB7TEER01   = "cec_language_below_clb7_teer_0_1"
	ReasonFSWLanguageBelowCLB7         = "fsw_language_below_clb7"
	ReasonFSWEducationBelowSecondary   = "fsw_education_below_secondary"
	ReasonFSWForeignEducationNoECA     = "fsw_foreign_education_without_eca"
	ReasonFSWNoContinuousYear          = "fsw_no_continuous_year_in_one_occupation"
	ReasonFSWPrimaryNOCNotTEER03       = "fsw_primary_noc_not_teer_0_3"
	ReasonFSWPointsBelow67             = "fsw_points_below_67"
	ReasonFSTLanguageBelowMinimum      = "fst_language_below_minimum"
	ReasonFSTNotASkilledTrade          = "fst_not_a_skilled_trade"
	ReasonFSTNoTradeExperience         = "fst_no_trade_experience"
	ReasonFSTTradeWorkUnder24Months    = "fst_trade_work_under_24_months"
	ReasonFSTNoJobOfferOrCertificate   = "fst_no_job_offer_or_certificate"
)

// CRS and draw reasons.
const (
	// ReasonCRSGridMayHaveChanged: as-of on or after 2026-11-03 (errata 9).
	ReasonCRSGridMayHaveChanged = "crs_grid_may_have_changed"
	// ReasonCRSNoGrid: no CRS grid in the data is in force on the as-of date.
	ReasonCRSNoGrid = "crs_no_grid"
	// ReasonCRSDependsOnDoubtfulJobs: the score would be higher if the
	// doubtful jobs (see the jobN_* reasons) counted.
	ReasonCRSDependsOnDoubtfulJobs = "crs_depends_on_doubtful_jobs"
	// ReasonDrawDataEnded: the as-of date is after the last round in the
	// draw data (errata 3); the margins are against older rounds.
	ReasonDrawDataEnded = "draw_data_ended"
	// ReasonNotInPool: no program is met, so the applicant is not in the
	// Express Entry pool (CRS shown for reference, no draw margins).
	ReasonNotInPool = "not_in_pool"
)

// reasonKinds gives every fixed code its kind. Codes made from a column
// name are KindInput (<column>_unreadable) and KindReview (jobN_*).
var reasonKinds = map[string]Kind{
	ReasonDatesUnreadable: KindReview, ReasonHoursMissing: KindReview, ReasonLowMatchScore: KindReview,
	ReasonCountryUnknown: KindReview, ReasonExtraRequirements: KindReview, ReasonLanguageScoreUnreadable: KindInput,

	ReasonAgeMissing: KindReview, ReasonAgeFromAgeColumn: KindNote, ReasonDateOfBirthAfterAsOf: KindInput,
	ReasonMaritalStatusMissing: KindReview, ReasonSpouseAccompanyingMissing: KindReview,
	ReasonEducationMissing: KindReview, ReasonIntendsQuebec: KindNote, ReasonFamilySizeUnknown: KindReview,
	ReasonSettlementFundsUnknown: KindReview, ReasonFundsBelowRequired: KindNote,
	ReasonFundsRequirementUnknown: KindReview, ReasonApplicantValuesDiffer: KindReview,
	ReasonDateOrderAssumed: KindNote, ReasonJobOfferNOCMissing: KindReview,
	ReasonLanguageLevelsUndated: KindNote, ReasonLang2SameLanguageIgnored: KindNote,
	ReasonSpouseLangWithoutSpouse:  KindNote,
	ReasonCanadianWorkMonths3yMiss: KindReview, ReasonCanadianWorkTEERMissing: KindReview,
	ReasonPrimaryNOCMissing: KindReview, ReasonPrimaryNOCContinuousMiss: KindReview,
	ReasonTradeMonths5yMissing: KindReview,
	ReasonJobCountryUnknown:    KindReview, ReasonJobHoursMissing: KindReview, ReasonJobNOCMissing: KindReview,
	ReasonJobDatesUnreadable: KindReview, ReasonJobLowMatchScore: KindReview,

	ReasonLang1TestNotDesignated: KindReview, ReasonLang1PTECoreBefore: KindNote,
	ReasonLang1TestDateMissing: KindReview, ReasonLang1ScoresIncomplete: KindInput,
	ReasonLang1ScoreOffScale: KindInput, ReasonLang1TEFChartAssumed2023: KindReview,
	ReasonLang1TestAfterAsOf: KindReview, ReasonLang1TestExpired: KindNote, ReasonLang1TestMissing: KindInput,
	ReasonLang2TestNotDesignated: KindReview, ReasonLang2PTECoreBefore: KindNote,
	ReasonLang2TestDateMissing: KindReview, ReasonLang2ScoresIncomplete: KindInput,
	ReasonLang2ScoreOffScale: KindInput, ReasonLang2TEFChartAssumed2023: KindReview,
	ReasonLang2TestAfterAsOf: KindReview, ReasonLang2TestExpired: KindNote, ReasonLang2TestMissing: KindInput,
	ReasonSpouseLangTestNotDesignated: KindReview, ReasonSpouseLangPTECoreBefore: KindNote,
	ReasonSpouseLangTestDateMissing: KindReview, ReasonSpouseLangScoresIncomplete: KindInput,
	ReasonSpouseLangScoreOffScale: KindInput, ReasonSpouseLangTEFChartAssumed2023: KindReview,
	ReasonSpouseLangTestAfterAsOf: KindReview, ReasonSpouseLangTestExpired: KindNote,
	ReasonSpouseLangTestMissing: KindInput,

	ReasonCECCanadianWorkUnder12Months: KindNote, ReasonCECLanguageBelowCLB5: KindNote,
	ReasonCECLanguageBelowCLB7TEER01: KindNote, ReasonFSWLanguageBelowCLB7: KindNote,
	ReasonFSWEducationBelowSecondary: KindNote, ReasonFSWForeignEducationNoECA: KindNote,
	ReasonFSWNoContinuousYear: KindNote, ReasonFSWPrimaryNOCNotTEER03: KindNote,
	ReasonFSWPointsBelow67: KindNote, ReasonFSTLanguageBelowMinimum: KindNote,
	ReasonFSTNotASkilledTrade: KindNote, ReasonFSTNoTradeExperience: KindNote,
	ReasonFSTTradeWorkUnder24Months: KindNote, ReasonFSTNoJobOfferOrCertificate: KindNote,

	ReasonCRSGridMayHaveChanged: KindNote, ReasonCRSNoGrid: KindReview,
	ReasonCRSDependsOnDoubtfulJobs: KindReview, ReasonDrawDataEnded: KindNote, ReasonNotInPool: KindNote,
}

// KindOf returns the kind of a code this package emits: the fixed codes
// above, <column>_unreadable (input) and jobN_* codes with N replaced
// (review). ok is false for a code rules does not emit.
func KindOf(code string) (k Kind, ok bool) {
	if k, ok := reasonKinds[code]; ok {
		return k, true
	}
	if n := len(code) - len(UnreadableSuffix); n > 0 && code[n:] == UnreadableSuffix {
		if _, ok := fieldByName[code[:n]]; ok {
			return KindInput, true
		}
	}
	if generic, ok := jobGeneric(code); ok {
		return reasonKinds[generic], true
	}
	return 0, false
}

// FixedReasonCodes lists every fixed code with its kind, for the reason
// catalogue; the column-made codes are described by UnreadableCode and
// JobReasonCode.
func FixedReasonCodes() map[string]Kind {
	m := make(map[string]Kind, len(reasonKinds))
	for c, k := range reasonKinds {
		m[c] = k
	}
	return m
}

func mkReason(code string) Reason {
	return Reason{Code: code, Kind: reasonKinds[code], Job: -1}
}

func fieldReason(code string, f Field) Reason {
	r := mkReason(code)
	r.Field = f.String()
	return r
}

// UnreadableCode is the <column>_unreadable code of a profile field, e.g.
// "age_unreadable". The strings are made once; no allocation.
func UnreadableCode(f Field) string { return unreadableCodes[f] }

// JobReasonCode turns a jobN_* code into the code of job n (1-based, as in
// the wide shape's column names): JobReasonCode(ReasonJobHoursMissing, 2)
// is "job2_hours_missing". Other codes come back unchanged.
func JobReasonCode(code string, n int) string {
	if len(code) < 5 || code[:5] != "jobN_" {
		return code
	}
	return "job" + strconv.Itoa(n) + code[4:]
}

// jobGeneric maps "job12_hours_missing" back to "jobN_hours_missing".
func jobGeneric(code string) (string, bool) {
	if len(code) < 5 || code[:3] != "job" {
		return "", false
	}
	i := 3
	for i < len(code) && code[i] >= '0' && code[i] <= '9' {
		i++
	}
	if i == 3 || i >= len(code) || code[i] != '_' {
		return "", false
	}
	g := "jobN" + code[i:]
	_, ok := reasonKinds[g]
	return g, ok
}
