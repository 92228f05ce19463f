package report

import (
	"errors"
	"os"
	"strings"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/screen"
	"github.com/casescreen/casescreen/writers"
)

// MaxReviewRows bounds the Review sheet and MaxApplicantRows the
// Applicants sheet; past them each sheet says how many rows were left off.
const (
	MaxReviewRows    = 100_000
	MaxApplicantRows = 1_048_572 // a sheet's 1,048,576 rows less the header and the note on what was left off
)

// Workbook writes the consultant's report with excelize's StreamWriter, so
// memory stays bounded whatever the row count: Summary, Applicants,
// Review, Unmatched titles, then Rows (and Rows (2) ... past a sheet's
// rows), so what a consultant acts on comes first. It implements screen.SummarySink: the
// Summary sheet is written from the run's Summary at Close.
type Workbook struct {
	*book
	out    writers.Output
	tmpDir string
	sum    *screen.Summary

	started   bool
	apps      *table
	rows      *rowsSheet
	review    *table
	listed    map[string]bool // scattered applicants already on Applicants
	unmatched map[string]*unmatched
}

// New writes the report for job to out, which Close commits and Abort
// discards. tmpDir is a folder the workbook spills its streamed sheets
// into and removes when it is closed or aborted; "" spills into the
// system's temporary folder. carry lists input columns (by index) the
// Applicants sheet repeats.
func New(out writers.Output, job *screen.Job, tmpDir string, carry []int) *Workbook {
	return &Workbook{book: newBook(job, tmpDir, carry), out: out, tmpDir: tmpDir,
		listed: map[string]bool{}, unmatched: map[string]*unmatched{}}
}

// Summarize implements screen.SummarySink.
func (x *Workbook) Summarize(s *screen.Summary) { x.sum = s }

// start creates the sheets in their final order: Summary (filled at
// Close), Applicants, Review, Unmatched titles, Rows.
func (x *Workbook) start() error {
	x.started = true
	if err := x.f.SetSheetName("Sheet1", "Summary"); err != nil {
		return err
	}
	for _, s := range []string{"Applicants", "Review", "Unmatched titles", "Rows"} {
		if _, err := x.f.NewSheet(s); err != nil {
			return err
		}
	}
	var err error
	if x.apps, err = x.newApplicantsTable("Applicants", MaxApplicantRows); err != nil {
		return err
	}
	x.rows = newRowsSheet(x.book)
	if x.review, err = x.newReviewTable("Review", MaxReviewRows); err != nil {
		return err
	}
	x.review.cutNote = "filter needs_review on the Rows sheet to see them all."
	return nil
}

// Write implements pipeline.Sink.
func (x *Workbook) Write(recs []*pipeline.Record) error {
	if !x.started {
		if err := x.start(); err != nil {
			return err
		}
	}
	for _, r := range recs {
		if r.First && x.firstListing(r) {
			if err := x.apps.add(x.applicantCells(r)); err != nil {
				return err
			}
		}
		if err := x.rows.add(r); err != nil {
			return err
		}
		if r.NeedsReview() {
			if err := x.review.add(x.reviewCells(r)); err != nil {
				return err
			}
		}
		x.track(r)
	}
	return nil
}

// firstListing reports whether the applicant of r is not yet on the
// Applicants sheet: an applicant whose rows are scattered over the list is
// listed once, at its first rows.
func (x *Workbook) firstListing(r *pipeline.Record) bool {
	if !r.HasProblem(pipeline.ReasonApplicantNotContiguous) && !r.HasProblem(pipeline.ReasonApplicantNotMerged) {
		return true
	}
	id := field(r, x.lay.idCol)
	if x.listed[id] {
		return false
	}
	x.listed[id] = true
	return true
}

// Close implements pipeline.Sink: it finishes the streamed sheets, writes
// the Summary and Unmatched titles sheets, and commits the file.
func (x *Workbook) Close() error {
	err := x.close()
	if err != nil {
		x.Abort()
		return err
	}
	x.f.Close()
	x.removeTmp()
	return x.out.Commit()
}

func (x *Workbook) close() error {
	if x.sum == nil {
		return errors.New("report: closed without the run's summary")
	}
	if !x.started {
		if err := x.start(); err != nil {
			return err
		}
	}
	for _, finish := range []func() error{x.apps.finish, x.rows.finish, x.review.finish, x.writeUnmatched, x.writeSummary} {
		if err := finish(); err != nil {
			return err
		}
	}
	return x.save(x.out)
}

func (x *Workbook) removeTmp() {
	if x.tmpDir != "" {
		os.RemoveAll(x.tmpDir)
	}
}

// Abort implements pipeline.Sink.
func (x *Workbook) Abort() error {
	x.f.Close()
	x.removeTmp()
	return x.out.Abort()
}

// unmatched is a title matched with low confidence or not at all.
type unmatched struct {
	title, industry string
	count           int
	guess           string
	score           pipeline.Value
}

// MaxUnmatched bounds the distinct titles tracked for the Unmatched titles
// sheet, and the rows written there.
const (
	maxUnmatchedTracked = 100_000
	maxUnmatchedRows    = 2_000
)

// track notes a row whose title matched with low confidence or not at all
// for the Unmatched titles sheet (long shape only: one title per row).
func (x *Workbook) track(r *pipeline.Record) {
	score := r.Out[x.lay.score]
	low := r.Out[x.lay.method].Text == "none" || !score.Blank() && score.Num < x.lay.threshold
	if !low || len(x.lay.titleCols) != 1 {
		return
	}
	title := strings.TrimSpace(field(r, x.lay.titleCols[0]))
	if title == "" {
		return
	}
	key := strings.ToLower(title)
	u := x.unmatched[key]
	if u == nil {
		if len(x.unmatched) >= maxUnmatchedTracked {
			return
		}
		u = &unmatched{title: title, industry: field(r, x.lay.industryCol), guess: r.Out[x.lay.code].Text, score: score}
		x.unmatched[key] = u
	}
	u.count++
}
