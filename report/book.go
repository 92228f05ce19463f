// Package report writes the consultant's workbook: a Summary sheet read
// from the run's screen.Summary, an Applicants sheet (one row per
// applicant, in words), the annotated Rows, a Review sheet with what to
// check in words and what it holds up, and an Unmatched titles sheet laid
// out as an --overrides file; and, with --per-applicant, one small
// workbook per applicant. Every sheet prints landscape, one page wide,
// with its header row repeated. Outputs opens the sinks for a run's output
// paths.
package report

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/screen"
	"github.com/casescreen/casescreen/writers"
)

// book is an excelize workbook with the report's styles and the run's
// column layout; the report and the per-applicant workbooks are books.
type book struct {
	f   *excelize.File
	st  styles
	lay layout
	job *screen.Job
	dir string // where large parts spill; "" is the system's temporary folder

	prints []printNames
}

type styles struct {
	head, date, score, text, wrap, title, bold, number, top, small int
	yes, no, review                                                int // status colours: green, red, amber
}

func newBook(job *screen.Job, dir string, carry []int) *book {
	f := excelize.NewFile(excelize.Options{TmpDir: dir})
	b := &book{f: f, job: job, dir: dir, lay: newLayout(job, carry)}
	st := &b.st
	st.head, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	isoDate := "yyyy-mm-dd" // unambiguous in every locale a client may open it in
	st.date, _ = f.NewStyle(&excelize.Style{CustomNumFmt: &isoDate, Alignment: &excelize.Alignment{Vertical: "top"}})
	st.score, _ = f.NewStyle(&excelize.Style{NumFmt: 2, Alignment: &excelize.Alignment{Vertical: "top"}})
	st.number, _ = f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	top := &excelize.Alignment{Vertical: "top"}
	st.text, _ = f.NewStyle(&excelize.Style{NumFmt: 49, Alignment: top})
	st.top, _ = f.NewStyle(&excelize.Style{Alignment: top})
	st.wrap, _ = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	st.title, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "1F4E78"}})
	st.bold, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	st.small, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Size: 8, Color: "595959"}})
	colour := func(font, fill string) int {
		id, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: font},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
		return id
	}
	st.yes, st.no, st.review = colour("006100", "C6EFCE"), colour("9C0006", "FFC7CE"), colour("9C5700", "FFEB9C")
	return b
}

// layout is what the workbook needs to know about the run's columns.
type layout struct {
	// Input columns, by index into Record.Fields (-1 when absent).
	idCol, industryCol int
	titleCols          []int // one per job (several in the wide shape)
	carry              []int // input columns the Applicants sheet repeats
	// Annotation columns, by index into Schema.Columns (-1 when absent).
	code, method, score, title, alts, reasons, needsReview, eligible, inReview int
	applicant                                                                  []int // the per-applicant columns shown on Applicants
	threshold                                                                  float64
}

func newLayout(job *screen.Job, carry []int) layout {
	schema, cols := job.Schema(), job.Columns()
	l := layout{idCol: cols.Fields[screen.ApplicantID], industryCol: cols.Jobs[0][screen.Industry], carry: carry,
		code: schema.Column("noc_code"), method: schema.Column("match_method"), score: schema.Column("match_score"),
		title: schema.Column("noc_title"), alts: schema.Column("match_alternatives"), reasons: schema.Column("review_reasons"),
		needsReview: schema.Column("needs_review"), eligible: schema.Column("eligible_categories"),
		inReview: schema.Column("review_categories"), threshold: job.Config().Threshold}
	for _, j := range cols.Jobs {
		l.titleCols = append(l.titleCols, j[screen.JobTitle])
	}
	for i, c := range schema.Columns {
		if c.PerApplicant && c.Name != "rule_set" { // the rule set is on the Summary
			l.applicant = append(l.applicant, i)
		}
	}
	return l
}

// field returns input cell i of r, or "".
func field(r *pipeline.Record, i int) string {
	if i >= 0 && i < len(r.Fields) {
		return r.Fields[i]
	}
	return ""
}

// applicantName is how the report names the applicant of a row: the id,
// or the file and row when the list has no id column.
func (b *book) applicantName(r *pipeline.Record) string {
	if id := field(r, b.lay.idCol); id != "" {
		return id
	}
	return fmt.Sprintf("%s row %d", r.Source, r.Row)
}

// maxCellChars is Excel's limit on the text in one cell.
const maxCellChars = 32767

// xlsxText neutralises s and cuts it to what a cell can hold, saying so.
func xlsxText(s string) string {
	s = writers.Neutralize(s)
	if len(s) <= maxCellChars {
		return s
	}
	const note = " [cut: over Excel's 32,767-character cell limit]"
	cut := maxCellChars - len(note)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + note
}

// value converts one annotation cell by its column's type.
func (b *book) value(t pipeline.Type, v pipeline.Value) any {
	if v.Blank() {
		return ""
	}
	switch t {
	case pipeline.Int:
		return int(v.Num)
	case pipeline.Float:
		return excelize.Cell{Value: v.Num, StyleID: b.st.score}
	case pipeline.Bool:
		return v.Num != 0
	case pipeline.Date:
		return excelize.Cell{Value: time.Unix(int64(v.Num)*86400, 0).UTC(), StyleID: b.st.date}
	}
	return xlsxText(v.Text)
}

// dateCell converts a cell of input date column col: a date cell for a
// whole day read as the run read it (the column's settled order), else as
// cell does (a month alone, "present", an unreadable value stay text).
func (b *book) dateCell(col int, s string) any {
	if d, ok := b.job.ParseDateCell(col, s); ok {
		y, m, day := d.Civil()
		return excelize.Cell{Value: time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC), StyleID: b.st.date}
	}
	return b.cell(s, kindText)
}

type cellKind uint8

const (
	kindAuto cellKind = iota // numbers become numbers
	kindText                 // always text
	kindDate                 // ISO dates become dates
)

// cell converts one input cell: formulas neutralised, ISO dates in date
// columns as dates, plain numbers as numbers (not codes with leading zeros).
func (b *book) cell(s string, k cellKind) any {
	switch k {
	case kindDate:
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return excelize.Cell{Value: t, StyleID: b.st.date}
		}
	case kindAuto:
		if n, ok := number(s); ok {
			return n
		}
	}
	return xlsxText(s)
}

// number reads s as a number when a spreadsheet user would expect one:
// no leading zeros ("007" stays text), no thousands separators, at most 15
// significant digits.
func number(s string) (float64, bool) {
	if s == "" || len(s) > 15 {
		return 0, false
	}
	c := s[0]
	if !(c >= '0' && c <= '9' || c == '-' && len(s) > 1) {
		return 0, false
	}
	if len(s) > 1 && s[0] == '0' && s[1] != '.' {
		return 0, false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c == '.') {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

var frozenHeader = &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}

func headCells(h []string, style int) []any {
	out := make([]any, len(h))
	for i, v := range h {
		out[i] = excelize.Cell{Value: xlsxText(v), StyleID: style}
	}
	return out
}

// pageSetup sets a sheet to print landscape, one page wide and as many
// pages tall as it needs. It must be called before the sheet's stream
// starts (the stream writes the sheet's properties first).
func (b *book) pageSetup(sheet string) error {
	landscape, wide, tall, fit := "landscape", 1, 0, true
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	return b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}

// printTitles repeats the sheet's header row on every printed page (and
// the columns titleCols, e.g. "$A:$B", on the left of each), and limits
// printing to area if set. The names are set when the book is saved, once
// the sheets are in their final order.
func (b *book) printTitles(sheet, titleCols, area string) {
	b.prints = append(b.prints, printNames{sheet, titleCols, area})
}

type printNames struct{ sheet, titleCols, area string }

func (b *book) setPrintNames() error {
	for _, p := range b.prints {
		titles := quoteSheet(p.sheet) + "!$1:$1"
		if p.titleCols != "" {
			titles = quoteSheet(p.sheet) + "!" + p.titleCols + "," + titles
		}
		if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: p.sheet}); err != nil {
			return fmt.Errorf("print titles of %s: %w", p.sheet, err)
		}
		if p.area != "" {
			if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: quoteSheet(p.sheet) + "!" + p.area, Scope: p.sheet}); err != nil {
				return fmt.Errorf("print area of %s: %w", p.sheet, err)
			}
		}
	}
	return nil
}

// quoteSheet quotes a sheet name for a reference: 'Rows (2)'.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// save writes the book to out through the sorted zip writer: excelize's own
// Write builds the whole zip in memory first; ours deflates at the fastest
// level (the rows sheet dominates the time of a large report) and writes
// the parts in a fixed order, so the same report is the same bytes.
func (b *book) save(out io.Writer) error {
	if err := b.setPrintNames(); err != nil {
		return err
	}
	dir := b.dir
	if dir == "" {
		dir = os.TempDir()
	}
	b.f.SetActiveSheet(0)
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return newSortedZip(out, dir) })
	_, err := b.f.WriteToBuffer()
	return err
}
