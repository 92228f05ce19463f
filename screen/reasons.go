package screen

import (
	"regexp"
	"strings"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/readers"
	"github.com/casescreen/casescreen/rules"
)

// Reason is one entry of the catalogue: a code the code base can attach to
// a row, how serious it is, and its wording for people (the report's Review
// sheet, the web page). Codes are a contract (spec section 4).
type Reason struct {
	Code  string
	Kind  pipeline.Kind
	Words string
}

// Reasons the screening stage itself attaches.
const (
	ReasonLowMatchScore   = "low_match_score"
	ReasonNoMatch         = "no_match"
	ReasonJobTitleMissing = "job_title_missing"
	ReasonTitleNotText    = "job_title_not_text"
	ReasonStartUnreadable = "start_date_unreadable"
	ReasonStartMissing    = "start_date_missing"
	ReasonEndUnreadable   = "end_date_unreadable"
	ReasonEndBeforeStart  = "end_before_start"
	ReasonDateOrder       = "date_order_assumed"
	// ReasonDateOrderUnsettled is an ambiguous date in a column whose
	// values never settle the order (--date-order auto): read d/m/y.
	ReasonDateOrderUnsettled = "date_order_unsettled"
	// ReasonApplicantIDMerged notes a row whose blank applicant id lies
	// under a merged cell: it takes the id written above.
	ReasonApplicantIDMerged = "applicant_id_merged"
	ReasonHoursUnreadable   = "hours_unreadable"
	ReasonHoursMissing      = "hours_missing"
	ReasonHoursPartTime     = "hours_part_time_unknown"
)

// catalogue holds every reason code with its kind and wording. A code
// written "jobN_..." stands for job1_..., job2_... (the wide shape). The
// test TestCatalogueCoversCodeBase fails when a code the code base can emit
// is missing here, or when an entry names no code.
var catalogue = []Reason{
	// Reading the input.
	{readers.ReasonCSVParseError, pipeline.Input, "row could not be parsed cleanly"},
	{readers.ReasonUnterminatedQuote, pipeline.Input, "a quoted cell is not closed: the rows after it may be inside that cell"},
	{readers.ReasonBlankRow, pipeline.Input, "the row is empty"},
	{readers.ReasonTooFewFields, pipeline.Input, "row has fewer cells than the header"},
	{readers.ReasonTooManyFields, pipeline.Input, "row has more cells than the header"},
	{readers.ReasonDecodedWindows1252, pipeline.Note, "text was not UTF-8 and was read as Windows-1252"},
	{readers.ReasonDecodedUTF16, pipeline.Note, "the file is UTF-16 and was decoded"},
	{readers.ReasonLineEndsCR, pipeline.Note, "the lines end with old Mac line ends (CR) and were read as line breaks"},
	{readers.ReasonXMLBroken, pipeline.Input, "the sheet's XML is broken here: the cell (or some cells of the row) could not be read"},
	{readers.ReasonCellRefInvalid, pipeline.Input, "a cell's position in the file is not valid: placed after the previous cell"},
	{readers.ReasonRowRefInvalid, pipeline.Input, "the row's number in the file is not valid: numbered after the previous row"},
	{readers.ReasonSharedStringInvalid, pipeline.Input, "a cell points to text the workbook does not have: read as empty"},
	{readers.ReasonRowsAboveHeader, pipeline.Note, "rows above the header (a title) were not read as data"},
	{readers.ReasonStylesUnreadable, pipeline.Note, "the workbook's styles could not be read: numbers unformatted, dates as serial numbers"},
	{pipeline.ReasonApplicantNotContiguous, pipeline.Note, "the applicant's rows are apart in the list: screened together as one person"},
	{pipeline.ReasonApplicantNotMerged, pipeline.Review, "the applicant's rows are apart in a list read from stdin: screened separately, check them together"},
	{ReasonApplicantIDMerged, pipeline.Note, "the applicant id is written once over several rows (a merged cell): the row belongs to the applicant above"},
	{pipeline.ReasonApplicantSplit, pipeline.Note, "the applicant has too many rows to be screened together"},

	// The job and its title.
	{ReasonJobTitleMissing, pipeline.Input, "no job title or code"},
	{ReasonTitleNotText, pipeline.Input, "the job title cell holds a spreadsheet error or no words"},
	{ReasonLowMatchScore, pipeline.Review, "job title matched with low confidence"},
	{ReasonNoMatch, pipeline.Review, "job title not recognised"},
	{noc.ReasonNotAnOccupation, pipeline.Review, "the cell names no paid job (student, retired ...)"},
	{noc.ReasonMultipleRoles, pipeline.Note, "several roles in one cell"},
	{noc.ReasonCodeInvalid, pipeline.Input, "NOC code in the row is not valid"},
	{noc.ReasonNOC2016OneToMany, pipeline.Review, "NOC 2016 code maps to several 2021 codes"},
	{noc.ReasonQualifierAmbiguous, pipeline.Review, "the title names several occupations told apart by their setting, and nothing in the row says which"},

	// Dates and hours.
	{ReasonStartUnreadable, pipeline.Input, "start date unreadable"},
	{ReasonStartMissing, pipeline.Input, "start date missing"},
	{ReasonEndUnreadable, pipeline.Input, "end date unreadable"},
	{ReasonEndBeforeStart, pipeline.Input, "end date before start date"},
	{ReasonDateOrder, pipeline.Note, "day and month could be read both ways"},
	{ReasonDateOrderUnsettled, pipeline.Review, "day and month could be read both ways and no date of the column settles which: read as day/month/year"},
	{ReasonHoursUnreadable, pipeline.Input, "hours per week unreadable"},
	{ReasonHoursMissing, pipeline.Input, "hours per week missing"},
	{ReasonHoursPartTime, pipeline.Input, "part-time without hours"},

	// Categories.
	{"country_unknown", pipeline.Review, "country unknown where Canadian experience is required"},
	{"dates_unreadable", pipeline.Review, "dates of a listed job cannot be read"},
	{"extra_requirements", pipeline.Review, "category has conditions the list cannot show"},
	{rules.ReasonLanguageScoreUnreadable, pipeline.Input, "language score unreadable"},

	// The applicant's profile, language tests, programs, CRS and draws
	// (rules); <column>_unreadable codes are found by LookupReason.
	{"age_from_age_column", pipeline.Note, "age taken from the age column (no date of birth)"},
	{"age_missing", pipeline.Review, "age missing: no CRS, FSW points incomplete"},
	{"applicant_values_differ", pipeline.Review, "two rows of the applicant give different values"},
	{"canadian_work_months_3y_missing", pipeline.Review, "Canadian work in the last 3 years not given"},
	{"canadian_work_teer_missing", pipeline.Review, "TEER of the Canadian work not given (needed with CLB 5-6)"},
	{"cec_canadian_work_under_12_months", pipeline.Note, "CEC: under 12 months of skilled Canadian work in 3 years"},
	{"cec_language_below_clb5", pipeline.Note, "CEC: language below CLB 5"},
	{"cec_language_below_clb7_teer_0_1", pipeline.Note, "CEC: TEER 0/1 work needs CLB 7"},
	{"crs_depends_on_doubtful_jobs", pipeline.Review, "CRS could be higher if doubtful jobs counted"},
	{"crs_grid_may_have_changed", pipeline.Note, "CRS on the 2025 grid; a change from 2026-11-03 is unconfirmed"},
	{"crs_no_grid", pipeline.Review, "no CRS grid in force on the as-of date"},
	{"date_of_birth_after_as_of", pipeline.Input, "date of birth after the as-of date"},
	{"draw_data_ended", pipeline.Note, "draw data end before the as-of date"},
	{"education_missing", pipeline.Review, "education level missing"},
	{"family_size_unknown", pipeline.Review, "family size cannot be read"},
	{"fst_language_below_minimum", pipeline.Note, "FST: language below CLB 5 (S, L) / 4 (R, W)"},
	{"fst_no_job_offer_or_certificate", pipeline.Note, "FST: no job offer or certificate of qualification"},
	{"fst_no_trade_experience", pipeline.Note, "FST: no work in a skilled trade"},
	{"fst_not_a_skilled_trade", pipeline.Note, "FST: primary occupation is not a skilled trade"},
	{"fst_trade_work_under_24_months", pipeline.Note, "FST: under 24 months in the trade in 5 years"},
	{"fsw_education_below_secondary", pipeline.Note, "FSW: education below secondary"},
	{"fsw_foreign_education_without_eca", pipeline.Note, "FSW: foreign education without an ECA"},
	{"fsw_language_below_clb7", pipeline.Note, "FSW: first language below CLB 7"},
	{"fsw_no_continuous_year_in_one_occupation", pipeline.Note, "FSW: no continuous year in one skilled occupation"},
	{"fsw_points_below_67", pipeline.Note, "FSW: under 67 points"},
	{"fsw_primary_noc_not_teer_0_3", pipeline.Note, "FSW: primary occupation not TEER 0-3"},
	{"funds_below_required", pipeline.Note, "settlement funds below the amount required"},
	{"funds_requirement_unknown", pipeline.Review, "no proof-of-funds table for the as-of date"},
	{"intends_quebec", pipeline.Note, "intends to live in Quebec: no federal program"},
	{"jobN_country_unknown", pipeline.Review, "country of job N unknown"},
	{"jobN_dates_unreadable", pipeline.Review, "dates of job N cannot be read"},
	{"jobN_hours_missing", pipeline.Review, "hours of job N missing"},
	{"jobN_low_match_score", pipeline.Review, "title of job N matched with low confidence"},
	{"jobN_noc_missing", pipeline.Review, "job N has no NOC code"},
	{"job_offer_noc_missing", pipeline.Review, "NOC of the job offer missing (50 CRS points assumed)"},
	{"lang1_pte_core_before_2024_01_30", pipeline.Note, "first language: PTE Core before 2024-01-30 not accepted"},
	{"lang1_score_off_scale", pipeline.Input, "first language: score off its scale"},
	{"lang1_scores_incomplete", pipeline.Input, "first language: scores incomplete"},
	{"lang1_tef_chart_assumed_2023", pipeline.Review, "first language: TEF read with the 2023 chart (no test date)"},
	{"lang1_test_after_as_of", pipeline.Review, "first language: test after the as-of date"},
	{"lang1_test_date_missing", pipeline.Review, "first language: test date missing"},
	{"lang1_test_expired", pipeline.Note, "first language: test two or more years old"},
	{"lang1_test_missing", pipeline.Input, "first language: scores without a test type"},
	{"lang1_test_not_designated", pipeline.Review, "first language: test not designated for Express Entry"},
	{"lang2_pte_core_before_2024_01_30", pipeline.Note, "second language: PTE Core before 2024-01-30 not accepted"},
	{"lang2_same_language_ignored", pipeline.Note, "second test in the same language ignored"},
	{"lang2_score_off_scale", pipeline.Input, "second language: score off its scale"},
	{"lang2_scores_incomplete", pipeline.Input, "second language: scores incomplete"},
	{"lang2_tef_chart_assumed_2023", pipeline.Review, "second language: TEF read with the 2023 chart (no test date)"},
	{"lang2_test_after_as_of", pipeline.Review, "second language: test after the as-of date"},
	{"lang2_test_date_missing", pipeline.Review, "second language: test date missing"},
	{"lang2_test_expired", pipeline.Note, "second language: test two or more years old"},
	{"lang2_test_missing", pipeline.Input, "second language: scores without a test type"},
	{"lang2_test_not_designated", pipeline.Review, "second language: test not designated for Express Entry"},
	{"language_levels_undated", pipeline.Note, "language levels without test dates used as given"},
	{"marital_status_missing", pipeline.Review, "marital status missing (single assumed)"},
	{"not_in_pool", pipeline.Note, "meets no program: not in the pool"},
	{"primary_noc_continuous_months_missing", pipeline.Review, "continuous months in the primary occupation not given"},
	{"primary_noc_missing", pipeline.Review, "primary occupation not given"},
	{"settlement_funds_unknown", pipeline.Review, "settlement funds not given"},
	{"spouse_accompanying_missing", pipeline.Review, "whether the spouse comes is not given (scored with spouse)"},
	{"spouse_lang_pte_core_before_2024_01_30", pipeline.Note, "spouse's test: PTE Core before 2024-01-30 not accepted"},
	{"spouse_lang_score_off_scale", pipeline.Input, "spouse's test: score off its scale"},
	{"spouse_lang_scores_incomplete", pipeline.Input, "spouse's test: scores incomplete"},
	{"spouse_lang_tef_chart_assumed_2023", pipeline.Review, "spouse's test: TEF read with the 2023 chart (no test date)"},
	{"spouse_lang_test_after_as_of", pipeline.Review, "spouse's test: test after the as-of date"},
	{"spouse_lang_test_date_missing", pipeline.Review, "spouse's test: test date missing"},
	{"spouse_lang_test_expired", pipeline.Note, "spouse's test: test two or more years old"},
	{"spouse_lang_test_missing", pipeline.Input, "spouse's test: scores without a test type"},
	{"spouse_lang_test_not_designated", pipeline.Review, "spouse's test: test not designated for Express Entry"},
	{"spouse_lang_without_spouse", pipeline.Note, "spouse test given without a spouse"},
	{"trade_months_5y_missing", pipeline.Review, "months in the trade in 5 years not given"},
}

var byCode = func() map[string]*Reason {
	m := make(map[string]*Reason, len(catalogue))
	for i := range catalogue {
		m[catalogue[i].Code] = &catalogue[i]
	}
	return m
}()

var jobPrefix = regexp.MustCompile(`^job[0-9]+_`)

// LookupReason returns the catalogue entry for code; job1_..., job2_...
// find their "jobN_..." entry, and <column>_unreadable of a profile column
// ("age_unreadable") is an input error worded from the column.
func LookupReason(code string) (Reason, bool) {
	if r, ok := byCode[code]; ok {
		return *r, true
	}
	if col, ok := strings.CutSuffix(code, rules.UnreadableSuffix); ok {
		if _, ok := rules.FieldByName(col); ok {
			return Reason{Code: code, Kind: pipeline.Input, Words: strings.ReplaceAll(col, "_", " ") + " cannot be read"}, true
		}
	}
	if loc := jobPrefix.FindStringIndex(code); loc != nil {
		if r, ok := byCode["jobN_"+code[loc[1]:]]; ok {
			return *r, true
		}
	}
	return Reason{}, false
}

// ReasonWords says each of the ";"-separated codes in words, one per line.
// A code the catalogue lacks (a firm's rule file, a newer version) is shown
// as its code with spaces.
func ReasonWords(codes string) string {
	var out []string
	for code := range strings.SplitSeq(codes, ";") {
		if code == "" {
			continue
		}
		if r, ok := LookupReason(code); ok {
			out = append(out, r.Words)
		} else {
			out = append(out, strings.ReplaceAll(code, "_", " "))
		}
	}
	return strings.Join(out, "\n")
}

// Catalogue returns a copy of every reason, in catalogue order.
func Catalogue() []Reason { return append([]Reason(nil), catalogue...) }

// kindOf is the kind a code has where it is first attached.
func kindOf(code string) pipeline.Kind {
	if r, ok := LookupReason(code); ok {
		return r.Kind
	}
	return pipeline.Review
}
