package readers

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/pipeline"
)

// clientList is the logical content every reader must reproduce.
var clientList = struct {
	header []string
	rows   [][]string
}{
	header: []string{"applicant_id", "job_title", "start_date", "hours_per_week", "year"},
	rows: [][]string{
		{"A-1", "Staff RN - ICU", "2024-01-15", "37.5", "2024"},
		{"A-1", "Registered Nurse, \"Days\"", "2019-06-01", "40", "2019"},
		{"B-2", "Soudeur / Welder", "2023-11-30", "44", "2023"},
		{"C-3", "PSW\nnights", "2025-02-28", "30", "2025"},
	},
}

func writeCSV(t testing.TB, dir, name, comma, eol string, bom bool) string {
	t.Helper()
	var b strings.Builder
	if bom {
		b.WriteString("\ufeff")
	}
	line := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				b.WriteString(comma)
			}
			if strings.ContainsAny(c, "\",\n;|\t") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString(eol)
	}
	line(clientList.header)
	for _, r := range clientList.rows {
		line(r)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeXLSX(t testing.TB, dir string) string {
	t.Helper()
	f := excelize.NewFile()
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	h := make([]any, len(clientList.header))
	for i, v := range clientList.header {
		h[i] = v
	}
	f.SetSheetRow("Sheet1", "A1", &h)
	for i, r := range clientList.rows {
		start, _ := time.Parse("2006-01-02", r[2])
		var hours float64
		var year int
		for _, c := range []struct {
			s string
			v any
		}{{r[3], &hours}, {r[4], &year}} {
			if _, err := fmtSscan(c.s, c.v); err != nil {
				t.Fatal(err)
			}
		}
		row := []any{r[0], r[1], start, hours, year}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow("Sheet1", cell, &row)
		dc, _ := excelize.CoordinatesToCellName(3, i+2)
		f.SetCellStyle("Sheet1", dc, dc, date)
	}
	p := filepath.Join(dir, "list.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

type pqRow struct {
	ID    string  `parquet:"applicant_id"`
	Title string  `parquet:"job_title"`
	Start int32   `parquet:"start_date,date"` // days since 1970-01-01
	Hours float64 `parquet:"hours_per_week"`
	Year  int64   `parquet:"year"`
}

func writeParquet(t *testing.T, dir string) string {
	t.Helper()
	var rows []pqRow
	for _, r := range clientList.rows {
		start, _ := time.Parse("2006-01-02", r[2])
		var hours float64
		var year int64
		fmtSscan(r[3], &hours)
		fmtSscan(r[4], &year)
		rows = append(rows, pqRow{r[0], r[1], int32(start.Unix() / 86400), hours, year})
	}
	p := filepath.Join(dir, "list.parquet")
	if err := parquet.WriteFile(p, rows); err != nil {
		t.Fatal(err)
	}
	return p
}

func readAll(t *testing.T, src pipeline.Source) [][]string {
	t.Helper()
	var out [][]string
	for {
		rec, err := src.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Problems) > 0 {
			t.Errorf("row %d: unexpected problems %v", rec.Row, rec.Problems)
		}
		if rec.Row < 2 {
			t.Errorf("row number %d: data rows start at 2", rec.Row)
		}
		out = append(out, rec.Fields)
	}
}

// TestReaderContract: the same client list as CSV (every delimiter, BOM,
// CRLF), XLSX and Parquet gives the same header and logical rows.
func TestReaderContract(t *testing.T) {
	dir := t.TempDir()
	paths := map[string]string{
		"csv comma":         writeCSV(t, dir, "comma.csv", ",", "\n", false),
		"csv semicolon BOM": writeCSV(t, dir, "semi.csv", ";", "\r\n", true),
		"csv tab CRLF":      writeCSV(t, dir, "tab.tsv", "\t", "\r\n", false),
		"csv pipe":          writeCSV(t, dir, "pipe.txt", "|", "\n", true),
		"xlsx":              writeXLSX(t, dir),
		"parquet":           writeParquet(t, dir),
	}
	for name, p := range paths {
		t.Run(name, func(t *testing.T) {
			src, err := Open(p, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			if !reflect.DeepEqual(src.Header(), clientList.header) {
				t.Fatalf("header %q, want %q", src.Header(), clientList.header)
			}
			got := readAll(t, src)
			if !reflect.DeepEqual(got, clientList.rows) {
				t.Errorf("rows:\n got %q\nwant %q", got, clientList.rows)
			}
		})
	}
}

func TestConcatUnionHeader(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	b := filepath.Join(dir, "b.csv")
	os.WriteFile(a, []byte("id,job_title\n1,cook\n"), 0o644)
	os.WriteFile(b, []byte("job_title,country,id\nbaker,Canada,2\n"), 0o644)
	c, err := OpenAll([]string{a, b}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if want := []string{"id", "job_title", "country"}; !reflect.DeepEqual(c.Header(), want) {
		t.Fatalf("header %q, want %q", c.Header(), want)
	}
	got := readAll(t, c)
	want := [][]string{{"1", "cook", ""}, {"2", "baker", "Canada"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}

func TestCSVRaggedRowsKept(t *testing.T) {
	src, err := NewCSV(strings.NewReader("a,b,c\n1,2\n1,2,3,4\n1,2,3\n"), "r.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	var recs []*pipeline.Record
	for {
		r, err := src.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	if !recs[0].HasProblem("too_few_fields") || !reflect.DeepEqual(recs[0].Fields, []string{"1", "2", ""}) {
		t.Errorf("short row: %+v", recs[0])
	}
	if !recs[1].HasProblem("too_many_fields") || !reflect.DeepEqual(recs[1].Fields, []string{"1", "2", "3,4"}) {
		t.Errorf("long row: %+v", recs[1])
	}
	if len(recs[2].Problems) != 0 || recs[2].Row != 4 {
		t.Errorf("good row: %+v", recs[2])
	}
}

// Date cells read as ISO dates whatever their display format: the serial
// behind "3/4/2024" in a US format is 4 March, not 3 April.
func TestXLSXDateFormats(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]string{"job_title", "start", "end", "month", "hours"})
	d := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
	f.SetSheetRow("Sheet1", "A2", &[]any{"Cook", d, d, d, 37.5})
	for cell, code := range map[string]string{"B2": "m/d/yyyy", "C2": "[$-409]d mmmm yyyy;@", "D2": "mmm yyyy"} {
		c := code
		st, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &c})
		f.SetCellStyle("Sheet1", cell, cell, st)
	}
	p := filepath.Join(t.TempDir(), "dates.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	x, err := OpenXLSX(p, "")
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rec, err := x.Read()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Cook", "2024-03-04", "2024-03-04", "2024-03-04", "37.5"}; !reflect.DeepEqual(rec.Fields, want) {
		t.Errorf("cells %q, want %q", rec.Fields, want)
	}
	for code, want := range map[string]bool{"m/d/yyyy": true, "yyyy-mm-dd": true, "mmm yy": true, "0.00": false, "#,##0": false,
		"h:mm": false, "[h]:mm:ss": false, "General": false, `"Day" 0`: false, "[$-F800]dddd, mmmm dd, yyyy": true} {
		if isDateFormat(code) != want {
			t.Errorf("isDateFormat(%q) = %v", code, !want)
		}
	}
}
