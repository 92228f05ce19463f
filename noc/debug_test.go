package noc

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugErrors(t *testing.T) {
	if os.Getenv("NOC_DEBUG") == "" {
		t.Skip()
	}
	ix := fullIndex(t)
	m := NewMatcher(ix)
	rows := loadEval(t, "dev_titles.csv")
	n := 0
	for i, r := range rows {
		if i%7 != 0 {
			continue
		}
		res := m.Match(Query{Title: r.title, Industry: r.industry}, "")
		ok := false
		for _, c := range r.set {
			ok = ok || c == res.Code
		}
		if !ok {
			n++
			fmt.Printf("%-40.40s | %-25.25s | want %-17s got %s %.2f %s [%s]\n", r.title, r.industry, fmt.Sprint(r.set), res.Code, res.Score, res.Method, Normalize(r.title))
		}
	}
}
