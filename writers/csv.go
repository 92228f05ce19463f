package writers

import (
	"bufio"

	"github.com/casescreen/casescreen/pipeline"
)

// CSV writes comma-separated UTF-8 (RFC 4180, LF line ends) with the
// annotation columns appended. Rows are encoded into one reused buffer: a
// field is quoted only when it holds a comma, quote, CR or LF, or starts
// with a space.
type CSV struct {
	out    committer
	bw     *bufio.Writer
	buf    []byte
	vals   []string
	header []string
	wrote  bool
}

// NewCSV writes to out, which Close commits.
func NewCSV(out committer, header []string) *CSV {
	return &CSV{out: out, bw: bufio.NewWriterSize(out, 256<<10), header: OutputHeader(header)}
}

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
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

func (c *CSV) appendRow(b []byte, fields []string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendField(b, f)
	}
	return b
}

// Write implements pipeline.Sink.
func (c *CSV) Write(recs []*pipeline.Record) error {
	b := c.buf[:0]
	if !c.wrote {
		c.wrote = true
		b = append(c.appendRow(b, c.header), '\n')
	}
	for _, r := range recs {
		b = c.appendRow(b, r.Fields)
		if len(r.Fields) > 0 {
			b = append(b, ',')
		}
		c.vals = r.Out.Values(c.vals[:0])
		b = append(c.appendRow(b, c.vals), '\n')
	}
	c.buf = b
	_, err := c.bw.Write(b)
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
	if err := c.bw.Flush(); err != nil {
		c.out.Abort()
		return err
	}
	return c.out.Commit()
}

// Abort implements pipeline.Sink.
func (c *CSV) Abort() error { return c.out.Abort() }
