package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

const smallList = "applicant_id,job_title,country,start_date,end_date,hours_per_week\n1,Welder,Canada,2024-01-01,,40\n"

// Output paths that would destroy an input, collide, or are folders are
// refused before any work: exit 2, nothing touched.
func TestOutputPathsRefused(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte(smallList), 0o644)
	link := filepath.Join(dir, "link.csv")
	os.Symlink(in, link)
	out := filepath.Join(dir, "out.csv")
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"output is the input", []string{"-o", in}, "is also an input"},
		{"output is the input by another name", []string{"-o", filepath.Join(dir, ".", "in.csv")}, "is also an input"},
		{"output is a link to the input", []string{"-o", link}, "is also an input"},
		{"output twice", []string{"-o", out, "-o", out}, "given twice"},
		{"stdout twice", []string{"-o", "-", "-o", "-"}, "stdout given twice"},
		{"output is a folder", []string{"-o", dir}, "is a folder"},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"run", in, "--as-of", "2026-11-01", "--log-format", "console"}, c.args...)
			code, stdout, stderr := runArgs(t, args...)
			if code != exitUsage || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, %q: want exit 2 saying %q", code, stderr, c.want)
			}
			if stdout != "" {
				t.Errorf("wrote to stdout: %q", stdout)
			}
			if data, _ := os.ReadFile(in); string(data) != smallList {
				t.Fatal("the input was changed")
			}
			if _, err := os.Stat(out); err == nil {
				t.Fatal("an output was written")
			}
		})
	}
}

// A workbook wider than Excel's 16,384 columns fails at once, naming the
// output; a wide one that fits is written quickly (column widths are set
// in one pass).
func TestWideWorkbooks(t *testing.T) {
	dir := t.TempDir()
	wideList := func(cols int) string {
		var h, r []string
		h, r = append(h, "job_title", "start_date", "hours_per_week"), append(r, "Welder", "2024-01-01", "40")
		for i := 3; i < cols; i++ {
			h, r = append(h, fmt.Sprintf("extra %d", i)), append(r, "x")
		}
		p := filepath.Join(dir, fmt.Sprintf("wide%d.csv", cols))
		os.WriteFile(p, []byte(strings.Join(h, ",")+"\n"+strings.Join(r, ",")+"\n"), 0o644)
		return p
	}
	tooWide := wideList(excelize.MaxColumns)
	out := filepath.Join(dir, "too.xlsx")
	code, _, stderr := runArgs(t, "run", tooWide, "-o", out, "--as-of", "2026-11-01", "--log-format", "console")
	if code != exitFatal || !strings.Contains(stderr, "too.xlsx") || !strings.Contains(stderr, "more than a worksheet holds") {
		t.Errorf("too wide: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a workbook too wide was written")
	}
	fits := wideList(16_000)
	start := time.Now()
	out = filepath.Join(dir, "fits.xlsx")
	if code, _, stderr := runArgs(t, "run", fits, "-o", out, "--as-of", "2026-11-01", "--quiet"); code != exitOK {
		t.Fatalf("16,000 columns: exit %d, %s", code, stderr)
	}
	t.Logf("16,000 columns written in %v", time.Since(start)) // was minutes when widths were set one by one
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Rows")
	if len(rows) != 2 || len(rows[0]) < 16_000 {
		t.Fatalf("Rows sheet %d rows, %d columns", len(rows), len(rows[0]))
	}
}

// Temporary files carry the process id: leftovers of a killed run are
// removed by the next run, those of a live process are left alone.
func TestLeftoversOfDeadRunsRemoved(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte(smallList), 0o644)
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no 'true' command to get a dead process id")
	}
	deadPID := dead.ProcessState.Pid()
	leftovers := []string{
		fmt.Sprintf(".out.csv.casescreen-%d-123.tmp", deadPID),
		fmt.Sprintf(".out.xlsx.casescreen-%d-456.spool", deadPID),
	}
	live := fmt.Sprintf(".out.csv.casescreen-%d-789.tmp", os.Getppid()) // a process that is running
	for _, l := range append(leftovers, live) {
		if strings.HasSuffix(l, ".spool") {
			os.Mkdir(filepath.Join(dir, l), 0o755)
			os.WriteFile(filepath.Join(dir, l, "excelize-1"), []byte("spill"), 0o644)
		} else {
			os.WriteFile(filepath.Join(dir, l), []byte("partial"), 0o644)
		}
	}
	if code, _, e := runArgs(t, "run", in, "-o", filepath.Join(dir, "out.csv"), "-o", filepath.Join(dir, "out.xlsx"), "--as-of", "2026-11-01", "--quiet"); code != exitOK {
		t.Fatalf("exit %d: %s", code, e)
	}
	for _, l := range leftovers {
		if _, err := os.Stat(filepath.Join(dir, l)); err == nil {
			t.Errorf("leftover %s of a dead run not removed", l)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, live)); err != nil {
		t.Errorf("the temporary file of a live process was removed")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), fmt.Sprintf("casescreen-%d-", os.Getpid())) {
			t.Errorf("this run left %s", e.Name())
		}
	}
}

// Two runs writing the same target at once both finish, and the target
// holds one of their outputs whole.
func TestConcurrentRunsSameTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("applicant_id,job_title,country,start_date,end_date,hours_per_week\n")
	for i := range 50_000 {
		fmt.Fprintf(&b, "%d,Welder,Canada,2024-01-01,,40\n", i)
	}
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte(b.String()), 0o644)
	out := filepath.Join(dir, "out.csv")
	var cmds []*exec.Cmd
	for i := range 2 {
		c := exec.Command(bin, "run", in, "-o", out, "--as-of", "2026-11-01", "--quiet")
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, c)
		// The second starts once the first is writing its temporary file.
		for deadline := time.Now().Add(10 * time.Second); i == 0 && time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
			if tmps, _ := filepath.Glob(filepath.Join(dir, ".out.csv.casescreen-*.tmp")); len(tmps) > 0 {
				break
			}
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("run %d: %v", i+1, err)
		}
	}
	data, _ := os.ReadFile(out)
	if n := strings.Count(string(data), "\n"); n != 50_001 {
		t.Errorf("output has %d lines, want 50,001", n)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// Fatal errors are JSON records with --log-format json, and a file name
// holding a newline cannot forge a log line in either format.
func TestFatalErrorsInLogFormat(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no\nsuch {\"level\":\"info\"}.csv")
	code, _, stderr := runArgs(t, "run", missing, "-o", filepath.Join(dir, "o.csv"), "--log-format", "json")
	if code != exitFatal {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	var last map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || last["level"] != "error" {
		t.Errorf("last line %q is not a JSON error record: %v", lines[len(lines)-1], err)
	}
	for _, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Errorf("stderr line is not JSON: %q", l)
		}
	}
	code, _, stderr = runArgs(t, "run", missing, "-o", filepath.Join(dir, "o.csv"), "--log-format", "console")
	if code != exitFatal || !strings.Contains(stderr, `casescreen: open `) || !strings.Contains(stderr, `no\nsuch`) {
		t.Errorf("console: exit %d, %q: want the error with the newline escaped", code, stderr)
	}
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "such") {
			t.Errorf("a file name started a log line: %q", stderr)
		}
	}
}

// A file annotated by an earlier run and corrected by hand: its annotation
// columns are not written twice in any format; a corrected noc_code is used
// as the row's code; the summary names the replaced columns.
func TestRescreenAnnotatedFile(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "annotated.csv")
	os.WriteFile(in, []byte("applicant_id,job_title,start_date,hours_per_week,noc_code,needs_review,review_reasons\n"+
		"1,Cook,2024-01-01,40,62200,true,low_match_score\n"), 0o644)
	outs := []string{"o.csv", "o.jsonl", "o.parquet", "o.xlsx"}
	args := []string{"run", in, "--as-of", "2026-11-01", "--quiet", "--summary", filepath.Join(dir, "s.json")}
	for _, o := range outs {
		args = append(args, "-o", filepath.Join(dir, o))
	}
	if code, _, e := runArgs(t, args...); code != exitOK {
		t.Fatalf("exit %d: %s", code, e)
	}
	line, _ := os.ReadFile(filepath.Join(dir, "o.jsonl"))
	if n := strings.Count(string(line), `"noc_code":`); n != 1 {
		t.Errorf("JSON Lines has noc_code %d times: %s", n, line)
	}
	var obj map[string]any
	if err := json.Unmarshal(line, &obj); err != nil || obj["noc_code"] != "62200" || obj["match_method"] != "code" || obj["needs_review"] != false {
		t.Errorf("re-screened row %v (%v)", obj, err)
	}
	for _, o := range outs {
		rows := readBack(t, filepath.Join(dir, o))
		seen := map[string]bool{}
		for _, h := range rows[0] {
			if seen[h] {
				t.Errorf("%s: column %q twice", o, h)
			}
			seen[h] = true
		}
	}
	sum, _ := os.ReadFile(filepath.Join(dir, "s.json"))
	if !strings.Contains(string(sum), `"replaced_columns": [`) || !strings.Contains(string(sum), `"review_reasons"`) {
		t.Errorf("summary does not name the replaced columns: %s", sum)
	}
}
