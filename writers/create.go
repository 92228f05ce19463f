// Package writers writes annotated records as CSV, JSON Lines, Parquet and
// XLSX. Every writer implements pipeline.Sink: Write takes batches in input
// order from one goroutine; Close completes the file and moves it into
// place; Abort removes the temporary file and leaves any earlier output
// untouched.
package writers

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/casescreen/casescreen/pipeline"
)

// Create opens a writer for path by its extension (.csv, .jsonl, .parquet,
// .xlsx); "-" writes CSV to stdout. header is the input header; the
// annotation columns are appended to it. info is used by the XLSX report.
func Create(path string, header []string, stdout io.Writer, info ReportInfo) (pipeline.Sink, error) {
	if path == "-" {
		return NewCSV(nopCloser{stdout}, header), nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".csv", ".jsonl", ".ndjson", ".parquet", ".xlsx":
	default:
		return nil, fmt.Errorf("output %s: unknown format %q (want .csv, .jsonl, .parquet or .xlsx)", path, ext)
	}
	af, err := createAtomic(path)
	if err != nil {
		return nil, err
	}
	var s pipeline.Sink
	switch ext {
	case ".csv":
		s = NewCSV(af, header)
	case ".jsonl", ".ndjson":
		s = NewJSONL(af, header)
	case ".parquet":
		s, err = NewParquet(af, header)
	case ".xlsx":
		s = NewXLSX(af, header, info)
	}
	if err != nil {
		af.Abort()
		return nil, err
	}
	return s, nil
}

// OutputHeader is the input header followed by the annotation columns.
func OutputHeader(header []string) []string {
	out := make([]string, 0, len(header)+len(pipeline.AnnotationColumns))
	return append(append(out, header...), pipeline.AnnotationColumns...)
}

// committer is an output that can be completed or discarded.
type committer interface {
	io.Writer
	Commit() error
	Abort() error
}

type nopCloser struct{ io.Writer }

func (nopCloser) Commit() error { return nil }
func (nopCloser) Abort() error  { return nil }

// atomicFile is a temporary file beside the target, renamed over it on
// Commit. A run killed before Commit leaves the target untouched; the next
// run to the same target removes the leftover.
type atomicFile struct {
	*os.File
	final string
}

func tempPattern(path string) string {
	return "." + filepath.Base(path) + ".casescreen-*.tmp"
}

func createAtomic(path string) (*atomicFile, error) {
	dir := filepath.Dir(path)
	if old, _ := filepath.Glob(filepath.Join(dir, tempPattern(path))); len(old) > 0 {
		for _, o := range old {
			os.Remove(o)
		}
	}
	f, err := os.CreateTemp(dir, tempPattern(path))
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", path, err)
	}
	return &atomicFile{File: f, final: path}, nil
}

// Commit flushes the file to disk and renames it over the target.
func (a *atomicFile) Commit() error {
	if err := a.Sync(); err != nil {
		a.Abort()
		return fmt.Errorf("output %s: %w", a.final, err)
	}
	if err := a.Close(); err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("output %s: %w", a.final, err)
	}
	if err := os.Chmod(a.Name(), 0o644); err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("output %s: %w", a.final, err)
	}
	if err := os.Rename(a.Name(), a.final); err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("output %s: %w", a.final, err)
	}
	return nil
}

// Abort discards the temporary file.
func (a *atomicFile) Abort() error {
	a.Close()
	return os.Remove(a.Name())
}

// Neutralize defuses text a spreadsheet would run as a formula (starting
// with = + - @ tab or CR) by prefixing a single quote. Numbers such as
// "-5" or "+1.5" stay as they are.
func Neutralize(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	}
	return s
}
