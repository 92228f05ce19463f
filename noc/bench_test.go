package noc

import (
	"runtime"
	"testing"
)

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

// BenchmarkMatchDistinct measures uncached matching with the full index:
// every title is new, as on the first sight of each title in a run.
func BenchmarkMatchDistinct(b *testing.B) {
	ix := fullIndex(b)
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
	ix := fullIndex(b)
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

// BenchmarkIndexLoad measures loading the elements file and freezing the
// index, and the heap the full index holds.
func BenchmarkIndexLoad(b *testing.B) {
	path := sharedPath(b, "noc", "noc_2021_elements_rebuilt.csv")
	var ms0, ms1 runtime.MemStats
	var keep *Index
	for i := 0; i < b.N; i++ {
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		ix := NewIndex(Builtin())
		if _, err := LoadElementsFile(ix, path); err != nil {
			b.Fatal(err)
		}
		ix.Freeze()
		keep = ix
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&ms1)
	b.ReportMetric(float64(ms1.HeapAlloc-ms0.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/load")
	runtime.KeepAlive(keep)
}
