package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// The same input and flags give the same bytes in every output format and
// on stderr, whatever the worker count and batch size: which rows are
// logged is decided in input order, not by the workers.
func TestOutputSameForAnyWorkerCount(t *testing.T) {
	fixed := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	defer func(n func() time.Time, ts func() time.Time) { now, zerolog.TimestampFunc = n, ts }(now, zerolog.TimestampFunc)
	now = func() time.Time { return fixed }
	zerolog.TimestampFunc = now
	for _, in := range []string{"../../samples/clients_long.csv", "../../samples/clients_wide.xlsx", reportInput(t), manyErrors(t)} {
		t.Run(filepath.Base(in), func(t *testing.T) {
			outs := []string{"o.csv", "o.jsonl", "o.parquet", "o.xlsx", "summary.json"}
			var first map[string][]byte
			dir := t.TempDir() // each run overwrites the outputs: the summary names the same paths
			for _, run := range []struct{ workers, batch string }{{"1", "500"}, {"1", "1"}, {"2", "2"}, {"8", "3"}, {"8", "1"}} {
				args := []string{"run", in, "--as-of", "2026-11-01", "--log-format", "json",
					"--workers", run.workers, "--batch-size", run.batch, "--summary", filepath.Join(dir, "summary.json")}
				for _, o := range outs[:4] {
					args = append(args, "-o", filepath.Join(dir, o))
				}
				code, _, stderr := runArgs(t, args...)
				if code != exitRowErrors && code != exitOK {
					t.Fatalf("workers %s: exit %d: %s", run.workers, code, stderr)
				}
				got := map[string][]byte{"stderr": []byte(stderr)}
				for _, o := range outs {
					data, err := os.ReadFile(filepath.Join(dir, o))
					if err != nil {
						t.Fatal(err)
					}
					got[o] = data
				}
				if first == nil {
					first = got
					continue
				}
				for name, data := range got {
					if !bytes.Equal(data, first[name]) {
						t.Errorf("--workers %s --batch-size %s: %s differs from the first run's", run.workers, run.batch, name)
					}
				}
			}
		})
	}
}

// manyErrors writes a list with more rows with input errors than the log
// shows one by one, scattered among good rows.
func manyErrors(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("applicant_id,job_title,country,start_date,end_date,hours_per_week\n")
	titles := []string{"Welder", "Registered nurse", "Cook", "Software developer", "Truck driver"}
	for i := range 300 {
		start, hours := "2023-01-01", "40"
		switch i % 7 {
		case 3:
			start = "someday"
		case 5:
			hours = ""
		}
		fmt.Fprintf(&b, "A%d,%s,Canada,%s,,%s\n", i/2, titles[i%len(titles)], start, hours)
	}
	p := filepath.Join(t.TempDir(), "errors.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// --strict stops at the first row with an input error in input order,
// whatever the worker count.
func TestStrictStopsAtFirstErrorRow(t *testing.T) {
	in := manyErrors(t)
	out := filepath.Join(t.TempDir(), "o.csv")
	for _, w := range []string{"1", "2", "8"} {
		code, _, stderr := runArgs(t, "run", in, "-o", out, "--as-of", "2026-11-01", "--strict", "--workers", w, "--batch-size", "2")
		if code != exitFatal || !strings.Contains(stderr, "errors.csv row 5: start_date_unreadable") {
			t.Errorf("--workers %s: exit %d, %q: want exit 1 at row 5", w, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("--workers %s: a strict run that stopped left an output", w)
		}
	}
}
