package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// table is a streamed sheet: a header row, then data rows in the order
// they come; frozen header, filter, widths, landscape print one page wide
// with the header repeated. Rows past max are counted, not written, and
// the sheet ends with a line saying how many were left off.
type table struct {
	b      *book
	name   string
	sw     *excelize.StreamWriter
	cols   int
	widths []float64 // for the row heights of wrapped text; nil: one line
	row    int       // rows written, header included
	max    int
	cut    int
	// cutNote says where the rows left off can be found.
	cutNote string
}

// column is a table column: heading and width.
type column struct {
	head  string
	width float64
}

// newTable creates the sheet (unless it exists) and writes its header.
func (b *book) newTable(name string, cols []column, max int) (*table, error) {
	if idx, _ := b.f.GetSheetIndex(name); idx < 0 {
		if _, err := b.f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	if err := b.pageSetup(name); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	// Widths in descending order: excelize prepends each one, so the
	// worksheet lists them ascending, as Excel wants.
	for i := len(cols) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, cols[i].width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(frozenHeader); err != nil {
		return nil, err
	}
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.head
	}
	if err := sw.SetRow("A1", headCells(head, b.st.head), excelize.RowOpts{Height: 30}); err != nil {
		return nil, err
	}
	b.printTitles(name, "", "")
	t := &table{b: b, name: name, sw: sw, cols: len(cols), row: 1, max: max}
	for _, c := range cols {
		t.widths = append(t.widths, c.width)
	}
	return t, nil
}

// add writes one data row.
func (t *table) add(cells []any) error {
	if t.max > 0 && t.row-1 >= t.max {
		t.cut++
		return nil
	}
	t.row++
	cell, _ := excelize.CoordinatesToCellName(1, t.row)
	for i, c := range cells { // plain values top-aligned, beside wrapped text
		switch c.(type) {
		case excelize.Cell, nil:
		default:
			cells[i] = excelize.Cell{Value: c, StyleID: t.b.st.top}
		}
	}
	if lines := t.lines(cells); lines > 1 {
		return t.sw.SetRow(cell, cells, excelize.RowOpts{Height: min(409, 15*float64(lines))})
	}
	return t.sw.SetRow(cell, cells)
}

// lines estimates how many lines the row's wrapped text takes: a streamed
// row gets no automatic height, and LibreOffice then prints wrapped lines
// over the next row.
func (t *table) lines(cells []any) int {
	most := 1
	for i, c := range cells {
		if i >= len(t.widths) {
			break
		}
		var s string
		switch v := c.(type) {
		case string:
			s = v
		case excelize.Cell:
			s, _ = v.Value.(string)
		}
		if s == "" {
			continue
		}
		perLine := max(1, int(t.widths[i]*1.15)) // characters a column width holds, roughly
		n := 0
		for _, seg := range strings.Split(s, "\n") {
			n += max(1, (utf8.RuneCountInString(seg)+perLine-1)/perLine)
		}
		most = max(most, n)
	}
	return most
}

// finish sets the filter, notes the rows left off and flushes the sheet.
func (t *table) finish() error {
	if t.row > 1 {
		last, _ := excelize.CoordinatesToCellName(t.cols, t.row)
		if err := t.b.f.AutoFilter(t.name, "A1:"+last, nil); err != nil {
			return err
		}
	}
	if t.cut > 0 {
		cell, _ := excelize.CoordinatesToCellName(1, t.row+2)
		msg := fmt.Sprintf("%d more rows were left off this sheet; %s", t.cut, t.cutNote)
		if err := t.sw.SetRow(cell, []any{msg}); err != nil {
			return err
		}
	}
	return t.sw.Flush()
}
