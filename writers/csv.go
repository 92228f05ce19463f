package writers

import (
	"bufio"
	"encoding/csv"

	"github.com/casescreen/casescreen/pipeline"
)

// CSV writes comma-separated UTF-8 with the annotation columns appended.
type CSV struct {
	out    committer
	bw     *bufio.Writer
	cw     *csv.Writer
	row    []string
	header []string
	wrote  bool
}

// NewCSV writes to out, which Close commits.
func NewCSV(out committer, header []string) *CSV {
	bw := bufio.NewWriterSize(out, 256<<10)
	return &CSV{out: out, bw: bw, cw: csv.NewWriter(bw), header: OutputHeader(header)}
}

func (c *CSV) writeHeader() error {
	c.wrote = true
	row := make([]string, len(c.header))
	for i, h := range c.header {
		row[i] = Neutralize(h)
	}
	return c.cw.Write(row)
}

// Write implements pipeline.Sink.
func (c *CSV) Write(recs []*pipeline.Record) error {
	if !c.wrote {
		if err := c.writeHeader(); err != nil {
			return err
		}
	}
	for _, r := range recs {
		row := c.row[:0]
		for _, f := range r.Fields {
			row = append(row, Neutralize(f))
		}
		row = r.Out.Values(row)
		for i := len(r.Fields); i < len(row); i++ {
			row[i] = Neutralize(row[i])
		}
		c.row = row
		if err := c.cw.Write(row); err != nil {
			return err
		}
	}
	return nil
}

// Close implements pipeline.Sink: it flushes and commits the file.
func (c *CSV) Close() error {
	if !c.wrote {
		if err := c.writeHeader(); err != nil {
			c.out.Abort()
			return err
		}
	}
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		c.out.Abort()
		return err
	}
	if err := c.bw.Flush(); err != nil {
		c.out.Abort()
		return err
	}
	return c.out.Commit()
}

// Abort implements pipeline.Sink.
func (c *CSV) Abort() error { return c.out.Abort() }
