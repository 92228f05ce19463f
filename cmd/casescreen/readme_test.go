package main

import (
	"encoding/csv"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// exampleBlock is the README's worked example: a comment naming the rows
// (by applicant id) and columns, then the table, then the end marker.
var exampleBlock = regexp.MustCompile(`(?s)(<!-- example rows="([^"]*)" columns="([^"]*)" -->\n)(.*?)(<!-- end example -->)`)

// The README's worked example is what the binary prints for the command it
// shows; -update rewrites it.
func TestREADMEExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := exampleBlock.FindSubmatchIndex(readme)
	if m == nil {
		t.Fatal("README.md has no <!-- example ... --> block")
	}
	ids := strings.Split(string(readme[m[4]:m[5]]), ",")
	cols := strings.Split(string(readme[m[6]:m[7]]), ",")
	if !strings.Contains(string(readme), "$ casescreen run samples/clients_long.csv -o - --as-of 2026-11-01 --quiet") {
		t.Fatal("README no longer shows the command this test runs")
	}
	code, out, stderr := runArgs(t, "run", "../../samples/clients_long.csv", "-o", "-", "--as-of", "2026-11-01", "--quiet")
	if code != exitRowErrors {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	idx := make([]int, len(cols))
	for i, c := range cols {
		if idx[i] = slices.Index(rows[0], c); idx[i] < 0 {
			t.Fatalf("README names column %q, which the output does not have", c)
		}
	}
	var b strings.Builder
	b.WriteString("| " + strings.Join(cols, " | ") + " |\n|" + strings.Repeat("---|", len(cols)) + "\n")
	explain := slices.Index(rows[0], "explanation")
	var explained []string
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		if slices.Contains(ids, r[0]) && !seen[r[0]] && explain >= 0 {
			seen[r[0]] = true
			explained = append(explained, "- "+r[0]+": "+r[explain])
		}
	}
	for _, r := range rows[1:] {
		if !slices.Contains(ids, r[0]) {
			continue
		}
		cells := make([]string, len(idx))
		for i, j := range idx {
			cells[i] = strings.ReplaceAll(r[j], "|", `\|`)
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	if len(explained) > 0 {
		b.WriteString("\n" + strings.Join(explained, "\n") + "\n")
	}
	got := b.String()
	if want := string(readme[m[8]:m[9]]); got != want {
		if *update {
			fixed := append(append(append([]byte(nil), readme[:m[8]]...), got...), readme[m[9]:]...)
			if err := os.WriteFile("../../README.md", fixed, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README's worked example is out of date (go test ./cmd/casescreen -run README -update):\ngot\n%s\nREADME has\n%s", got, want)
	}
}

// The README names the Go version go.mod asks for.
func TestREADMEGoVersion(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	v := regexp.MustCompile(`(?m)^go (\S+)`).FindSubmatch(mod)
	readme, _ := os.ReadFile("../../README.md")
	if v == nil || !strings.Contains(string(readme), "Go "+string(v[1])) {
		t.Errorf("README does not name Go %s (go.mod)", v[1])
	}
}
