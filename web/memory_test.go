package web

import (
	"fmt"
	"github.com/rs/zerolog"
	"net/http"
	"runtime"
	"testing"
	"time"
)

// heapInUse is the heap after two collections: the bytes of live objects
// (HeapAlloc) and of the spans that hold them (HeapInuse, which also
// counts the free room in those spans and so moves with fragmentation).
func heapInUse() (live, spans uint64) {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc, m.HeapInuse
}

// TestServesManyListsWithoutGrowing screens the sample 50 times through
// the page, as a person would (upload, wait, download both files), and
// compares the heap in use and the goroutines before and after: a server
// that kept something of every run would grow with them.
func TestServesManyListsWithoutGrowing(t *testing.T) {
	ts := newTestServer(t, Options{KeepRuns: 4})
	ts.Server.log = zerolog.Nop() // the test's log buffer would grow with the runs
	cycle := func() {
		id := ts.screenSample(t)
		for _, f := range []string{"report", "csv"} {
			if resp, _ := ts.get(t, fmt.Sprintf("/runs/%d/download/%s", id, f)); resp.StatusCode != http.StatusOK {
				t.Fatalf("run %d %s: %s", id, f, resp.Status)
			}
		}
		ts.get(t, fmt.Sprintf("/runs/%d", id))
	}
	// Warm up: as many runs as the page keeps, and a lookup (the index).
	for range 8 {
		cycle()
	}
	ts.get(t, "/lookup?title=nurse&code=31301")
	time.Sleep(50 * time.Millisecond) // the last download's clean-up
	before, spansBefore := heapInUse()
	goBefore := runtime.NumGoroutine()
	for range 50 {
		cycle()
	}
	time.Sleep(50 * time.Millisecond)
	after, spansAfter := heapInUse()
	goAfter := runtime.NumGoroutine()
	mib := func(n uint64) float64 { return float64(n) / (1 << 20) }
	t.Logf("live heap %.2f MiB before, %.2f MiB after 50 more runs (spans in use %.2f, %.2f MiB); goroutines %d, %d",
		mib(before), mib(after), mib(spansBefore), mib(spansAfter), goBefore, goAfter)
	// Slack: 1 MiB. Each run builds its own title index and workbook (some
	// tens of MiB of garbage); the page keeps a few runs' tables (KeepRuns):
	// keeping every run's grows the heap by some 3 MiB over 50 runs.
	if after > before+1<<20 {
		t.Errorf("live heap grew from %d to %d bytes over 50 runs", before, after)
	}
	if goAfter > goBefore+2 {
		t.Errorf("goroutines grew from %d to %d over 50 runs", goBefore, goAfter)
	}
	if d := ts.eventually(t, func() []string { return ts.runDirs(t) }); len(d) != 0 {
		t.Errorf("run folders left after every download: %v", d)
	}
}
