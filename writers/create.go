// Package writers writes annotated records as CSV, JSON Lines and Parquet,
// following a pipeline.Schema: the kept input columns, then the annotation
// columns with their types. Every writer implements pipeline.Sink: Write
// takes batches in input order from one goroutine; Close completes the
// file and moves it into place; Abort removes the temporary file and leaves
// any earlier output untouched. The XLSX report is the report package's.
package writers

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/casescreen/casescreen/pipeline"
)

// Formats are the output extensions this package writes.
var Formats = []string{".csv", ".jsonl", ".ndjson", ".parquet"}

// Options tune the writers.
type Options struct {
	// BOM starts CSV with a UTF-8 byte-order mark (for Excel on Windows).
	BOM bool
}

// Create opens a writer for path by its extension (.csv, .jsonl, .parquet);
// "-" writes CSV to stdout. The file is written beside path under a
// temporary name and renamed over it by Close.
func Create(path string, schema pipeline.Schema, stdout io.Writer, opt Options) (pipeline.Sink, error) {
	if path == "-" {
		return newCSV(Stream(stdout), schema, opt), nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	if !slices.Contains(Formats, ext) {
		return nil, fmt.Errorf("output %s: unknown format %q (want .csv, .jsonl or .parquet)", path, ext)
	}
	af, err := CreateAtomic(path)
	if err != nil {
		return nil, err
	}
	switch ext {
	case ".csv":
		return newCSV(af, schema, opt), nil
	case ".jsonl", ".ndjson":
		return NewJSONL(af, schema), nil
	default:
		return NewParquet(af, schema), nil
	}
}

// Output is where a writer's bytes go: Commit completes it (for a file:
// sync and rename into place), Abort discards it. Exactly one of them is
// called, once.
type Output interface {
	io.Writer
	Commit() error
	Abort() error
}

// Stream wraps a writer that needs no completing (stdout) as an Output.
func Stream(w io.Writer) Output { return nopCloser{w} }

type nopCloser struct{ io.Writer }

func (nopCloser) Commit() error { return nil }
func (nopCloser) Abort() error  { return nil }

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
