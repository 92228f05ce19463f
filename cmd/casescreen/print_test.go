package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// needTool finds a program CI installs (.ci/run); elsewhere the test skips
// without it.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed; .ci/run installs %s", name, pkg)
		}
		t.Skipf("%s not installed (Debian package %s)", name, pkg)
	}
	return p
}

// pdfOf converts a workbook to PDF with LibreOffice headless and returns
// its text and page count.
func pdfOf(t *testing.T, xlsx string) (text string, pages int) {
	t.Helper()
	soffice := needTool(t, "soffice", "libreoffice-calc-nogui")
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	pdfinfo := needTool(t, "pdfinfo", "poppler-utils")
	dir := filepath.Dir(xlsx)
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "lo-profile"),
		"--convert-to", "pdf", "--outdir", dir, xlsx)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	pdf := strings.TrimSuffix(xlsx, ".xlsx") + ".pdf"
	if _, err := os.Stat(pdf); err != nil {
		b, _ := cmd.CombinedOutput()
		t.Fatalf("LibreOffice made no PDF of %s: %s", filepath.Base(xlsx), b)
	}
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command(pdfinfo, pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: %s", info)
	}
	pages, _ = strconv.Atoi(string(m[1]))
	return string(out), pages
}

// listWith writes a client list of n rows with extra input columns.
func listWith(t *testing.T, dir string, n, extra int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("Client ID,Job Title,Country,Start Date,End Date,Hours")
	for i := range extra {
		fmt.Fprintf(&b, ",Extra %d", i+1)
	}
	b.WriteString("\n")
	titles := []string{"Registered nurse", "Welder", "Cook", "Software developer", "Truck driver", "Cashier", "Carpenter"}
	for i := range n {
		hours := "40"
		if i%9 == 4 {
			hours = "PT" // some rows for the Review sheet
		}
		fmt.Fprintf(&b, "C-%d,%s,Canada,2022-0%d-01,,%s", i/2, titles[i%len(titles)], 1+i%9, hours)
		for range extra {
			b.WriteString(",x")
		}
		b.WriteString("\n")
	}
	p := filepath.Join(dir, fmt.Sprintf("list-%d-%d.csv", n, extra))
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The report converts to PDF with LibreOffice headless; the PDF holds the
// Summary's figures, and its page count grows with the rows, not with the
// columns.
func TestReportPrintsAsPDF(t *testing.T) {
	needTool(t, "soffice", "libreoffice-calc-nogui")
	dir := t.TempDir()
	report := func(in string) string {
		out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(in), ".csv")+".xlsx")
		if code, _, e := runArgs(t, "run", in, "-o", out, "--as-of", "2026-11-01", "--quiet"); code != exitOK && code != exitRowErrors {
			t.Fatalf("exit %d: %s", code, e)
		}
		return out
	}
	sample := report(reportInput(t))
	text, _ := pdfOf(t, sample)
	f, err := excelize.OpenFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	applicants, _ := f.GetCellValue("Summary", "B8")
	f.Close()
	for _, want := range []string{"casescreen report", "Applicants", applicants, "Healthcare and social services", "What most often needs checking", "C-1002", "Staff RN - ICU"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	_, small := pdfOf(t, report(listWith(t, dir, 30, 0)))
	_, wide := pdfOf(t, report(listWith(t, dir, 30, 40)))
	_, long := pdfOf(t, report(listWith(t, dir, 600, 0)))
	t.Logf("pages: 30 rows %d, 30 rows with 40 more columns %d, 600 rows %d", small, wide, long)
	if wide != small {
		t.Errorf("40 more input columns changed the pages from %d to %d", small, wide)
	}
	if long <= small {
		t.Errorf("600 rows print on %d pages, 30 rows on %d", long, small)
	}
}

// --per-applicant writes one workbook per applicant holding only that
// applicant's rows; nothing of other clients is inside.
func TestPerApplicantWorkbooks(t *testing.T) {
	dir := t.TempDir()
	per := filepath.Join(dir, "clients")
	in := "../../samples/clients_long.csv"
	if code, _, e := runArgs(t, "run", in, "-o", filepath.Join(dir, "r.csv"), "--per-applicant", per, "--as-of", "2026-11-01", "--quiet"); code != exitRowErrors {
		t.Fatalf("exit %d: %s", code, e)
	}
	rows := readBack(t, filepath.Join(dir, "r.csv"))
	byID := map[string][][]string{}
	for _, r := range rows[1:] {
		byID[r[0]] = append(byID[r[0]], r)
	}
	entries, _ := os.ReadDir(per)
	seen := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind %s", e.Name())
			continue
		}
		if !regexp.MustCompile(`^[A-Za-z0-9._-]+\.xlsx$`).MatchString(e.Name()) {
			t.Errorf("file name %q is not safe", e.Name())
		}
		checkOOXML(t, filepath.Join(per, e.Name()))
		f, err := excelize.OpenFile(filepath.Join(per, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); strings.Join(got, ",") != "Applicant,Review,Rows" {
			t.Errorf("%s: sheets %q", e.Name(), got)
		}
		wbRows, _ := f.GetRows("Rows")
		id := wbRows[1][0]
		var cells []string
		for _, sh := range f.GetSheetList() {
			rs, _ := f.GetRows(sh)
			for _, r := range rs {
				cells = append(cells, r...)
			}
		}
		f.Close()
		all := strings.Join(cells, "\n")
		for other, rs := range byID {
			if other == id {
				continue
			}
			for _, r := range rs {
				if strings.Contains(all, r[1]) || strings.Contains(all, r[2]) { // another client's name or email
					t.Errorf("%s holds %s's data", e.Name(), other)
				}
			}
		}
		for _, r := range wbRows[1:] {
			if r[0] != id {
				t.Errorf("%s: row of %s among %s's", e.Name(), r[0], id)
			}
		}
		seen += len(wbRows) - 1
	}
	if seen != len(rows)-1 {
		t.Errorf("the workbooks hold %d rows, the list %d", seen, len(rows)-1)
	}
	// A run that fails leaves the folder as it was.
	before, _ := os.ReadDir(per)
	code, _, _ := runArgs(t, "run", in, "-o", filepath.Join(dir, "r2.csv"), "--per-applicant", per, "--strict", "--as-of", "2026-11-01", "--quiet")
	after, _ := os.ReadDir(per)
	if code != exitFatal || len(after) != len(before) {
		t.Errorf("a stopped run: exit %d, folder %d entries, was %d", code, len(after), len(before))
	}
}

// The Applicants sheet carries no personal column unless asked to.
func TestCarryColumns(t *testing.T) {
	dir := t.TempDir()
	in := "../../samples/clients_long.csv"
	header := func(args ...string) []string {
		out := filepath.Join(dir, "r.xlsx")
		if code, _, e := runArgs(t, append([]string{"run", in, "-o", out, "--as-of", "2026-11-01", "--quiet"}, args...)...); code != exitRowErrors {
			t.Fatalf("exit %d: %s", code, e)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows("Applicants")
		return rows[0]
	}
	if h := strings.Join(header(), ","); strings.Contains(h, "Full Name") || strings.Contains(h, "Email") {
		t.Errorf("personal columns on Applicants by default: %s", h)
	}
	if h := header("--carry", "Full Name,Email"); len(h) < 3 || h[1] != "Full Name" || h[2] != "Email" {
		t.Errorf("--carry: header %q", h)
	}
	if code, _, e := runArgs(t, "run", in, "-o", filepath.Join(dir, "x.xlsx"), "--carry", "Shoe Size", "--log-format", "console"); code != exitUsage || !strings.Contains(e, "Shoe Size") {
		t.Errorf("--carry of a missing column: exit %d, %q", code, e)
	}
}
