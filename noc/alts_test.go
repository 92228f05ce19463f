package noc

import (
	"slices"
	"testing"
)

// The alternatives are the codes a reviewer should look at next, likeliest
// first: the top-3 a consultant sees.
func TestAlternativesOrder(t *testing.T) {
	m := NewMatcher(builtinIndex())
	first := func(t *testing.T, q Query, code, alt string) {
		t.Helper()
		r := m.Match(q, "")
		if r.Code != code || len(r.Alts) == 0 || r.Alts[0].Code != alt {
			t.Errorf("%+v: %s, alternatives %v; want %s with %s first", q, r.Code, r.Alts, code, alt)
		}
		for i := 1; i < len(r.Alts); i++ {
			if r.Alts[i].Score > r.Alts[i-1].Score {
				t.Errorf("%+v: alternatives %v out of score order", q, r.Alts)
			}
		}
	}
	t.Run("the title's own reading follows the context's", func(t *testing.T) {
		// The context replaces the title's one code (welding technicians
		// are listed in mining): that code is still the next likeliest.
		first(t, Query{Title: "Welding technician", Industry: "Steel fabrication shop"}, "72106", "22101")
	})
	t.Run("keepSecond", func(t *testing.T) {
		m := roleMatch{code: "A", cands: []Candidate{{"A", 0.8}, {"B", 0.6}, {"C", 0.4}}}
		got := keepSecond(m, "C")
		want := []Candidate{{"A", 0.8}, {"C", 0.6}, {"B", 0.6}}
		if !slices.Equal(got.cands, want) {
			t.Errorf("keepSecond(C) = %v, want %v", got.cands, want)
		}
		if m.cands[1].Code != "B" {
			t.Errorf("keepSecond changed its argument's candidates: %v", m.cands)
		}
		got = keepSecond(roleMatch{code: "A", cands: []Candidate{{"A", 0.8}}}, "D")
		if want := []Candidate{{"A", 0.8}, {"D", 0.4}}; !slices.Equal(got.cands, want) {
			t.Errorf("keepSecond(D) alone = %v, want %v", got.cands, want)
		}
		if got := keepSecond(m, "A"); !slices.Equal(got.cands, m.cands) {
			t.Errorf("keepSecond of the chosen code = %v, want unchanged", got.cands)
		}
	})
	t.Run("in a cell of several roles the other roles come first", func(t *testing.T) {
		got := firstAlts("A", []Candidate{{"R2", 0.3}, {"R1", 0.5}}, []Candidate{{"X", 0.9}, {"A", 0.9}, {"R1", 0.2}})
		want := []Candidate{{"R1", 0.5}, {"R2", 0.3}, {"X", 0.9}}
		if !slices.Equal(got, want) {
			t.Errorf("firstAlts = %v, want %v", got, want)
		}
		r := m.Match(Query{Title: "Plumber, electrician"}, "")
		if len(r.Alts) == 0 || !slices.Contains([]string{r.Code, r.Alts[0].Code}, "72300") || !slices.Contains([]string{r.Code, r.Alts[0].Code}, "72200") {
			t.Errorf("plumber, electrician: %s, alternatives %v; want 72300 and 72200 as the two first", r.Code, r.Alts)
		}
	})
	t.Run("codes sharing an exact title follow the default in ranked order", func(t *testing.T) {
		ix := m.Index
		n := 0
		for key, hits := range ix.exact {
			toks := Tokens(key)
			p := ix.exactPart(hits, kindExact, toks)
			if len(p.cands) < 3 {
				continue
			}
			ranked := ix.rankTokens(toks)
			at := func(code string) int {
				if i := slices.IndexFunc(ranked.cands, func(c Candidate) bool { return c.Code == code }); i >= 0 {
					return i
				}
				return len(ranked.cands)
			}
			for i := 2; i < len(p.cands); i++ {
				if at(p.cands[i].Code) < at(p.cands[i-1].Code) {
					t.Errorf("%q: %v: %s ranks above %s", key, p.cands, p.cands[i].Code, p.cands[i-1].Code)
				}
			}
			n++
		}
		if n == 0 {
			t.Fatal("no exact title shared by three codes")
		}
	})
}
