package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/screen"
)

// MaxSheetRows is the number of data rows per sheet: Excel's 1,048,576 rows
// less the header. Further rows continue on "Rows (2)", "Rows (3)" ...
var MaxSheetRows = 1_048_575

// rowsSheet streams the annotated rows: the kept input columns, then the
// annotation columns, typed (NOC codes as text, dates as dates, numbers as
// numbers), with the statuses coloured. It prints the columns a person
// reads: the job's match, with the applicant and title columns repeated on
// the left of each page; the rest stay on screen.
type rowsSheet struct {
	b      *book
	schema pipeline.Schema
	header []string
	nKeep  int
	inKind []cellKind // per input column
	sheet  int        // "Rows" sheets started
	t      *table
	cells  []any
	// what prints
	titleCols, area string
}

func newRowsSheet(b *book) *rowsSheet {
	schema := b.job.Schema()
	r := &rowsSheet{b: b, schema: schema, header: schema.Header(), nKeep: len(schema.Keep)}
	cols := b.job.Columns()
	r.inKind = make([]cellKind, len(schema.Input))
	set := func(i int, k cellKind) {
		if i >= 0 && i < len(r.inKind) {
			r.inKind[i] = k
		}
	}
	set(cols.Fields[screen.ApplicantID], kindText)
	for _, j := range cols.Jobs {
		set(j[screen.NOCCode], kindText)
		set(j[screen.StartDate], kindDate)
		set(j[screen.EndDate], kindDate)
	}
	for _, f := range screen.ProfileDateFields() {
		set(cols.Profile[f], kindDate)
	}
	r.titleCols, r.area = r.printColumns()
	return r
}

// printColumns chooses what a printed page of Rows shows: the job's own
// annotation columns (from noc_code up to the first column that describes
// the applicant) as the print area, and the applicant id and job title
// columns repeated on the left.
func (r *rowsSheet) printColumns() (titleCols, area string) {
	pos := func(input int) int { // output position of an input column, -1 if not kept
		for k, i := range r.schema.Keep {
			if i == input {
				return k
			}
		}
		return -1
	}
	name := func(i int) string { n, _ := excelize.ColumnNumberToName(i + 1); return "$" + n }
	if len(r.schema.Columns) > 0 {
		first, last := r.nKeep, r.nKeep
		for last+1 < len(r.header) && !r.schema.Columns[last+1-r.nKeep].PerApplicant {
			last++
		}
		area = name(first) + ":" + name(last)
	}
	id, title := pos(r.b.lay.idCol), -1
	if len(r.b.lay.titleCols) > 0 {
		title = pos(r.b.lay.titleCols[0])
	}
	switch {
	case id >= 0 && title >= 0 && max(id, title)-min(id, title) < 6:
		titleCols = name(min(id, title)) + ":" + name(max(id, title))
	case title >= 0:
		titleCols = name(title) + ":" + name(title)
	case id >= 0:
		titleCols = name(id) + ":" + name(id)
	}
	return titleCols, area
}

func (r *rowsSheet) name() string {
	if r.sheet == 1 {
		return "Rows"
	}
	return fmt.Sprintf("Rows (%d)", r.sheet)
}

// start begins the next Rows sheet. Rows is the book's last sheet, so a
// continuation sheet follows the one before.
func (r *rowsSheet) start() error {
	r.sheet++
	name := r.name()
	if _, err := r.b.f.NewSheet(name); err != nil {
		return err
	}
	if err := r.b.pageSetup(name); err != nil {
		return err
	}
	sw, err := r.b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	r.t = &table{b: r.b, name: name, sw: sw, cols: len(r.header), row: 1}
	if err := r.setWidths(sw); err != nil {
		return err
	}
	if err := sw.SetPanes(frozenHeader); err != nil {
		return err
	}
	r.b.printTitles(name, r.titleCols, r.area)
	return sw.SetRow("A1", headCells(r.header, r.b.st.head), excelize.RowOpts{Height: 30})
}

// widthColumns is the number of leading input columns sized one by one;
// the rest share one width. excelize's cost per width grows with the
// columns already sized, so a sheet of 16,000 columns sized one by one
// took minutes.
const widthColumns = 64

// maxWidthRange bounds the input columns past widthColumns that get one
// width as a range. excelize expands every range into single columns on
// each later SetColWidth, at a cost that grows with the square of the
// range: a list thousands of columns wide leaves them at the default width.
const maxWidthRange = 512

// setWidths sizes the columns by header and role, in descending order
// (excelize prepends each, so the sheet lists them ascending): every
// annotation column and the first input columns one by one, the other
// input columns as one range.
func (r *rowsSheet) setWidths(sw *excelize.StreamWriter) error {
	for i := len(r.header) - 1; i >= 0; i-- {
		if i == r.nKeep-1 && r.nKeep > widthColumns+1 {
			if r.nKeep-widthColumns <= maxWidthRange {
				if err := sw.SetColWidth(widthColumns+1, r.nKeep, 14); err != nil {
					return err
				}
			}
			i = widthColumns
			continue
		}
		if err := sw.SetColWidth(i+1, i+1, r.width(i)); err != nil {
			return err
		}
	}
	return nil
}

// width is an output column's display width, from its header and role.
func (r *rowsSheet) width(i int) float64 {
	if i >= r.nKeep {
		switch c := r.schema.Columns[i-r.nKeep]; {
		case c.Name == "noc_title" || c.Name == "review_reasons" || c.Name == "explanation":
			return 40
		case c.Type == pipeline.Date:
			return 12
		case c.Type == pipeline.Text && len(c.Name) > 12:
			return 26
		}
	} else if r.inKind[r.schema.Keep[i]] == kindDate {
		return 12
	}
	return min(40, max(10, float64(len(r.header[i]))+4))
}

// add writes one row, starting a new sheet when this one is full.
func (r *rowsSheet) add(rec *pipeline.Record) error {
	if r.t == nil || r.t.row > MaxSheetRows {
		if r.t != nil {
			if err := r.t.finish(); err != nil {
				return err
			}
		}
		if err := r.start(); err != nil {
			return err
		}
	}
	b := r.b
	cells := r.cells[:0]
	for _, i := range r.schema.Keep {
		if r.inKind[i] == kindDate {
			cells = append(cells, b.dateCell(i, field(rec, i)))
			continue
		}
		cells = append(cells, b.cell(field(rec, i), r.inKind[i]))
	}
	for k, c := range r.schema.Columns {
		v := rec.Out[k]
		switch {
		case k == b.lay.needsReview:
			style := b.st.yes
			if v.Num != 0 {
				style = b.st.no
			}
			cells = append(cells, excelize.Cell{Value: v.Num != 0, StyleID: style})
		case k == b.lay.eligible && !v.Blank():
			cells = append(cells, excelize.Cell{Value: xlsxText(v.Text), StyleID: b.st.yes})
		case k == b.lay.inReview && !v.Blank():
			cells = append(cells, excelize.Cell{Value: xlsxText(v.Text), StyleID: b.st.review})
		default:
			cells = append(cells, b.value(c.Type, v))
		}
	}
	r.cells = cells
	return r.t.add(cells)
}

// finish completes the last Rows sheet (a header-only sheet when there
// were no rows).
func (r *rowsSheet) finish() error {
	if r.t == nil {
		if err := r.start(); err != nil {
			return err
		}
	}
	return r.t.finish()
}
