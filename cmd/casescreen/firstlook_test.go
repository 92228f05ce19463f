package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// screenCSV runs "casescreen run" on a CSV list with extra flags and
// returns the output rows as maps by header, and the summary.
func screenCSV(t *testing.T, list string, flags ...string) ([]map[string]string, map[string]any) {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(in, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	return screenFile(t, in, flags...)
}

func screenFile(t *testing.T, in string, flags ...string) ([]map[string]string, map[string]any) {
	t.Helper()
	dir := t.TempDir()
	out, sum := filepath.Join(dir, "out.csv"), filepath.Join(dir, "sum.json")
	args := append([]string{"run", in, "-o", out, "--as-of", "2026-11-01", "--quiet", "--summary", sum}, flags...)
	if code, _, e := runArgs(t, args...); code != exitOK && code != exitRowErrors {
		t.Fatalf("exit %d: %s", code, e)
	}
	return readRows(t, out), readSummary(t, sum)
}

func readRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		rows = append(rows, m)
	}
	return rows
}

func readSummary(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// A month/day/year list: "01/12/2023" is 12 January because "12/31/2024"
// in the next column settles the file's order, so the job's healthcare
// hours are those of the m/d/y reading, with no review.
func TestDateOrderAutoSettlesTheFile(t *testing.T) {
	const list = "Client ID,Job Title,Country,Start Date,End Date,Hours/Week\n" +
		"H1,Registered Nurse,Canada,01/12/2023,12/31/2024,40\n"
	auto, _ := screenCSV(t, list)
	mdy, _ := screenCSV(t, list, "--date-order", "mdy")
	dmy, _ := screenCSV(t, list, "--date-order", "dmy")
	a := auto[0]
	if a["start_date_used"] != "2023-01-12" || a["end_date_used"] != "2024-12-31" {
		t.Errorf("dates used %s..%s, want 2023-01-12..2024-12-31", a["start_date_used"], a["end_date_used"])
	}
	if a["qualifying_hours"] != mdy[0]["qualifying_hours"] || a["qualifying_hours"] == dmy[0]["qualifying_hours"] {
		t.Errorf("auto hours %q, mdy %q, dmy %q: want the m/d/y reading", a["qualifying_hours"], mdy[0]["qualifying_hours"], dmy[0]["qualifying_hours"])
	}
	if !strings.Contains(a["eligible_categories"], "healthcare") {
		t.Errorf("eligible %q, want healthcare", a["eligible_categories"])
	}
	if strings.Contains(a["review_reasons"], "date_order") {
		t.Errorf("settled dates still carry %q", a["review_reasons"])
	}
	if dmy[0]["start_date_used"] != "2023-12-01" || !strings.Contains(dmy[0]["review_reasons"], "date_order_assumed") {
		t.Errorf("--date-order dmy: %s, %q", dmy[0]["start_date_used"], dmy[0]["review_reasons"])
	}
}

// Columns of one file that disagree are settled one by one; a column with
// only ambiguous values reads d/m/y and its ambiguous rows need review.
func TestDateOrderAutoPerColumn(t *testing.T) {
	const list = "Client ID,Job Title,Country,Start Date,End Date,Hours/Week,Date of Birth\n" +
		"A1,Registered Nurse,Canada,31/01/2022,12/30/2023,40,02/03/1990\n" +
		"A2,Registered Nurse,Canada,03/04/2022,05/06/2023,40,01/01/1990\n"
	rows, _ := screenCSV(t, list)
	want := []struct{ start, end, review string }{
		{"2022-01-31", "2023-12-30", "date_order_unsettled"}, // date of birth 02/03/1990 is a guess
		{"2022-04-03", "2023-05-06", ""},
	}
	for i, w := range want {
		r := rows[i]
		if r["start_date_used"] != w.start || r["end_date_used"] != w.end {
			t.Errorf("row %d: %s..%s, want %s..%s", i+1, r["start_date_used"], r["end_date_used"], w.start, w.end)
		}
		if got := strings.Contains(r["review_reasons"], "date_order_unsettled"); got != (w.review != "") {
			t.Errorf("row %d: reasons %q", i+1, r["review_reasons"])
		}
	}
	if rows[0]["needs_review"] != "true" {
		t.Error("an unsettled ambiguous date does not need review")
	}
	// Nothing settles anything: d/m/y, to review.
	rows, _ = screenCSV(t, "Client ID,Job Title,Country,Start Date,End Date,Hours/Week\nB1,Cook,Canada,03/04/2022,,40\n")
	if r := rows[0]; r["start_date_used"] != "2022-04-03" || r["end_date_used"] != "2026-11-01" ||
		!strings.Contains(r["review_reasons"], "date_order_unsettled") || r["needs_review"] != "true" {
		t.Errorf("unsettled file: %s..%s %q review=%s", r["start_date_used"], r["end_date_used"], r["review_reasons"], r["needs_review"])
	}
}

// scatteredList has N1's two jobs apart, N2 between them; each job alone
// is short of the healthcare hours, both together meet them.
const scatteredList = "Client ID,Job Title,Country,Start Date,End Date,Hours/Week\n" +
	"N1,Registered Nurse,Canada,2024-06-03,2024-12-31,40\n" +
	"N2,Cashier,Canada,2024-01-01,2024-12-31,40\n" +
	"N1,Registered Nurse,Canada,2025-01-01,2025-07-31,40\n"

const sortedList = "Client ID,Job Title,Country,Start Date,End Date,Hours/Week\n" +
	"N1,Registered Nurse,Canada,2024-06-03,2024-12-31,40\n" +
	"N1,Registered Nurse,Canada,2025-01-01,2025-07-31,40\n" +
	"N2,Cashier,Canada,2024-01-01,2024-12-31,40\n"

func TestScatteredApplicantIsOnePerson(t *testing.T) {
	got, gotSum := screenCSV(t, scatteredList)
	want, wantSum := screenCSV(t, sortedList)
	if len(got) != 3 || got[0]["Client ID"] != "N1" || got[1]["Client ID"] != "N2" || got[2]["Client ID"] != "N1" {
		t.Fatalf("rows not in input order: %v", got)
	}
	sorted := map[string]map[string]string{} // by start date
	for _, r := range want {
		sorted[r["Start Date"]] = r
	}
	for i, r := range got {
		w := sorted[r["Start Date"]]
		for _, col := range []string{"eligible_categories", "review_categories", "qualifying_hours", "explanation", "crs_score"} {
			if r[col] != w[col] {
				t.Errorf("row %d %s: %q, sorted file %q", i+1, col, r[col], w[col])
			}
		}
	}
	if !strings.Contains(got[0]["eligible_categories"], "healthcare") {
		t.Errorf("N1 eligible %q, want healthcare (as in the sorted file)", got[0]["eligible_categories"])
	}
	for _, i := range []int{0, 2} {
		if !strings.Contains(got[i]["review_reasons"], "applicant_not_contiguous") || got[i]["needs_review"] != "false" {
			t.Errorf("N1 row %d: reasons %q, review %s: want the note only", i+1, got[i]["review_reasons"], got[i]["needs_review"])
		}
	}
	if gotSum["applicants"] != 2.0 || wantSum["applicants"] != 2.0 {
		t.Errorf("applicants %v (sorted %v), want 2", gotSum["applicants"], wantSum["applicants"])
	}
	if gotSum["applicants_by_category"] == nil || !sameJSON(gotSum["applicants_by_category"], wantSum["applicants_by_category"]) {
		t.Errorf("category counts differ from the sorted file's")
	}
}

func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// "run -" reads the list from standard input. A stream is read once: a
// scattered applicant is screened in separate groups and every row of its
// later groups needs review; it is still counted once.
func TestRunReadsStdin(t *testing.T) {
	dir := t.TempDir()
	out, sum := filepath.Join(dir, "out.csv"), filepath.Join(dir, "sum.json")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"run", "-", "-o", out, "--as-of", "2026-11-01", "--quiet", "--summary", sum},
		strings.NewReader(scatteredList), &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	rows, s := readRows(t, out), readSummary(t, sum)
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	for _, i := range []int{0, 2} { // N1's rows, the first one within the stream's first look
		if r := rows[i]; !strings.Contains(r["review_reasons"], "applicant_not_merged") || r["needs_review"] != "true" {
			t.Errorf("N1's row %d: %q review=%s", i+1, r["review_reasons"], r["needs_review"])
		}
	}
	if strings.Contains(rows[1]["review_reasons"], "applicant_not_merged") {
		t.Error("N2 flagged")
	}
	if strings.Contains(rows[0]["eligible_categories"], "healthcare") {
		t.Errorf("from stdin N1's rows were merged: %q", rows[0]["eligible_categories"])
	}
	if s["applicants"] != 2.0 {
		t.Errorf("applicants %v, want 2", s["applicants"])
	}
	if in := s["inputs"].([]any)[0].(map[string]any); in["name"] != "stdin" || in["rows"] != 3.0 {
		t.Errorf("summary input %v", in)
	}
	// The date order is settled from the stream's first rows too.
	stdout.Reset()
	code = run(context.Background(), []string{"run", "-", "-o", "-", "--as-of", "2026-11-01", "--quiet"},
		strings.NewReader("Client ID,Job Title,Country,Start Date,End Date,Hours/Week\nH1,Registered Nurse,Canada,01/12/2023,12/31/2024,40\n"), &stdout, &stderr)
	if code != exitOK || !strings.Contains(stdout.String(), "2023-01-12") {
		t.Errorf("stdin dates: exit %d\n%s", code, stdout.String())
	}
}

// An XLSX list can give an applicant's id once, in a cell merged over its
// rows: the blank cells under it are that applicant's, with a note.
func TestMergedApplicantCell(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"Client ID", "Job Title", "Country", "Start Date", "End Date", "Hours/Week"},
		{"N1", "Registered Nurse", "Canada", "2024-06-03", "2024-12-31", 40},
		{"", "Registered Nurse", "Canada", "2025-01-01", "2025-07-31", 40},
		{"N2", "Cashier", "Canada", "2024-01-01", "2024-12-31", 40},
		{"", "Cook", "Canada", "2024-01-01", "2024-12-31", 40}, // not merged: its own applicant
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	if err := f.MergeCell("Sheet1", "A2", "A3"); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "merged.xlsx")
	if err := f.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	got, sum := screenFile(t, in)
	_, sortedSum := screenCSV(t, sortedList)
	if got[1]["Client ID"] != "N1" || !strings.Contains(got[1]["review_reasons"], "applicant_id_merged") {
		t.Errorf("row under the merge: id %q reasons %q", got[1]["Client ID"], got[1]["review_reasons"])
	}
	if strings.Contains(got[0]["review_reasons"], "applicant_id_merged") || strings.Contains(got[3]["review_reasons"], "applicant_id_merged") {
		t.Error("a row outside the merge is noted")
	}
	if !strings.Contains(got[0]["eligible_categories"], "healthcare") || got[0]["qualifying_hours"] != got[1]["qualifying_hours"] {
		t.Errorf("N1 not screened as one: %q / %q", got[0]["qualifying_hours"], got[1]["qualifying_hours"])
	}
	if sum["applicants"] != 3.0 || sortedSum["applicants"] != 2.0 {
		t.Errorf("applicants %v, want 3 (N1, N2, the unmerged blank row)", sum["applicants"])
	}
}

// A field the run needs and the list lacks is said once: in the log, the
// summary JSON and the report's Summary sheet.
func TestMissingFieldSaidOnce(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "liste.csv")
	os.WriteFile(in, []byte("Numéro de dossier,Poste occupé,Pays,Date de fin,Heures par semaine\nF1,Infirmière,Canada,,40\nF2,Cuisinier,Canada,,40\nF3,Soudeur,Canada,,40\n"), 0o644)
	rep, sum := filepath.Join(dir, "r.xlsx"), filepath.Join(dir, "s.json")
	code, _, stderr := runArgs(t, "run", in, "-o", rep, "--as-of", "2026-11-01", "--log-format", "json", "--summary", sum)
	if code != exitRowErrors {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := strings.Count(stderr, "fields not found"); n != 1 || !strings.Contains(stderr, `"fields":["start_date"]`) {
		t.Errorf("the log says it %d times:\n%s", n, stderr)
	}
	s := readSummary(t, sum)
	if got, _ := json.Marshal(s["fields_not_found"]); string(got) != `["start_date"]` {
		t.Errorf("summary fields_not_found %s", got)
	}
	f, err := excelize.OpenFile(rep)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Summary")
	found := false
	for _, r := range rows {
		if len(r) >= 2 && r[0] == "Fields not found in the list" && r[1] == "start_date" {
			found = true
		}
	}
	if !found {
		t.Errorf("the Summary sheet does not say it: %v", rows)
	}
}

// A French list is read end to end: its jobs are matched and its dates used.
func TestFrenchListEndToEnd(t *testing.T) {
	rows, s := screenCSV(t, "Numéro de dossier,Titre du poste,Pays,Date de début,Date de fin,Heures par semaine,Code CNP\n"+
		"F1,Infirmière autorisée,Canada,2022-01-10,2025-06-30,37.5,31301\n")
	r := rows[0]
	if r["noc_code"] != "31301" || r["start_date_used"] != "2022-01-10" || r["end_date_used"] != "2025-06-30" ||
		!strings.Contains(r["eligible_categories"], "healthcare") {
		t.Errorf("French list: %v", r)
	}
	if s["fields_not_found"] != nil {
		t.Errorf("fields not found %v", s["fields_not_found"])
	}
}
