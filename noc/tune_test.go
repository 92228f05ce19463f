package noc

import (
	"fmt"
	"os"
	"testing"
)

// TestTune prints accuracy on the even and odd halves of dev_titles for a
// few settings, so that a setting is chosen on one half and checked on the
// other. Development aid: NOC_TUNE=1 go test ./noc -run TestTune -v
func TestTune(t *testing.T) {
	if os.Getenv("NOC_TUNE") == "" {
		t.Skip("set NOC_TUNE=1")
	}
	rows := loadEval(t, "dev_titles.csv")
	var even, odd []evalRow
	for i, r := range rows {
		if i%2 == 0 {
			even = append(even, r)
		} else {
			odd = append(odd, r)
		}
	}
	full, bi := fullIndex(t), builtinIndex()
	a, o := measure(full, even), measure(full, odd)
	c := measure(bi, rows)
	fmt.Printf("full even %.1f odd %.1f all %.1f top3 %.1f | builtin %.1f top3 %.1f\n", pct(a.compat1, a.n), pct(o.compat1, o.n),
		pct(a.compat1+o.compat1, a.n+o.n), pct(a.compat3+o.compat3, a.n+o.n), pct(c.compat1, c.n), pct(c.compat3, c.n))
}
