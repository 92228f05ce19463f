package noc

import (
	"runtime"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// distinctTitles returns n distinct titles that are not in the index as
// typed: example titles with their first word dropped and a typo-free
// suffix, so that every one goes through ranked retrieval.
func distinctTitles(ix *Index, n int) []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range ix.docs {
		if len(d.toks) < 2 {
			continue
		}
		t := ix.text(d.toks[1:]) + " specialist"
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
		if len(out) == n {
			break
		}
	}
	return out
}

// BenchmarkMatchDistinct measures uncached matching with the built-in
// index: every title is new, as on the first sight of each title in a run.
func BenchmarkMatchDistinct(b *testing.B) {
	ix := builtinIndex()
	titles := distinctTitles(ix, 20000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := titles[i%len(titles)]
		ix.Finish(ix.Rank(t), nil)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "titles/s")
}

// BenchmarkMatchDistinctIndustry is BenchmarkMatchDistinct with an
// industry on every row, so that the context re-ranking and the reading of
// the title with the industry's words are measured too.
func BenchmarkMatchDistinctIndustry(b *testing.B) {
	ix := builtinIndex()
	titles := distinctTitles(ix, 20000)
	inds := []string{"Hospital", "Oil and gas", "Retail", "Construction", "Software", "Farming", "Manufacturing"}
	ctxs := make([][]int32, len(inds))
	for i, in := range inds {
		ctxs[i] = ix.ContextTokens(Query{Industry: in})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := titles[i%len(titles)]
		ix.Finish(ix.Rank(t), ctxs[i%len(ctxs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "titles/s")
}

// BenchmarkIndexLoad measures building the built-in index (parsing the
// generated classification the first time, then every title) and the heap
// the index holds.
func BenchmarkIndexLoad(b *testing.B) {
	var ms0, ms1 runtime.MemStats
	var keep *Index
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		c0 := cpuTime()
		cls, err := parseClassification(nocData)
		if err != nil {
			b.Fatal(err)
		}
		ix := NewIndex(cls)
		ix.Freeze()
		cpu += cpuTime() - c0
		keep = ix
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&ms1)
	b.ReportMetric(float64(ms1.HeapAlloc-ms0.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/load")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/load")
	runtime.KeepAlive(keep)
}

// BenchmarkElementsLoad measures loading a newer elements file on top of
// the built-in index (--noc-elements).
func BenchmarkElementsLoad(b *testing.B) {
	path := sharedPath(b, "noc", "noc_2021_elements_rebuilt.csv")
	for i := 0; i < b.N; i++ {
		ix := NewIndex(Builtin())
		if _, err := LoadElementsFile(ix, path); err != nil {
			b.Fatal(err)
		}
		ix.Freeze()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/load")
}
