package noc

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"testing"
)

// rankWith scores the titles only a long head word touches by the least
// norm of each group's titles (headTable): its answers must be the
// original algorithm's (rankWithOrig, below) in every bit, with and
// without context, whether or not the head has a table.
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
	fast, withCtx := 0, 0
	for i, toks := range titles {
		for j, ctx := range ctxs {
			if (i+j)%3 != 0 && j != 0 {
				continue // every title without context, a third with each context
			}
			want := ix.rankWithOrig(ctx, toks)
			got := ix.rankWith(ctx, toks)
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

// rankWithOrig is rankWith as it was before the head tables, verbatim: the
// oracle of TestRankWithHeadTables.
func (ix *Index) rankWithOrig(ctx []int32, toks []string) part {
	qids := make([]int32, 0, len(toks)+len(ctx))
	qw := make([]float64, 0, len(toks)+len(ctx))
	var qnorm float64
	for i, t := range toks {
		id, ok := ix.vocab[t]
		if !ok || len(ix.postings[id]) == 0 {
			if id = ix.repair(t); id < 0 {
				continue
			}
		}
		w := ix.idf[id]
		if i == len(toks)-1 {
			w *= headWeight
		}
		qids = append(qids, id)
		qw = append(qw, w)
		qnorm += w * w
	}
	if len(qids) == 0 {
		return part{method: MethodNone}
	}
	head := qids[len(qids)-1]
	nTitle := len(qids)
	var modTotal float64 // the weight of the title's modifiers
	for k := 0; k < nTitle-1; k++ {
		if qids[k] != head {
			modTotal += qw[k]
		}
	}
	for _, id := range ctx {
		if !slices.Contains(qids, id) {
			w := ix.idf[id]
			qids = append(qids, id)
			qw = append(qw, w)
			qnorm += w * w
		}
	}
	qnorm = math.Sqrt(qnorm)
	sc := ix.pool.Get().(*scratch)
	acc, mods, best := sc.acc, sc.mods, sc.best
	touched, units := sc.touched[:0], sc.units[:0]
	// add adds a title word's weight w to docs; mod, the weight of a
	// modifier (0 for the head) to their modifier sums.
	add := func(docs []int32, w, mod float64) {
		for _, d := range docs {
			if acc[d] == 0 {
				touched = append(touched, d)
			}
			acc[d] += w
			if mod != 0 {
				mods[d] += mod
			}
		}
	}
	for k, id := range qids[:nTitle] {
		w := qw[k] * ix.idf[id]
		mod := 0.0
		if k < nTitle-1 && id != head {
			mod = qw[k]
		}
		add(ix.postings[id], w, mod)
		add(ix.qpostings[id], w*qualWeight, mod)
	}
	// A context word adds only to titles the title's words brought in: when
	// its postings are long, look those titles up in them instead of
	// walking them (the same sums, added in the same order).
	for k := nTitle; k < len(qids); k++ {
		id := qids[k]
		w := qw[k] * ix.idf[id]
		p, qp := ix.postings[id], ix.qpostings[id]
		if len(p)+len(qp) <= len(touched)*(bits.Len(uint(len(p)))+bits.Len(uint(len(qp)))) {
			for _, d := range p {
				if acc[d] != 0 {
					acc[d] += w
				}
			}
			for _, d := range qp {
				if acc[d] != 0 {
					acc[d] += w * qualWeight
				}
			}
			continue
		}
		for _, d := range touched {
			if _, ok := slices.BinarySearch(p, d); ok {
				acc[d] += w
			} else if _, ok := slices.BinarySearch(qp, d); ok {
				acc[d] += w * qualWeight
			}
		}
	}
	for _, d := range touched {
		dd := &ix.hot[d]
		s := acc[d] / (qnorm * dd.norm)
		if dd.head == head {
			cover := 1.0
			if modTotal > 0 {
				cover = headCover + (1-headCover)*mods[d]/modTotal
			}
			s = (1-headBonus)*s + headBonus*cover
		} else {
			s *= otherHead
		}
		acc[d], mods[d] = 0, 0
		if best[dd.unit] == 0 {
			units = append(units, dd.unit)
		}
		if s > best[dd.unit] {
			best[dd.unit] = s
		}
	}
	// Blend in the unit-group view: how well the query's words cover all
	// the titles of a group, not only its single best title.
	var qn float64
	for k := range qids {
		qn += qw[k] * qw[k]
	}
	qn = math.Sqrt(qn)
	for _, u := range units {
		best[u] *= 1 - unitBlend
	}
	for k, id := range qids[:nTitle] {
		for _, uw := range ix.unitPost[id] {
			if best[uw.unit] == 0 {
				units = append(units, uw.unit)
				best[uw.unit] = 1e-12
			}
			best[uw.unit] += unitBlend * qw[k] / qn * float64(uw.w)
		}
	}
	// A context word adds only to groups already in (as above).
	for k := nTitle; k < len(qids); k++ {
		up := ix.unitPost[qids[k]]
		if len(up) <= len(units)*bits.Len(uint(len(up))) {
			for _, uw := range up {
				if best[uw.unit] != 0 {
					best[uw.unit] += unitBlend * qw[k] / qn * float64(uw.w)
				}
			}
			continue
		}
		for _, u := range units {
			i, ok := slices.BinarySearchFunc(up, u, func(uw unitWeight, u int32) int { return cmp.Compare(uw.unit, u) })
			if ok && best[u] != 0 {
				best[u] += unitBlend * qw[k] / qn * float64(up[i].w)
			}
		}
	}
	// Keep the best maxCands, in candBefore order, by insertion: cheaper
	// than sorting every unit group a common word touches.
	cands := make([]Candidate, 0, maxCands)
	for _, u := range units {
		c := Candidate{ix.cls.Units[u].Code, best[u]}
		best[u] = 0
		n := len(cands)
		if n == maxCands {
			if !candBefore(c, cands[n-1]) {
				continue
			}
			n--
		} else {
			cands = append(cands, Candidate{})
		}
		for n > 0 && candBefore(c, cands[n-1]) {
			cands[n] = cands[n-1]
			n--
		}
		cands[n] = c
	}
	sc.touched, sc.units = touched, units
	ix.pool.Put(sc)
	return part{kind: kindFuzzy, cands: cands, method: MethodFuzzy}
}
