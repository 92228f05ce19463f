package report

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/screen"
	"github.com/casescreen/casescreen/writers"
)

// Outputs opens one sink per output path, by extension: the workbook
// report for .xlsx, the writers package's CSV, JSON Lines and Parquet for
// the others; "-" is CSV on stdout. Every file is written under a temporary
// name beside its target and renamed into place when the run closes it. The
// paths are checked first (writers.CheckTargets: not an input, not twice,
// not a folder). On error the sinks opened so far are aborted and the
// error names the path.
func Outputs(job *screen.Job, paths []string, stdout io.Writer, opt Options) ([]pipeline.Sink, error) {
	if err := writers.CheckTargets(job.Config().Inputs, paths); err != nil {
		return nil, err
	}
	if err := opt.resolve(job); err != nil {
		return nil, err
	}
	var sinks []pipeline.Sink
	for _, p := range paths {
		s, err := open(job, p, stdout, opt)
		if err != nil {
			for _, o := range sinks {
				o.Abort()
			}
			return nil, err
		}
		sinks = append(sinks, s)
	}
	if opt.PerApplicant != "" {
		s, err := NewPerApplicant(job, opt.PerApplicant, opt.carry)
		if err != nil {
			for _, o := range sinks {
				o.Abort()
			}
			return nil, err
		}
		sinks = append(sinks, s)
	}
	return sinks, nil
}

// Options are the output choices of a run.
type Options struct {
	// ExcelCSV starts CSV outputs with a UTF-8 byte-order mark, which
	// Excel on Windows needs to show accents.
	ExcelCSV bool
	// Carry names input columns the report's Applicants sheet repeats
	// (--carry "Client Name,Email"); none by default, so personal columns
	// stay off the sheet a consultant hands on.
	Carry []string
	// PerApplicant, if set, is a folder for one workbook per applicant.
	PerApplicant string

	carry []int // Carry resolved against the input header
}

// resolve finds the carried columns in the input header; a column the
// input lacks is an error naming it.
func (o *Options) resolve(job *screen.Job) error {
	o.carry = o.carry[:0]
	for _, name := range o.Carry {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		i := slices.Index(job.Schema().Input, name)
		if i < 0 {
			for k, h := range job.Schema().Input {
				if strings.EqualFold(h, name) {
					i = k
				}
			}
		}
		if i < 0 {
			return &CarryError{Column: name}
		}
		o.carry = append(o.carry, i)
	}
	return nil
}

// CarryError is a --carry column the input does not have.
type CarryError struct{ Column string }

func (e *CarryError) Error() string {
	return fmt.Sprintf("--carry: the input has no column %q", e.Column)
}

func open(job *screen.Job, path string, stdout io.Writer, opt Options) (pipeline.Sink, error) {
	if path == "-" || strings.ToLower(filepath.Ext(path)) != ".xlsx" {
		s, err := writers.Create(path, job.Schema(), stdout, writers.Options{BOM: opt.ExcelCSV})
		if err != nil && path != "-" {
			return nil, fmt.Errorf("%w (or .xlsx for the report)", err)
		}
		return s, err
	}
	if n := len(job.Schema().Keep) + len(job.Schema().Columns); n > excelize.MaxColumns {
		return nil, fmt.Errorf("output %s: %d columns, more than a worksheet holds (%d); write .csv or .parquet instead", path, n, excelize.MaxColumns)
	}
	out, err := writers.CreateAtomic(path)
	if err != nil {
		return nil, err
	}
	tmp, err := writers.TempDir(path)
	if err != nil {
		out.Abort()
		return nil, err
	}
	return New(out, job, tmp, opt.carry), nil
}
