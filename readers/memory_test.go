package readers

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/casescreen/casescreen/readers/readertest"
)

// clientRows returns a header and n rows shaped like a client list: most
// cells distinct (names, emails), titles and dates repeating.
func clientRows(n int) [][]string {
	titles := []string{"Staff RN - ICU", "Line cook", "Soudeur / Welder", "PSW - nights", "Software developer", "Truck driver (AZ)", "Early childhood educator"}
	rows := [][]string{{"Client ID", "Full Name", "Email", "Job Title", "Employer", "Country", "Start Date", "Hours/Week"}}
	for i := 0; i < n; i++ {
		rows = append(rows, []string{
			"C-" + strconv.Itoa(100000+i), "Client Name " + strconv.Itoa(i), "client" + strconv.Itoa(i) + "@example.com",
			titles[i%len(titles)], "Employer " + strconv.Itoa(i%997), []string{"Canada", "India", "Philippines"}[i%3],
			fmt.Sprintf("20%02d-%02d-01", 10+i%15, 1+i%12), strconv.Itoa(30 + i%15),
		})
	}
	return rows
}

// peakRSS runs read and returns the process's peak resident set during it,
// in MiB: the high-water mark is reset first (Linux /proc/self/clear_refs).
func peakRSS(t *testing.T, read func()) float64 {
	runtime.GC()
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Skipf("cannot reset the peak RSS: %v", err)
	}
	read()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	t.Skip("no VmHWM")
	return 0
}

// TestXLSXHugeSharedStringsMemory: a workbook whose shared-strings part is
// huge but barely used is read in about the memory of the same workbook
// without the unused strings. CASESCREEN_SST_MB sets the size of the unused
// part (default 48 MiB, past the size up to which the part is loaded whole),
// CASESCREEN_SST_PAD the length of each unused string (default 100).
func TestXLSXHugeSharedStringsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a large workbook")
	}
	mb := 48
	if v := os.Getenv("CASESCREEN_SST_MB"); v != "" {
		mb, _ = strconv.Atoi(v)
	}
	padLen := 100
	if v := os.Getenv("CASESCREEN_SST_PAD"); v != "" {
		padLen, _ = strconv.Atoi(v)
	}
	dir := t.TempDir()
	rows := clientRows(20000)
	usual := filepath.Join(dir, "usual.xlsx")
	huge := filepath.Join(dir, "huge.xlsx")
	if err := readertest.SharedStringsWorkbook(usual, rows, 0, 0); err != nil {
		t.Fatal(err)
	}
	if err := readertest.SharedStringsWorkbook(huge, rows, mb<<20/(padLen+13), padLen); err != nil {
		t.Fatal(err)
	}
	read := func(p string) (n int, d time.Duration) {
		start := time.Now()
		src, err := Open(p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		for {
			rec, err := src.Read()
			if errors.Is(err, io.EOF) {
				return n, time.Since(start)
			}
			if err != nil {
				t.Fatal(err)
			}
			if n++; rec.Fields[1] != rows[n][1] {
				t.Fatalf("row %d: name cell %q, want %q", rec.Row, rec.Fields[1], rows[n][1])
			}
		}
	}
	var nu, nh int
	var du, dh time.Duration
	ru := peakRSS(t, func() { nu, du = read(usual) })
	rh := peakRSS(t, func() { nh, dh = read(huge) })
	st, _ := os.Stat(huge)
	t.Logf("usual: %d rows in, %d out, peak RSS %.0f MiB, %v", len(rows)-1, nu, ru, du.Round(time.Millisecond))
	t.Logf("huge (%d MiB of unused shared strings of %d bytes, file %d MiB): %d rows in, %d out, peak RSS %.0f MiB, %v",
		mb, padLen, st.Size()>>20, len(rows)-1, nh, rh, dh.Round(time.Millisecond))
	if nu != len(rows)-1 || nh != len(rows)-1 {
		t.Errorf("rows out %d and %d, want %d", nu, nh, len(rows)-1)
	}
	if rh > 2*ru+16 {
		t.Errorf("peak RSS %.0f MiB with the huge shared-strings part, %.0f MiB without: want within 2x", rh, ru)
	}
}
