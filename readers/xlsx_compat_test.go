package readers

import (
	"errors"
	"io"
	"math"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// excelizeRows reads a sheet the way this package's XLSX reader did before
// it parsed sheets itself: excelize's row iterator, with ISO dates. Rows
// are keyed by row number; empty rows are left out.
func excelizeRows(t *testing.T, path, sheet string) map[int][]string {
	t.Helper()
	f, err := excelize.OpenFile(path, XLSXLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.GetStyle(0)
	isoDates(f)
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int][]string{}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		if !blank(cells) {
			out[n] = trimEmpty(cells)
		}
	}
	return out
}

func trimEmpty(cells []string) []string {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// ourRows reads a sheet with this package's reader, the header included.
func ourRows(t *testing.T, path, sheet string) map[int][]string {
	t.Helper()
	x, err := OpenXLSX(path, sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	out := map[int][]string{x.headerRow: trimEmpty(x.Header())}
	for {
		rec, err := x.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range rec.Problems {
			if p.Code != ReasonTooManyFields {
				t.Errorf("row %d: problem %+v", rec.Row, p)
			}
		}
		out[rec.Row] = trimEmpty(rec.Fields)
	}
}

// TestXLSXMatchesExcelize: cells read as excelize's row reader shows them
// (the reader's behaviour before it parsed sheets itself), for every kind of
// cell and number format a client list has, and for the bundled sample.
func TestXLSXMatchesExcelize(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	style := func(s excelize.Style) int {
		id, err := f.NewStyle(&s)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	custom := func(code string) int { return style(excelize.Style{CustomNumFmt: &code}) }
	styles := []int{0,
		style(excelize.Style{Font: &excelize.Font{Bold: true}}), // General, style index > 0
		style(excelize.Style{NumFmt: 1}), style(excelize.Style{NumFmt: 2}), style(excelize.Style{NumFmt: 3}),
		style(excelize.Style{NumFmt: 4}), style(excelize.Style{NumFmt: 9}), style(excelize.Style{NumFmt: 10}),
		style(excelize.Style{NumFmt: 11}), style(excelize.Style{NumFmt: 14}), style(excelize.Style{NumFmt: 15}),
		style(excelize.Style{NumFmt: 17}), style(excelize.Style{NumFmt: 20}), style(excelize.Style{NumFmt: 22}),
		style(excelize.Style{NumFmt: 49}),
		custom("0.0"), custom(`"$"#,##0.00`), custom("dd/mm/yyyy"), custom("mmm yyyy"), custom("m/d/yy h:mm"),
		custom("0.00E+00"), custom(`0 "hrs"`), custom("[h]:mm"), custom("# ?/?"),
	}
	numbers := []float64{0, 1, 40, 37.5, -3, 0.1 + 0.2, 1e-7, 123456789012345678, 1e21, 45292, 45292.75, 2.5e-3, 99999.999, math.Pi}
	f.SetSheetRow("Sheet1", "A1", &[]string{"kind", "value", "styled", "d", "e", "f"})
	row := 2
	put := func(cells ...any) {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow("Sheet1", cell, &cells); err != nil {
			t.Fatal(err)
		}
		row++
	}
	for _, n := range numbers {
		for _, s := range styles {
			put("number", n, n)
			c, _ := excelize.CoordinatesToCellName(3, row-1)
			f.SetCellStyle("Sheet1", c, c, s)
		}
	}
	for _, s := range []string{"Plain", "  padded  ", "Line1\nLine2", "tab\there", "_x000D_ literal", "bell\x07", "Électricien", "=1+1", "40", "", "a&b<c>\"d\""} {
		put("text", s, s)
		c, _ := excelize.CoordinatesToCellName(3, row-1)
		f.SetCellStyle("Sheet1", c, c, styles[3])
	}
	put("bool", true, false)
	put("date", time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), time.Date(1999, 12, 31, 13, 30, 0, 0, time.UTC))
	put("gap", nil, nil, nil, "far")
	if err := f.SetCellRichText("Sheet1", "B"+itoa(row), []excelize.RichTextRun{{Text: "Rich "}, {Text: "text", Font: &excelize.Font{Bold: true}}}); err != nil {
		t.Fatal(err)
	}
	f.SetCellStr("Sheet1", "A"+itoa(row), "rich")
	row++
	// A second sheet through excelize's stream writer, which writes cells
	// inline rather than as shared strings.
	f.NewSheet("Stream")
	sw, err := f.NewStreamWriter("Stream")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"kind", "value"})
	for i, v := range []any{"inline text", 42, 3.25, true, time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), "  spaced  "} {
		sw.SetRow("A"+itoa(i+2), []any{"v", v})
	}
	sw.Flush()
	p := filepath.Join(dir, "kinds.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, sheet string }{{p, "Sheet1"}, {p, "Stream"}, {filepath.Join("..", "samples", "clients_wide.xlsx"), ""}} {
		sheet := c.sheet
		if sheet == "" {
			x, err := excelize.OpenFile(c.path)
			if err != nil {
				t.Fatal(err)
			}
			sheet = x.GetSheetList()[0]
			x.Close()
		}
		want := excelizeRows(t, c.path, sheet)
		got := ourRows(t, c.path, sheet)
		if len(got) != len(want) {
			t.Errorf("%s %s: %d rows, excelize %d", filepath.Base(c.path), sheet, len(got), len(want))
		}
		for n, w := range want {
			if g := got[n]; !reflect.DeepEqual(g, w) {
				t.Errorf("%s %s row %d:\n got %q\nwant %q", filepath.Base(c.path), sheet, n, g, w)
			}
		}
	}
}

func itoa(n int) string { return excelizeItoa(n) }
