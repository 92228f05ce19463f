package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casescreen/casescreen/readers/readertest"
)

// Files a nightly job meets unattended (issue 14): each exits with the
// spec's code, writes every row it can recover with its reasons, never
// quotes a cell in a message, and leaves no output behind when it fails.
func TestBrokenFilesEndToEnd(t *testing.T) {
	dir := t.TempDir()
	rows := [][]string{{"Client ID", "Name", "Email", "Job Title", "Start Date", "Hours"}}
	for _, r := range [][]string{{"C-1", "Ann Lee", "ann@example.com", "Welder"}, {"C-2", "Bo Chen", "bo@example.com", "Cook"},
		{"C-3", "Cy Diaz", "cy@example.com", "Cashier"}, {"C-4", "Di Egan", "di@example.com", "Baker"}, {"C-5", "Ed Fox", "ed@example.com", "Nurse"}} {
		rows = append(rows, append(r, "2024-01-01", "40"))
	}
	sheet := readertest.SheetXML(rows)
	wb := func(name string, sheets ...readertest.Sheet) string {
		p := filepath.Join(dir, name)
		if err := (readertest.Workbook{Sheets: sheets}).Write(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	csvText := "Client ID,Name,Email,Job Title,Start Date,Hours\n"
	for _, r := range rows[1:] {
		csvText += strings.Join(r, ",") + "\n"
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	cellWithEntity := strings.Replace(sheet, ">Cook<", ">Cook &bogus;<", 1)
	xxe := `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + strings.Replace(strings.TrimPrefix(sheet, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"), ">Cook<", ">&xxe;<", 1)
	cut := readertest.CutAfter(sheet, `<row r="4"`)
	badRef := strings.Replace(sheet, `r="D3"`, `r="D3x"`, 1)
	tests := []struct {
		name    string
		path    string
		code    int
		rows    int
		reason  string
		message string
	}{
		{"undefined entity in one cell", wb("entity.xlsx", readertest.Sheet{Name: "Clients", XML: cellWithEntity}), exitRowErrors, 5, "xml_broken", ""},
		{"XXE entity not expanded", wb("xxe.xlsx", readertest.Sheet{Name: "Clients", XML: xxe}), exitRowErrors, 5, "xml_broken", ""},
		{"sheet XML cut mid-row", wb("cut.xlsx", readertest.Sheet{Name: "Clients", XML: cut}), exitFatal, 0, "", "after row 3"},
		{"malformed cell reference", wb("ref.xlsx", readertest.Sheet{Name: "Clients", XML: badRef}), exitRowErrors, 5, "cell_ref_invalid", ""},
		{"chart sheet first", wb("chart.xlsx", readertest.Sheet{Name: "Chart1", Chart: true}, readertest.Sheet{Name: "Clients", Rows: rows}), exitOK, 5, "", ""},
		{"cover sheet first", wb("cover.xlsx", readertest.Sheet{Name: "Cover", Rows: [][]string{{"Client list, 2026"}, {"Prepared by the office"}}},
			readertest.Sheet{Name: "Clients", Rows: rows}), exitOK, 5, "", ""},
		{"no sheet has a header", wb("none.xlsx", readertest.Sheet{Name: "Cover", Rows: [][]string{{"Ann Lee", "ann@example.com"}}}), exitFatal, 0, "", `"Cover"`},
		{"CR-only line ends", write("mac.csv", []byte(readertest.OldMac(csvText))), exitOK, 5, "line_ends_cr", ""},
		{"UTF-16 LE", write("le.csv", readertest.UTF16(csvText, false)), exitOK, 5, "decoded_utf16", ""},
		{"UTF-16 BE", write("be.csv", readertest.UTF16(csvText, true)), exitOK, 5, "decoded_utf16", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".csv")
			code, _, stderr := runArgs(t, "run", tt.path, "-o", out, "--as-of", "2026-11-01", "--log-format", "console")
			if code != tt.code {
				t.Fatalf("exit %d, want %d: %s", code, tt.code, stderr)
			}
			for _, r := range rows[1:] {
				if strings.Contains(stderr, r[1]) || strings.Contains(stderr, r[2]) {
					t.Errorf("stderr quotes a cell: %s", stderr)
				}
			}
			if strings.Contains(stderr, "root:") {
				t.Error("an external entity was expanded")
			}
			if tt.message != "" && !strings.Contains(stderr, tt.message) {
				t.Errorf("message %q lacks %q", stderr, tt.message)
			}
			if tt.code == exitFatal {
				if _, err := os.Stat(out); err == nil {
					t.Error("a failed run left an output")
				}
				return
			}
			got := readBack(t, out)
			if len(got)-1 != tt.rows {
				t.Errorf("%d rows out, want %d", len(got)-1, tt.rows)
			}
			if tt.reason != "" {
				data, _ := os.ReadFile(out)
				if !strings.Contains(string(data), tt.reason) {
					t.Errorf("no %s in the output", tt.reason)
				}
			}
			if strings.Contains(tt.path, ".csv") && got[1][1] != "Ann Lee" {
				t.Errorf("first row decoded as %q", got[1])
			}
		})
	}
}
