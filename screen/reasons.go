package screen

import (
	"regexp"
	"strings"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
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
	ReasonHoursUnreadable = "hours_unreadable"
	ReasonHoursMissing    = "hours_missing"
	ReasonHoursPartTime   = "hours_part_time_unknown"
	ReasonLanguageLevel   = "language_score_unreadable"
)

// catalogue holds every reason code with its kind and wording. A code
// written "jobN_..." stands for job1_..., job2_... (the wide shape). The
// test TestCatalogueCoversCodeBase fails when a code the code base can emit
// is missing here, or when an entry names no code.
var catalogue = []Reason{
	// Reading the input.
	{"csv_parse_error", pipeline.Input, "row could not be parsed cleanly"},
	{"unterminated_quote", pipeline.Input, "a quoted cell is not closed: the rows after it may be inside that cell"},
	{"blank_row", pipeline.Input, "the row is empty"},
	{"too_few_fields", pipeline.Input, "row has fewer cells than the header"},
	{"too_many_fields", pipeline.Input, "row has more cells than the header"},
	{"decoded_windows_1252", pipeline.Note, "text was not UTF-8 and was read as Windows-1252"},
	{pipeline.ReasonApplicantNotContiguous, pipeline.Input, "applicant id appears again later in the list"},
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
	{ReasonHoursUnreadable, pipeline.Input, "hours per week unreadable"},
	{ReasonHoursMissing, pipeline.Input, "hours per week missing"},
	{ReasonHoursPartTime, pipeline.Input, "part-time without hours"},

	// Categories.
	{"country_unknown", pipeline.Review, "country unknown where Canadian experience is required"},
	{"dates_unreadable", pipeline.Review, "dates of a listed job cannot be read"},
	{"extra_requirements", pipeline.Review, "category has conditions the list cannot show"},
	{ReasonLanguageLevel, pipeline.Input, "language score unreadable"},
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
// find their "jobN_..." entry.
func LookupReason(code string) (Reason, bool) {
	if r, ok := byCode[code]; ok {
		return *r, true
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
