package screen

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/rules"
)

var asOf = rules.MakeDate(2026, 11, 1)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const goodList = "applicant_id,job_title,country,start_date,end_date,hours_per_week\n" +
	"1,Welder,Canada,2023-01-01,,40\n1,Welder,Canada,2020-01-01,2022-12-31,40\n2,Cook,Canada,2024-01-01,,\n"

// Broken configuration fails in Open, before any input is read, naming the
// file at fault.
func TestOpenChecksConfiguration(t *testing.T) {
	in := writeFile(t, "in.csv", goodList)
	badRules := writeFile(t, "rules.json", `{"format": "casescreen-rules/1", "rule_sets": [{"name": "x", "bogus": 1}]}`)
	badMap := writeFile(t, "map.csv", "job_title,Job Title,extra\n")
	unknownField := writeFile(t, "map2.csv", "shoe_size,Job Title\n")
	badOverrides := writeFile(t, "over.csv", "job_title,noc_code\nWelder,99999\n")
	badElements := writeFile(t, "elements.csv", "not,a,noc,file\n")
	for _, c := range []struct {
		name string
		cfg  Config
		file string // the file the error must name
	}{
		{"rules file", Config{Rules: badRules}, badRules},
		{"map line", Config{MapFile: badMap}, badMap},
		{"map field", Config{MapFile: unknownField}, unknownField},
		{"overrides", Config{Overrides: badOverrides}, badOverrides},
		{"elements", Config{NOCElements: badElements}, badElements},
		{"missing overrides", Config{Overrides: filepath.Join(t.TempDir(), "none.csv")}, "none.csv"},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.cfg.Inputs, c.cfg.AsOf = []string{in}, asOf
			_, err := Open(c.cfg)
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a ConfigError", err)
			}
			if ce.File != c.file && !strings.Contains(ce.File, c.file) {
				t.Errorf("ConfigError.File = %q, want %q", ce.File, c.file)
			}
			if !strings.Contains(err.Error(), filepath.Base(c.file)) {
				t.Errorf("message %q does not name %s", err, filepath.Base(c.file))
			}
		})
	}
	_, err := Open(Config{Inputs: []string{in}, AsOf: asOf, Rules: "1999"})
	var ue *UnknownRuleSetError
	if !errors.As(err, &ue) {
		t.Errorf("unknown rule set: err = %v, want UnknownRuleSetError", err)
	}
	if _, err := Open(Config{Inputs: []string{in}, AsOf: asOf, Threshold: 1.5}); err == nil {
		t.Error("threshold 1.5 accepted")
	}
	if _, err := Open(Config{Inputs: []string{in}}); err == nil {
		t.Error("no as-of date accepted")
	}
}

type memSink struct {
	rows             []pipeline.Record
	summary          *Summary
	closed, aborted  bool
	failWrite, fails bool
}

func (m *memSink) Write(recs []*pipeline.Record) error {
	if m.failWrite {
		return errors.New("disk full")
	}
	for _, r := range recs {
		m.rows = append(m.rows, *r)
	}
	return nil
}
func (m *memSink) Close() error         { m.closed = true; return nil }
func (m *memSink) Abort() error         { m.aborted = true; return nil }
func (m *memSink) Summarize(s *Summary) { m.summary = s }

func TestRunSummarizesAndClosesSinks(t *testing.T) {
	in := writeFile(t, "in.csv", goodList)
	job, err := Open(Config{Inputs: []string{in}, AsOf: asOf, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	a, b := &memSink{}, &memSink{}
	sum, err := job.Run(context.Background(), a, b)
	if err != nil {
		t.Fatal(err)
	}
	if !a.closed || !b.closed || a.aborted || a.summary != sum {
		t.Errorf("sinks: closed %v %v, aborted %v, summarized %v", a.closed, b.closed, a.aborted, a.summary == sum)
	}
	if sum.RowsWritten != 3 || sum.Applicants != 2 || sum.RowsInputErrors != 1 || sum.Version != "test" ||
		len(sum.Inputs) != 1 || sum.Inputs[0].Rows != 3 || len(sum.Inputs[0].SHA256) != 64 {
		t.Errorf("summary %+v", sum)
	}
	var trades CategoryCount
	for _, c := range sum.Categories {
		if c.ID == "trades" {
			trades = c
		}
	}
	if trades.Eligible != 1 || trades.NotEligible != 1 {
		t.Errorf("trades %+v, want the welder eligible", trades)
	}
	// Out is aligned with the schema.
	sc := job.Schema()
	if got := a.rows[0].Out[sc.Column("noc_code")].Text; got != "72106" {
		t.Errorf("welder coded %q", got)
	}
	if got := a.rows[2].Out[sc.Column("review_reasons")].Text; got != ReasonHoursMissing {
		t.Errorf("cook reasons %q", got)
	}
	if _, err := job.Run(context.Background()); err == nil {
		t.Error("a job ran twice")
	}
}

func TestRunAbortsSinksOnError(t *testing.T) {
	in := writeFile(t, "in.csv", goodList)
	job, err := Open(Config{Inputs: []string{in}, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	ok, bad := &memSink{}, &memSink{failWrite: true}
	if _, err := job.Run(context.Background(), ok, bad); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v", err)
	}
	if !ok.aborted || !bad.aborted || ok.closed {
		t.Errorf("after a failed write: aborted %v %v, closed %v", ok.aborted, bad.aborted, ok.closed)
	}
}

// The wide shape's per-job columns are text in every format; the long
// shape's keep their types.
func TestSchemaTypesByShape(t *testing.T) {
	long := newOutputTable(false).Columns()
	wide := newOutputTable(true).Columns()
	typ := func(cols []pipeline.Column, name string) pipeline.Type {
		for _, c := range cols {
			if c.Name == name {
				return c.Type
			}
		}
		t.Fatalf("no column %s", name)
		return 0
	}
	for _, c := range []struct {
		name       string
		long, wide pipeline.Type
	}{
		{"teer", pipeline.Int, pipeline.Text}, {"match_score", pipeline.Float, pipeline.Float},
		{"needs_review", pipeline.Bool, pipeline.Bool}, {"noc_code", pipeline.Text, pipeline.Text},
	} {
		if typ(long, c.name) != c.long || typ(wide, c.name) != c.wide {
			t.Errorf("%s: long %v wide %v, want %v %v", c.name, typ(long, c.name), typ(wide, c.name), c.long, c.wide)
		}
	}
}

func TestOpenMapNamesMissingColumn(t *testing.T) {
	in := writeFile(t, "in.csv", goodList)
	m := writeFile(t, "map.csv", "# comment\nfield,column\njob_title,Poste\n")
	_, err := Open(Config{Inputs: []string{in}, AsOf: asOf, MapFile: m})
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.File != m || !strings.Contains(err.Error(), `"Poste"`) {
		t.Errorf("err = %v", err)
	}
}

// An id on more rows apart than maxGatheredRows is not gathered: its
// groups are screened one by one and its later rows need review.
func TestGatherBound(t *testing.T) {
	var b strings.Builder
	b.WriteString("Client ID,Job Title,Country,Start Date,End Date,Hours/Week\n")
	for i := 0; i <= maxGatheredRows; i++ {
		b.WriteString("X,Cook,Canada,2024-01-01,2024-12-31,40\nY" + strconv.Itoa(i) + ",Cook,Canada,2024-01-01,2024-12-31,40\n")
	}
	b.WriteString("Z,Cook,Canada,2024-01-01,,40\nW,Cook,Canada,2024-01-01,,40\nZ,Cook,Canada,2023-01-01,2023-12-31,40\n")
	p := filepath.Join(t.TempDir(), "l.csv")
	os.WriteFile(p, []byte(b.String()), 0o644)
	j, err := Open(Config{Inputs: []string{p}, AsOf: rules.MakeDate(2026, 11, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if j.gathered == nil || j.gathered.ids["X"] != nil || len(j.gathered.ids["Z"]) != 2 {
		t.Fatalf("gathered %v", j.gathered)
	}
}
