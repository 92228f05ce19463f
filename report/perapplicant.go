package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/screen"
	"github.com/casescreen/casescreen/writers"
)

// PerApplicant writes one small workbook per applicant into a folder, for
// a consultant to send to that client alone: its Applicant row, its rows
// and its review items, nothing of other clients and no run totals. Files
// are named by the applicant id made safe for a file name. The workbooks
// are made in a private folder beside them and moved in when the run
// closes the sink; an aborted run leaves the folder as it was.
type PerApplicant struct {
	job     *screen.Job
	dir     string
	stage   string
	carry   []int
	cur     []pipeline.Record
	curKey  string
	held    map[string][]pipeline.Record // scattered applicants, written at Close
	order   []string                     // held keys in input order
	names   map[string]bool              // file names taken, lower-cased
	written []string                     // file names made, in order
}

// NewPerApplicant writes into dir, creating it if needed.
func NewPerApplicant(job *screen.Job, dir string, carry []int) (*PerApplicant, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("--per-applicant %s: %w", dir, err)
	}
	writers.RemoveStale(dir)
	stage, err := writers.TempDir(filepath.Join(dir, "workbooks"))
	if err != nil {
		return nil, fmt.Errorf("--per-applicant %s: %w", dir, err)
	}
	return &PerApplicant{job: job, dir: dir, stage: stage, carry: carry, held: map[string][]pipeline.Record{}, names: map[string]bool{}}, nil
}

// key says which applicant a row belongs to: its id, or its group when
// the list has no id column.
func (p *PerApplicant) key(r *pipeline.Record, idCol int) string {
	if id := field(r, idCol); id != "" {
		return "id:" + id
	}
	return fmt.Sprintf("group:%d", r.Applicant)
}

// Write implements pipeline.Sink. Rows are copied: a sink may not keep
// the records it is given.
func (p *PerApplicant) Write(recs []*pipeline.Record) error {
	idCol := p.job.Columns().Fields[screen.ApplicantID]
	for _, r := range recs {
		k := p.key(r, idCol)
		if r.HasProblem(pipeline.ReasonApplicantNotContiguous) || r.HasProblem(pipeline.ReasonApplicantNotMerged) {
			// Its rows are scattered over the list: hold them to the end.
			if _, ok := p.held[k]; !ok {
				p.order = append(p.order, k)
			}
			p.held[k] = append(p.held[k], copyRecord(r))
			continue
		}
		if k != p.curKey && len(p.cur) > 0 {
			if err := p.flush(p.cur); err != nil {
				return err
			}
			p.cur = p.cur[:0]
		}
		p.curKey = k
		p.cur = append(p.cur, copyRecord(r))
	}
	return nil
}

func copyRecord(r *pipeline.Record) pipeline.Record {
	c := *r
	c.Fields = append([]string(nil), r.Fields...)
	c.Out = append([]pipeline.Value(nil), r.Out...)
	c.Problems = append([]pipeline.Problem(nil), r.Problems...)
	return c
}

// flush writes the workbook of one applicant's rows.
func (p *PerApplicant) flush(rows []pipeline.Record) error {
	b := newBook(p.job, p.stage, p.carry)
	defer b.f.Close()
	first := &rows[0]
	name := p.fileName(b.applicantName(first))
	if err := b.f.SetSheetName("Sheet1", "Applicant"); err != nil {
		return err
	}
	for _, s := range []string{"Review", "Rows"} {
		if _, err := b.f.NewSheet(s); err != nil {
			return err
		}
	}
	apps, err := b.newApplicantsTable("Applicant", 0)
	if err != nil {
		return err
	}
	if err := apps.add(b.applicantCells(first)); err != nil {
		return err
	}
	rs := newRowsSheet(b)
	review, err := b.newReviewTable("Review", 0)
	if err != nil {
		return err
	}
	for i := range rows {
		r := &rows[i]
		if err := rs.add(r); err != nil {
			return err
		}
		if r.NeedsReview() {
			if err := review.add(b.reviewCells(r)); err != nil {
				return err
			}
		}
	}
	for _, finish := range []func() error{apps.finish, rs.finish, review.finish} {
		if err := finish(); err != nil {
			return err
		}
	}
	f, err := os.Create(filepath.Join(p.stage, name))
	if err != nil {
		return fmt.Errorf("--per-applicant: %w", err)
	}
	if err := b.save(f); err != nil {
		f.Close()
		return fmt.Errorf("--per-applicant %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	p.written = append(p.written, name)
	return nil
}

// fileName makes an applicant's name safe for a file name on every system
// and unique in the folder (ignoring case, as Windows and macOS do).
func (p *PerApplicant) fileName(applicant string) string {
	var b strings.Builder
	for _, r := range applicant {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	base := strings.Trim(b.String(), "._")
	if len(base) > 80 {
		base = base[:80]
	}
	if base == "" {
		base = "applicant"
	}
	name := base + ".xlsx"
	for n := 2; p.names[strings.ToLower(name)]; n++ {
		name = fmt.Sprintf("%s-%d.xlsx", base, n)
	}
	p.names[strings.ToLower(name)] = true
	return name
}

// Close implements pipeline.Sink: it writes the last and the held
// applicants, then moves every workbook into the folder.
func (p *PerApplicant) Close() error {
	err := func() error {
		if len(p.cur) > 0 {
			if err := p.flush(p.cur); err != nil {
				return err
			}
		}
		for _, k := range p.order {
			if err := p.flush(p.held[k]); err != nil {
				return err
			}
		}
		for _, name := range p.written {
			if err := os.Rename(filepath.Join(p.stage, name), filepath.Join(p.dir, name)); err != nil {
				return fmt.Errorf("--per-applicant: %w", err)
			}
		}
		return nil
	}()
	os.RemoveAll(p.stage)
	return err
}

// Abort implements pipeline.Sink: nothing of this run is left in the
// folder.
func (p *PerApplicant) Abort() error { return os.RemoveAll(p.stage) }

// Written lists the workbooks the sink made, by file name, in input order
// of their applicants (the held ones last). Valid after Close.
func (p *PerApplicant) Written() []string { return append([]string(nil), p.written...) }
