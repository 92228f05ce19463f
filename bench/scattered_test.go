package bench

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkScattered screens the same realistic list twice, CSV -> CSV:
// with every applicant's rows contiguous, and with 10% of applicants
// scattered (their later rows a few to a few thousand rows further down),
// whom casescreen finds in a first pass and screens as one from their
// gathered job facts. It reports the 10% run's wall time, CPU time and
// peak RSS as ratios to the contiguous run's, measured in the same run.
func BenchmarkScattered(b *testing.B) {
	n := rows(1_000_000)
	dir := b.TempDir()
	var runs [2]run
	for i, share := range []float64{0, 0.1} {
		s := spec{rows: n, context: true, scattered: share}
		in := csvFile(b, s)
		runs[i] = measure(b, "casescreen", append([]string{"run", in, "-o", filepath.Join(dir, fmt.Sprintf("o%d.csv", i))}, runArgs...)...)
		results = append(results, fmt.Sprintf("| CSV -> CSV, %s | | | %.2f | %.2f | | | | %.0f | | | scattered applicants screened as one |\n",
			s, runs[i].wall.Seconds(), runs[i].cpu.Seconds(), runs[i].peakMB))
	}
	b.ReportMetric(runs[1].wall.Seconds()/runs[0].wall.Seconds(), "wall-ratio")
	b.ReportMetric(runs[1].cpu.Seconds()/runs[0].cpu.Seconds(), "cpu-ratio")
	b.ReportMetric(runs[1].peakMB/runs[0].peakMB, "peak-ratio")
	b.ReportMetric(runs[0].peakMB, "peak-MB-contiguous")
	b.ReportMetric(runs[1].peakMB, "peak-MB-scattered")
	b.ReportMetric(0, "ns/op")
}
