package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestColumnsCommand runs "casescreen columns" on headers a run reads
// fully, partly and not at all, and checks what it says each column
// becomes, what is missing and the --map lines it offers.
func TestColumnsCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	messy := write("messy.csv", "Client,Position held,Date commenced,Finished,Hrs,Client name\n1,Nurse,2020-01-01,,40,\"Doe, Jane\"\n")
	french := write("francais.csv", "No de dossier,Poste occupé,Employeur,Date de début,Date de fin,Pays,Heures par semaine\n1,Nurse,CHUM,2020-01-01,,Canada,37.5\n")
	mapFile := write("map.csv", "field,column\njob_title,Position held\nstart_date,Date commenced\n")
	badMap := write("badmap.csv", "field,column\njob_title,Job held\n")
	unknownField := write("unknown.csv", "field,column\njob_tittle,Position held\n")

	// A workbook whose first sheet is a cover page.
	book := filepath.Join(dir, "cover.xlsx")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Cover")
	f.SetCellValue("Cover", "A1", "Client list, confidential")
	f.NewSheet("Clients")
	f.SetSheetRow("Clients", "A1", &[]any{"Case #", "Occupation", "From", "To"})
	f.SetSheetRow("Clients", "A2", &[]any{"7", "Welder", "2021-01-01", "2024-01-01"})
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name     string
		args     []string
		code     int
		want     []string // lines (after trimming spaces) or fragments that must be in stdout
		notWant  []string
		inStderr string
	}{
		{name: "sample", args: []string{"../../samples/clients_long.csv"}, code: 0,
			want:    []string{"one job per row", "A       Client ID               applicant_id", "D       Job Title               job_title", "P       Date of Birth           date_of_birth", "AA      Settlement Funds (CAD)  settlement_funds_cad", "B       Full Name               -", "Every field a run reads was found."},
			notWant: []string{"Not found", "--map FILE"}},
		{name: "no title", args: []string{messy}, code: 1,
			want: []string{"job_title        required: no row can be screened", "job_title,Position held", "end_date,Finished", "start_date,<your header>", "E       Hrs             hours_per_week", "profile columns  no applicant profile"},
			// the candidates come before the placeholders
			inStderr: "a run cannot start"},
		{name: "mapped", args: []string{messy, "--map", mapFile}, code: 0,
			want:    []string{"B       Position held   job_title (--map)", "C       Date commenced  start_date (--map)", "end_date,Finished"},
			notWant: []string{"job_title,", "start_date,", "required"}},
		{name: "map names a missing column", args: []string{messy, "--map", badMap}, code: 1,
			want: []string{"The --map file does not fit this input", `field job_title names column "Job held"`}},
		{name: "map names an unknown field", args: []string{messy, "--map", unknownField}, code: 1,
			inStderr: `unknown field "job_tittle"`},
		{name: "wide", args: []string{"../../samples/clients_wide.xlsx"}, code: 0,
			want:    []string{`sheet "Clients"`, "2 jobs side by side", "D       Job1 Title        job1_job_title", "Job1 Industry, Job2 Industry ...", "education_level,<your header>"},
			notWant: []string{"job1_industry,"}},
		{name: "cover sheet passed over", args: []string{book}, code: 0,
			want: []string{`sheet "Clients"`, `sheet "Cover" passed over`, "B       Occupation  job_title", "C       From        start_date", "D       To          end_date"}},
		{name: "french headers", args: []string{french}, code: 0,
			want:    []string{"B       Poste occupé        job_title", "D       Date de début       start_date", "G       Heures par semaine  hours_per_week", "industry,<your header>"},
			notWant: []string{"start_date,", "country,"}},
		{name: "two files", args: []string{"../../samples/clients_long.csv", messy}, code: 1,
			want: []string{"clients_long.csv (csv, header on row 1)", "messy.csv (csv, header on row 1)"}},
		{name: "no file", args: []string{}, code: 2, inStderr: "want a FILE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runArgs(t, append([]string{"columns"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("stdout has %q:\n%s", w, out)
				}
			}
			if tt.inStderr != "" && !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.inStderr, stderr)
			}
			if strings.Contains(out+stderr, "Doe") || strings.Contains(out+stderr, "Nurse") {
				t.Errorf("a data cell reached the output:\n%s\n%s", out, stderr)
			}
		})
	}
	// The map lines with a likely column come before the placeholders.
	_, out, _ := runArgs(t, "columns", messy)
	if i, j := strings.Index(out, "end_date,Finished"), strings.Index(out, "start_date,<your header>"); i < 0 || j < i {
		t.Errorf("map lines out of order:\n%s", out)
	}
}
