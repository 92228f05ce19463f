package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNocAndRulesCommands(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no imported index from the user's machine
	t.Setenv("HOME", t.TempDir())
	tests := []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"noc", "match", "Staff RN - ICU"}, exitOK, []string{"31301", "Registered nurses", "index: built-in"}},
		{[]string{"noc", "match", "PSW", "--industry", "long-term care"}, exitOK, []string{"44101"}},
		{[]string{"noc", "show", "31301"}, exitOK, []string{"31301 Registered nurses and registered psychiatric nurses", "TEER 1", "Health occupations", "  3130  Nursing and allied health professionals", "example titles:\n", "clinical nurse", "2026  Healthcare and social services occupations"}},
		{[]string{"draws", "list", "--since", "2026-09-20"}, exitOK, []string{"445    2026-09-28 pnp", "447    2026-10-01 trades", "last on 2026-10-01"}},
		{[]string{"noc", "show", "99999"}, exitFatal, nil},
		{[]string{"noc", "show", "2174"}, exitOK, []string{"NOC 2016 2174", "  21230 Computer systems developers and programmers\n  21232 Software developers and programmers"}},
		{[]string{"noc", "show", "13"}, exitOK, []string{"NOC 2016 0013", "00012 Senior managers - financial"}},
		{[]string{"noc", "show", "1234"}, exitFatal, nil},
		{[]string{"noc", "match"}, exitUsage, nil},
		{[]string{"rules", "list"}, exitOK, []string{"2023", "2024", "2025", "2026", "2026-02-18 to (in force)", "senior_managers_cwe"}},
		{[]string{"rules", "show", "--as-of", "2025-06-01"}, exitOK, []string{"2025:", "780 hours in one occupation within 3 years, continuous", "[education]"}},
		{[]string{"rules", "show", "2026"}, exitOK, []string{"1560 hours", "not necessarily continuous", "[physicians_cwe]", "in Canada only", "also: arranged employment"}},
		{[]string{"rules", "show", "1999"}, exitUsage, nil},
		{[]string{"rules", "show"}, exitOK, []string{"2026:", "[healthcare]"}},
		{[]string{"run", "x.csv", "-o", "y.csv", "--rules", "1999"}, exitUsage, nil},
		{[]string{"version"}, exitOK, []string{"casescreen"}},
	}
	for _, tt := range tests {
		code, out, errOut := runArgs(t, tt.args...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d (%s)", tt.args, code, tt.code, errOut)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", tt.args, w, out)
			}
		}
	}
}

func TestNocImportAndElementsFlag(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", t.TempDir())
	dir := t.TempDir()
	el := filepath.Join(dir, "elements.csv")
	os.WriteFile(el, []byte("Level,Code - NOC 2021 V1.0,Class title,Element Type Label English,Element Description English\n"+
		"5,52110,Film and video camera operators,All examples,steadicam wrangler \n"), 0o644)
	// For one run.
	code, out, _ := runArgs(t, "noc", "match", "steadicam wrangler", "--noc-elements", el)
	if code != exitOK || !strings.Contains(out, "52110") || !strings.Contains(out, "elements.csv (1 titles)") {
		t.Errorf("--noc-elements: exit %d\n%s", code, out)
	}
	// Installed for later runs.
	if code, out, e := runArgs(t, "noc", "import", el); code != exitOK || !strings.Contains(out, "installed 1 titles") {
		t.Fatalf("noc import: exit %d %s %s", code, out, e)
	}
	code, out, _ = runArgs(t, "noc", "match", "steadicam wrangler")
	if code != exitOK || !strings.Contains(out, "52110") || !strings.Contains(out, "noc-elements.csv") {
		t.Errorf("after import: exit %d\n%s", code, out)
	}
	// And a run's summary names the index it used.
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("job_title,start_date,hours_per_week\nsteadicam wrangler,2024-01-01,40\n"), 0o644)
	sum := filepath.Join(dir, "s.json")
	runArgs(t, "run", in, "-o", filepath.Join(dir, "o.csv"), "--summary", sum, "--quiet", "--as-of", "2026-11-01")
	if data, _ := os.ReadFile(sum); !strings.Contains(string(data), `"noc_index": "built-in + noc-elements.csv (1 titles)"`) {
		t.Errorf("summary does not name the index:\n%s", data)
	}
}

func TestCustomRulesFile(t *testing.T) {
	dir := t.TempDir()
	rf := filepath.Join(dir, "prov.json")
	os.WriteFile(rf, []byte(`{"format":"casescreen-rules/1","rule_sets":[{"name":"prov","title":"Provincial tech","effective_from":"2026-01-01","effective_to":null,
 "window_years":3,"min_hours":780,"continuous":false,"max_gap_days":7,"location":"any","categories":[{"id":"tech","name":"Tech","noc_codes":["21232"]}]}]}`), 0o644)
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("job_title,start_date,hours_per_week\nSoftware developer,2025-06-01,40\n"), 0o644)
	out := filepath.Join(dir, "o.csv")
	if code, _, e := runArgs(t, "run", in, "-o", out, "--rules", rf, "--as-of", "2026-11-01", "--quiet"); code != exitOK {
		t.Fatalf("exit %d: %s", code, e)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), ",tech,,tech:") || !strings.Contains(string(data), ",prov,") {
		t.Errorf("custom rule set not applied:\n%s", data)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(strings.Replace(`{"format":"x","rule_sets":[{"name":"p","title":"t","effective_from":"2026-01-01","window_years":3,"min_hours":780,"location":"any","categories":[{"id":"x","name":"x","noc_codes":["99999"]}]}]}`, "", "", 1)), 0o644)
	code, _, e := runArgs(t, "run", in, "-o", filepath.Join(dir, "b.csv"), "--rules", bad)
	if code != exitFatal || !strings.Contains(e, "unknown NOC 2021 code 99999") {
		t.Errorf("bad rules file: exit %d, %q", code, e)
	}
	if _, err := os.Stat(filepath.Join(dir, "b.csv")); err == nil {
		t.Error("a bad rules file still produced output")
	}
}
