package screen

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/jszwec/csvutil"
	"golang.org/x/text/unicode/norm"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/rules"
)

// Field is a canonical input field (spec section 3).
type Field int

const (
	ApplicantID Field = iota
	JobTitle
	Industry
	Employer
	Duties
	NOCCode
	Country
	StartDate
	EndDate
	HoursPerWeek
	FrenchReading
	FrenchWriting
	FrenchListening
	FrenchSpeaking
	EnglishReading
	EnglishWriting
	EnglishListening
	EnglishSpeaking
	numFields
)

var fieldNames = [numFields]string{
	"applicant_id", "job_title", "industry", "employer", "duties", "noc_code", "country", "start_date",
	"end_date", "hours_per_week", "french_reading", "french_writing", "french_listening", "french_speaking",
	"english_reading", "english_writing", "english_listening", "english_speaking",
}

func (f Field) String() string { return fieldNames[f] }

// jobField reports whether a field describes one job (and so may repeat as
// job1_..., job2_... in the wide shape).
func (f Field) jobField() bool { return f >= JobTitle && f <= HoursPerWeek }

// synonyms lists header spellings per field, compared after squash.
var synonyms = map[Field][]string{
	ApplicantID: {"applicantid", "applicant", "clientid", "client", "clientno", "clientnumber", "caseid", "case",
		"casenumber", "caseno", "fileno", "filenumber", "file", "personid", "candidateid", "id", "uci",
		"idclient", "identifiantclient", "identifiant", "noclient", "numeroclient", "numerodeclient", "numerodudossier",
		"numerodedossier", "nodossier", "nodedossier", "dossier", "iuc", "idcandidat"},
	JobTitle: {"jobtitle", "title", "occupation", "position", "currentjobtitle", "currentposition", "job",
		"role", "designation", "positiontitle", "occupationtitle", "jobname", "posttitle", "poste", "titredeposte", "emploi",
		"posteoccupe", "titreduposte", "titredelemploi", "intituledeposte", "intituleduposte", "fonction", "profession", "metier", "emploioccupe"},
	Industry: {"industry", "sector", "industrysector", "businesstype", "typeofbusiness", "secteur",
		"secteurdactivite", "industrie", "domaine", "domainedactivite"},
	Employer: {"employer", "company", "employername", "organization", "organisation", "companyname", "employeur",
		"nomdelemployeur", "entreprise", "societe", "nomdelentreprise"},
	Duties: {"duties", "mainduties", "jobduties", "responsibilities", "description", "jobdescription", "tasks", "taches",
		"fonctions", "principalesfonctions", "descriptiondestaches", "descriptiondeposte", "descriptionduposte", "responsabilites"},
	NOCCode: {"noccode", "noc", "noc2021", "noc2016", "nocteer", "code", "occupationcode",
		"codecnp", "cnp", "cnp2021", "cnp2016", "codedelacnp"},
	Country: {"country", "countryofjob", "jobcountry", "workcountry", "location", "countryofwork", "pays",
		"paysdelemploi", "paysdetravail", "lieu", "lieudetravail"},
	StartDate: {"startdate", "start", "from", "datefrom", "fromdate", "begin", "began", "startedon", "datestarted", "employmentstart", "datedebut", "debut",
		"datededebut", "datedentree", "dateentree", "du", "depuis", "debutdelemploi", "datededebutdelemploi"},
	EndDate: {"enddate", "end", "to", "dateto", "todate", "until", "finish", "endedon", "dateended", "employmentend", "datefin", "fin",
		"datedefin", "datedesortie", "datesortie", "au", "jusqua", "findelemploi", "datedefindelemploi"},
	HoursPerWeek: {"hoursperweek", "hours", "weeklyhours", "hoursweek", "hrsweek", "hrsperweek", "hrs", "hoursperwk", "workhours", "heures", "heuresparsemaine",
		"heuressemaine", "heureshebdomadaires", "nombredheures", "nombredheuresparsemaine", "hparsemaine", "heuresparsem"},
	FrenchReading: {"frenchreading", "nclcreading", "frreading", "tefreading", "tcfreading", "fr_r",
		"nclclecture", "francaislecture", "lecturefrancais", "nclccomprehensionecrite"},
	FrenchWriting: {"frenchwriting", "nclcwriting", "frwriting", "tefwriting", "tcfwriting",
		"nclcecriture", "francaisecriture", "ecriturefrancais", "nclcexpressionecrite"},
	FrenchListening: {"frenchlistening", "nclclistening", "frlistening", "teflistening", "tcflistening",
		"nclccomprehensiondeloral", "nclccomprehensionorale", "francaiscomprehensiondeloral", "francaiscomprehensionorale"},
	FrenchSpeaking: {"frenchspeaking", "nclcspeaking", "frspeaking", "tefspeaking", "tcfspeaking",
		"nclcexpressionorale", "francaisexpressionorale"},
	EnglishReading:   {"englishreading", "clbreading", "enreading", "ieltsreading", "celpipreading", "clblecture", "anglaislecture"},
	EnglishWriting:   {"englishwriting", "clbwriting", "enwriting", "ieltswriting", "celpipwriting", "clbecriture", "anglaisecriture"},
	EnglishListening: {"englishlistening", "clblistening", "enlistening", "ieltslistening", "celpiplistening", "clbcomprehensiondeloral", "anglaiscomprehensiondeloral", "anglaiscomprehensionorale"},
	EnglishSpeaking:  {"englishspeaking", "clbspeaking", "enspeaking", "ieltsspeaking", "celpipspeaking", "clbexpressionorale", "anglaisexpressionorale"},
}

var synonymIndex = func() map[string]Field {
	m := map[string]Field{}
	for f, names := range synonyms {
		for _, n := range names {
			m[n] = f
		}
		m[squash(fieldNames[f])] = f
	}
	return m
}()

// squash lower-cases a header and drops everything but letters and digits,
// so "Job Title", "job_title" and "JOB-TITLE:" compare equal.
func squash(s string) string {
	var b strings.Builder
	// Decomposed, an accented letter is its base letter and a mark: keep
	// the letter, drop the mark ("Début" -> "debut").
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// withoutNote drops a header's parenthesised or bracketed notes: "Date de
// début (jj/mm/aaaa)" -> "Date de début".
func withoutNote(h string) string {
	var b strings.Builder
	depth := 0
	for _, r := range h {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			depth = max(0, depth-1)
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// JobColumns holds the column index of each job field of one job, -1 if
// absent.
type JobColumns [numFields]int

// Columns says where each canonical field is in a header.
type Columns struct {
	Header []string
	// Fields holds the column of each applicant-level field, -1 if absent.
	Fields [numFields]int
	// Jobs holds one entry per job: one in the long shape, job1..jobN in the
	// wide shape.
	Jobs []JobColumns
	Wide bool
	// Profile holds the column of each applicant profile field
	// (rules.Field), -1 if absent.
	Profile [rules.NumFields]int
}

var (
	wideLead  = regexp.MustCompile(`^(?:job|emp|employment|position|work|experience|occupation)(\d{1,2})(.+)$`)
	wideTrail = regexp.MustCompile(`^(.+?)(\d{1,2})$`)
)

// DetectColumns maps a header to canonical fields. mapping (from --map)
// maps canonical field names to header names and wins over detection. It
// fails, naming the headers it saw, when there is neither a job title nor a
// NOC code column.
func DetectColumns(header []string, mapping map[string]string) (*Columns, error) {
	c, err := detect(header, mapping)
	if err != nil {
		return nil, err
	}
	if !c.HasJobs() {
		return nil, fmt.Errorf("no job title or NOC code column among the headers %q; name one with --map (e.g. job_title,<your header>)", header)
	}
	return c, nil
}

// HasJobs reports whether the header has a job title or NOC code column:
// without one no row can be screened.
func (c *Columns) HasJobs() bool {
	return c.Wide || c.Jobs[0][JobTitle] >= 0 || c.Jobs[0][NOCCode] >= 0
}

// detect is DetectColumns without the check that the header has jobs, so
// that Inspect can show what it found in a header that has none. It fails
// only on a --map line that names an unknown field or column.
func detect(header []string, mapping map[string]string) (*Columns, error) {
	c := &Columns{Header: header}
	for i := range c.Fields {
		c.Fields[i] = -1
	}
	wide := map[int]*JobColumns{}
	job := func(n int) *JobColumns {
		if wide[n] == nil {
			j := &JobColumns{}
			for i := range j {
				j[i] = -1
			}
			wide[n] = j
		}
		return wide[n]
	}
	forced := map[int]bool{}
	for name, col := range mapping {
		f, ok := fieldByName(name)
		_, isProfile := rules.FieldByName(name)
		if !ok && !isProfile {
			return nil, fmt.Errorf("column map: unknown field %q (fields: %s)", name, knownFields())
		}
		i := indexOf(header, col)
		if i < 0 {
			return nil, &MapError{Field: name, Column: col, Header: header}
		}
		forced[i] = true
		if ok {
			c.Fields[f] = i
		}
	}
	for i, h := range header {
		if forced[i] {
			continue
		}
		s := squash(h)
		if _, ok := synonymIndex[s]; !ok {
			s = squash(withoutNote(h)) // "Hours (per week)", "Start date (dd/mm/yyyy)"
		}
		if f, ok := synonymIndex[s]; ok {
			if c.Fields[f] < 0 {
				c.Fields[f] = i
			}
			continue
		}
		if n, f, ok := wideField(s); ok {
			if j := job(n); j[f] < 0 {
				j[f] = i
			}
		}
	}
	if len(wide) > 0 {
		var ns []int
		for n, j := range wide {
			if j[JobTitle] >= 0 || j[NOCCode] >= 0 {
				ns = append(ns, n)
			}
		}
		sort.Ints(ns)
		for _, n := range ns {
			c.Jobs = append(c.Jobs, *wide[n])
		}
		c.Wide = len(c.Jobs) > 0
	}
	if !c.Wide {
		var j JobColumns
		for f := range j {
			j[f] = -1
			if Field(f).jobField() {
				j[f] = c.Fields[f]
			}
		}
		c.Jobs = []JobColumns{j}
	}
	used := map[int]bool{}
	for _, i := range c.Fields {
		used[i] = true
	}
	for _, j := range c.Jobs {
		for _, i := range j {
			used[i] = true
		}
	}
	detectProfile(c, mapping, func(i int) bool { return used[i] })
	return c, nil
}

func wideField(s string) (int, Field, bool) {
	var num, rest string
	if m := wideLead.FindStringSubmatch(s); m != nil {
		num, rest = m[1], m[2]
	} else if m := wideTrail.FindStringSubmatch(s); m != nil {
		rest, num = m[1], m[2]
	} else {
		return 0, 0, false
	}
	rest = strings.TrimPrefix(rest, "job")
	f, ok := synonymIndex[rest]
	if !ok {
		f, ok = synonymIndex["job"+rest]
	}
	if !ok || !f.jobField() {
		return 0, 0, false
	}
	n := 0
	fmt.Sscan(num, &n)
	return n, f, true
}

// knownFields lists every field a --map line may name.
func knownFields() string {
	names := append([]string(nil), fieldNames[:]...)
	for f := rules.Field(0); f < rules.NumFields; f++ {
		if !slices.Contains(names, f.String()) {
			names = append(names, f.String())
		}
	}
	return strings.Join(names, ", ")
}

func fieldByName(name string) (Field, bool) {
	s := squash(name)
	for f, n := range fieldNames {
		if squash(n) == s {
			return Field(f), true
		}
	}
	return 0, false
}

func indexOf(header []string, col string) int {
	for i, h := range header {
		if h == col {
			return i
		}
	}
	s := squash(col)
	for i, h := range header {
		if squash(h) == s {
			return i
		}
	}
	return -1
}

// MapError is a --map line naming a column the input does not have.
type MapError struct {
	Field, Column string
	Header        []string
}

func (e *MapError) Error() string {
	return fmt.Sprintf("field %s names column %q, which is not in the header %q", e.Field, e.Column, e.Header)
}

// mapLine is one line of a --map file.
type mapLine struct {
	Field  string `csv:"field"`
	Column string `csv:"column"`
}

// LoadMapping reads a --map file: CSV lines "field,column header" (a header
// line "field,column" is optional; lines starting with # are comments).
// Errors name the file and line.
func LoadMapping(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("column map: %w", err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = 2
	cr.Comment = '#'
	dec, err := csvutil.NewDecoder(cr, "field", "column")
	if err != nil {
		return nil, fmt.Errorf("column map %s: %w", path, err)
	}
	m := map[string]string{}
	first := true
	for {
		var l mapLine
		err := dec.Decode(&l)
		if errors.Is(err, io.EOF) {
			return m, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				return nil, fmt.Errorf("column map %s line %d: want 2 fields (field,column)", path, pe.Line)
			}
			return nil, fmt.Errorf("column map %s: %w", path, err)
		}
		line, _ := cr.FieldPos(0)
		if first && squash(l.Field) == "field" {
			first = false
			continue // the optional header line
		}
		first = false
		name := strings.TrimSpace(l.Field)
		_, isProfile := rules.FieldByName(name)
		if _, ok := fieldByName(name); !ok && !isProfile {
			return nil, fmt.Errorf("column map %s line %d: unknown field %q (fields: %s)", path, line, name, knownFields())
		}
		m[name] = strings.TrimSpace(l.Column)
	}
}

// Get returns the cell of field f in rec, or "".
func (c *Columns) Get(rec *pipeline.Record, f Field) string {
	return cell(rec, c.Fields[f])
}

func cell(rec *pipeline.Record, i int) string {
	if i < 0 || i >= len(rec.Fields) {
		return ""
	}
	return strings.TrimSpace(rec.Fields[i])
}

// Missing lists the fields the run needs but found no column for, by
// canonical name, in a fixed order: for each job (jobN_ in the wide shape)
// start_date, end_date, hours_per_week and country (without them every
// job's dates, hours or country are missing or unknown on every row:
// the row reasons say so row by row, Missing says it once); and, when the
// list has profile columns at all, date_of_birth (nor age), marital_status,
// education_level and lang1_test (no language test or level column),
// without which the programs and the CRS cannot be assessed. A
// job_title/noc_code column is never missing: DetectColumns fails without
// one.
func (c *Columns) Missing() []string {
	var out []string
	for k, j := range c.Jobs {
		prefix := ""
		if c.Wide {
			prefix = "job" + fmt.Sprint(k+1) + "_"
		}
		for _, f := range [...]Field{StartDate, EndDate, HoursPerWeek, Country} {
			if j[f] < 0 {
				out = append(out, prefix+f.String())
			}
		}
	}
	if !c.hasProfile() {
		return out
	}
	has := func(fs ...rules.Field) bool {
		for _, f := range fs {
			if c.Profile[f] >= 0 {
				return true
			}
		}
		return false
	}
	if !has(rules.FieldDateOfBirth, rules.FieldAge) {
		out = append(out, rules.FieldDateOfBirth.String())
	}
	if !has(rules.FieldMaritalStatus) {
		out = append(out, rules.FieldMaritalStatus.String())
	}
	if !has(rules.FieldEducationLevel) {
		out = append(out, rules.FieldEducationLevel.String())
	}
	if !has(rules.FieldLang1Test, rules.FieldLang1Reading, rules.FieldLang1Writing, rules.FieldLang1Listening, rules.FieldLang1Speaking,
		rules.FieldFrenchReading, rules.FieldFrenchWriting, rules.FieldFrenchListening, rules.FieldFrenchSpeaking,
		rules.FieldEnglishReading, rules.FieldEnglishWriting, rules.FieldEnglishListening, rules.FieldEnglishSpeaking) {
		out = append(out, rules.FieldLang1Test.String())
	}
	return out
}
