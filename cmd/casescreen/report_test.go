package main

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// reportInput is the long sample plus rows that exercise the report: a
// NOC code with leading zeros, a formula-looking title, numbers.
func reportInput(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../samples/clients_long.csv")
	if err != nil {
		t.Fatal(err)
	}
	extra := "C-1021,Nadia Roy,nadia.r@example.com,Chief Financial Officer,Bell,Telecom,Canada,2020-01-01,,45,00012,,,,,leading zeros\n" +
		"C-1022,Ben Ito,ben.i@example.com,=1+2,Acme,,Canada,2024-01-01,,40,,,,,,formula title\n"
	p := filepath.Join(t.TempDir(), "clients.csv")
	if err := os.WriteFile(p, append(data, extra...), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// dumpWorkbook renders every sheet's cell values, tab-separated, for the
// golden comparison. The input checksum row is replaced: the temp path
// differs per run but the content does not.
func dumpWorkbook(t *testing.T, f *excelize.File) string {
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sh)
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t"))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func TestReportGolden(t *testing.T) {
	in := reportInput(t)
	out := filepath.Join(t.TempDir(), "report.xlsx")
	if code, _, e := runArgs(t, "run", in, "-o", out, "--as-of", "2026-11-01", "--quiet"); code != exitRowErrors {
		t.Fatalf("exit %d: %s", code, e)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	if got, want := f.GetSheetList(), []string{"Summary", "Applicants", "Review", "Unmatched titles", "Rows"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	golden(t, "report.golden.txt", dumpWorkbook(t, f))
	checkOOXML(t, out)

	// Frozen header, filter and repeated header row on the table sheets.
	names := f.GetDefinedName()
	has := func(name, scope string) bool {
		for _, n := range names {
			if n.Name == name && n.Scope == scope {
				return true
			}
		}
		return false
	}
	for _, sh := range []string{"Applicants", "Rows", "Review", "Unmatched titles"} {
		panes, err := f.GetPanes(sh)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes %+v, %v: want the header frozen", sh, panes, err)
		}
		if !has("_xlnm._FilterDatabase", sh) {
			t.Errorf("%s: no filter", sh)
		}
		if !has("_xlnm.Print_Titles", sh) {
			t.Errorf("%s: header row not repeated when printed", sh)
		}
	}
	if !has("_xlnm.Print_Area", "Rows") {
		t.Error("Rows prints every column")
	}
	for _, sh := range f.GetSheetList() {
		if l, err := f.GetPageLayout(sh); err != nil || l.Orientation == nil || *l.Orientation != "landscape" || l.FitToWidth == nil || *l.FitToWidth != 1 {
			t.Errorf("%s: page layout %+v, %v: want landscape, one page wide", sh, l, err)
		}
	}

	header, _ := f.GetRows("Rows")
	col := func(name string) string {
		i := slices.Index(header[0], name)
		if i < 0 {
			t.Fatalf("no column %s", name)
		}
		c, _ := excelize.ColumnNumberToName(i + 1)
		return c
	}
	last := len(header) // the CFO row is second to last
	cfo := fmt.Sprint(last - 1)
	// NOC codes stored as text keep their zeros; scores and hours are numbers; dates are dates.
	checks := []struct {
		cell   string
		typ    excelize.CellType
		value  string
		numFmt int
	}{
		{col("noc_code") + cfo, excelize.CellTypeInlineString, "00012", -1},
		{col("NOC") + cfo, excelize.CellTypeInlineString, "00012", -1},
		{col("match_score") + cfo, excelize.CellTypeNumber, "1.00", 2},
		{col("Hours/Week") + cfo, excelize.CellTypeNumber, "45", -1},
		{col("Start Date") + cfo, excelize.CellTypeNumber, "2020-01-01", -1},
		{col("Job Title") + fmt.Sprint(last), excelize.CellTypeInlineString, "'=1+2", -1},
	}
	for _, c := range checks {
		typ, _ := f.GetCellType("Rows", c.cell)
		v, _ := f.GetCellValue("Rows", c.cell)
		// Numbers carry no type attribute (unset); strings are inline when streamed.
		same := typ == c.typ || c.typ == excelize.CellTypeInlineString && typ == excelize.CellTypeSharedString ||
			c.typ == excelize.CellTypeNumber && typ == excelize.CellTypeUnset
		if !same {
			t.Errorf("%s: type %v, want %v", c.cell, typ, c.typ)
		}
		if c.value != "" && v != c.value {
			t.Errorf("%s: value %q, want %q", c.cell, v, c.value)
		}
		if c.numFmt >= 0 {
			id, _ := f.GetCellStyle("Rows", c.cell)
			st, _ := f.GetStyle(id)
			if st == nil || st.NumFmt != c.numFmt {
				t.Errorf("%s: number format %+v, want %d", c.cell, st, c.numFmt)
			}
		}
	}
	if formula, _ := f.GetCellFormula("Rows", col("Job Title")+fmt.Sprint(last)); formula != "" {
		t.Errorf("a title became the formula %q", formula)
	}
	// Status colours are cell styles, not conditional formats (LibreOffice
	// cannot export a sheet whose conditional formats read boolean cells).
	if cf, _ := f.GetConditionalFormats("Rows"); len(cf) != 0 {
		t.Errorf("%d conditional formats on Rows", len(cf))
	}
	fill := func(cell string) string {
		id, _ := f.GetCellStyle("Rows", cell)
		st, _ := f.GetStyle(id)
		if st == nil || len(st.Fill.Color) == 0 {
			return ""
		}
		return st.Fill.Color[0]
	}
	for i, r := range header[1:] {
		cell := col("needs_review") + fmt.Sprint(i+2)
		want := "C6EFCE" // green
		if r[slices.Index(header[0], "needs_review")] == "TRUE" {
			want = "FFC7CE" // red
		}
		if got := fill(cell); !strings.EqualFold(got, want) && !strings.EqualFold(got, "FF"+want) {
			t.Errorf("%s: fill %q, want %s", cell, got, want)
		}
	}
	// A chart of the category table with the categories' names.
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	chart := false
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			chart = strings.Contains(string(b), "barChart>") && strings.Contains(string(b), "Summary!$A$") &&
				strings.Contains(string(b), `majorUnit val="1"`)
		}
	}
	if !chart {
		t.Error("no bar chart of the Summary's category table with whole-number steps")
	}
	// The Unmatched titles sheet reads as an overrides file.
	un, _ := f.GetRows("Unmatched titles")
	if len(un) < 2 || !slices.Equal(un[0][:3], []string{"job_title", "noc_code", "industry"}) {
		t.Errorf("Unmatched titles header %q", un[0])
	}
}

// LibreOffice opens what we write: convert the report headless and check
// cells in the CSV it makes of the Rows sheet. CI installs LibreOffice
// (libreoffice-calc-nogui); elsewhere the test skips without it.
func TestReportOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui")
		}
		t.Skip("soffice not installed")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "report.xlsx")
	if code, _, e := runArgs(t, "run", reportInput(t), "-o", out, "--as-of", "2026-11-01", "--quiet"); code != exitRowErrors {
		t.Fatalf("exit %d: %s", code, e)
	}
	// Sheet index -1: every sheet to its own CSV, report-SheetName.csv.
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "lo-profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1", "--outdir", dir, out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	data, err := os.ReadFile(filepath.Join(dir, "report-Rows.csv"))
	if err != nil {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("%v (made: %v)", err, entries)
	}
	text := string(data)
	for _, want := range []string{"noc_code", "Staff RN - ICU", "31301", "00012", "'=1+2"} {
		if !strings.Contains(text, want) {
			t.Errorf("LibreOffice's CSV of Rows lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "report-Summary.csv")); err != nil {
		t.Errorf("no Summary sheet in LibreOffice's conversion: %v", err)
	}
}

// No text cell on any sheet of the report starts like a formula: input
// file names on the Summary, titles on the Review and Unmatched sheets,
// cells on Rows.
func TestReportNeutralisesEverySheet(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "=HYPERLINK(1).csv")
	os.WriteFile(in, []byte("applicant_id,job_title,industry,start_date,hours_per_week\n@A1,=cmd|x,+bad,2024-01-01,40\n-B2,@SUM(1),=x,2024-01-01,\n"), 0o644)
	out := filepath.Join(dir, "r.xlsx")
	if code, _, e := runArgs(t, "run", in, "-o", out, "--as-of", "2026-11-01", "--quiet"); code != exitRowErrors {
		t.Fatalf("exit %d: %s", code, e)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := 0
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for i, r := range rows {
			for j, c := range r {
				if c == "" {
					continue
				}
				if strings.ContainsAny(c[:1], "=+@") || c[0] == '-' && len(c) > 1 && (c[1] < '0' || c[1] > '9') {
					t.Errorf("%s row %d col %d: %q starts like a formula", sh, i+1, j+1, c)
				}
				if strings.HasPrefix(c, "'=") || strings.HasPrefix(c, "'@") {
					seen++
				}
			}
		}
	}
	if seen < 4 {
		t.Errorf("only %d neutralised cells found; the input has more", seen)
	}
}
