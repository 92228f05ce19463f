package screen

import (
	"context"
	"strings"
	"testing"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/rules"
)

func TestProfileHeaders(t *testing.T) {
	header := []string{"Client ID", "Job Title", "Date of Birth", "État civil", "Education", "ECA", "Language Test", "Test Date",
		"Reading", "Writing", "Listening", "Speaking", "Settlement Funds (CAD)", "Provincial Nomination", "Job Offer", "Enfants à charge",
		"Province", "French Reading", "Sibling in Canada"}
	c, err := DetectColumns(header, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[rules.Field]int{rules.FieldDateOfBirth: 2, rules.FieldMaritalStatus: 3, rules.FieldEducationLevel: 4, rules.FieldECA: 5,
		rules.FieldLang1Test: 6, rules.FieldLang1TestDate: 7, rules.FieldLang1Reading: 8, rules.FieldLang1Speaking: 11,
		rules.FieldSettlementFunds: 12, rules.FieldProvincialNomination: 13, rules.FieldJobOffer: 14, rules.FieldDependentChildren: 15,
		rules.FieldIntendedProvince: 16, rules.FieldFrenchReading: 17, rules.FieldSiblingInCanada: 18}
	for f, i := range want {
		if c.Profile[f] != i {
			t.Errorf("%s: column %d, want %d (%q)", f, c.Profile[f], i, header[i])
		}
	}
	if c.Profile[rules.FieldAge] != -1 || c.Fields[JobTitle] != 1 {
		t.Errorf("age %d, title %d", c.Profile[rules.FieldAge], c.Fields[JobTitle])
	}
	// --map names profile fields too.
	c, err = DetectColumns([]string{"Title", "Born"}, map[string]string{"date_of_birth": "Born"})
	if err != nil || c.Profile[rules.FieldDateOfBirth] != 1 {
		t.Errorf("mapped date of birth: %v, %d", err, c.Profile[rules.FieldDateOfBirth])
	}
}

func screenList(t *testing.T, csv string) (*Job, []pipeline.Record) {
	t.Helper()
	job, err := Open(Config{Inputs: []string{writeFile(t, "in.csv", csv)}, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	sink := &memSink{}
	if _, err := job.Run(context.Background(), sink); err != nil {
		t.Fatal(err)
	}
	return job, sink.rows
}

func out(job *Job, r pipeline.Record, col string) string {
	s := job.Schema()
	return r.Out[s.Column(col)].Text
}

// An applicant's profile may sit on any of its rows; two different values
// are a reason on the row that differs.
func TestProfileOnAnyRowAndDiffering(t *testing.T) {
	job, rows := screenList(t, "Client ID,Job Title,Country,Start Date,Hours,Date of Birth,Education,Language Test,Test Date,Reading,Writing,Listening,Speaking\n"+
		"A,Welder,Canada,2021-01-01,40,,,,,,,,\n"+
		"A,Welder,Canada,2018-01-01,40,1990-01-01,bachelors,CELPIP,2026-01-10,9,9,9,9\n"+
		"B,Cook,Canada,2022-01-01,40,1985-05-05,,,,,,,\n"+
		"B,Cook,Canada,2020-01-01,40,1985-06-06,,,,,,,\n")
	if got := out(job, rows[0], "crs_score"); got == "" || out(job, rows[1], "crs_score") != got {
		t.Errorf("A's CRS %q on its first row, %q on its second: want the same, computed from the second row's profile", got, out(job, rows[1], "crs_score"))
	}
	if !rows[3].HasProblem(rules.ReasonApplicantValuesDiffer) || rows[2].HasProblem(rules.ReasonApplicantValuesDiffer) {
		t.Errorf("B's differing date of birth: reasons %q / %q", out(job, rows[2], "review_reasons"), out(job, rows[3], "review_reasons"))
	}
	if !strings.Contains(out(job, rows[0], "explanation"), "CRS") {
		t.Errorf("explanation %q", out(job, rows[0], "explanation"))
	}
}

// A wide list whose jobs carry only NOC codes works, and a job's reason
// names the job.
func TestWideListWithCodesOnly(t *testing.T) {
	job, rows := screenList(t, "Client ID,job1_noc_code,job1_country,job1_start_date,job1_end_date,job1_hours_per_week,"+
		"job2_noc_code,job2_country,job2_start_date,job2_end_date,job2_hours_per_week\n"+
		"W1,31301,Canada,2021-01-01,,40,32101,Canada,2019-01-01,2020-12-31,\n")
	r := rows[0]
	if got := out(job, r, "eligible_categories"); got != "healthcare" {
		t.Errorf("eligible %q, want healthcare", got)
	}
	if got := out(job, r, "noc_code"); got != "31301 | 32101" {
		t.Errorf("codes %q", got)
	}
	if got := out(job, r, "cec_status"); got != "not_eligible" && got != "review" {
		t.Errorf("cec %q", got)
	}
	if !strings.Contains(out(job, r, "review_reasons"), "hours_missing") {
		t.Errorf("reasons %q: want the second job's missing hours", out(job, r, "review_reasons"))
	}
}

// Job reasons of the assessment name the job in the wide shape
// (job2_...), and are the row's own code in the long shape.
func TestJobReasonsNamed(t *testing.T) {
	job, rows := screenList(t, "Client ID,job1_noc_code,job1_country,job1_start_date,job1_hours_per_week,job2_noc_code,job2_country,job2_start_date,job2_hours_per_week,"+
		"Date of Birth,Education,Language Test,Test Date,Reading,Writing,Listening,Speaking\n"+
		"W1,21232,Canada,2024-06-01,40,21232,,2023-01-01,40,1990-01-01,bachelors,CELPIP,2026-01-10,9,9,9,9\n")
	if got := out(job, rows[0], "review_reasons"); !strings.Contains(got, "job2_country_unknown") {
		t.Errorf("reasons %q: want job2_country_unknown", got)
	}
}
