package noc

import (
	"cmp"
	"math"
	"slices"
	"testing"
)

// rankWith scores the titles only a long head word touches by the least
// norm of each group's titles (headTable): its answers must be the
// algorithm's without the tables in every bit (the index's headTabs taken
// away: every word walked, as before the tables), with and without
// context, whether or not the head has a table.
func TestRankWithHeadTables(t *testing.T) {
	ix := builtinIndex()
	// The example titles the index holds, roughened: as they are, without
	// their first word, without their head, with a word added before or
	// after them, with the head also a modifier, with a misspelt head.
	seen := map[string]bool{}
	var titles [][]string
	addTitle := func(toks []string) {
		key := ""
		for _, t := range toks {
			key += t + " "
		}
		if len(toks) > 0 && !seen[key] {
			seen[key] = true
			titles = append(titles, toks)
		}
	}
	// The words with the most titles, as modifiers and heads, and a few
	// others.
	var many []int32
	for id := range ix.terms {
		many = append(many, int32(id))
	}
	slices.SortStableFunc(many, func(a, b int32) int {
		return cmp.Compare(len(ix.postings[b])+len(ix.qpostings[b]), len(ix.postings[a])+len(ix.qpostings[a]))
	})
	many = many[:12]
	extra := []string{"senior", "assistant", "general", "care"}
	for _, id := range many[:6] {
		extra = append(extra, ix.terms[id])
	}
	step := 13
	if testing.Short() {
		step = 41
	}
	for i := 0; i < len(ix.docs); i += step {
		d := &ix.docs[i]
		toks := make([]string, 0, len(d.toks)+len(d.qual))
		for _, id := range d.toks {
			toks = append(toks, ix.terms[id])
		}
		n := len(toks)
		head := toks[n-1]
		addTitle(toks)
		addTitle(toks[1:])
		addTitle(toks[:n-1])
		x := extra[i%len(extra)]
		addTitle(append([]string{x}, toks...))
		addTitle(append(slices.Clone(toks), x))
		addTitle(append([]string{head}, toks...))
		if len(head) > 5 {
			addTitle(append(slices.Clone(toks[:n-1]), head[:2]+head[3:]))
		}
		for _, id := range d.qual {
			toks = append(toks, ix.terms[id])
		}
		addTitle(toks)
	}
	// Context: the words of made-up industries, none, and words with many
	// titles of their own (which bring in many of a head's titles).
	ctxs := [][]int32{nil}
	for _, ind := range []string{"long-term care", "construction", "software", "agriculture", "retail", "hospital",
		"oil and gas", "manufacturing", "food processing", "machine shop", "restaurant and food service"} {
		ctxs = append(ctxs, ix.ContextTokens(Query{Industry: ind}))
	}
	ctxs = append(ctxs, many, many[:2], many[3:5], many[6:])
	tabs, none := ix.headTabs, make([]*headTable, len(ix.headTabs))
	fast, withCtx := 0, 0
	for i, toks := range titles {
		for j, ctx := range ctxs {
			if (i+j)%3 != 0 && j != 0 {
				continue // every title without context, a third with each context
			}
			got := ix.rankWith(ctx, toks)
			ix.headTabs = none
			want := ix.rankWith(ctx, toks)
			ix.headTabs = tabs
			if got.kind != want.kind || got.method != want.method || !sameCands(got.cands, want.cands) {
				t.Fatalf("rankWith(%v, %q) = %v, want %v", ctx, toks, got.cands, want.cands)
			}
			if id, ok := ix.vocab[toks[len(toks)-1]]; ok && ix.headTabs[id] != nil && len(want.cands) > 0 {
				fast++
				if len(ctx) > 0 {
					withCtx++
				}
			}
		}
	}
	if fast < 1000 || withCtx < 300 {
		t.Errorf("only %d rankings (%d with context) had a head with a table", fast, withCtx)
	}
	t.Logf("%d titles, %d rankings with a head table (%d with context)", len(titles), fast, withCtx)
}

func sameCands(a, b []Candidate) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Code != b[i].Code || math.Float64bits(a[i].Score) != math.Float64bits(b[i].Score) {
			return false
		}
	}
	return true
}

// The head tables and rankWith read a title as in a word's postings or
// its qualifier postings, never both.
func TestPostingsDisjoint(t *testing.T) {
	ix := builtinIndex()
	for id := range ix.postings {
		for _, d := range ix.qpostings[id] {
			if _, ok := slices.BinarySearch(ix.postings[id], d); ok {
				t.Fatalf("title %d in both postings of %q", d, ix.terms[id])
			}
		}
	}
}

// Every title of a head word with a table is represented in its unit
// group and class by one of no greater norm.
func TestHeadTables(t *testing.T) {
	ix := builtinIndex()
	n := 0
	for id, tab := range ix.headTabs {
		if tab == nil {
			continue
		}
		n++
		find := func(reps []headRep, u int32) (headRep, bool) {
			i, ok := slices.BinarySearchFunc(reps, u, func(r headRep, u int32) int { return cmp.Compare(r.unit, u) })
			if !ok {
				return headRep{}, false
			}
			return reps[i], true
		}
		check := func(d int32, reps []headRep) {
			h := ix.hot[d]
			r, ok := find(reps, h.unit)
			if !ok || r.norm > h.norm {
				t.Fatalf("%q: title %d (unit %d, norm %v) not represented: %v %v", ix.terms[id], d, h.unit, h.norm, r, ok)
			}
		}
		for _, d := range ix.postings[id] {
			if ix.hot[d].head == int32(id) {
				check(d, tab.reps[:tab.sameHead])
			} else {
				check(d, tab.reps[tab.sameHead:tab.inBase])
			}
		}
		for _, d := range ix.qpostings[id] {
			check(d, tab.reps[tab.inBase:])
		}
	}
	if n < 50 {
		t.Errorf("%d head tables", n)
	}
}
