package noc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The overrides file: header synonyms, BOM, blank suggestion rows, quoted
// fields over several lines, and errors that name the file and line.
func TestLoadOverrides(t *testing.T) {
	ix := NewIndex(Builtin())
	ix.Freeze()
	tests := []struct {
		name, file string
		err        string // "" for success: then "Cook" must be 63200
	}{
		{"canonical", "job_title,noc_code,industry\nCook,63200,\n", ""},
		{"synonyms, case, BOM", "\ufeffTitle,NOC\nCook,63200\n", ""},
		{"code column first", "Code,Job_Title\n63200,Cook\n", ""},
		{"extra columns and a suggestion row", "job_title,noc_code,notes\nWelder,,fill in\nCook,63200,x,y\n", ""},
		{"quoted title over two lines", "job_title,noc_code\n\"Line\ncook\",63200\nCook,63200\n", ""},
		{"unknown code", "job_title,noc_code\nCook,63200\n\"Two\nlines\",99999\n", "line 3: \"99999\" is not a NOC 2021 unit group"},
		{"short row", "job_title,industry,noc_code\nCook,63200\n", "line 2: 2 fields, the header has 3"},
		{"no code column", "job_title,industry\nCook,food\n", "needs one job_title and one noc_code column"},
		{"two title columns", "job_title,title,noc_code\nCook,Cook,63200\n", "needs one job_title and one noc_code column"},
		{"bad quoting", "job_title,noc_code\nCook,63200\n\"Cook,63200\n", "line 3"},
		{"empty", "", "empty file"},
	}
	for _, tt := range tests {
		p := filepath.Join(t.TempDir(), "ov.csv")
		if err := os.WriteFile(p, []byte(tt.file), 0o644); err != nil {
			t.Fatal(err)
		}
		m := NewMatcher(ix)
		err := m.LoadOverrides(p)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), p)):
			t.Errorf("%s: error %v, want one naming %s and %q", tt.name, err, p, tt.err)
		case tt.err == "":
			if r := m.Match(Query{Title: "COOK"}, ""); r.Code != "63200" || r.Method != MethodOverride {
				t.Errorf("%s: Cook is %s by %s, want 63200 by override", tt.name, r.Code, r.Method)
			}
		}
	}
}
