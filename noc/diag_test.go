package noc

import (
	"fmt"
	"os"
	"testing"
)

func TestDiag(t *testing.T) {
	if os.Getenv("NOC_DEBUG") == "" {
		t.Skip()
	}
	for _, ix := range []*Index{builtinIndex(), fullIndex(t)} {
		m := NewMatcher(ix)
		rows := loadEval(t, "dev_titles.csv")
		type agg struct{ n, ok int }
		by := map[Method]*agg{}
		sameMajor := 0
		wrong := 0
		for _, r := range rows {
			res := m.Match(Query{Title: r.title, Industry: r.industry}, "")
			ok := false
			maj := false
			for _, c := range r.set {
				ok = ok || c == res.Code
				maj = maj || (len(res.Code) == 5 && c[:2] == res.Code[:2])
			}
			a := by[res.Method]
			if a == nil {
				a = &agg{}
				by[res.Method] = a
			}
			a.n++
			if ok {
				a.ok++
			} else {
				wrong++
				if maj {
					sameMajor++
				}
			}
		}
		for k, v := range by {
			fmt.Printf("%s %-6s n=%4d acc=%.1f%%\n", ix.Name, k, v.n, 100*float64(v.ok)/float64(v.n))
		}
		fmt.Printf("wrong %d, same major group %d\n", wrong, sameMajor)
	}
}

func TestDiagExact(t *testing.T) {
	if os.Getenv("NOC_DEBUG") == "" {
		t.Skip()
	}
	ix := builtinIndex()
	m := NewMatcher(ix)
	seen := map[string]int{}
	for _, r := range loadEval(t, "dev_titles.csv") {
		res := m.Match(Query{Title: r.title, Industry: r.industry}, "")
		if res.Method == MethodExact {
			seen[Normalize(r.title)+" -> "+res.Code]++
		}
	}
	fmt.Println(seen)
}

func TestDiagTune(t *testing.T) {
	if os.Getenv("NOC_DEBUG") == "" {
		t.Skip()
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
	full := fullIndex(t)
	bi := builtinIndex()
	for _, w := range []float64{0.15, 0.3, 0.45} {
		ctxWeight = w
		a, b := measure(full, even), measure(full, odd)
		c := measure(bi, rows)
		fmt.Printf("ctx %.2f full even %.1f odd %.1f top3 %.1f | builtin %.1f\n", w, pct(a.compat1, a.n), pct(b.compat1, b.n), pct(a.compat3+b.compat3, a.n+b.n), pct(c.compat1, c.n))
	}
}
