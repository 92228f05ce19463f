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
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/casescreen/casescreen/pipeline"
)

// CSV reads delimited text: the delimiter is sniffed among , ; tab and |
// from the header line; a UTF-8 byte order mark is skipped; UTF-16 (with a
// byte order mark, or without one when the NULs of ASCII text show it) is
// decoded; CRLF and quoted fields with embedded newlines are read as
// encoding/csv does, and lone carriage returns (old Mac exports) are read as
// line ends when the first line ends so. Rows with too few fields are
// padded, rows with too many keep the extra cells in the last column; both
// get a problem. A decoded encoding or old Mac line ends put a Note on the
// first record (ReasonDecodedUTF16, ReasonLineEndsCR) and show in Info.
type CSV struct {
	name      string
	f         io.Closer
	cr        *csv.Reader
	header    []string
	comma     rune
	slab      []pipeline.Record  // records are handed out from here, 256 at a time
	probs     []pipeline.Problem // room for the problems of the slab's records
	free      []*pipeline.Record // reclaimed records, handed out before the slab's
	mu        sync.Mutex
	back      []*pipeline.Record // reclaimed records not yet in free (guarded by mu)
	one       *pipeline.Record   // with Options.Reuse, the one record every Read returns
	cells     []string           // records' fields are cut from here (keep)
	raw       *countingReader
	recoded   bool // bytes read from the file differ from those parsed
	skipped   int64
	offset    atomic.Int64       // Offset's answer, stored by Read for the goroutines that report progress
	notes     []pipeline.Problem // about the file; put on the first record
	started   bool
	encoding  string
	lineEnds  string
	headerRow int
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

const csvBuffer = 256 << 10

// NewCSV reads a header from r. name is used in record positions; c (may be
// nil) is closed by Close. An error is an *Error naming the file.
func NewCSV(r io.Reader, name string, c io.Closer) (*CSV, error) {
	x := &CSV{name: name, f: c, raw: &countingReader{r: r}, encoding: "UTF-8"}
	br := bufio.NewReaderSize(x.raw, csvBuffer)
	var order unicode.Endianness
	utf16 := true
	b, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		br.Discard(3)
		x.skipped, x.encoding, utf16 = 3, "UTF-8 with BOM", false
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		br.Discard(2)
		order, x.encoding = unicode.LittleEndian, "UTF-16LE"
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		br.Discard(2)
		order, x.encoding = unicode.BigEndian, "UTF-16BE"
	case len(b) == 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0:
		order, x.encoding = unicode.LittleEndian, "UTF-16LE (no byte order mark)"
	case len(b) == 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0:
		order, x.encoding = unicode.BigEndian, "UTF-16BE (no byte order mark)"
	default:
		utf16 = false
	}
	if utf16 {
		dec := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), csvBuffer)
		x.recoded = true
		x.notes = append(x.notes, pipeline.Problem{Kind: pipeline.Note, Code: ReasonDecodedUTF16,
			Detail: "the file is " + x.encoding + "; it was decoded"})
	}
	peek, _ := br.Peek(64 << 10)
	x.lineEnds = firstLineEnd(peek, len(peek) < 64<<10)
	if x.lineEnds == "CR" {
		br = bufio.NewReaderSize(&crReader{r: br}, csvBuffer)
		x.recoded = true
		x.notes = append(x.notes, pipeline.Problem{Kind: pipeline.Note, Code: ReasonLineEndsCR,
			Detail: "lines end with a lone carriage return (old Mac line ends); read as line breaks"})
		peek, _ = br.Peek(64 << 10)
	}
	x.comma = Sniff(peek)
	x.cr = csv.NewReader(br)
	x.cr.Comma = x.comma
	x.cr.FieldsPerRecord = -1
	x.cr.LazyQuotes = true
	header, err := x.cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &Error{File: name, Msg: "empty file: no header row"}
	}
	if err != nil {
		return nil, &Error{File: name, Msg: "the header cannot be read: " + describe(err), Err: err}
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
	}
	x.header = header
	x.headerRow, _ = x.cr.FieldPos(0)
	// Set after the header is read, so that the header is not reused;
	// Read copies each record's fields out (keep) unless Options.Reuse.
	x.cr.ReuseRecord = true
	return x, nil
}

// firstLineEnd names the first line end of p outside quotes: "LF", "CRLF"
// or "CR"; "" when p has none (or ends in a CR that may be followed by LF
// beyond it, unless all is true: p is the whole input).
func firstLineEnd(p []byte, all bool) string {
	inQuote := false
	for i, b := range p {
		switch {
		case b == '"':
			inQuote = !inQuote
		case inQuote:
		case b == '\n':
			return "LF"
		case b == '\r':
			switch {
			case i+1 < len(p) && p[i+1] == '\n':
				return "CRLF"
			case i+1 < len(p) || all:
				return "CR"
			}
			return ""
		}
	}
	return ""
}

// crReader turns lone carriage returns into line feeds; CRLF is left for
// encoding/csv, which reads it as one line end.
type crReader struct {
	r         io.Reader
	pendingCR bool // a CR ended the last read: what follows decides it
}

func (c *crReader) Read(p []byte) (int, error) {
	if len(p) < 2 {
		return 0, io.ErrShortBuffer
	}
	off := 0
	if c.pendingCR {
		off = 1
	}
	n, err := c.r.Read(p[off:])
	if c.pendingCR {
		switch {
		case n > 0 && p[1] == '\n':
			p[0] = '\r'
		case n > 0 || err != nil:
			p[0] = '\n'
		default:
			return 0, nil // nothing read: keep the CR pending
		}
		c.pendingCR = false
	}
	n += off
	for i := off; i < n; i++ {
		if p[i] != '\r' {
			continue
		}
		if i+1 < n {
			if p[i+1] != '\n' {
				p[i] = '\n'
			}
			continue
		}
		if err != nil { // the input ends with a CR
			p[i] = '\n'
			continue
		}
		c.pendingCR = true
		n--
	}
	return n, err
}

// OpenCSV opens a CSV file. An error is the *fs.PathError of os.Open when
// the file cannot be opened, else an *Error.
func OpenCSV(path string) (*CSV, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err // an *fs.PathError: the path and the system's reason
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

// reuse makes every later Read return one record, its Fields the slice
// encoding/csv reuses and its Problems the same room (Options.Reuse).
// encoding/csv makes new strings for each record all the same, so cells
// stay valid.
func (c *CSV) reuse() {
	c.one = &pipeline.Record{Problems: make([]pipeline.Problem, 0, problemRoom)}
}

// Read implements pipeline.Source.
func (c *CSV) Read() (*pipeline.Record, error) {
	fields, err := c.cr.Read()
	c.offset.Store(c.readOffset())
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	line, _ := c.cr.FieldPos(0)
	var rec *pipeline.Record
	var room []string // where the record's fields go, if it has enough
	if c.one != nil {
		rec = c.one
		*rec = pipeline.Record{Problems: rec.Problems[:0]}
	} else {
		rec, room = c.next()
	}
	rec.Source, rec.Row = c.name, line
	if !c.started {
		c.started = true
		rec.Problems = append(rec.Problems, c.notes...)
	}
	if err != nil {
		var pe *csv.ParseError
		if !errors.As(err, &pe) {
			return nil, &Error{File: c.name, Row: line, Msg: "the file cannot be read to its end: " + describe(err), Err: err}
		}
		rec.Row = pe.StartLine
		rec.Add(pipeline.Input, ReasonCSVParseError, "", describe(pe.Err))
	}
	for i, f := range fields {
		if !utf8.ValidString(f) {
			// Excel on Windows still exports CSV as Windows-1252: read such
			// a cell in that encoding rather than losing its accents.
			fields[i] = decode1252(f)
			rec.Add(pipeline.Note, ReasonDecodedWindows1252, columnName(c.header, i), "cell was not UTF-8; read as Windows-1252")
		}
		if len(f) > 1000 && strings.Count(f, "\n") > maxNewlines {
			rec.Add(pipeline.Input, ReasonUnterminatedQuote, columnName(c.header, i),
				"a quoted cell runs over many lines: probably a quote that is never closed; later rows are inside this cell")
		}
	}
	fields = fitFields(rec, fields, c.header, string(c.comma))
	if c.one == nil {
		if cap(room) >= len(fields) {
			room = room[:len(fields):len(fields)]
			copy(room, fields)
			fields = room
		} else {
			fields = c.keep(fields)
		}
	}
	rec.Fields = fields
	return rec, nil
}

// problemRoom is the number of problems a record of the slab has room for
// before Add allocates.
const problemRoom = 2

// maxReclaimed bounds the reclaimed records a reader keeps: about the
// batches in flight.
const maxReclaimed = 1 << 15

// next returns a record to fill, cleared: a reclaimed one, with its old
// Fields slice (room, to be overwritten) and its Problems' room, or else
// one from the slab, with room for problemRoom problems from a slab too.
func (c *CSV) next() (rec *pipeline.Record, room []string) {
	if len(c.free) == 0 {
		c.mu.Lock()
		c.free, c.back = c.back, c.free[:0]
		c.mu.Unlock()
	}
	if n := len(c.free); n > 0 {
		rec = c.free[n-1]
		c.free[n-1] = nil
		c.free = c.free[:n-1]
		room = rec.Fields
		probs := rec.Problems[:cap(rec.Problems)]
		clear(probs) // drop the old details' strings
		*rec = pipeline.Record{Problems: probs[:0]}
		return rec, room
	}
	if len(c.slab) == 0 {
		c.slab = make([]pipeline.Record, 256)
		c.probs = make([]pipeline.Problem, 256*problemRoom)
	}
	rec = &c.slab[0]
	c.slab = c.slab[1:]
	rec.Problems = c.probs[:0:problemRoom]
	c.probs = c.probs[problemRoom:]
	return rec, nil
}

// Reclaim implements pipeline.Reclaimer: the records, their Fields and
// Problems slices are this reader's again, to be handed out, overwritten,
// by later reads (unless Options.Reuse, whose one record is never
// reclaimed). The caller keeps none of them; the cell strings are not
// reused and stay valid. Safe to call while another goroutine reads.
func (c *CSV) Reclaim(recs []*pipeline.Record) {
	if c.one != nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range recs {
		if len(c.back) >= maxReclaimed {
			return
		}
		c.back = append(c.back, r)
	}
}

// keep copies a record's fields out of encoding/csv's reused slice into
// the cell slab: one allocation for many records instead of one each. The
// copy's capacity is its length, so an append to it cannot reach the
// next record's cells.
func (c *CSV) keep(fields []string) []string {
	n := len(fields)
	if len(c.cells) < n {
		c.cells = make([]string, max(256*len(c.header), n))
	}
	out := c.cells[:n:n]
	c.cells = c.cells[n:]
	copy(out, fields)
	return out
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
			rec.Add(pipeline.Input, ReasonBlankRow, "", "")
		} else {
			rec.Add(pipeline.Input, ReasonTooFewFields, "", strconv.Itoa(len(fields))+" of "+strconv.Itoa(n)+" fields")
		}
		out := make([]string, n)
		copy(out, fields)
		return out
	}
	rec.Add(pipeline.Input, ReasonTooManyFields, "", strconv.Itoa(len(fields))+" fields for "+strconv.Itoa(n)+" columns; extra cells kept in the last column")
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
// progress reporting (for a decoded file, including what is buffered), as
// of the last Read. It may be called while another goroutine calls Read.
func (c *CSV) Offset() int64 { return c.offset.Load() }

// readOffset is Offset read from the parser, on the goroutine that reads.
func (c *CSV) readOffset() int64 {
	if c.recoded {
		return c.raw.n
	}
	return c.skipped + c.cr.InputOffset()
}

// Info implements Describer.
func (c *CSV) Info() Info {
	d := string(c.comma)
	if c.comma == '\t' {
		d = "tab"
	}
	return Info{File: c.name, Format: "csv", HeaderRow: c.headerRow, Encoding: c.encoding, LineEnds: c.lineEnds, Delimiter: d}
}

// Close implements pipeline.Source.
func (c *CSV) Close() error {
	if c.f != nil {
		return c.f.Close()
	}
	return nil
}
