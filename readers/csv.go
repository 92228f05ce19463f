// Package readers turns client-list files (CSV, XLSX, Parquet) into
// pipeline records. Every reader has the same contract (pipeline.Source):
// a header, records in file order with their row numbers, io.EOF at the
// end; bad rows are returned with problems attached, never skipped.
package readers

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/casescreen/casescreen/pipeline"
)

// CSV reads delimited text: the delimiter is sniffed among , ; tab and |
// from the header line; a UTF-8 byte order mark is skipped; CRLF and quoted
// fields with embedded newlines are read as encoding/csv does. Rows with too
// few fields are padded, rows with too many keep the extra cells in the last
// column; both get a problem.
type CSV struct {
	name   string
	f      io.Closer
	cr     *csv.Reader
	header []string
	comma  rune
	slab   []pipeline.Record // records are handed out from here, 256 at a time
}

// NewCSV reads a header from r. name is used in record positions; c (may be
// nil) is closed by Close.
func NewCSV(r io.Reader, name string, c io.Closer) (*CSV, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	peek, _ := br.Peek(64 << 10)
	comma := Sniff(peek)
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty file: no header row", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
	}
	return &CSV{name: name, f: c, cr: cr, header: header, comma: comma}, nil
}

// OpenCSV opens a CSV file.
func OpenCSV(path string) (*CSV, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r, err := NewCSV(f, filepath.Base(path), f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// Sniff picks the delimiter among , ; tab | that occurs most often outside
// quotes in the first line of p; comma when there is none.
func Sniff(p []byte) rune {
	counts := map[byte]int{}
	inQuote := false
	for _, b := range p {
		if b == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if b == '\n' {
			break
		}
		switch b {
		case ',', ';', '\t', '|':
			counts[b]++
		}
	}
	best, n := byte(','), 0
	for _, c := range []byte{',', ';', '\t', '|'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return rune(best)
}

// Header implements pipeline.Source.
func (c *CSV) Header() []string { return c.header }

// Read implements pipeline.Source.
func (c *CSV) Read() (*pipeline.Record, error) {
	fields, err := c.cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	line, _ := c.cr.FieldPos(0)
	if len(c.slab) == 0 {
		c.slab = make([]pipeline.Record, 256)
	}
	rec := &c.slab[0]
	c.slab = c.slab[1:]
	rec.Source, rec.Row = c.name, line
	if err != nil {
		var pe *csv.ParseError
		if !errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: %w", c.name, err)
		}
		rec.Row = pe.StartLine
		rec.Add(pipeline.Input, "csv_parse_error", "", pe.Err.Error())
	}
	for i, f := range fields {
		if !utf8.ValidString(f) {
			// Excel on Windows still exports CSV as Windows-1252: read such
			// a cell in that encoding rather than losing its accents.
			fields[i] = decode1252(f)
			rec.Add(pipeline.Note, "decoded_windows_1252", columnName(c.header, i), "cell was not UTF-8; read as Windows-1252")
		}
		if len(f) > 1000 && strings.Count(f, "\n") > maxNewlines {
			rec.Add(pipeline.Input, "unterminated_quote", columnName(c.header, i),
				"a quoted cell runs over many lines: probably a quote that is never closed; later rows are inside this cell")
		}
	}
	rec.Fields = fitFields(rec, fields, c.header, string(c.comma))
	return rec, nil
}

// maxNewlines is the number of line breaks in one cell past which a quote
// is taken to be unterminated.
const maxNewlines = 1000

func decode1252(s string) string {
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return out
}

// fitFields aligns a row's cells with the header, recording a problem when
// the counts differ. Extra cells are kept, joined into the last column.
func fitFields(rec *pipeline.Record, fields, header []string, sep string) []string {
	n := len(header)
	switch {
	case len(fields) == n:
		return fields
	case len(fields) < n:
		if len(fields) == 1 && fields[0] == "" && n > 1 {
			rec.Add(pipeline.Input, "blank_row", "", "")
		} else {
			rec.Add(pipeline.Input, "too_few_fields", "", strconv.Itoa(len(fields))+" of "+strconv.Itoa(n)+" fields")
		}
		out := make([]string, n)
		copy(out, fields)
		return out
	}
	rec.Add(pipeline.Input, "too_many_fields", "", strconv.Itoa(len(fields))+" fields for "+strconv.Itoa(n)+" columns; extra cells kept in the last column")
	out := fields[:n:n]
	out[n-1] = strings.Join(fields[n-1:], sep)
	return out
}

func columnName(header []string, i int) string {
	if i < len(header) {
		return header[i]
	}
	return "column " + strconv.Itoa(i+1)
}

// Offset returns the number of bytes of the file read so far, for
// progress reporting.
func (c *CSV) Offset() int64 { return c.cr.InputOffset() }

// Close implements pipeline.Source.
func (c *CSV) Close() error {
	if c.f != nil {
		return c.f.Close()
	}
	return nil
}
