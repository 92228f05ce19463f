package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/screen"
)

// writeSummary writes the Summary sheet from the run's Summary: the run's
// facts, the inputs, applicants by category with eligible, review and not
// eligible side by side, what most often needs checking, and a chart.
func (x *Workbook) writeSummary() error {
	const sh = "Summary"
	f, s := x.f, x.sum
	row := 1
	at := func(col string) string { return col + strconv.Itoa(row) }
	put := func(label string, value any) {
		f.SetCellValue(sh, at("A"), label)
		f.SetCellStyle(sh, at("A"), at("A"), x.st.bold)
		if t, ok := value.(string); ok {
			value = xlsxText(t)
		}
		f.SetCellValue(sh, at("B"), value)
		row++
	}
	heading := func(cells ...string) {
		f.SetSheetRow(sh, at("A"), &cells)
		last, _ := excelize.ColumnNumberToName(len(cells))
		f.SetCellStyle(sh, at("A"), at(last), x.st.head)
		row++
	}
	f.SetCellValue(sh, "A1", "casescreen report")
	f.SetCellStyle(sh, "A1", "A1", x.st.title)
	row = 3
	put("Tool version", s.Version)
	put("As-of date", s.AsOf)
	put("Rule set", s.RuleSet+" (effective "+s.RuleSetEffective+")")
	put("NOC index", s.NOCIndex)
	if s.DrawsData != "" {
		put("Rounds of invitations", s.DrawsData+", last round "+s.DrawsLastDate)
	}
	put("Review below match score", s.Threshold)
	if len(s.FieldsNotFound) > 0 {
		put("Fields not found in the list", strings.Join(s.FieldsNotFound, ", "))
	}
	put("Applicants", s.Applicants)
	put("Rows", s.RowsWritten)
	put("Rows needing review", s.RowsNeedReview)
	put("Rows with input errors", s.RowsInputErrors)
	if len(s.Programs) > 0 {
		put("Applicants in the pool (a program met)", s.InPool)
	}
	row++
	heading("Input file", "Rows")
	for _, in := range s.Inputs {
		f.SetSheetRow(sh, at("A"), &[]any{xlsxText(in.Name), in.Rows})
		row++
		if in.SHA256 != "" {
			f.SetCellValue(sh, at("A"), "SHA-256 "+in.SHA256)
			f.SetCellStyle(sh, at("A"), at("A"), x.st.small)
			row++
		}
	}
	row++
	tableTop := row
	heading("Category", "Eligible", "Review", "Not eligible")
	for _, c := range s.Categories {
		f.SetSheetRow(sh, at("A"), &[]any{xlsxText(c.Name), c.Eligible, c.Review, c.NotEligible})
		row++
	}
	tableBottom := row - 1
	row++
	if len(s.Programs) > 0 {
		heading("Program", "Eligible", "Review", "Not eligible")
		for _, c := range s.Programs {
			f.SetSheetRow(sh, at("A"), &[]any{xlsxText(c.Name), c.Eligible, c.Review, c.NotEligible})
			row++
		}
		row++
	}
	if len(s.Rounds) > 0 {
		heading("Latest round before the as-of date", "Round, date", "Cut-off", "Could be invited", "At or above")
		for _, r := range s.Rounds {
			f.SetSheetRow(sh, at("A"), &[]any{xlsxText(r.Name), "#" + r.Round + ", " + r.Date, r.Cutoff, r.Applicants, r.AtOrAbove})
			row++
		}
		row++
	}
	if len(s.CRS) > 0 {
		heading("CRS score", "Applicants")
		for _, b := range s.CRS {
			f.SetSheetRow(sh, at("A"), &[]any{fmt.Sprintf("%d-%d", b.From, b.To), b.Applicants})
			row++
		}
		row++
	}
	heading("What most often needs checking", "Reason code", "Rows")
	for _, r := range s.ReviewReasons(10) {
		f.SetSheetRow(sh, at("A"), &[]any{xlsxText(screen.ReasonWords(r.Code)), r.Code, r.Rows})
		row++
	}
	f.SetColWidth(sh, "A", "A", 50)
	f.SetColWidth(sh, "B", "B", 24)
	f.SetColWidth(sh, "C", "E", 14)
	if err := x.pageSetup(sh); err != nil {
		return err
	}
	x.printTitles(sh, "", "")
	if len(s.Categories) == 0 {
		return nil
	}
	return f.AddChart(sh, "F3", categoryChart(sh, tableTop, tableBottom, s.Categories))
}

// categoryChart is a horizontal stacked bar per category: applicants
// eligible and in review, full names on the axis, whole numbers on the
// scale, colours that print.
func categoryChart(sh string, top, bottom int, cats []screen.CategoryCount) *excelize.Chart {
	most := 0
	for _, c := range cats {
		most = max(most, c.Eligible+c.Review)
	}
	unit := 0.0 // automatic
	if most <= 10 {
		unit = 1
	}
	ref := func(col string) string { return fmt.Sprintf("%s!$%s$%d:$%s$%d", sh, col, top+1, col, bottom) }
	height := uint(120 + 28*len(cats))
	return &excelize.Chart{
		Type: excelize.BarStacked,
		Series: []excelize.ChartSeries{
			{Name: fmt.Sprintf("%s!$B$%d", sh, top), Categories: ref("A"), Values: ref("B"), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2E7D32"}}},
			{Name: fmt.Sprintf("%s!$C$%d", sh, top), Categories: ref("A"), Values: ref("C"), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F9A825"}}},
		},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Applicants by category", Font: &excelize.Font{Color: "000000", Size: 12, Bold: true}}}},
		Legend: excelize.ChartLegend{Position: "bottom"},
		XAxis:  excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Color: "000000", Size: 9}},
		YAxis: excelize.ChartAxis{MajorUnit: unit, MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"},
			Font: excelize.Font{Color: "000000", Size: 9}},
		Dimension: excelize.ChartDimension{Width: 560, Height: height},
	}
}

// writeUnmatched lists the commonest titles matched with low confidence
// or not at all; its first three columns are the --overrides layout: fill
// in noc_code and pass the file back.
func (x *Workbook) writeUnmatched() error {
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
	t, err := x.newTable("Unmatched titles", []column{{"job_title", 40}, {"noc_code", 10}, {"industry", 25},
		{"rows", 8}, {"best_guess", 14}, {"best_guess_score", 14}}, 0)
	if err != nil {
		return err
	}
	for _, u := range list {
		var score any = ""
		if !u.score.Blank() {
			score = excelize.Cell{Value: u.score.Num, StyleID: x.st.score}
		}
		if err := t.add([]any{xlsxText(u.title), excelize.Cell{Value: "", StyleID: x.st.text}, xlsxText(u.industry), u.count,
			excelize.Cell{Value: xlsxText(u.guess), StyleID: x.st.text}, score}); err != nil {
			return err
		}
	}
	return t.finish()
}
