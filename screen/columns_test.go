package screen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDetectColumns(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   map[Field]int
		wide   int // number of jobs in the wide shape, 0 for long
		err    string
	}{
		{
			name:   "canonical",
			header: []string{"applicant_id", "job_title", "country", "start_date", "end_date", "hours_per_week"},
			want:   map[Field]int{ApplicantID: 0, JobTitle: 1, Country: 2, StartDate: 3, EndDate: 4, HoursPerWeek: 5},
		},
		{
			name:   "synonyms, case and punctuation",
			header: []string{"Client ID", "Full Name", "Current Job Title", "Employer", "Start Date", "Hours/Week", "NOC", "French Reading"},
			want:   map[Field]int{ApplicantID: 0, JobTitle: 2, Employer: 3, StartDate: 4, HoursPerWeek: 5, NOCCode: 6, FrenchReading: 7},
		},
		{
			name:   "occupation and position",
			header: []string{"Occupation", "Date From", "Date To"},
			want:   map[Field]int{JobTitle: 0, StartDate: 1, EndDate: 2},
		},
		{
			name:   "wide",
			header: []string{"File No.", "Job1 Title", "Job1 Start", "Job1 End", "Job2 Title", "job_2_hours", "Title3"},
			want:   map[Field]int{ApplicantID: 0},
			wide:   3,
		},
		{
			name:   "no title",
			header: []string{"Name", "Email", "Start"},
			err:    `no job title or NOC code column among the headers ["Name" "Email" "Start"]`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := DetectColumns(tt.header, nil)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for f, i := range tt.want {
				if c.Fields[f] != i {
					t.Errorf("%s at column %d, want %d", f, c.Fields[f], i)
				}
			}
			if tt.wide > 0 {
				if !c.Wide || len(c.Jobs) != tt.wide {
					t.Fatalf("wide=%v jobs=%d, want %d jobs", c.Wide, len(c.Jobs), tt.wide)
				}
				if c.Jobs[0][JobTitle] != 1 || c.Jobs[0][StartDate] != 2 || c.Jobs[1][HoursPerWeek] != 5 || c.Jobs[2][JobTitle] != 6 {
					t.Errorf("wide job columns wrong: %v", c.Jobs)
				}
			}
		})
	}
}

func TestMapOverridesDetection(t *testing.T) {
	p := filepath.Join(t.TempDir(), "map.csv")
	os.WriteFile(p, []byte("field,column\njob_title,Poste occupé\napplicant_id,Dossier\n"), 0o644)
	m, err := LoadMapping(p)
	if err != nil {
		t.Fatal(err)
	}
	c, err := DetectColumns([]string{"Dossier", "Title", "Poste occupé"}, m)
	if err != nil {
		t.Fatal(err)
	}
	if c.Fields[JobTitle] != 2 || c.Fields[ApplicantID] != 0 {
		t.Errorf("mapping not applied: %v", c.Fields)
	}
	if _, err := DetectColumns([]string{"A"}, map[string]string{"job_title": "B"}); err == nil {
		t.Error("a mapping to a missing column was accepted")
	}
	if _, err := DetectColumns([]string{"A"}, map[string]string{"salary": "A"}); err == nil {
		t.Error("a mapping of an unknown field was accepted")
	}
}
