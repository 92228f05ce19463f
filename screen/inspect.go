package screen

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/readers"
	"github.com/casescreen/casescreen/rules"
)

// Inspection is what a run would make of one input's header: which column
// became which field, which fields were not found and what that means, and
// the --map lines that would name them. It holds the header (the user's own
// column names) and no cell of a data row.
type Inspection struct {
	Input  readers.Info
	Header []string
	// Columns is the detection a run would use (nil only when a --map
	// line names a column this input does not have: MapErr says which).
	Columns *Columns
	// Uses has one entry per header column, in header order.
	Uses []ColumnUse
	// Missing lists the fields a run reads that this header lacks, the
	// required ones first.
	Missing []MissingField
	// MapErr is a --map line that does not fit this input, or nil.
	MapErr error
}

// Ready reports whether a run can start on this header: it has a job title
// or NOC code column and the --map lines fit it.
func (in *Inspection) Ready() bool {
	return in.MapErr == nil && in.Columns != nil && in.Columns.HasJobs()
}

// ColumnUse says what a run does with one column.
type ColumnUse struct {
	Column int    // 0-based position in the header
	Letter string // the spreadsheet's column letter: A, B, ... AA
	Header string
	// Field is the canonical field the column fills ("start_date",
	// "job2_start_date" in the wide shape, "lang1_reading"), or "" when
	// the run does not read the column.
	Field string
	// Mapped is true when a --map line named the column.
	Mapped bool
	// Note says why a recognised column is not read (a second column for
	// the same field), or "".
	Note string
}

// MissingField is a field a run reads that the header does not have.
type MissingField struct {
	Field string // canonical name, as a --map line names it
	// Required is true when no row can be screened without it.
	Required bool
	// Effect says what the run does without it.
	Effect string
	// Candidate is an unread header that may hold the field ("Position
	// held" for job_title), or "".
	Candidate string
	// PerJob is true for a job field of a list with its jobs side by side:
	// such columns are found by their headers (Job1 Industry, Job2
	// Industry ...), not by --map.
	PerJob bool
}

// MapLine is the --map line that would name the field: the candidate
// column, or a placeholder for the user's header.
func (m MissingField) MapLine() string {
	col := m.Candidate
	if col == "" {
		col = "<your header>"
	} else if strings.ContainsAny(col, ",\"\n") {
		col = `"` + strings.ReplaceAll(col, `"`, `""`) + `"`
	}
	return m.Field + "," + col
}

// effects says what a run does without each field Columns.Missing can
// name, and without the optional ones only the inspection names (the
// applicant id, the matcher's context).
var effects = map[string]string{
	ApplicantID.String():  "each row is screened as its own applicant: jobs on several rows are not added up",
	StartDate.String():    "no experience can be counted: every job needs review (start_date_missing)",
	EndDate.String():      "every job is taken as still held on the as-of date",
	HoursPerWeek.String(): "hours cannot be checked: every job needs review (hours_missing)",
	Country.String():      "a job cannot be told Canadian or foreign: Canadian experience needs review (country_unknown)",
	Industry.String():     "titles are matched without the industry",
	Employer.String():     "titles are matched without the employer",

	rules.FieldDateOfBirth.String():    "no age (nor date of birth): points for age need review (age_missing)",
	rules.FieldMaritalStatus.String():  "marital status unknown: review (marital_status_missing)",
	rules.FieldEducationLevel.String(): "no education points: review (education_missing)",
	rules.FieldLang1Test.String():      "no first official language result: programs and CRS need review (lang1_test_missing)",
}

// Inspect opens each of cfg.Inputs (with cfg.Sheet and cfg.MapFile as a run
// would), reads its header and says what a run would make of it. It loads
// no rules and no NOC index and reads no data row. A broken --map file is a
// *ConfigError; an input that cannot be opened is an error naming it. An
// XLSX input whose sheets have no recognisable header is inspected on the
// first row a run would have tried, so the user sees what was there.
func Inspect(cfg Config) ([]*Inspection, error) {
	if len(cfg.Inputs) == 0 {
		return nil, configErr("", errors.New("no input"))
	}
	var mapping map[string]string
	if cfg.MapFile != "" {
		var err error
		if mapping, err = LoadMapping(cfg.MapFile); err != nil {
			return nil, configErr(cfg.MapFile, err)
		}
	}
	headerOK := func(h []string) bool { _, err := DetectColumns(h, mapping); return err == nil }
	var out []*Inspection
	for _, path := range cfg.Inputs {
		src, err := readers.Open(path, readers.Options{Sheet: cfg.Sheet, HeaderOK: headerOK})
		if err != nil {
			// No sheet has a header a run can use: show the first one's.
			var re *readers.Error
			if !errors.As(err, &re) {
				return nil, err
			}
			if src, err = readers.Open(path, readers.Options{Sheet: cfg.Sheet}); err != nil {
				return nil, err
			}
		}
		in := &Inspection{Header: src.Header()}
		if d, ok := src.(readers.Describer); ok {
			in.Input = d.Info()
		}
		src.Close()
		inspect(in, mapping)
		out = append(out, in)
	}
	return out, nil
}

func inspect(in *Inspection, mapping map[string]string) {
	c, err := detect(in.Header, mapping)
	if err != nil {
		in.MapErr = err
		for i, h := range in.Header {
			in.Uses = append(in.Uses, ColumnUse{Column: i, Letter: columnLetter(i), Header: h})
		}
		return
	}
	in.Columns = c
	mapped := map[int]bool{}
	for _, col := range mapping {
		if i := indexOf(in.Header, col); i >= 0 {
			mapped[i] = true
		}
	}
	field := make([]string, len(in.Header))
	set := func(i int, name string) {
		if i >= 0 && i < len(field) && field[i] == "" {
			field[i] = name
		}
	}
	for k, jc := range c.Jobs {
		for f, i := range jc {
			if c.Wide {
				set(i, "job"+strconv.Itoa(k+1)+"_"+Field(f).String())
			} else {
				set(i, Field(f).String())
			}
		}
	}
	notes := make([]string, len(in.Header))
	for f, i := range c.Fields {
		if c.Wide && Field(f).jobField() && i >= 0 && field[i] == "" {
			notes[i] = fmt.Sprintf("not read: the list has one column per job, name it job1_%s, job2_%s ...", Field(f), Field(f))
			continue
		}
		set(i, Field(f).String())
	}
	for f, i := range c.Profile {
		set(i, rules.Field(f).String())
	}
	for i, h := range in.Header {
		u := ColumnUse{Column: i, Letter: columnLetter(i), Header: h, Field: field[i], Mapped: mapped[i], Note: notes[i]}
		if u.Field == "" && u.Note == "" {
			if name := recognised(h); name != "" {
				u.Note = "a second " + name + " column: the first one is read"
			}
		}
		in.Uses = append(in.Uses, u)
	}
	in.Missing = missing(in, c)
}

// recognised names the field a header spells, or "".
func recognised(h string) string {
	s := squash(h)
	if f, ok := synonymIndex[s]; ok {
		return f.String()
	}
	if f, ok := profileIndex[s]; ok {
		return f.String()
	}
	return ""
}

func missing(in *Inspection, c *Columns) []MissingField {
	var unread []string
	for _, u := range in.Uses {
		if u.Field == "" && u.Note == "" && strings.TrimSpace(u.Header) != "" {
			unread = append(unread, u.Header)
		}
	}
	var out []MissingField
	seen := map[string]bool{}
	add := func(name string, required, perJob bool) {
		if seen[name] {
			return
		}
		seen[name] = true
		m := MissingField{Field: name, Required: required, Effect: effects[name], PerJob: perJob}
		if required {
			m.Effect = "required: no row can be screened without a job title or a NOC code column"
		}
		if !perJob {
			var syns []string
			if f, ok := fieldByName(name); ok {
				syns = synonyms[f]
			} else if pf, ok := rules.FieldByName(name); ok {
				syns = profileSynonyms[pf]
			}
			m.Candidate = candidate(unread, syns)
		}
		out = append(out, m)
	}
	if !c.HasJobs() {
		add(JobTitle.String(), true, false)
	}
	if c.Fields[ApplicantID] < 0 {
		add(ApplicantID.String(), false, false)
	}
	// What the run itself says is missing (jobN_ fields in the wide shape
	// once, as one per-job entry).
	for _, name := range c.Missing() {
		base, wide := name, false
		if c.Wide && strings.HasPrefix(name, "job") {
			if _, rest, ok := strings.Cut(name, "_"); ok {
				base, wide = rest, true
			}
		}
		add(base, false, wide)
	}
	for _, f := range [...]Field{Industry, Employer} {
		has := false
		for _, jc := range c.Jobs {
			has = has || jc[f] >= 0
		}
		if !has {
			add(f.String(), false, c.Wide)
		}
	}
	if !c.hasProfile() {
		out = append(out, MissingField{Field: "profile columns", Effect: "no applicant profile (age, education, language tests ...): programs (CEC, FSW, FST) and the CRS are not assessed"})
	}
	return out
}

// candidate picks the first unread header that contains one of a field's
// spellings (of four letters or more), or that one of them contains:
// "Position held" for job_title.
func candidate(headers, syns []string) string {
	for _, h := range headers {
		s := squash(h)
		if len(s) < 3 {
			continue
		}
		for _, syn := range syns {
			if len(syn) >= 4 && (strings.Contains(s, syn) || len(s) >= 4 && strings.Contains(syn, s)) {
				return h
			}
		}
	}
	return ""
}

// columnLetter is the spreadsheet letter of the 0-based column i.
func columnLetter(i int) string {
	n, _ := excelize.ColumnNumberToName(i + 1)
	return n
}
