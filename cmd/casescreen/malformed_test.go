package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The malformed-input suite: each file is written here. For each the run
// must not panic, must exit with the spec's code, must write every
// parseable row with its reasons, and must say clearly why a file cannot
// be read at all.
func TestMalformedInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	head := "applicant_id,job_title,start_date,end_date,hours_per_week\n"
	bigCell := strings.Repeat("x", 5<<20)

	tests := []struct {
		name    string
		path    string
		code    int
		rows    int      // data rows expected in the output
		reasons []string // reason codes that must appear
		errText string   // for fatal files: words the message must hold
	}{
		{name: "ragged rows", path: write("ragged.csv", []byte(head+"1,Cook,2024-01-01,,40\n2,Baker\n3,Welder,2024-01-01,,40,extra,cells\n")),
			code: exitRowErrors, rows: 3, reasons: []string{"too_few_fields", "too_many_fields"}},
		{name: "unterminated quote", path: write("quote.csv", []byte(head+"1,\"Cook,2024-01-01,,40\n"+strings.Repeat("2,Baker,2024-01-01,,40\n", 1500))),
			code: exitRowErrors, rows: 1, reasons: []string{"unterminated_quote"}},
		{name: "invalid UTF-8 read as Windows-1252", path: write("latin1.csv", []byte(head+"1,\xc9lectricien,2024-01-01,,40\n")),
			code: exitOK, rows: 1, reasons: []string{"decoded_windows_1252"}},
		{name: "BOM and CRLF", path: write("bom.csv", []byte("\ufeff"+strings.ReplaceAll(head+"1,Cook,2024-01-01,,40\r\n", "\n", "\r\n"))),
			code: exitOK, rows: 1},
		{name: "empty file", path: write("empty.csv", nil), code: exitFatal, errText: "empty file"},
		{name: "header only", path: write("header.csv", []byte(head)), code: exitOK, rows: 0},
		{name: "duplicate headers", path: write("dup.csv", []byte("job_title,job_title,start_date,hours_per_week\nCook,Baker,2024-01-01,40\n")),
			code: exitOK, rows: 1},
		{name: "5 MB cell", path: write("big.csv", []byte(head+"1,Cook,2024-01-01,,40\n2,"+bigCell+",2024-01-01,,40\n")),
			code: exitOK, rows: 2},
		{name: "formula cells", path: write("formula.csv", []byte(head+"=1+1,@SUM(A1),+cmd,-x,40\n")),
			code: exitRowErrors, rows: 1},
		{name: "xlsx that is not a zip", path: write("fake.xlsx", []byte("applicant_id,job_title\n1,Cook\n")),
			code: exitFatal, errText: "not a readable workbook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outs := []string{filepath.Join(t.TempDir(), "o.csv"), filepath.Join(t.TempDir(), "o.xlsx")}
			code, _, stderr := runArgs(t, "run", tt.path, "-o", outs[0], "-o", outs[1], "--as-of", "2026-11-01", "--quiet", "--log-format", "json")
			if code != tt.code {
				t.Fatalf("exit %d, want %d (%s)", code, tt.code, stderr)
			}
			if tt.code == exitFatal {
				if !strings.Contains(stderr, tt.errText) {
					t.Errorf("message %q lacks %q", stderr, tt.errText)
				}
				for _, o := range outs {
					if _, err := os.Stat(o); err == nil {
						t.Errorf("fatal run left %s", o)
					}
				}
				return
			}
			f, err := os.Open(outs[0])
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs)-1 != tt.rows {
				t.Errorf("%d rows out, want %d", len(recs)-1, tt.rows)
			}
			all := ""
			for _, r := range recs[1:] {
				all += r[len(r)-1] + ";"
			}
			for _, want := range tt.reasons {
				if !strings.Contains(all, want) {
					t.Errorf("reasons %q lack %s", all, want)
				}
			}
			x, err := excelize.OpenFile(outs[1])
			if err != nil {
				t.Fatalf("XLSX output: %v", err)
			}
			defer x.Close()
			rows, _ := x.GetRows("Rows")
			for _, r := range rows {
				for _, c := range r {
					if len(c) > 32767 {
						t.Errorf("XLSX cell of %d characters: Excel's limit is 32,767", len(c))
					}
				}
			}
		})
	}
}

func TestMalformedWorkbooks(t *testing.T) {
	dir := t.TempDir()
	// A workbook whose first sheet is hidden: the first visible one is read.
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]string{"secret"})
	f.NewSheet("Clients")
	f.SetSheetRow("Clients", "A1", &[]string{"applicant_id", "job_title", "start_date", "hours_per_week"})
	f.SetSheetRow("Clients", "A2", &[]any{"1", "Cook", "2024-01-01", 40})
	f.SetActiveSheet(1)
	if err := f.SetSheetVisible("Sheet1", false); err != nil {
		t.Fatal(err)
	}
	hidden := filepath.Join(dir, "hidden.xlsx")
	if err := f.SaveAs(hidden); err != nil {
		t.Fatal(err)
	}
	encrypted := filepath.Join(dir, "encrypted.xlsx")
	if err := f.SaveAs(encrypted, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "o.csv")
	code, _, e := runArgs(t, "run", hidden, "-o", out, "--as-of", "2026-11-01", "--quiet")
	if code != exitOK {
		t.Fatalf("hidden sheet: exit %d: %s", code, e)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), "Cook") || strings.Contains(string(data), "secret") {
		t.Errorf("hidden sheet: read the wrong sheet:\n%s", data)
	}
	code, _, e = runArgs(t, "run", encrypted, "-o", filepath.Join(dir, "e.csv"), "--quiet")
	if code != exitFatal || !strings.Contains(e, "encrypted.xlsx") {
		t.Errorf("encrypted workbook: exit %d, message %q", code, e)
	}

	// A zip bomb posing as a workbook: the worksheet says it inflates to
	// 10 GB, past the unzip limit, and the run stops before inflating it.
	src, err := zip.OpenReader(hidden)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range src.File {
		raw, err := zf.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		hdr := zf.FileHeader
		if strings.HasPrefix(hdr.Name, "xl/worksheets/") {
			hdr.UncompressedSize64 = 10 << 30
		}
		w, err := zw.CreateRaw(&hdr)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, raw)
	}
	src.Close()
	zw.Close()
	bomb := filepath.Join(dir, "bomb.xlsx")
	os.WriteFile(bomb, buf.Bytes(), 0o644)
	code, _, e = runArgs(t, "run", bomb, "-o", filepath.Join(dir, "b.csv"), "--quiet")
	if code != exitFatal || !strings.Contains(e, "bomb.xlsx") || !strings.Contains(e, "size") {
		t.Errorf("zip bomb: exit %d, message %q", code, e)
	}
}

// Cells holding a spreadsheet's error values, or junk left from one, are
// no job title: no code, needs review, on the Review sheet. In the
// workbook they are real error cells (t="e").
func TestSpreadsheetErrorTitles(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]string{"applicant_id", "job_title", "industry", "start_date", "hours_per_week"})
	errs := []string{"#DIV/0!", "#VALUE!", "#N/A", "#REF!"}
	for i := range errs {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &[]any{fmt.Sprint(i + 1), "placeholder", "Hospital", "2024-01-01", 40})
	}
	f.SetSheetRow("Sheet1", "A6", &[]any{"5", "foo/0!", "Retail", "2024-01-01", 40})
	f.SetSheetRow("Sheet1", "A7", &[]any{"6", "Cook", "Restaurant", "2024-01-01", 40})
	plain := filepath.Join(dir, "plain.xlsx")
	if err := f.SaveAs(plain); err != nil {
		t.Fatal(err)
	}
	// Turn B2:B5 into error cells.
	src, err := zip.OpenReader(plain)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range src.File {
		r, _ := zf.Open()
		data, _ := io.ReadAll(r)
		r.Close()
		if zf.Name == "xl/worksheets/sheet1.xml" {
			for i, e := range errs {
				cell := regexp.MustCompile(fmt.Sprintf(`<c r="B%d"[^>]*>.*?</c>`, i+2))
				data = cell.ReplaceAll(data, []byte(fmt.Sprintf(`<c r="B%d" t="e"><f>1/0</f><v>%s</v></c>`, i+2, e)))
			}
		}
		w, _ := zw.Create(zf.Name)
		w.Write(data)
	}
	src.Close()
	zw.Close()
	in := filepath.Join(dir, "errors.xlsx")
	os.WriteFile(in, buf.Bytes(), 0o644)

	out, report := filepath.Join(dir, "o.csv"), filepath.Join(dir, "o.xlsx")
	if code, _, e := runArgs(t, "run", in, "-o", out, "-o", report, "--as-of", "2026-11-01", "--quiet"); code != exitRowErrors {
		t.Fatalf("exit %d: %s", code, e)
	}
	rows := readBack(t, out)
	col := func(name string) int { return slices.Index(rows[0], name) }
	for _, r := range rows[1:6] {
		if r[col("noc_code")] != "" || r[col("needs_review")] != "true" || !strings.Contains(r[col("review_reasons")], "job_title_not_text") {
			t.Errorf("title %q: code %q, needs_review %s, reasons %q", r[1], r[col("noc_code")], r[col("needs_review")], r[col("review_reasons")])
		}
	}
	if rows[1][1] != "#DIV/0!" {
		t.Errorf("error cell read as %q", rows[1][1])
	}
	if r := rows[6]; r[col("noc_code")] == "" || r[col("needs_review")] != "false" {
		t.Errorf("the cook after them: %q", r)
	}
	x, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	review, _ := x.GetRows("Review")
	if len(review) != 6 {
		t.Errorf("Review sheet has %d rows, want the header and 5", len(review))
	}
}
