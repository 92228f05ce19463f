package web

import (
	"strconv"
	"strings"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/screen"
)

// display is the page's own sink: from the run's writer goroutine, in
// input order, it keeps the first maxApplicants applicants (the
// applicant-level columns of the schema, in words: the programs, CRS,
// dates and explanation are there when the schema has them) and the first
// maxReview rows that need review,
// and counts the rest, so a list of any length costs the page a bounded
// amount of memory. The downloads hold everything.
type display struct {
	maxApplicants, maxReview int

	idCol                       int   // input column of applicant_id, -1 if none
	titleCols                   []int // input columns of the job titles (several in the wide shape)
	appCols                     []int // indexes into Out of the applicant-level columns shown
	appNames                    []string
	words                       func(column, value string) string // the job's Words, until Close
	code, title, score, reasons int                               // indexes into Out, -1 if absent

	applicants     []applicantRow
	applicantsSeen int
	review         []reviewRow
	reviewSeen     int
}

// applicantRow is one applicant as the page shows it.
type applicantRow struct {
	ID          string
	Source      string // file of the applicant's first row
	FirstRow    int
	Rows        int
	RowsReview  int
	Cells       []string // aligned with display.appNames, in words
	raw         []string // the same cells as written, for the filter
	applicantNo int
}

// reviewRow is one row that needs a person.
type reviewRow struct {
	Source    string
	Row       int
	Applicant string
	Title     string
	Code      string
	CodeTitle string
	Score     string
	Codes     string // review_reasons as written
}

func newDisplay(job *screen.Job, maxApplicants, maxReview int) *display {
	schema, cols := job.Schema(), job.Columns()
	d := &display{maxApplicants: maxApplicants, maxReview: maxReview, idCol: cols.Fields[screen.ApplicantID],
		code: schema.Column("noc_code"), title: schema.Column("noc_title"), score: schema.Column("match_score"),
		reasons: schema.Column("review_reasons")}
	for _, j := range cols.Jobs {
		if j[screen.JobTitle] >= 0 {
			d.titleCols = append(d.titleCols, j[screen.JobTitle])
		}
	}
	// The applicant-level columns the schema has, in its order (the rule
	// set is the same for all and is in the summary).
	// The explanation comes first: it is what a consultant reads out.
	for _, first := range []bool{true, false} {
		for i, c := range schema.Columns {
			if c.PerApplicant && c.Name != "rule_set" && (c.Name == "explanation") == first {
				d.appCols = append(d.appCols, i)
				d.appNames = append(d.appNames, c.Name)
			}
		}
	}
	d.words = job.Words
	return d
}

// Write implements pipeline.Sink. The records are only valid during the
// call: everything kept is copied out as strings.
func (d *display) Write(recs []*pipeline.Record) error {
	for _, r := range recs {
		if r.First {
			d.applicantsSeen++
			if len(d.applicants) < d.maxApplicants {
				a := applicantRow{ID: field(r, d.idCol), Source: r.Source, FirstRow: r.Row, applicantNo: r.Applicant,
					Cells: make([]string, len(d.appCols)), raw: make([]string, len(d.appCols))}
				if a.ID == "" {
					a.ID = "row " + strconv.Itoa(r.Row)
				}
				for k, i := range d.appCols {
					a.raw[k] = out(r, i)
					a.Cells[k] = d.words(d.appNames[k], a.raw[k])
				}
				d.applicants = append(d.applicants, a)
			}
		}
		if n := len(d.applicants); n > 0 && d.applicants[n-1].applicantNo == r.Applicant {
			d.applicants[n-1].Rows++
			if r.NeedsReview() {
				d.applicants[n-1].RowsReview++
			}
		}
		if !r.NeedsReview() {
			continue
		}
		d.reviewSeen++
		if len(d.review) >= d.maxReview {
			continue
		}
		rv := reviewRow{Source: r.Source, Row: r.Row, Applicant: field(r, d.idCol),
			Code: out(r, d.code), CodeTitle: out(r, d.title), Score: out(r, d.score), Codes: out(r, d.reasons)}
		for _, c := range d.titleCols {
			if t := field(r, c); t != "" {
				if rv.Title != "" {
					rv.Title += " | "
				}
				rv.Title += t
			}
		}
		d.review = append(d.review, rv)
	}
	return nil
}

// Close implements pipeline.Sink. It lets go of the job (Words is its
// method), which holds the title index: the page keeps the display only.
func (d *display) Close() error {
	d.words = nil
	return nil
}

// Abort implements pipeline.Sink.
func (d *display) Abort() error { return d.Close() }

// field and out copy a cell out of a record: a reader may cut cells from
// a larger buffer, which a kept substring would hold on to.
func field(r *pipeline.Record, i int) string {
	if i >= 0 && i < len(r.Fields) {
		return strings.Clone(r.Fields[i])
	}
	return ""
}

func out(r *pipeline.Record, i int) string {
	if i >= 0 && i < len(r.Out) {
		return strings.Clone(r.Out[i].Text)
	}
	return ""
}
