package main

import "testing"

// The soft memory limit of a run follows its live heap: half as much
// again, at least limitRoom more, never above maxLimit.
func TestMemoryLimitFollowsLiveHeap(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live uint64
		want int64
	}{
		{0, limitRoom},
		{20 * mib, 20*mib + limitRoom},
		{200 * mib, 200*mib + limitRoom},
		{400 * mib, 600 * mib},
		{700 * mib, maxLimit},
		{4096 * mib, maxLimit},
	} {
		if got := memoryLimit(c.live); got != c.want {
			t.Errorf("memoryLimit(%d MiB) = %d MiB, want %d MiB", c.live/mib, got/mib, c.want/mib)
		}
	}
}
