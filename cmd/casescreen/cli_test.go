package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/casescreen/casescreen/screen"
)

// -h and --help work on every command and subcommand, print to stdout,
// exit 0, and list only that command's own flags; "help CMD" is the same.
func TestHelpEverywhere(t *testing.T) {
	var walk func(prefix []string, c *command)
	var leaves [][]string
	walk = func(prefix []string, c *command) {
		p := append(append([]string(nil), prefix...), c.name)
		leaves = append(leaves, p[1:])
		for _, s := range c.subs {
			walk(p, s)
		}
	}
	walk(nil, commands())
	if len(leaves) < 8 {
		t.Fatalf("only %d commands", len(leaves))
	}
	for _, path := range leaves {
		for _, h := range []string{"-h", "--help"} {
			args := append(append([]string(nil), path...), h)
			code, out, errOut := runArgs(t, args...)
			if code != exitOK || errOut != "" || !strings.Contains(out, "Usage") {
				t.Errorf("%v: exit %d, stderr %q, stdout %.60q", args, code, errOut, out)
			}
		}
		if len(path) > 0 {
			_, viaHelp, _ := runArgs(t, append([]string{"help"}, path...)...)
			_, direct, _ := runArgs(t, append(append([]string(nil), path...), "-h")...)
			if viaHelp != direct {
				t.Errorf("help %v differs from %v -h", path, path)
			}
		}
	}
	_, runHelp, _ := runArgs(t, "run", "-h")
	for _, want := range []string{"--as-of", "--excel-csv", "--quiet", "-o FILE", "Exit codes"} {
		if !strings.Contains(runHelp, want) {
			t.Errorf("run -h lacks %q", want)
		}
	}
	for _, dev := range []string{"batch-size", "cpuprofile", "memprofile"} {
		if strings.Contains(runHelp, dev) {
			t.Errorf("run -h lists the developer flag %s", dev)
		}
	}
	_, matchHelp, _ := runArgs(t, "noc", "match", "-h")
	if !strings.Contains(matchHelp, "--industry") || strings.Contains(matchHelp, "--as-of") {
		t.Errorf("noc match -h lists other commands' flags:\n%s", matchHelp)
	}
	if code, _, e := runArgs(t, "noc"); code != exitUsage || !strings.Contains(e, "match, show, import") {
		t.Errorf("noc alone: exit %d, %q", code, e)
	}
	if code, _, _ := runArgs(t, "help", "bogus"); code != exitUsage {
		t.Errorf("help bogus: exit %d", code)
	}
}

// --quiet prints nothing on stderr but fatal errors.
func TestQuietIsQuiet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o.csv")
	code, _, stderr := runArgs(t, "run", "../../samples/clients_long.csv", "-o", out, "--as-of", "2026-11-01", "--quiet")
	if code != exitRowErrors || stderr != "" {
		t.Errorf("exit %d, stderr %q: want exit 3 and nothing on stderr", code, stderr)
	}
	code, _, stderr = runArgs(t, "run", filepath.Join(t.TempDir(), "none.csv"), "-o", out, "--quiet", "--log-format", "console")
	if code != exitFatal || !strings.Contains(stderr, "none.csv") {
		t.Errorf("fatal under --quiet: exit %d, stderr %q", code, stderr)
	}
}

// --excel-csv starts the CSV with a UTF-8 byte-order mark.
func TestExcelCSV(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o.csv")
	runArgs(t, "run", "../../samples/clients_long.csv", "-o", out, "--as-of", "2026-11-01", "--quiet", "--excel-csv")
	data, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(data), "\ufeffClient ID,") {
		t.Errorf("starts %q", data[:min(20, len(data))])
	}
}

func TestProgressPhases(t *testing.T) {
	got := progressLine(screen.Progress{Rows: 24, Fraction: 1, Known: true, Phase: screen.PhaseFinishing}, time.Second)
	if !strings.Contains(got, "100%") || !strings.Contains(got, "writing the outputs") {
		t.Errorf("finishing line %q", got)
	}
}
