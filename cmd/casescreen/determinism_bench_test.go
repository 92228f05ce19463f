package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/casescreen/casescreen/bench"
)

// A few thousand rows of the realistic benchmark list (titles drawn from
// the official example titles and roughened, an industry and an employer
// on every row) give the same annotated output with 1, 2 and 8 workers:
// the caches of the matcher (per canonical title, per title and context)
// never make an answer depend on which worker met a spelling first.
func TestBenchListSameForAnyWorkerCount(t *testing.T) {
	elements := filepath.Join("..", "..", bench.DefaultElements)
	if _, err := os.Stat(elements); err != nil {
		t.Skipf("%s not present (the official titles beside the checkout): skipping", elements)
	}
	ex, err := bench.LoadExamples(elements)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "clients.csv")
	var list bytes.Buffer
	if _, err := bench.GenerateList(&list, bench.Options{Rows: 4000, Seed: 7, Examples: ex, Scattered: 0.2}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, list.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var first []byte
	for _, run := range []struct{ workers, batch string }{{"1", "500"}, {"2", "3"}, {"8", "7"}, {"8", "1"}} {
		out := filepath.Join(dir, "o"+run.workers+"_"+run.batch+".csv")
		code, _, stderr := runArgs(t, "run", in, "-o", out, "--as-of", "2026-11-01", "--quiet",
			"--workers", run.workers, "--batch-size", run.batch)
		if code != exitRowErrors && code != exitOK {
			t.Fatalf("--workers %s: exit %d: %s", run.workers, code, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = data
			continue
		}
		if !bytes.Equal(data, first) {
			t.Errorf("--workers %s --batch-size %s: the annotated output differs from --workers 1's", run.workers, run.batch)
		}
	}
}
