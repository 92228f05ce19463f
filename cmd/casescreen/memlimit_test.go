package main

import "testing"

// The soft memory limit of a run follows its live heap: half as much
// a third again (limitShare 1.3), at least limitRoom (96 MiB) more, never above maxLimit.
func TestMemoryLimitFollowsLiveHeap(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live uint64
		want int64
	}{
		{0, limitRoom},
		{20 * mib, 20*mib + limitRoom},
		{200 * mib, 200*mib + limitRoom},
		{400 * mib, 520 * mib},
		{700 * mib, 910 * mib},
		{800 * mib, maxLimit},
		{4096 * mib, maxLimit},
	} {
		if got := memoryLimit(c.live); got != c.want {
			t.Errorf("memoryLimit(%d MiB) = %d MiB, want %d MiB", c.live/mib, got/mib, c.want/mib)
		}
	}
}
