package readers

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/casescreen/casescreen/pipeline"
)

// Options configures Open.
type Options struct {
	// Sheet forces the XLSX sheet to read. When empty, the sheet is chosen
	// as HeaderOK says.
	Sheet string
	// HeaderOK decides whether the cells of a row (trimmed; the slice is
	// the caller's to keep) make a recognisable header. With it, an XLSX
	// input is read from the first visible worksheet that has such a row
	// among its first 10 non-empty rows; sheets without one (a cover page,
	// a chart sheet, notes) are passed over, and Info says which were and
	// why. When none has one, Open fails with an error listing the sheets.
	// With Sheet set, the first accepted row of that sheet is the header,
	// or its first non-empty row when none is. When nil, the header is the
	// first non-empty row of the first visible worksheet.
	HeaderOK func(header []string) bool
	// Stdin is what the input "-" reads; nil is os.Stdin.
	Stdin io.Reader
	// Reuse lets a file's Read return the same Record, with the same Fields
	// and Problems slices, every time, overwritten by the next Read: for a
	// caller that keeps no record, and no Fields or Problems slice, past
	// the next Read (a pass that only looks). The cell strings stay valid,
	// and a record reads the same as without Reuse. The CSV reader reuses;
	// the others ignore it.
	Reuse bool
}

// Info says how a source read its file, for the caller to log. It holds no
// cell content.
type Info struct {
	File      string        // base name, as in record positions
	Format    string        // "csv", "xlsx" or "parquet"
	Sheet     string        // XLSX: the worksheet read
	HeaderRow int           // the header's row number (1 unless rows above it were blank or, with HeaderOK, not a header)
	Passed    []PassedSheet // XLSX: the sheets before Sheet, passed over
	Encoding  string        // CSV: "UTF-8", "UTF-8 with BOM", "UTF-16LE" or "UTF-16BE"
	LineEnds  string        // CSV: "LF", "CRLF" or "CR" (old Mac), from the first line end
	Delimiter string        // CSV: the sniffed delimiter
}

// PassedSheet is a sheet an XLSX reader did not read, and why ("hidden",
// "chart sheet", "empty", "no recognisable header in its first 10
// non-empty rows").
type PassedSheet struct {
	Name string `json:"name"`
	Why  string `json:"why"`
}

// Describer is implemented by every reader of this package.
type Describer interface {
	Info() Info
}

// Open opens one input by its extension: .csv, .tsv, .txt, .xlsx, .parquet;
// "-" reads standard input (opt.Stdin), its format sniffed, CSV otherwise.
// An error is an *Error naming the file, or the *fs.PathError of a file
// that cannot be opened (its path and the system's reason).
func Open(path string, opt Options) (pipeline.Source, error) {
	// A failed open returns a nil Source, not a nil pointer in one.
	ok := func(s pipeline.Source, err error) (pipeline.Source, error) {
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	if path == "-" {
		return openStdin(opt)
	}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv", ".tsv", ".txt", "":
		c, err := OpenCSV(path)
		if err == nil && opt.Reuse {
			c.reuse()
		}
		return ok(c, err)
	case ".xlsx", ".xlsm":
		return ok(openXLSX(path, opt))
	case ".parquet", ".pq":
		return ok(OpenParquet(path))
	default:
		return nil, &Error{File: base(path), Msg: fmt.Sprintf("unknown input format %q (want .csv, .xlsx or .parquet)", ext)}
	}
}

// base is the file name records and messages use.
func base(path string) string { return filepath.Base(path) }

// Concat reads several sources one after another as one stream. Its
// header is the union of theirs: the first source's columns in order, then
// columns that later sources add. Each record's fields are re-aligned to
// that header. Concat owns the sources and closes them.
type Concat struct {
	srcs   []pipeline.Source
	maps   [][]int // per source: union index of each of its columns; nil if identical
	header []string
	cur    int
	// reading is cur, for Reclaim and Done, which run on other goroutines
	// than Read.
	reading atomic.Int32
	sizes   []int64 // input file sizes, for Done; nil when unknown
}

// OpenAll opens every path and concatenates them. On error, everything
// opened so far is closed.
func OpenAll(paths []string, opt Options) (*Concat, error) {
	var srcs []pipeline.Source
	for _, p := range paths {
		s, err := Open(p, opt)
		if err != nil {
			for _, o := range srcs {
				o.Close()
			}
			return nil, err
		}
		srcs = append(srcs, s)
	}
	c := NewConcat(srcs)
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			c.sizes = nil
			break
		}
		c.sizes = append(c.sizes, st.Size())
	}
	return c, nil
}

// NewConcat concatenates sources.
func NewConcat(srcs []pipeline.Source) *Concat {
	c := &Concat{srcs: srcs}
	pos := map[string]int{}
	for k, s := range srcs {
		if k == 0 {
			c.header = append(c.header, s.Header()...)
			for i, h := range c.header {
				if _, ok := pos[h]; !ok {
					pos[h] = i
				}
			}
			c.maps = append(c.maps, nil)
			continue
		}
		if equal(s.Header(), srcs[0].Header()) {
			c.maps = append(c.maps, nil)
			continue
		}
		m := make([]int, len(s.Header()))
		for i, h := range s.Header() {
			j, ok := pos[h]
			if !ok {
				j = len(c.header)
				pos[h] = j
				c.header = append(c.header, h)
			}
			m[i] = j
		}
		c.maps = append(c.maps, m)
	}
	return c
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Header implements pipeline.Source.
func (c *Concat) Header() []string { return c.header }

// Read implements pipeline.Source.
func (c *Concat) Read() (*pipeline.Record, error) {
	for c.cur < len(c.srcs) {
		rec, err := c.srcs[c.cur].Read()
		if errors.Is(err, io.EOF) {
			c.cur++
			c.reading.Store(int32(c.cur))
			continue
		}
		if err != nil {
			return nil, err
		}
		if m := c.maps[c.cur]; m != nil {
			f := make([]string, len(c.header))
			for i, v := range rec.Fields {
				if i < len(m) {
					f[m[i]] = v
				}
			}
			rec.Fields = f
		} else if len(rec.Fields) < len(c.header) {
			f := make([]string, len(c.header))
			copy(f, rec.Fields)
			rec.Fields = f
		}
		return rec, nil
	}
	return nil, io.EOF
}

// Reclaim implements pipeline.Reclaimer: the records go back to the
// source being read, if it takes records back (a CSV file does), for its
// later reads; records of sources already read to their end are dropped.
func (c *Concat) Reclaim(recs []*pipeline.Record) {
	if cur := int(c.reading.Load()); cur < len(c.srcs) {
		if r, ok := c.srcs[cur].(pipeline.Reclaimer); ok {
			r.Reclaim(recs)
		}
	}
}

// Done estimates the share of the input read so far, 0..1, from the
// sources that can tell (CSV by bytes, Parquet by rows, XLSX by the
// sheet's unpacked bytes), weighting each
// input by its size; ok is false when none can.
func (c *Concat) Done() (frac float64, ok bool) {
	if c.sizes == nil {
		return 0, false
	}
	var total, done float64
	cur := int(c.reading.Load())
	for i, s := range c.srcs {
		size := float64(c.sizes[i])
		total += size
		switch {
		case i < cur:
			done += size
		case i > cur:
		default:
			switch r := s.(type) {
			case *CSV:
				done += float64(r.Offset())
			case *Parquet:
				done += r.Done() * size
			case *XLSX:
				done += r.Done() * size
			default:
				return 0, false
			}
		}
	}
	if total == 0 {
		return 0, false
	}
	return min(1, done/total), true
}

// Sources returns the sources, in input order (an *XLSX gives its merged
// cells once read).
func (c *Concat) Sources() []pipeline.Source { return c.srcs }

// Infos returns the Info of each source, in input order.
func (c *Concat) Infos() []Info {
	var out []Info
	for _, s := range c.srcs {
		if d, ok := s.(Describer); ok {
			out = append(out, d.Info())
		}
	}
	return out
}

// Close implements pipeline.Source; it closes every source.
func (c *Concat) Close() error {
	var errs []error
	for _, s := range c.srcs {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}
