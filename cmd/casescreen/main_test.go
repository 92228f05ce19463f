package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/casescreen/casescreen/screen"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func runArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/casescreen -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got %s\nwant %s", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs: %d lines, want %d", name, len(gl), len(wl))
	}
}

// The bundled samples, screened on a fixed date, give the reviewed output.
func TestGoldenSamples(t *testing.T) {
	for _, s := range []struct{ in, golden string }{
		{"../../samples/clients_long.csv", "clients_long.golden.csv"},
		{"../../samples/clients_wide.xlsx", "clients_wide.golden.csv"},
	} {
		t.Run(s.golden, func(t *testing.T) {
			code, out, stderr := runArgs(t, "run", s.in, "-o", "-", "--as-of", "2026-11-01", "--quiet", "--log-format", "json", "--workers", "3")
			if code != exitRowErrors && code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden(t, s.golden, out)
		})
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("applicant_id,job_title,country,start_date,end_date,hours_per_week\n1,Welder,Canada,2024-01-01,,40\n"), 0o644)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("applicant_id,job_title,start_date,hours_per_week\n1,Welder,someday,40\n2,Cook,2024-01-01\n"), 0o644)
	out := filepath.Join(dir, "out.csv")

	if code, _, e := runArgs(t, "run", good, "-o", out, "--as-of", "2026-11-01", "--quiet"); code != exitOK {
		t.Errorf("clean input: exit %d, want 0 (%s)", code, e)
	}
	if code, _, e := runArgs(t, "run", bad, "-o", out, "--as-of", "2026-11-01", "--quiet"); code != exitRowErrors {
		t.Errorf("rows with errors: exit %d, want 3 (%s)", code, e)
	}
	data, _ := os.ReadFile(out)
	if n := strings.Count(string(data), "\n"); n != 3 {
		t.Errorf("rows with errors: %d lines written, want header + 2", n)
	}
	if code, _, _ := runArgs(t, "run", bad, "-o", out, "--quiet", "--strict", "--as-of", "2026-11-01"); code != exitFatal {
		t.Errorf("--strict: exit %d, want 1", code)
	}
	if code, _, _ := runArgs(t, "run", good); code != exitUsage {
		t.Errorf("no output: exit %d, want 2", code)
	}
	if code, _, _ := runArgs(t, "run", good, "-o", out, "--as-of", "tomorrow"); code != exitUsage {
		t.Errorf("bad --as-of: exit %d, want 2", code)
	}
	if code, _, _ := runArgs(t, "bogus"); code != exitUsage {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	missing := filepath.Join(dir, "fresh.csv")
	if code, _, _ := runArgs(t, "run", filepath.Join(dir, "nope.csv"), "-o", missing); code != exitFatal {
		t.Errorf("missing input: exit %d, want 1", code)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a fatal run left an output file")
	}
	noTitle := filepath.Join(dir, "notitle.csv")
	os.WriteFile(noTitle, []byte("Name,Email\nx,y\n"), 0o644)
	code, _, e := runArgs(t, "run", noTitle, "-o", missing, "--log-format", "console")
	if code != exitFatal || !strings.Contains(e, `"Name" "Email"`) {
		t.Errorf("no title column: exit %d, message %q", code, e)
	}
}

func TestEveryFormatSameRows(t *testing.T) {
	dir := t.TempDir()
	outs := []string{"o.csv", "o.jsonl", "o.parquet", "o.xlsx"}
	args := []string{"run", "../../samples/clients_long.csv", "--as-of", "2026-11-01", "--quiet", "--summary", filepath.Join(dir, "s.json")}
	for _, o := range outs {
		args = append(args, "-o", filepath.Join(dir, o))
	}
	if code, _, e := runArgs(t, args...); code != exitRowErrors {
		t.Fatalf("exit %d: %s", code, e)
	}
	// Reading every output back gives the same rows as the CSV output.
	want := readBack(t, filepath.Join(dir, "o.csv"))
	for _, o := range outs[1:] {
		got := readBack(t, filepath.Join(dir, o))
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want %d", o, len(got), len(want))
		}
		for i := range want {
			for j := range want[i] {
				if !sameCell(got[i][j], want[i][j]) {
					t.Errorf("%s row %d col %d: %q, want %q", o, i+1, j+1, got[i][j], want[i][j])
				}
			}
		}
	}
	sum, err := os.ReadFile(filepath.Join(dir, "s.json"))
	if err != nil || !strings.Contains(string(sum), `"rows_written": 24`) {
		t.Errorf("summary: %v %s", err, sum)
	}
}

func TestProgressLine(t *testing.T) {
	got := progressLine(screen.Progress{Rows: 5000, Fraction: 0.5, Known: true}, 2*time.Second)
	if want := "  [===============               ]  50%  5000 rows  2500 rows/s"; got != want {
		t.Errorf("progress line %q, want %q", got, want)
	}
	got = progressLine(screen.Progress{Rows: 10}, time.Second)
	if want := "  10 rows  10 rows/s"; got != want {
		t.Errorf("progress line without a total %q, want %q", got, want)
	}
}

// TestMain keeps the tests away from the user's configuration: an index
// installed with "noc import" on this machine must not change the goldens.
func TestMain(m *testing.M) {
	flag.Parse()
	cfg, err := os.MkdirTemp("", "casescreen-test-config")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", cfg)
	code := m.Run()
	os.RemoveAll(cfg)
	os.Exit(code)
}
