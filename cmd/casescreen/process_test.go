package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/casescreen/casescreen/bench"
)

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "casescreen")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// A run killed with SIGKILL mid-way leaves an earlier file at the output
// path untouched; the next run cleans up the temporary file it left.
func TestKilledRunLeavesOutputUntouched(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and screens 400,000 rows")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "clients.csv")
	f, _ := os.Create(in)
	w := bufio.NewWriter(f)
	if err := bench.Generate(w, 400_000, 7); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	f.Close()
	out := filepath.Join(dir, "out.csv")
	earlier := []byte("an earlier report\n")
	os.WriteFile(out, earlier, 0o644)

	cmd := exec.Command(bin, "run", in, "-o", out, "--as-of", "2026-11-01", "--quiet")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once the temporary file has started to grow.
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".out.csv.casescreen-*.tmp"))
		if len(tmps) == 1 {
			if st, err := os.Stat(tmps[0]); err == nil && st.Size() > 1<<20 {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if got, _ := os.ReadFile(out); string(got) != string(earlier) {
		t.Fatalf("output changed by a killed run: %.80q", got)
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".out.csv.casescreen-*.tmp")); len(tmps) != 1 {
		t.Fatalf("expected the killed run's temporary file, found %v", tmps)
	}
	// The next run completes, replaces the file and leaves no temporary files.
	small := filepath.Join(dir, "small.csv")
	os.WriteFile(small, []byte("job_title,start_date,hours_per_week\nCook,2024-01-01,40\n"), 0o644)
	if err := exec.Command(bin, "run", small, "-o", out, "--as-of", "2026-11-01", "--quiet").Run(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(out); !strings.Contains(string(got), "Cook") {
		t.Fatalf("second run did not write the output: %q", got)
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmps) != 0 {
		t.Fatalf("temporary files left behind: %v", tmps)
	}
}

// Logs carry row numbers and reasons, never the names, emails or other
// cells of the sample.
func TestLogsHoldNoPersonalData(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o.csv")
	code, _, stderr := runArgs(t, "run", "../../samples/clients_long.csv", "-o", out, "--as-of", "2026-11-01", "--log-format", "json")
	if code != exitRowErrors {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(stderr, `"row":`) || !strings.Contains(stderr, "run finished") {
		t.Fatalf("expected row-level warnings and a summary in the log:\n%s", stderr)
	}
	data, _ := os.ReadFile("../../samples/clients_long.csv")
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Scan() // header
	for sc.Scan() {
		cells := strings.Split(sc.Text(), ",")
		for _, personal := range cells[1:3] { // Full Name, Email
			if personal != "" && strings.Contains(stderr, personal) {
				t.Errorf("log contains %q", personal)
			}
		}
		if title := cells[3]; len(title) > 3 && strings.Contains(stderr, title) {
			t.Errorf("log contains the job title %q", title)
		}
	}
}

// A server killed with SIGKILL (a closed terminal, a laptop shut down)
// cannot remove its private folder of uploads; the next server started on
// the machine removes it, and leaves the folders of servers still running.
func TestKilledServerFolderRemovedByNext(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	tmp := t.TempDir()
	folders := func() []string {
		m, _ := filepath.Glob(filepath.Join(tmp, "casescreen-serve-*"))
		return m
	}
	start := func() *exec.Cmd {
		c := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
		c.Env = append(os.Environ(), "TMPDIR="+tmp)
		c.Stdout, c.Stderr = io.Discard, io.Discard
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Process.Kill(); c.Wait() })
		return c
	}
	waitFor := func(what string, ok func([]string) bool) []string {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if f := folders(); ok(f) {
				return f
			}
		}
		t.Fatalf("%s: folders %q", what, folders())
		return nil
	}
	first := start()
	killed := waitFor("first server's folder", func(f []string) bool { return len(f) == 1 })[0]
	if err := os.WriteFile(filepath.Join(killed, "upload.csv"), []byte("a client list"), 0o600); err != nil {
		t.Fatal(err)
	}
	first.Process.Kill()
	first.Wait()
	if _, err := os.Stat(killed); err != nil {
		t.Fatalf("the killed server's folder is already gone: %v", err)
	}
	second := start()
	waitFor("second server's folder, first removed", func(f []string) bool { return len(f) == 1 && f[0] != killed })
	third := start() // the second is alive: its folder stays
	got := waitFor("third server's folder", func(f []string) bool { return len(f) == 2 })
	for _, f := range got {
		if f == killed {
			t.Fatalf("the killed server's folder came back: %q", got)
		}
	}
	second.Process.Signal(os.Interrupt)
	third.Process.Signal(os.Interrupt)
	second.Wait()
	third.Wait()
	waitFor("folders after Ctrl+C", func(f []string) bool { return len(f) == 0 })
}
