package bench

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The end-to-end benchmarks run casescreen and a floor program (bench/floor)
// as subprocesses over the same generated files, so that both are timed and
// their peak RSS measured the same way. Each reports ours/floor as "ratio".
// Run them once each:
//
//	go test ./bench -run '^$' -bench . -benchtime 1x -timeout 60m
//
// CASESCREEN_BENCH_ROWS scales the 1,000,000-row cases down for a quick look.

var (
	binDir  string
	dataDir string
	results []string
	mdOut   = flag.String("table", "", "also write the results as a markdown table to this file")
)

func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.bench"); f == nil || f.Value.String() == "" {
		os.Exit(m.Run())
	}
	var err error
	if binDir, err = os.MkdirTemp("", "casescreen-bench-bin"); err != nil {
		panic(err)
	}
	dataDir = filepath.Join(os.TempDir(), "casescreen-bench-data")
	os.MkdirAll(dataDir, 0o755)
	for _, p := range []string{"../cmd/casescreen", "./floor"} {
		cmd := exec.Command("go", "build", "-o", binDir, p)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			panic(err)
		}
	}
	code := m.Run()
	table := "| case | floor s | casescreen s | ratio | floor peak MB | casescreen peak MB |\n|---|---|---|---|---|---|\n" + strings.Join(results, "")
	fmt.Print("\n" + table)
	if *mdOut != "" {
		os.WriteFile(*mdOut, []byte(table), 0o644)
	}
	os.RemoveAll(binDir)
	os.Exit(code)
}

func rows(n int) int {
	if s := os.Getenv("CASESCREEN_BENCH_ROWS"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v < n {
			return v
		}
	}
	return n
}

var genMu sync.Mutex

// csvFile returns a generated client list of n rows, made once and kept in
// the temporary directory between runs.
func csvFile(b *testing.B, n int) string {
	genMu.Lock()
	defer genMu.Unlock()
	p := filepath.Join(dataDir, fmt.Sprintf("clients_%d.csv", n))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	f, err := os.Create(p + ".tmp")
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := Generate(w, n, 42); err != nil {
		b.Fatal(err)
	}
	w.Flush()
	f.Close()
	os.Rename(p+".tmp", p)
	return p
}

func xlsxFile(b *testing.B, n int) string {
	p := filepath.Join(dataDir, fmt.Sprintf("clients_%d.xlsx", n))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	measure(b, "floor", "xlsx-write", csvFile(b, n), p)
	return p
}

// measure runs a program and returns its wall time and peak RSS in MB.
func measure(b *testing.B, prog string, args ...string) (time.Duration, float64) {
	return measureEnv(b, nil, prog, args...)
}

func measureEnv(b *testing.B, env []string, prog string, args ...string) (time.Duration, float64) {
	b.Helper()
	cmd := exec.Command(filepath.Join(binDir, prog), args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	el := time.Since(start)
	if ee, ok := err.(*exec.ExitError); ok && prog == "casescreen" && ee.ExitCode() == 3 {
		err = nil // rows with input errors: the generated list has some on purpose
	}
	if err != nil {
		b.Fatalf("%s %v: %v\n%s", prog, args, err, stderr.String())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return el, float64(ru.Maxrss) / 1024
}

func compare(b *testing.B, name string, floor func() (time.Duration, float64), ours func() (time.Duration, float64)) {
	var ft, ot time.Duration
	var fm, om float64
	for i := 0; i < b.N; i++ {
		t, m := floor()
		ft, fm = ft+t, max(fm, m)
		t, m = ours()
		ot, om = ot+t, max(om, m)
	}
	ratio := ot.Seconds() / ft.Seconds()
	b.ReportMetric(ratio, "ratio")
	b.ReportMetric(om, "peak-MB")
	b.ReportMetric(fm, "floor-peak-MB")
	b.ReportMetric(0, "ns/op")
	results = append(results, fmt.Sprintf("| %s | %.2f | %.2f | %.2fx | %.0f | %.0f |\n", name,
		ft.Seconds()/float64(b.N), ot.Seconds()/float64(b.N), ratio, fm, om))
}

func out(b *testing.B, name string) string { return filepath.Join(b.TempDir(), name) }

var runArgs = []string{"--as-of", "2026-11-01", "--quiet", "--log-format", "json"}

func BenchmarkCSVToCSV(b *testing.B) {
	for _, n := range []int{rows(100_000), rows(1_000_000)} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			in := csvFile(b, n)
			compare(b, fmt.Sprintf("CSV -> CSV, %d rows", n),
				func() (time.Duration, float64) { return measure(b, "floor", "csv", in, out(b, "f.csv")) },
				func() (time.Duration, float64) {
					return measure(b, "casescreen", append([]string{"run", in, "-o", out(b, "o.csv")}, runArgs...)...)
				})
		})
	}
}

func BenchmarkCSVToParquet(b *testing.B) {
	for _, n := range []int{rows(100_000), rows(1_000_000)} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			in := csvFile(b, n)
			compare(b, fmt.Sprintf("CSV -> Parquet, %d rows", n),
				func() (time.Duration, float64) { return measure(b, "floor", "parquet-write", in, out(b, "f.parquet")) },
				func() (time.Duration, float64) {
					return measure(b, "casescreen", append([]string{"run", in, "-o", out(b, "o.parquet")}, runArgs...)...)
				})
		})
	}
}

// annotated returns casescreen's CSV output for a generated list: the
// cells the XLSX floors write, so that they write the same cells as we do.
func annotated(b *testing.B, n int) string {
	p := filepath.Join(dataDir, fmt.Sprintf("annotated_%d.csv", n))
	if _, err := os.Stat(p); err != nil {
		measure(b, "casescreen", append([]string{"run", csvFile(b, n), "-o", p}, runArgs...)...)
	}
	return p
}

func BenchmarkCSVToXLSX(b *testing.B) {
	n := rows(1_000_000)
	in := csvFile(b, n)
	cells := annotated(b, n)
	compare(b, fmt.Sprintf("CSV -> XLSX, %d rows", n),
		func() (time.Duration, float64) { return measure(b, "floor", "xlsx-write", cells, out(b, "f.xlsx")) },
		func() (time.Duration, float64) {
			return measure(b, "casescreen", append([]string{"run", in, "-o", out(b, "o.xlsx")}, runArgs...)...)
		})
}

func BenchmarkXLSXToXLSX(b *testing.B) {
	n := rows(100_000)
	in := xlsxFile(b, n)
	cells := annotated(b, n)
	compare(b, fmt.Sprintf("XLSX -> XLSX, %d rows", n),
		func() (time.Duration, float64) {
			t1, m1 := measure(b, "floor", "xlsx-read", in)
			t2, m2 := measure(b, "floor", "xlsx-write", cells, out(b, "f.xlsx"))
			return t1 + t2, max(m1, m2)
		},
		func() (time.Duration, float64) {
			return measure(b, "casescreen", append([]string{"run", in, "-o", out(b, "o.xlsx")}, runArgs...)...)
		})
}

// BenchmarkMemoryFlat shows that memory does not grow with the row count:
// peak RSS at 100,000 and 1,000,000 rows with the Go runtime's plain
// settings (GOGC=100, no memory limit), so that what is measured is the
// live heap rather than how lazily the collector runs.
func BenchmarkMemoryFlat(b *testing.B) {
	env := []string{"GOGC=100", "GOMEMLIMIT=off"}
	for _, ext := range []string{"csv", "parquet"} {
		var peaks []float64
		for _, n := range []int{rows(100_000), rows(1_000_000)} {
			in := csvFile(b, n)
			_, m := measureEnv(b, env, "casescreen", append([]string{"run", in, "-o", out(b, "o."+ext)}, runArgs...)...)
			peaks = append(peaks, m)
		}
		b.ReportMetric(peaks[1]/peaks[0], ext+"-growth")
		results = append(results, fmt.Sprintf("| CSV -> %s peak RSS, GOGC=100: 100,000 rows | | | | | %.0f |\n| CSV -> %s peak RSS, GOGC=100: 1,000,000 rows | | | | | %.0f |\n",
			ext, peaks[0], ext, peaks[1]))
	}
	b.ReportMetric(0, "ns/op")
}
