package screen

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/rules"
)

// stage is the screening stage: it matches each job's title to a NOC code,
// parses dates, hours and language levels, evaluates the rule set for each
// applicant and fills the annotation columns. It is shared by all workers
// and read-only; each worker has its own matcher cache and scratch memory.
type stage struct {
	cols    *Columns
	matcher *noc.Matcher
	rules   *rules.RuleSet
	eval    *rules.Evaluator
	asOf    rules.Date
	dates   *dateOrders // the order of each date column
	out     *outputTable
	// gathered holds the job facts of the applicants whose rows are apart
	// in the input, screened as one; nil when there are none. width is the
	// input header's.
	gathered *gathered
	width    int

	// slabs holds the annotation values of written batches for reuse
	// (Recycle); inUse maps a batch's first record to its slab.
	mu    sync.Mutex
	slabs [][]pipeline.Value
	inUse map[*pipeline.Record][]pipeline.Value
}

// maxSlabs bounds the free annotation slabs a stage keeps: about the
// batches in flight.
const maxSlabs = 64

// slab returns room for n annotation values, cleared, for the batch whose
// first record is first.
func (s *stage) slab(first *pipeline.Record, n int) []pipeline.Value {
	s.mu.Lock()
	defer s.mu.Unlock()
	var v []pipeline.Value
	for len(s.slabs) > 0 && v == nil {
		v = s.slabs[len(s.slabs)-1]
		s.slabs = s.slabs[:len(s.slabs)-1]
		if cap(v) < n {
			v = nil // too small: dropped
		}
	}
	if v == nil {
		v = make([]pipeline.Value, n)
	} else {
		v = v[:n]
		clear(v)
	}
	if s.inUse == nil {
		s.inUse = map[*pipeline.Record][]pipeline.Value{}
	}
	s.inUse[first] = v
	return v
}

// Recycle implements pipeline.Recycler: the batch's annotation values are
// kept for a later batch.
func (s *stage) Recycle(recs []*pipeline.Record) {
	if len(recs) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.inUse[recs[0]]
	if !ok {
		return
	}
	delete(s.inUse, recs[0])
	for _, r := range recs {
		r.Out = nil // the values are no longer the record's
	}
	if len(s.slabs) < maxSlabs {
		s.slabs = append(s.slabs, v)
	}
}

// NewWorker implements pipeline.Stage.
func (s *stage) NewWorker() pipeline.Worker {
	w := &worker{stage: s, lm: s.matcher.Local(), orders: s.dates.profileOrders(s.cols)}
	for f, col := range s.cols.Profile {
		_, w.unsettled[f] = s.dates.of(col)
	}
	w.jobDates = make([]jobDateOrders, len(s.cols.Jobs))
	for k, jc := range s.cols.Jobs {
		d := &w.jobDates[k]
		d.start, d.startUnsettled = s.dates.of(jc[StartDate])
		d.end, d.endUnsettled = s.dates.of(jc[EndDate])
	}
	return w
}

// scattered screens one group of an applicant whose rows are apart in the
// input, as one applicant with all its rows: the rows of other groups are
// rebuilt from the gathered facts, screened alongside, and left out.
func (w *worker) scattered(group []*pipeline.Record, facts []*gatheredRow, values []pipeline.Value) {
	rows := make([]*pipeline.Record, 0, len(facts)+len(group))
	k := 0
	for _, gr := range facts {
		if k < len(group) && group[k].Row == gr.row && group[k].Source == gr.source {
			rows = append(rows, group[k])
			k++
			continue
		}
		rows = append(rows, w.gathered.record(gr, w.width))
	}
	rows = append(rows, group[k:]...) // none, unless the passes disagree
	ncol := len(w.out.cols)
	all := make([]pipeline.Value, len(rows)*ncol)
	w.applicant(rows, all)
	for i, rec := range group {
		copy(values[i*ncol:(i+1)*ncol], rec.Out)
		rec.Out = values[i*ncol : (i+1)*ncol : (i+1)*ncol]
	}
}

// worker screens batches on one goroutine.
//
// Dates read in the order settled for their column (dateOrders): with
// --date-order auto an ambiguous date in a settled column carries no
// reason, one in a column nothing settles needs review
// (ReasonDateOrderUnsettled); with a fixed order it is noted
// (ReasonDateOrder).
type worker struct {
	*stage
	lm *noc.Local

	// Scratch reused across the applicants of a batch: none of it
	// outlives applicant.
	all    []rowJob
	jobs   []rules.Job
	perRow [][]rowJob

	// The applicant's profile and assessment.
	cells  rules.ProfileCells
	from   [rules.NumFields]int // the row each profile value came from
	prof   rules.Profile
	why    []rules.Reason
	assess rules.Assessment
	orders *rules.DateOrders
	// unsettled marks the profile date columns whose ambiguous dates are
	// a guess (--date-order auto found nothing to settle them); jobDates
	// are the orders of each job's date columns, looked up once.
	unsettled [rules.NumFields]bool
	jobDates  []jobDateOrders

	// res and row are the applicant's result and a row's, rebuilt for
	// each: the output table's fill reads them and keeps nothing of them
	// (the cells are strings), so one of each serves every applicant,
	// where locals would escape to the heap once per applicant and row.
	res applicantResult
	row rowResult

	// countries holds ParseCountry of the country cells seen, up to
	// maxCountries of them: a list has few distinct spellings.
	countries map[string]rules.Country
}

// maxCountries bounds a worker's cache of country cells.
const maxCountries = 1024

// country is ParseCountry(s), from the worker's cache when s was seen.
func (w *worker) country(s string) rules.Country {
	if c, ok := w.countries[s]; ok {
		return c
	}
	c := ParseCountry(s)
	if w.countries == nil {
		w.countries = map[string]rules.Country{}
	}
	if len(w.countries) < maxCountries {
		w.countries[strings.Clone(s)] = c // s shares its record's memory
	}
	return c
}

// jobDateOrders is how one job's start and end columns read.
type jobDateOrders struct {
	start, end                   rules.DateOrder
	startUnsettled, endUnsettled bool
}

// rowJob is one job of a row with its match, before rules.
type rowJob struct {
	match noc.Result
	job   rules.Job
	row   int // index of the row within the applicant
	slot  int // which job of the row (0 in the long shape)
	// start and end are the days the dates were read as (end: the as-of
	// date for an ongoing job); zero when unreadable or blank.
	start, end rules.Date
}

// applicantResult is what the rules decided for one applicant; every row of
// the applicant shows it.
type applicantResult struct {
	eligible, review, hours string
	reasons                 []string // reasons of the categories in review
	// assessed holds the program, language, CRS, draw, date and
	// explanation columns, in rules.ColumnNames order.
	assessed [len(rules.ColumnNames)]string
}

// Process implements pipeline.Worker. It never fails on data; it returns
// only the context's error.
func (w *worker) Process(ctx context.Context, recs []*pipeline.Record) error {
	if len(recs) == 0 {
		return nil
	}
	values := w.stage.slab(recs[0], len(recs)*len(w.out.cols))
	for i := 0; i < len(recs); {
		if err := ctx.Err(); err != nil {
			return err
		}
		j := i + 1
		for j < len(recs) && recs[j].Applicant == recs[i].Applicant {
			j++
		}
		vals := values[i*len(w.out.cols) : j*len(w.out.cols)]
		if g := w.gathered; g != nil && w.cols.Fields[ApplicantID] >= 0 {
			if facts, ok := g.ids[recs[i].Fields[w.cols.Fields[ApplicantID]]]; ok {
				w.scattered(recs[i:j], facts, vals)
				i = j
				continue
			}
		}
		w.applicant(recs[i:j], vals)
		i = j
	}
	return nil
}

// applicant screens the rows of one applicant; values has room for their
// annotations.
func (w *worker) applicant(rows []*pipeline.Record, values []pipeline.Value) {
	nj := len(w.cols.Jobs)
	all := w.all[:0]
	app := rules.Applicant{Jobs: w.jobs[:0]}
	w.cells.Reset()
	for i, rec := range rows {
		for k := range w.cols.Jobs {
			if rj, ok := w.job(rec, &w.cols.Jobs[k], k, nj > 1); ok {
				rj.row, rj.slot = i, k
				all = append(all, rj)
				app.Jobs = append(app.Jobs, rj.job)
			}
		}
		w.profileCells(rec, i)
	}
	// all may have moved while growing: slice it for the rows only now.
	perRow := w.perRow[:0]
	k := 0
	for i := range rows {
		n := 0
		for k+n < len(all) && all[k+n].row == i {
			n++
		}
		perRow = append(perRow, all[k:k+n:k+n])
		k += n
	}
	w.all, w.jobs, w.perRow = all, app.Jobs, perRow
	w.why = w.cells.ParseInto(&w.prof, w.orders, w.why[:0])
	if w.dates.fixed == rules.Auto {
		// Settled from the input, an ambiguous date is no assumption; in a
		// column nothing settles, it is a guess to review.
		why := w.why[:0]
		for _, r := range w.why {
			if r.Code == rules.ReasonDateOrderAssumed {
				f, ok := rules.FieldByName(r.Field)
				if !ok || !w.unsettled[f] {
					continue
				}
				r.Code, r.Kind = ReasonDateOrderUnsettled, rules.KindReview
			}
			why = append(why, r)
		}
		w.why = why
	}
	w.eval.AssessInto(&w.assess, &app, &w.prof, w.asOf)
	res := &w.res
	*res = applicantResult{reasons: res.reasons[:0]}
	res.eligible, res.review, res.hours = rules.Summary(w.assess.Categories)
	if res.review != "" {
		for _, d := range w.assess.Categories {
			res.reasons = append(res.reasons, d.Reasons...)
		}
	}
	res.assessed = w.assess.Columns()
	w.attach(rows, all, w.why)
	w.attach(rows, all, w.assess.Reasons)
	ncol := len(w.out.cols)
	for i, rec := range rows {
		for _, rj := range perRow[i] {
			switch {
			case rj.match.Method == noc.MethodNone:
				// A blank title, a spreadsheet error or a non-job ("student")
				// has its own reason; a note ("multiple_roles") is not one.
				if !rec.NeedsReview() {
					addOnce(rec, pipeline.Review, ReasonNoMatch, "")
				}
			case rj.match.Score < w.matcher.Threshold:
				addOnce(rec, pipeline.Review, ReasonLowMatchScore, "")
			}
		}
		// A category in review makes every row of the applicant need a
		// person, whatever kind the reason has where it arose.
		for _, code := range res.reasons {
			addOnce(rec, pipeline.Review, code, "")
		}
		rec.Out = values[i*ncol : (i+1)*ncol : (i+1)*ncol]
		w.row = rowResult{rec: rec, jobs: perRow[i], app: res, ruleSet: w.rules.Name}
		var same []pipeline.Value
		if i > 0 {
			same = rows[0].Out
		}
		w.out.fill(rec.Out, &w.row, same)
	}
	w.row = rowResult{} // keeps no record of the batch
}

// profileCells takes the row's profile values into the applicant's
// profile; a value that differs from one on an earlier row of the
// applicant is a reason on this row.
func (w *worker) profileCells(rec *pipeline.Record, row int) {
	for f, col := range w.cols.Profile {
		if col < 0 {
			continue
		}
		v := cell(rec, col)
		if v == "" {
			continue
		}
		if w.cells[f] == "" {
			w.from[f] = row
		}
		if !w.cells.Set(rules.Field(f), v) {
			addOnce(rec, pipeline.Review, rules.ReasonApplicantValuesDiffer, rules.Field(f).String())
		}
	}
}

var ruleKinds = [...]pipeline.Kind{rules.KindNote: pipeline.Note, rules.KindReview: pipeline.Review, rules.KindInput: pipeline.Input}

// attach puts the applicant's reasons on the rows they are about: a job's
// on that job's row, a profile value's on the row it came from, the rest on
// the applicant's first row. In the long shape a job's reason is its plain
// code (the row is the job); in the wide shape it names the job (job2_...).
func (w *worker) attach(rows []*pipeline.Record, all []rowJob, rs []rules.Reason) {
	for _, r := range rs {
		rec, code := rows[0], r.Code
		switch {
		case r.Job >= 0 && r.Job < len(all):
			rj := all[r.Job]
			rec = rows[rj.row]
			if len(w.cols.Jobs) > 1 {
				code = rules.JobReasonCode(code, rj.slot+1)
			} else if plain, ok := strings.CutPrefix(code, "jobN_"); ok {
				if _, known := LookupReason(plain); !known {
					continue // the row has its own reason (no code: no_match, job_title_missing)
				}
				code = plain
			}
		case r.Field != "":
			if f, ok := rules.FieldByName(r.Field); ok && w.cells[f] != "" {
				rec = rows[w.from[f]]
			}
		}
		addOnce(rec, ruleKinds[r.Kind], code, r.Field)
	}
}

// addOnce attaches a problem unless the row already has that code.
func addOnce(rec *pipeline.Record, k pipeline.Kind, code, field string) {
	if !rec.HasProblem(code) {
		rec.Add(k, code, field, "")
	}
}

// job reads job k of a row. It reports false when the row has no job there
// (wide rows with fewer jobs than columns).
func (w *worker) job(rec *pipeline.Record, jc *JobColumns, k int, wide bool) (rowJob, bool) {
	get := func(f Field) string { return cell(rec, jc[f]) }
	title, code := get(JobTitle), get(NOCCode)
	start, end, hours := get(StartDate), get(EndDate), get(HoursPerWeek)
	prefix := ""
	if wide {
		prefix = "job" + strconv.Itoa(k+1) + "_"
		if title == "" && code == "" && start == "" && end == "" && hours == "" {
			return rowJob{}, false
		}
	}
	field := func(f Field) string { return prefix + f.String() }
	if spreadsheetError(title) {
		rec.Add(pipeline.Input, ReasonTitleNotText, field(JobTitle), "the cell holds a spreadsheet error, not a title")
		title = ""
	} else if title == "" && code == "" {
		rec.Add(pipeline.Input, ReasonJobTitleMissing, field(JobTitle), "no job title or NOC code")
	}
	m := w.lm.Match(noc.Query{Title: title, Industry: get(Industry), Employer: get(Employer), Duties: get(Duties)}, code)
	for _, r := range m.Reasons {
		rec.Add(kindOf(r), r, field(NOCCode), "")
	}
	j := rules.Job{Code: m.Code, LowConfidence: m.Code != "" && m.Score < w.matcher.Threshold}
	j.Country = w.country(get(Country))

	do := &w.jobDates[k]
	sUnsettled, eUnsettled := do.startUnsettled, do.endUnsettled
	sd, serr := rules.ParseDate(start, do.start, false)
	ed, eerr := rules.ParseDate(end, do.end, true)
	j.DatesKnown = true
	switch {
	case serr != nil:
		rec.Add(pipeline.Input, ReasonStartUnreadable, field(StartDate), serr.Error())
		j.DatesKnown = false
	case sd.Blank || sd.Ongoing:
		rec.Add(pipeline.Input, ReasonStartMissing, field(StartDate), "")
		j.DatesKnown = false
	}
	switch {
	case eerr != nil:
		rec.Add(pipeline.Input, ReasonEndUnreadable, field(EndDate), eerr.Error())
		j.DatesKnown = false
	case ed.Blank || ed.Ongoing:
		j.Ongoing = true
	}
	switch {
	case sd.Ambiguous && sUnsettled || ed.Ambiguous && eUnsettled:
		rec.Add(pipeline.Review, ReasonDateOrderUnsettled, prefix+"dates", "day and month read both ways; nothing in the column settles which")
	case (sd.Ambiguous || ed.Ambiguous) && w.dates.fixed != rules.Auto:
		rec.Add(pipeline.Note, ReasonDateOrder, prefix+"dates", "day and month read both ways")
	}
	j.Start, j.End = sd.Day, ed.Day
	used := rowJob{start: sd.Day, end: ed.Day}
	if serr != nil {
		used.start = 0
	}
	switch {
	case eerr != nil:
		used.end = 0
	case ed.Blank || ed.Ongoing:
		used.end = w.asOf
	}
	if j.DatesKnown && !j.Ongoing && j.End < j.Start {
		rec.Add(pipeline.Input, ReasonEndBeforeStart, field(EndDate), "")
		j.DatesKnown = false
	}
	h, herr := rules.ParseHours(hours)
	switch {
	case herr != nil:
		rec.Add(pipeline.Input, ReasonHoursUnreadable, field(HoursPerWeek), herr.Error())
	case h.Blank:
		rec.Add(pipeline.Input, ReasonHoursMissing, field(HoursPerWeek), "")
	case h.PartTime:
		rec.Add(pipeline.Input, ReasonHoursPartTime, field(HoursPerWeek), "part-time without hours")
	default:
		j.Hours, j.HoursKnown = h.Hours, true
	}
	used.match, used.job = m, j
	return used, true
}

// spreadsheetErrors are the error values Excel and LibreOffice show in a
// cell whose formula failed.
var spreadsheetErrors = regexp.MustCompile(`(?i)^(#(null!|div/0!|value!|ref!|name\?|num!|n/a|spill!|calc!|getting_data|field!|blocked!|unknown!|busy!|connect!|external!|python!)|err:\d{3})$|/0!$`)

// spreadsheetError reports whether a cell holds a spreadsheet's error
// value (#DIV/0!, #N/A, Err:502) or the remains of one ("x/0!"), or no
// letter at all: none of these is a job title.
func spreadsheetError(s string) bool {
	if s == "" {
		return false
	}
	// Every error value has a '#', a '!' or an "Err:"; most titles none.
	if strings.ContainsAny(s, "#!:") && spreadsheetErrors.MatchString(s) {
		return true
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

var canadaNames = map[string]bool{
	"canada": true, "ca": true, "can": true, "canadá": true, "cdn": true,
	"on": true, "ontario": true, "qc": true, "quebec": true, "québec": true, "bc": true, "british columbia": true,
	"ab": true, "alberta": true, "mb": true, "manitoba": true, "sk": true, "saskatchewan": true,
	"ns": true, "nova scotia": true, "nb": true, "new brunswick": true, "nl": true, "newfoundland and labrador": true,
	"pe": true, "pei": true, "prince edward island": true, "yt": true, "yukon": true, "nt": true,
	"northwest territories": true, "nu": true, "nunavut": true,
}

// ParseCountry reads a country cell: Canada by name, code or province;
// blank is unknown; anything else is abroad.
func ParseCountry(s string) rules.Country {
	switch s { // the common spellings, without lower-casing
	case "Canada", "CA", "canada", "CANADA", "CAN":
		return rules.CountryCanada
	case "":
		return rules.CountryUnknown
	}
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "unknown" || s == "n/a" || s == "na" || s == "?" {
		return rules.CountryUnknown
	}
	if canadaNames[s] {
		return rules.CountryCanada
	}
	// "Toronto, ON", "Calgary, Alberta, Canada": the part after the last comma.
	if canadaNames[strings.TrimSpace(s[strings.LastIndexByte(s, ',')+1:])] {
		return rules.CountryCanada
	}
	return rules.CountryAbroad
}
