package writers

import (
	"strings"

	"github.com/casescreen/casescreen/pipeline"
)

// CSV writes comma-separated UTF-8 (RFC 4180, LF line ends): the schema's
// kept input columns, then the annotation columns as their Text. Rows are
// encoded into one reused buffer: a field is quoted only when it holds a
// comma, quote, CR or LF, or starts with a space. The buffer goes to the
// output whenever it holds csvFlush bytes or more (and at Close), so the
// rows are copied once, not again into a bufio.Writer.
type CSV struct {
	out    Output
	buf    []byte
	schema pipeline.Schema
	wrote  bool
}

// NewCSV writes to out, which Close commits and Abort discards.
func NewCSV(out Output, schema pipeline.Schema) *CSV { return newCSV(out, schema, Options{}) }

func newCSV(out Output, schema pipeline.Schema, opt Options) *CSV {
	c := &CSV{out: out, schema: schema, buf: make([]byte, 0, csvFlush+csvFlush/2)}
	if opt.BOM {
		c.buf = append(c.buf, "\ufeff"...)
	}
	return c
}

// csvFlush is how many bytes of rows the writer gathers before writing
// them out.
const csvFlush = 256 << 10

var needsQuote = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// appendField appends one CSV field, neutralised against formula injection.
func appendField(b []byte, s string) []byte {
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\r':
			s = Neutralize(s)
		}
	}
	// A leading space is quoted too, as encoding/csv does, so that readers
	// that trim leading space keep it.
	quote := s != "" && s[0] == ' '
	for i := 0; i < len(s) && !quote; i++ {
		if needsQuote[s[i]] {
			quote = true
			break
		}
	}
	if !quote {
		return append(b, s...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"') // the quote doubled
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
}

// appendRow appends the row's cells separated by commas: the kept input
// columns (blank where the row is short), then the annotation.
func (c *CSV) appendRow(b []byte, r *pipeline.Record) []byte {
	n := 0 // cells written
	if c.schema.KeepsAll() {
		for _, f := range r.Fields[:min(len(r.Fields), len(c.schema.Keep))] {
			if n > 0 {
				b = append(b, ',')
			}
			b = appendField(b, f)
			n++
		}
	} else {
		for _, i := range c.schema.Keep {
			if n > 0 {
				b = append(b, ',')
			}
			if i < len(r.Fields) {
				b = appendField(b, r.Fields[i])
			}
			n++
		}
	}
	for ; n < len(c.schema.Keep); n++ {
		if n > 0 {
			b = append(b, ',')
		}
	}
	for i := range c.schema.Columns {
		if n > 0 {
			b = append(b, ',')
		}
		if i < len(r.Out) {
			b = appendField(b, r.Out[i].Text)
		}
		n++
	}
	return b
}

// Write implements pipeline.Sink.
func (c *CSV) Write(recs []*pipeline.Record) error {
	b := c.buf // rows not written out yet, or a byte-order mark
	if !c.wrote {
		c.wrote = true
		for i, h := range c.schema.Header() {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendField(b, h)
		}
		b = append(b, '\n')
	}
	for _, r := range recs {
		b = append(c.appendRow(b, r), '\n')
	}
	c.buf = b
	if len(b) < csvFlush {
		return nil
	}
	return c.flush()
}

// flush writes the buffered rows out.
func (c *CSV) flush() error {
	_, err := c.out.Write(c.buf)
	c.buf = c.buf[:0]
	return err
}

// Close implements pipeline.Sink: it flushes and commits the file.
func (c *CSV) Close() error {
	if !c.wrote {
		if err := c.Write(nil); err != nil {
			c.out.Abort()
			return err
		}
	}
	if err := c.flush(); err != nil {
		c.out.Abort()
		return err
	}
	return c.out.Commit()
}

// Abort implements pipeline.Sink.
func (c *CSV) Abort() error { return c.out.Abort() }
