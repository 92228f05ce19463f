package screen

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/rules"
)

// rowResult is everything one row's annotation is made from.
type rowResult struct {
	rec     *pipeline.Record
	jobs    []rowJob // the row's jobs: one in the long shape, 0..N in the wide
	app     *applicantResult
	ruleSet string
}

// outputColumn is one annotation column. Its name is a contract (spec
// section 4). A per-job column (job set) holds one value per job; in the
// wide shape, where a row has several jobs, the values are joined by " | "
// and the column is text, unless widen says how to combine them. Other
// columns (row set) describe the row or its applicant.
type outputColumn struct {
	name  string
	title string        // the heading people read (the report, the web page)
	words wordsKind     // how a value reads in words
	typ   pipeline.Type // the type in the long shape
	// applicant marks a column that describes the applicant: the same on
	// every row of the applicant.
	applicant bool
	job       func(j *rowJob) pipeline.Value
	// none is the value of a per-job column for a row with no job (wide
	// rows with empty job columns); blank if unset.
	none pipeline.Value
	// widen, if set, combines the values of several jobs into one of the
	// column's own type.
	widen func(vs []pipeline.Value) pipeline.Value
	row   func(r *rowResult) pipeline.Value
}

// outputColumns is the one table of annotation columns, in output order.
// Adding a column is adding a line here.
var outputColumns = []outputColumn{
	{name: "noc_code", title: "NOC code", job: func(j *rowJob) pipeline.Value { return pipeline.TextValue(j.match.Code) }},
	{name: "noc_title", title: "NOC title", job: func(j *rowJob) pipeline.Value { return pipeline.TextValue(j.match.Title) }},
	{name: "teer", title: "TEER", typ: pipeline.Int, job: func(j *rowJob) pipeline.Value {
		m := &j.match
		if m.Code == "" {
			return pipeline.Value{}
		}
		return pipeline.IntValue(m.TEER)
	}},
	{name: "match_method", title: "Found by", none: pipeline.TextValue(string(noc.MethodNone)),
		job: func(j *rowJob) pipeline.Value { return pipeline.TextValue(string(j.match.Method)) }},
	{name: "match_score", title: "Match score", typ: pipeline.Float, widen: lowest, job: func(j *rowJob) pipeline.Value {
		m := &j.match
		if m.Method == noc.MethodNone {
			return pipeline.Value{}
		}
		return pipeline.FloatValue(math.Round(m.Score*100) / 100)
	}},
	{name: "match_alternatives", title: "Other candidates", job: func(j *rowJob) pipeline.Value { return pipeline.TextValue(formatAlts(j.match.Alts)) }},
	{name: "start_date_used", title: "Start date used", typ: pipeline.Date, job: func(j *rowJob) pipeline.Value { return dateValue(j.start) }},
	{name: "end_date_used", title: "End date used", typ: pipeline.Date, job: func(j *rowJob) pipeline.Value { return dateValue(j.end) }},
	{name: "eligible_categories", title: "Eligible categories", words: idList, applicant: true, row: func(r *rowResult) pipeline.Value { return pipeline.TextValue(r.app.eligible) }},
	{name: "review_categories", title: "Categories to review", words: idList, applicant: true, row: func(r *rowResult) pipeline.Value { return pipeline.TextValue(r.app.review) }},
	{name: "qualifying_hours", title: "Qualifying hours", words: idValues, applicant: true, row: func(r *rowResult) pipeline.Value { return pipeline.TextValue(r.app.hours) }},
	{name: "eligible_from", title: "Eligible from", words: idValues, applicant: true, row: assessed("eligible_from", pipeline.Text)},
	{name: "eligible_until", title: "Eligible until", words: idValues, applicant: true, row: assessed("eligible_until", pipeline.Text)},
	{name: "cec_status", title: "CEC", words: status, applicant: true, row: assessed("cec_status", pipeline.Text)},
	{name: "fsw_status", title: "FSW", words: status, applicant: true, row: assessed("fsw_status", pipeline.Text)},
	{name: "fsw_points", title: "FSW points", typ: pipeline.Int, applicant: true, row: assessed("fsw_points", pipeline.Int)},
	{name: "fst_status", title: "FST", words: status, applicant: true, row: assessed("fst_status", pipeline.Text)},
	{name: "first_language_levels", title: "First language (R/W/L/S)", applicant: true, row: assessed("first_language_levels", pipeline.Text)},
	{name: "second_language_levels", title: "Second language (R/W/L/S)", applicant: true, row: assessed("second_language_levels", pipeline.Text)},
	{name: "crs_score", title: "CRS", typ: pipeline.Int, applicant: true, row: assessed("crs_score", pipeline.Int)},
	{name: "crs_core", title: "CRS core", typ: pipeline.Int, applicant: true, row: assessed("crs_core", pipeline.Int)},
	{name: "crs_spouse", title: "CRS spouse", typ: pipeline.Int, applicant: true, row: assessed("crs_spouse", pipeline.Int)},
	{name: "crs_transfer", title: "CRS transferability", typ: pipeline.Int, applicant: true, row: assessed("crs_transfer", pipeline.Int)},
	{name: "crs_additional", title: "CRS additional", typ: pipeline.Int, applicant: true, row: assessed("crs_additional", pipeline.Int)},
	{name: "draw_margins", title: "Margin to the last cut-off", words: idValues, applicant: true, row: assessed("draw_margins", pipeline.Text)},
	{name: "explanation", title: "Explanation", applicant: true, row: assessed("explanation", pipeline.Text)},
	{name: "rule_set", title: "Rule set", applicant: true, row: func(r *rowResult) pipeline.Value { return pipeline.TextValue(r.ruleSet) }},
	{name: "needs_review", title: "Needs review", typ: pipeline.Bool, row: func(r *rowResult) pipeline.Value { return pipeline.BoolValue(r.rec.NeedsReview()) }},
	{name: "review_reasons", title: "What to check", words: reasonList, row: func(r *rowResult) pipeline.Value { return pipeline.TextValue(reasonCodes(r.rec.Problems)) }},
}

// assessed fills a column from the applicant's assessment (rules.Assessment
// .Columns), by its name there.
func assessed(name string, typ pipeline.Type) func(r *rowResult) pipeline.Value {
	i := slices.Index(rules.ColumnNames[:], name)
	if i < 0 {
		panic("screen: rules has no column " + name)
	}
	return func(r *rowResult) pipeline.Value {
		v := r.app.assessed[i]
		if typ == pipeline.Int && v != "" {
			if n, err := strconv.Atoi(v); err == nil {
				return pipeline.IntValue(n)
			}
		}
		return pipeline.TextValue(v)
	}
}

// unixEpoch is 1970-01-01, day 0 of a pipeline.Date value.
var unixEpoch = rules.MakeDate(1970, 1, 1)

// dateValue is a Date cell for d; blank for no date.
func dateValue(d rules.Date) pipeline.Value {
	if d.IsZero() {
		return pipeline.Value{}
	}
	return pipeline.DateValue(int(d-unixEpoch), d.String())
}

// lowest is the wide shape's match_score: the lowest score of the row's
// jobs, the one that decides whether the row needs review.
func lowest(vs []pipeline.Value) pipeline.Value {
	var low pipeline.Value
	for _, v := range vs {
		if !v.Blank() && (low.Blank() || v.Num < low.Num) {
			low = v
		}
	}
	return low
}

// outputTable is outputColumns resolved for one run's shape.
type outputTable struct {
	cols []outputColumn
	wide bool
}

func newOutputTable(wide bool) *outputTable {
	return &outputTable{cols: outputColumns, wide: wide}
}

// Columns is the schema's annotation part.
func (t *outputTable) Columns() []pipeline.Column {
	out := make([]pipeline.Column, len(t.cols))
	for i, c := range t.cols {
		typ := c.typ
		if t.wide && c.job != nil && c.widen == nil {
			typ = pipeline.Text
		}
		out[i] = pipeline.Column{Name: c.name, Type: typ, PerApplicant: c.applicant}
	}
	return out
}

// fill writes the row's annotation into dst, aligned with Columns. same,
// if not nil, is the annotation of an earlier row of the same applicant
// (the same applicantResult and rule set): its applicant columns, which
// depend on nothing else, are copied from it instead of built again.
func (t *outputTable) fill(dst []pipeline.Value, r *rowResult, same []pipeline.Value) {
	for i := range t.cols {
		c := &t.cols[i]
		if c.row != nil {
			if same != nil && c.applicant {
				dst[i] = same[i]
				continue
			}
			dst[i] = c.row(r)
			continue
		}
		switch len(r.jobs) {
		case 0:
			dst[i] = c.none
		case 1:
			dst[i] = c.job(&r.jobs[0])
			if t.wide && c.widen == nil && c.typ != pipeline.Text {
				dst[i] = pipeline.TextValue(dst[i].Text) // text in the wide shape
			}
		default:
			vs := make([]pipeline.Value, len(r.jobs))
			for k := range r.jobs {
				vs[k] = c.job(&r.jobs[k])
			}
			if c.widen != nil {
				dst[i] = c.widen(vs)
				continue
			}
			texts := make([]string, len(vs))
			for k, v := range vs {
				texts[k] = v.Text
			}
			dst[i] = pipeline.TextValue(strings.Join(texts, " | "))
		}
	}
}

// reasonCodes joins the distinct problem codes of a row in first-seen
// order: the review_reasons column.
func reasonCodes(ps []pipeline.Problem) string {
	switch len(ps) {
	case 0:
		return ""
	case 1:
		return ps[0].Code
	}
	var buf [128]byte // most rows' codes fit: one allocation, the string's
	b := buf[:0]
	for i, p := range ps {
		dup := false
		for _, q := range ps[:i] {
			if q.Code == p.Code {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		if len(b) > 0 {
			b = append(b, ';')
		}
		b = append(b, p.Code...)
	}
	return string(b)
}

func formatAlts(cs []noc.Candidate) string {
	if len(cs) == 0 {
		return ""
	}
	var buf [64]byte // room for five candidates: one allocation, the string's
	b := buf[:0]
	for i, c := range cs {
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, c.Code...)
		b = append(b, ':')
		b = append(b, pipeline.FloatValue(math.Round(c.Score*100)/100).Text...)
	}
	return string(b)
}
