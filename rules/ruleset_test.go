package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRuleFileErrors(t *testing.T) {
	known := func(code string) bool { return code != "99999" }
	base := `{"format":"casescreen-rules/1","rule_sets":[{"name":"prov","title":"t","effective_from":"2026-01-01","effective_to":null,
 "window_years":3,"min_hours":1560,"continuous":false,"max_gap_days":7,"location":"any","categories":[%s]}]}`
	tests := []struct {
		name, cats, want string
	}{
		{"ok", `{"id":"techs","name":"x","noc_codes":["22220"]}`, ""},
		{"unknown code", `{"id":"techs","name":"x","noc_codes":["99999"]}`, "unknown NOC 2021 code 99999"},
		{"bad code", `{"id":"techs","name":"x","noc_codes":["2222"]}`, "not 5 digits"},
		{"unknown field", `{"id":"techs","name":"x","noc_codes":["22220"],"colour":"red"}`, "unknown field"},
		{"both kinds", `{"id":"x","name":"x","noc_codes":["22220"],"language":{"language":"french","scale":"NCLC","min_level":7}}`, "either noc_codes or language"},
		{"bad location", `{"id":"x","name":"x","noc_codes":["22220"],"location":"mars"}`, "location"},
		{"duplicate id", `{"id":"x","name":"x","noc_codes":["22220"]},{"id":"x","name":"y","noc_codes":["22221"]}`, "listed twice"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		p := filepath.Join(dir, tt.name+".json")
		os.WriteFile(p, []byte(strings.Replace(base, "%s", tt.cats, 1)), 0o644)
		_, err := LoadFile(p, known)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want it to mention %q", tt.name, err, tt.want)
		}
	}
	overlap := `{"format":"x","rule_sets":[
 {"name":"a","title":"a","effective_from":"2026-01-01","effective_to":"2026-06-30","window_years":3,"min_hours":1560,"max_gap_days":7,"location":"any","categories":[]},
 {"name":"b","title":"b","effective_from":"2026-06-01","effective_to":null,"window_years":3,"min_hours":1560,"max_gap_days":7,"location":"any","categories":[]}]}`
	p := filepath.Join(dir, "overlap.json")
	os.WriteFile(p, []byte(overlap), 0o644)
	if _, err := LoadFile(p, known); err == nil || !strings.Contains(err.Error(), "overlapping dates") {
		t.Errorf("overlapping sets: %v", err)
	}
}

func TestBuiltinFacts(t *testing.T) {
	book := builtinBook(t)
	if len(book.Sets) != 4 {
		t.Fatalf("%d built-in rule sets, want 4 (2023-2026)", len(book.Sets))
	}
	rs, _ := book.Named("2026")
	ids := map[string]bool{}
	for _, c := range rs.Categories {
		ids[c.ID] = true
	}
	for _, id := range []string{"french", "healthcare", "stem", "trades", "transport", "education", "physicians_cwe", "senior_managers_cwe", "researchers_cwe", "military"} {
		if !ids[id] {
			t.Errorf("2026 lacks category %s", id)
		}
	}
	if ids["agriculture"] {
		t.Error("agriculture was retired in 2026")
	}
}

// A category lists exactly its noc_codes: every 5-digit code, 00000 to
// 99999, is on the list as it is in NOCCodes, and nothing that is not 5
// digits is.
func TestCategoryListsItsCodes(t *testing.T) {
	body := `{"format":"casescreen-rules/1","rule_sets":[{"name":"prov","title":"t","effective_from":"2026-01-01","effective_to":null,
 "window_years":3,"min_hours":1560,"continuous":false,"max_gap_days":7,"location":"any","categories":[
 {"id":"techs","name":"x","noc_codes":["00010","22220","31301","63200","99999"]}]}]}`
	p := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	rf, err := LoadFile(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &rf.Sets[0].Categories[0]
	want := map[string]bool{}
	for _, code := range c.NOCCodes {
		want[code] = true
	}
	for n := range 100_000 {
		code := fmt.Sprintf("%05d", n)
		if c.Lists(code) != want[code] {
			t.Errorf("Lists(%s) = %v, want %v", code, c.Lists(code), want[code])
		}
	}
	for _, code := range []string{"", "2222", "222200", " 2222", "2222a", "22220 ", "-2222"} {
		if c.Lists(code) {
			t.Errorf("Lists(%q) = true, want false", code)
		}
	}
	if (&Category{NOCCodes: []string{"22220"}}).Lists("22220") {
		t.Error("a category not loaded lists a code")
	}
}
