// Package report writes the consultant's workbook: a Summary sheet read
// from the run's screen.Summary, the annotated Rows, a Review sheet with the
// reasons in words and an Unmatched titles sheet laid out as an
// --overrides file. Outputs opens the sink for every output path.
package report

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/screen"
	"github.com/casescreen/casescreen/writers"
)

// MaxSheetRows is the number of data rows per sheet: Excel's 1,048,576 rows
// less the header. Further rows continue on "Rows (2)", "Rows (3)" ...
var MaxSheetRows = 1_048_575

// MaxReviewRows bounds the Review sheet; beyond it the sheet says how many
// rows were left off (filter needs_review on the Rows sheet for all).
const MaxReviewRows = 100_000

// MaxUnmatched bounds the distinct titles tracked for the Unmatched titles
// sheet, and the rows written there.
const (
	maxUnmatchedTracked = 100_000
	maxUnmatchedRows    = 2_000
)

// layout is what the workbook needs to know about the run's columns.
type layout struct {
	// Input columns, by index into Record.Fields (-1 when absent).
	idCol, industryCol int
	titleCols          []int // one per job (several in the wide shape)
	// Annotation columns, by index into Schema.Columns.
	code, method, score, title, alts, reasons int
	threshold                                 float64
	categories                                []string // category ids in force, in rule-set order
}

func newLayout(job *screen.Job) layout {
	schema, cols := job.Schema(), job.Columns()
	l := layout{idCol: cols.Fields[screen.ApplicantID], industryCol: cols.Jobs[0][screen.Industry],
		code: schema.Column("noc_code"), method: schema.Column("match_method"), score: schema.Column("match_score"),
		title: schema.Column("noc_title"), alts: schema.Column("match_alternatives"), reasons: schema.Column("review_reasons"),
		threshold: job.Config().Threshold}
	for _, j := range cols.Jobs {
		l.titleCols = append(l.titleCols, j[screen.JobTitle])
	}
	rs, asOf := job.RuleSet(), job.Config().AsOf
	for i := range rs.Categories {
		if c := &rs.Categories[i]; c.Active(asOf) {
			l.categories = append(l.categories, c.ID)
		}
	}
	return l
}

// Workbook writes the consultant's report with excelize's StreamWriter, so
// memory stays bounded whatever the row count: a Summary sheet, the
// annotated Rows (frozen header, filter, widths, status colours, NOC codes
// as text, dates as dates, numbers as numbers), a Review sheet and an
// Unmatched titles sheet in the layout --overrides reads. It implements
// screen.SummarySink: the Summary sheet is written from the run's Summary
// at Close.
type Workbook struct {
	out    writers.Output
	f      *excelize.File
	tmpDir string
	lay    layout
	schema pipeline.Schema
	header []string
	nKeep  int
	st     styles
	sum    *screen.Summary

	rows      *excelize.StreamWriter
	sheet     int // "Rows" sheets started
	row       int // rows on the current sheet, header included
	cells     []any
	inKind    []cellKind // per input column
	review    *excelize.StreamWriter
	reviewRow int
	reviewAll int
	unmatched map[string]*unmatched
}

type cellKind uint8

const (
	kindAuto cellKind = iota // numbers become numbers
	kindText                 // always text
	kindDate                 // ISO dates become dates
)

type unmatched struct {
	title, industry string
	count           int
	guess           string
	score           pipeline.Value
}

type styles struct {
	head, date, score, text, wrap, title, bold int
}

// New writes the report for job to out, which Close commits and Abort
// discards. tmpDir is a folder the workbook spills its streamed sheets
// into and removes when it is closed or aborted; "" spills into the
// system's temporary folder.
func New(out writers.Output, job *screen.Job, tmpDir string) *Workbook {
	f := excelize.NewFile(excelize.Options{TmpDir: tmpDir})
	schema := job.Schema()
	x := &Workbook{out: out, f: f, tmpDir: tmpDir, lay: newLayout(job), schema: schema, header: schema.Header(), nKeep: len(schema.Keep),
		unmatched: map[string]*unmatched{}}
	x.st.head, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}}, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	isoDate := "yyyy-mm-dd" // unambiguous in every locale a client may open it in
	x.st.date, _ = f.NewStyle(&excelize.Style{CustomNumFmt: &isoDate})
	x.st.score, _ = f.NewStyle(&excelize.Style{NumFmt: 2})
	x.st.text, _ = f.NewStyle(&excelize.Style{NumFmt: 49})
	x.st.wrap, _ = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	x.st.title, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "1F4E78"}})
	x.st.bold, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	cols := job.Columns()
	x.inKind = make([]cellKind, len(schema.Input))
	set := func(i int, k cellKind) {
		if i >= 0 && i < len(x.inKind) {
			x.inKind[i] = k
		}
	}
	set(cols.Fields[screen.ApplicantID], kindText)
	for _, j := range cols.Jobs {
		set(j[screen.NOCCode], kindText)
		set(j[screen.StartDate], kindDate)
		set(j[screen.EndDate], kindDate)
	}
	return x
}

// Summarize implements screen.SummarySink.
func (x *Workbook) Summarize(s *screen.Summary) { x.sum = s }

func (x *Workbook) rowsSheetName() string {
	if x.sheet == 1 {
		return "Rows"
	}
	return fmt.Sprintf("Rows (%d)", x.sheet)
}

// start creates the sheets in their final order: Summary (filled at
// Close), Rows, Review, Unmatched titles.
func (x *Workbook) start() error {
	if err := x.f.SetSheetName("Sheet1", "Summary"); err != nil {
		return err
	}
	if err := x.newRowsSheet(); err != nil {
		return err
	}
	for _, s := range []string{"Review", "Unmatched titles"} {
		if _, err := x.f.NewSheet(s); err != nil {
			return err
		}
	}
	sw, err := x.f.NewStreamWriter("Review")
	if err != nil {
		return err
	}
	x.review = sw
	widths := []float64{18, 8, 14, 34, 10, 40, 9, 30, 60}
	for i, w := range widths {
		sw.SetColWidth(i+1, i+1, w)
	}
	sw.SetPanes(frozenHeader)
	head := []string{"file", "row", "applicant_id", "job_title", "noc_code", "noc_title", "match_score", "alternatives", "reasons"}
	x.reviewRow = 1
	return sw.SetRow("A1", headCells(head, x.st.head))
}

var frozenHeader = &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}

func headCells(h []string, style int) []any {
	out := make([]any, len(h))
	for i, v := range h {
		out[i] = excelize.Cell{Value: writers.Neutralize(v), StyleID: style}
	}
	return out
}

// width is an output column's display width, from its header and role.
func (x *Workbook) width(i int) float64 {
	switch name := x.header[i]; {
	case i >= x.nKeep && (name == "noc_title" || name == "review_reasons"):
		return 40
	case i >= x.nKeep && (name == "match_alternatives" || name == "eligible_categories" || name == "review_categories" || name == "qualifying_hours"):
		return 26
	case i < x.nKeep && x.inKind[x.schema.Keep[i]] == kindDate, i >= x.nKeep && x.schema.Columns[i-x.nKeep].Type == pipeline.Date:
		return 12
	}
	return min(40, max(10, float64(len(x.header[i]))+4))
}

// widthColumns is the number of leading input columns sized one by one;
// the rest share one width. excelize's cost per width grows with the
// columns already sized, so a sheet of 16,000 columns sized one by one
// took minutes.
const widthColumns = 64

// setWidths sizes the Rows sheet's columns in ascending order: the first
// input columns and every annotation column by their header and role, the
// other input columns in one range.
func (x *Workbook) setWidths(sw *excelize.StreamWriter) error {
	for i := 0; i < len(x.header); i++ {
		if i == widthColumns && x.nKeep > widthColumns+1 {
			if err := sw.SetColWidth(i+1, x.nKeep, 14); err != nil {
				return err
			}
			i = x.nKeep - 1
			continue
		}
		if err := sw.SetColWidth(i+1, i+1, x.width(i)); err != nil {
			return err
		}
	}
	return nil
}

func (x *Workbook) newRowsSheet() error {
	x.sheet++
	name := x.rowsSheetName()
	if _, err := x.f.NewSheet(name); err != nil {
		return err
	}
	// Sheet properties are written when the stream starts: set them first.
	if err := printOnePageWide(x.f, name, 0); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	x.rows = sw
	if err := x.setWidths(sw); err != nil {
		return err
	}
	if err := sw.SetPanes(frozenHeader); err != nil {
		return err
	}
	x.row = 1
	return sw.SetRow("A1", headCells(x.header, x.st.head), excelize.RowOpts{Height: 30})
}

// finishRowsSheet adds the filter and the status colours to the current
// Rows sheet and flushes it. Both go into the worksheet the stream writer
// holds, so they must be set before Flush.
func (x *Workbook) finishRowsSheet() error {
	name := x.rowsSheetName()
	last, _ := excelize.CoordinatesToCellName(len(x.header), max(x.row, 2))
	if err := x.f.AutoFilter(name, "A1:"+last, nil); err != nil {
		return err
	}
	if err := x.statusColours(name); err != nil {
		return err
	}
	return x.rows.Flush()
}

func (x *Workbook) statusColours(sheet string) error {
	red, err := x.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	if err != nil {
		return err
	}
	green, err := x.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "006100"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C6EFCE"}}})
	if err != nil {
		return err
	}
	amber, err := x.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C5700"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}})
	if err != nil {
		return err
	}
	col := func(name string) string {
		for i := x.nKeep; i < len(x.header); i++ {
			if x.header[i] == name {
				c, _ := excelize.ColumnNumberToName(i + 1)
				return c
			}
		}
		return ""
	}
	last := strconv.Itoa(max(x.row, 2))
	nr, el, rv := col("needs_review"), col("eligible_categories"), col("review_categories")
	rules := []struct {
		ref  string
		opts []excelize.ConditionalFormatOptions
	}{
		{nr + "2:" + nr + last, []excelize.ConditionalFormatOptions{
			{Type: "cell", Criteria: "==", Format: &red, Value: "TRUE"},
			{Type: "cell", Criteria: "==", Format: &green, Value: "FALSE"}}},
		{el + "2:" + el + last, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: "=LEN(" + el + "2)>0", Format: &green}}},
		{rv + "2:" + rv + last, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: "=LEN(" + rv + "2)>0", Format: &amber}}},
	}
	for _, r := range rules {
		if err := x.f.SetConditionalFormat(sheet, r.ref, r.opts); err != nil {
			return err
		}
	}
	return nil
}

// Write implements pipeline.Sink.
func (x *Workbook) Write(recs []*pipeline.Record) error {
	if x.rows == nil {
		if err := x.start(); err != nil {
			return err
		}
	}
	for _, r := range recs {
		if x.row > MaxSheetRows {
			if err := x.finishRowsSheet(); err != nil {
				return err
			}
			if err := x.newRowsSheet(); err != nil {
				return err
			}
		}
		x.track(r)
		cells := x.cells[:0]
		for _, i := range x.schema.Keep {
			v := ""
			if i < len(r.Fields) {
				v = r.Fields[i]
			}
			cells = append(cells, x.cell(v, x.inKind[i]))
		}
		for k, c := range x.schema.Columns {
			cells = append(cells, x.value(c.Type, r.Out[k]))
		}
		x.cells = cells
		x.row++
		cell, _ := excelize.CoordinatesToCellName(1, x.row)
		if err := x.rows.SetRow(cell, cells); err != nil {
			return err
		}
		if r.NeedsReview() {
			if err := x.addReview(r); err != nil {
				return err
			}
		}
	}
	return nil
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
func (x *Workbook) value(t pipeline.Type, v pipeline.Value) any {
	if v.Blank() {
		return ""
	}
	switch t {
	case pipeline.Int:
		return int(v.Num)
	case pipeline.Float:
		return excelize.Cell{Value: v.Num, StyleID: x.st.score}
	case pipeline.Bool:
		return v.Num != 0
	case pipeline.Date:
		return excelize.Cell{Value: time.Unix(int64(v.Num)*86400, 0).UTC(), StyleID: x.st.date}
	}
	return xlsxText(v.Text)
}

// cell converts one input cell: formulas neutralised, ISO dates in date
// columns as dates, plain numbers as numbers (not codes with leading zeros).
func (x *Workbook) cell(s string, k cellKind) any {
	switch k {
	case kindDate:
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return excelize.Cell{Value: t, StyleID: x.st.date}
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

func (x *Workbook) field(r *pipeline.Record, i int) string {
	if i >= 0 && i < len(r.Fields) {
		return r.Fields[i]
	}
	return ""
}

// track notes a row whose title matched with low confidence or not at all
// for the Unmatched titles sheet (long shape only: one title per row).
func (x *Workbook) track(r *pipeline.Record) {
	score := r.Out[x.lay.score]
	low := r.Out[x.lay.method].Text == "none" || !score.Blank() && score.Num < x.lay.threshold
	if !low || len(x.lay.titleCols) != 1 {
		return
	}
	title := strings.TrimSpace(x.field(r, x.lay.titleCols[0]))
	if title == "" {
		return
	}
	key := strings.ToLower(title)
	u := x.unmatched[key]
	if u == nil {
		if len(x.unmatched) >= maxUnmatchedTracked {
			return
		}
		u = &unmatched{title: title, industry: x.field(r, x.lay.industryCol), guess: r.Out[x.lay.code].Text, score: score}
		x.unmatched[key] = u
	}
	u.count++
}

func splitIDs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

func (x *Workbook) addReview(r *pipeline.Record) error {
	x.reviewAll++
	if x.reviewRow > MaxReviewRows {
		return nil
	}
	title := ""
	if len(x.lay.titleCols) > 0 {
		var ts []string
		for _, c := range x.lay.titleCols {
			if t := x.field(r, c); t != "" {
				ts = append(ts, t)
			}
		}
		title = strings.Join(ts, " | ")
	}
	x.reviewRow++
	cell, _ := excelize.CoordinatesToCellName(1, x.reviewRow)
	return x.review.SetRow(cell, []any{xlsxText(r.Source), r.Row, xlsxText(x.field(r, x.lay.idCol)), xlsxText(title),
		excelize.Cell{Value: xlsxText(r.Out[x.lay.code].Text), StyleID: x.st.text}, xlsxText(r.Out[x.lay.title].Text),
		x.value(pipeline.Float, r.Out[x.lay.score]), xlsxText(r.Out[x.lay.alts].Text),
		excelize.Cell{Value: xlsxText(screen.ReasonWords(r.Out[x.lay.reasons].Text)), StyleID: x.st.wrap}})
}

// Close implements pipeline.Sink: it finishes the streamed sheets, writes
// the Summary and Unmatched titles sheets, and commits the file.
func (x *Workbook) Close() error {
	err := x.close()
	if err != nil {
		x.Abort()
		return err
	}
	x.f.Close()
	x.removeTmp()
	return x.out.Commit()
}

func (x *Workbook) removeTmp() {
	if x.tmpDir != "" {
		os.RemoveAll(x.tmpDir)
	}
}

func (x *Workbook) close() error {
	if x.rows == nil {
		if err := x.start(); err != nil {
			return err
		}
	}
	if err := x.finishRowsSheet(); err != nil {
		return err
	}
	if x.reviewAll > x.reviewRow-1 {
		cell, _ := excelize.CoordinatesToCellName(1, x.reviewRow+2)
		msg := fmt.Sprintf("%d more rows need review; filter needs_review on the Rows sheet to see them all.", x.reviewAll-(x.reviewRow-1))
		if err := x.review.SetRow(cell, []any{msg}); err != nil {
			return err
		}
	}
	if x.reviewRow > 1 {
		last, _ := excelize.CoordinatesToCellName(9, x.reviewRow)
		if err := x.f.AutoFilter("Review", "A1:"+last, nil); err != nil {
			return err
		}
	}
	if err := x.review.Flush(); err != nil {
		return err
	}
	if err := x.writeUnmatched(); err != nil {
		return err
	}
	if err := x.writeSummary(); err != nil {
		return err
	}
	x.f.SetActiveSheet(0)
	// excelize's Write builds the whole zip in memory first; a zip writer of
	// our own writes it to the output instead, deflated at the fastest level
	// (the rows sheet dominates the time of a large report), with the parts
	// in a fixed order so the same report is the same bytes.
	dir := x.tmpDir
	if dir == "" {
		dir = os.TempDir()
	}
	x.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return newSortedZip(x.out, dir) })
	_, err := x.f.WriteToBuffer()
	return err
}

func (x *Workbook) writeUnmatched() error {
	const sh = "Unmatched titles"
	list := make([]*unmatched, 0, len(x.unmatched))
	for _, u := range x.unmatched {
		list = append(list, u)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].count != list[j].count {
			return list[i].count > list[j].count
		}
		return list[i].title < list[j].title
	})
	if len(list) > maxUnmatchedRows {
		list = list[:maxUnmatchedRows]
	}
	// The first three columns are the --overrides layout: fill in noc_code
	// and feed the file back.
	head := []string{"job_title", "noc_code", "industry", "rows", "best_guess", "best_guess_score"}
	if err := x.f.SetSheetRow(sh, "A1", &head); err != nil {
		return err
	}
	x.f.SetCellStyle(sh, "A1", "F1", x.st.head)
	for i, u := range list {
		var score any = ""
		if !u.score.Blank() {
			score = u.score.Num
		}
		row := []any{xlsxText(u.title), "", xlsxText(u.industry), u.count, xlsxText(u.guess), score}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := x.f.SetSheetRow(sh, cell, &row); err != nil {
			return err
		}
	}
	if len(list) > 0 {
		last := strconv.Itoa(len(list) + 1)
		x.f.SetCellStyle(sh, "B2", "B"+last, x.st.text)
		x.f.SetCellStyle(sh, "E2", "E"+last, x.st.text)
	}
	x.f.SetColWidth(sh, "A", "A", 40)
	x.f.SetColWidth(sh, "B", "B", 10)
	x.f.SetColWidth(sh, "C", "C", 25)
	x.f.SetColWidth(sh, "E", "F", 14)
	return x.f.SetPanes(sh, frozenHeader)
}

// printOnePageWide sets a sheet to print landscape, one page wide and, if
// tall > 0, that many pages tall (0: as many as needed).
func printOnePageWide(f *excelize.File, sheet string, tall int) error {
	landscape, wide, fit := "landscape", 1, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}

// writeSummary writes the Summary sheet from the run's Summary.
func (x *Workbook) writeSummary() error {
	const sh = "Summary"
	f := x.f
	s := x.sum
	if s == nil {
		return errors.New("report: closed without the run's summary")
	}
	row := 1
	put := func(label string, value any) {
		f.SetCellValue(sh, "A"+strconv.Itoa(row), label)
		f.SetCellStyle(sh, "A"+strconv.Itoa(row), "A"+strconv.Itoa(row), x.st.bold)
		if t, ok := value.(string); ok {
			value = writers.Neutralize(t)
		}
		f.SetCellValue(sh, "B"+strconv.Itoa(row), value)
		row++
	}
	f.SetCellValue(sh, "A1", "casescreen report")
	f.SetCellStyle(sh, "A1", "A1", x.st.title)
	row = 3
	put("Tool version", s.Version)
	put("As-of date", s.AsOf)
	put("Rule set", s.RuleSet+" (effective "+s.RuleSetEffective+")")
	put("NOC index", s.NOCIndex)
	put("Applicants", s.Applicants)
	put("Rows", s.RowsWritten)
	put("Rows needing review", s.RowsNeedReview)
	row++
	f.SetSheetRow(sh, "A"+strconv.Itoa(row), &[]string{"Input file", "SHA-256", "Rows"})
	f.SetCellStyle(sh, "A"+strconv.Itoa(row), "C"+strconv.Itoa(row), x.st.head)
	row++
	for _, in := range s.Inputs {
		f.SetSheetRow(sh, "A"+strconv.Itoa(row), &[]any{writers.Neutralize(in.Name), in.SHA256, in.Rows})
		row++
	}
	row++
	tableTop := row
	f.SetSheetRow(sh, "A"+strconv.Itoa(row), &[]string{"Category", "Eligible", "Review", "Not eligible"})
	f.SetCellStyle(sh, "A"+strconv.Itoa(row), "D"+strconv.Itoa(row), x.st.head)
	row++
	for _, c := range s.Categories {
		f.SetSheetRow(sh, "A"+strconv.Itoa(row), &[]any{writers.Neutralize(c.ID), c.Eligible, c.Review, c.NotEligible})
		row++
	}
	tableBottom := row - 1
	row++
	f.SetSheetRow(sh, "A"+strconv.Itoa(row), &[]string{"Most common review reasons", "Rows"})
	f.SetCellStyle(sh, "A"+strconv.Itoa(row), "B"+strconv.Itoa(row), x.st.head)
	row++
	type kv struct {
		k string
		v int
	}
	var rs []kv
	for k, v := range s.RowsByReason {
		rs = append(rs, kv{k, v})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].v > rs[j].v || rs[i].v == rs[j].v && rs[i].k < rs[j].k })
	for i, r := range rs {
		if i == 10 {
			break
		}
		f.SetSheetRow(sh, "A"+strconv.Itoa(row), &[]any{writers.Neutralize(screen.ReasonWords(r.k) + " (" + r.k + ")"), r.v})
		row++
	}
	f.SetColWidth(sh, "A", "A", 46)
	f.SetColWidth(sh, "B", "B", 66)
	f.SetColWidth(sh, "C", "D", 13)
	if err := printOnePageWide(f, sh, 1); err != nil {
		return err
	}
	if len(s.Categories) == 0 {
		return nil
	}
	return f.AddChart(sh, "F3", &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			Name:       "Summary!$B$" + strconv.Itoa(tableTop),
			Categories: fmt.Sprintf("Summary!$A$%d:$A$%d", tableTop+1, tableBottom),
			Values:     fmt.Sprintf("Summary!$B$%d:$B$%d", tableTop+1, tableBottom),
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Eligible applicants by category"}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 640, Height: 360},
	})
}

// Abort implements pipeline.Sink.
func (x *Workbook) Abort() error {
	x.f.Close()
	x.removeTmp()
	return x.out.Abort()
}
