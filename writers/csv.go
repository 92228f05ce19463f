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

// hasQuoteByte reports whether s has a byte of needsQuote. It reads eight
// bytes at a time: (w - ones) &^ w & highs is non-zero exactly when a byte
// of w is zero, and w xor the byte repeated zeroes the bytes equal to it.
func hasQuoteByte(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		comma, quote, cr, lf := w^(ones*','), w^(ones*'"'), w^(ones*'\r'), w^(ones*'\n')
		if ((comma-ones)&^comma|(quote-ones)&^quote|(cr-ones)&^cr|(lf-ones)&^lf)&highs != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		if needsQuote[s[i]] {
			return true
		}
	}
	return false
}

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
	if !(s != "" && s[0] == ' ') && !hasQuoteByte(s) {
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
