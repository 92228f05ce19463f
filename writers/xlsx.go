package writers

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/pipeline"
)

// MaxSheetRows is the number of data rows per sheet: Excel's 1,048,576 rows
// less the header. Further rows continue on "Rows (2)", "Rows (3)" ...
const MaxSheetRows = 1_048_575

// XLSX writes the annotated rows with excelize's StreamWriter, so memory
// stays bounded: header frozen, text neutralised, NOC codes
// as text, scores and TEER as numbers.
type XLSX struct {
	out    committer
	f      *excelize.File
	sw     *excelize.StreamWriter
	header []string
	nIn    int
	sheet  int // sheets started
	row    int // rows on the current sheet, header included
	cells  []any
	bold   int
}

// NewXLSX writes to out, which Close commits.
func NewXLSX(out committer, header []string) *XLSX {
	f := excelize.NewFile()
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	return &XLSX{out: out, f: f, header: OutputHeader(header), nIn: len(header), bold: bold}
}

func (x *XLSX) sheetName() string {
	if x.sheet == 1 {
		return "Rows"
	}
	return fmt.Sprintf("Rows (%d)", x.sheet)
}

func (x *XLSX) newSheet() error {
	if x.sw != nil {
		if err := x.finishSheet(); err != nil {
			return err
		}
	}
	x.sheet++
	name := x.sheetName()
	if x.sheet == 1 {
		if err := x.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := x.f.NewSheet(name); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	x.sw = sw
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(x.header))
	for i, h := range x.header {
		head[i] = excelize.Cell{Value: Neutralize(h), StyleID: x.bold}
	}
	x.row = 1
	return sw.SetRow("A1", head)
}

func (x *XLSX) finishSheet() error {
	return x.sw.Flush()
}

// Write implements pipeline.Sink.
func (x *XLSX) Write(recs []*pipeline.Record) error {
	var vals []string
	for _, r := range recs {
		if x.sw == nil || x.row > MaxSheetRows {
			if err := x.newSheet(); err != nil {
				return err
			}
		}
		cells := x.cells[:0]
		for _, f := range r.Fields {
			cells = append(cells, Neutralize(f))
		}
		vals = r.Out.Values(vals[:0])
		for k, v := range vals {
			switch k {
			case 2: // teer
				if n, err := strconv.Atoi(v); err == nil {
					cells = append(cells, n)
					continue
				}
			case 4: // match_score
				if r.Out.HasScore {
					cells = append(cells, r.Out.MatchScore)
					continue
				}
			case 10: // needs_review
				cells = append(cells, r.Out.NeedsReview)
				continue
			}
			cells = append(cells, Neutralize(v))
		}
		x.cells = cells
		x.row++
		cell, _ := excelize.CoordinatesToCellName(1, x.row)
		if err := x.sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	return nil
}

// Close implements pipeline.Sink: it finishes the sheets and commits.
func (x *XLSX) Close() error {
	if x.sw == nil {
		if err := x.newSheet(); err != nil {
			x.Abort()
			return err
		}
	}
	if err := x.finishSheet(); err != nil {
		x.Abort()
		return err
	}
	if err := x.f.Write(x.out); err != nil {
		x.Abort()
		return err
	}
	x.f.Close()
	return x.out.Commit()
}

// Abort implements pipeline.Sink.
func (x *XLSX) Abort() error {
	x.f.Close()
	return x.out.Abort()
}
