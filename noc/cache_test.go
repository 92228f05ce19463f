package noc

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
)

func TestTable(t *testing.T) {
	tb := newTable[uint32](16 * 100) // 100 entries per shard
	for i := range 1000 {
		k := fmt.Sprintf("key %d", i)
		tb.putString(k, fmt.Sprintf("extra %d", i), uint32(i))
		tb.putString(k, "other", 99999) // a key stored once keeps its value
	}
	stored := 0
	for i := range 1000 {
		k := fmt.Sprintf("key %d", i)
		v, extra, ok := tb.getBytes([]byte(k))
		if !ok {
			continue
		}
		stored++
		if v != uint32(i) || string(extra) != fmt.Sprintf("extra %d", i) {
			t.Fatalf("%s: %d %q", k, v, extra)
		}
		if w, _, ok := tb.getBytes([]byte(k)); !ok || w != v {
			t.Fatalf("%s by bytes: %d %v", k, w, ok)
		}
	}
	if stored != 1000 {
		t.Errorf("%d of 1000 keys stored under a bound of 1600", stored)
	}
	if _, _, ok := tb.getBytes([]byte("key 1000")); ok {
		t.Error("a key never stored was found")
	}

	// Past its bound a table stores nothing more.
	small := newTable[uint32](16)
	for i := range 1000 {
		small.putBytes([]byte(fmt.Sprint(i)), uint32(i))
	}
	n := 0
	for i := range 1000 {
		if v, _, ok := small.getBytes([]byte(fmt.Sprint(i))); ok {
			if v != uint32(i) {
				t.Fatalf("%d: %d", i, v)
			}
			n++
		}
	}
	if n == 0 || n > 16 {
		t.Errorf("%d entries in a table bounded at 16", n)
	}
}

// Keys longer than a chunk, and many goroutines at once (run with -race).
func TestTableConcurrent(t *testing.T) {
	tb := newTable[uint32](1 << 20)
	long := string(make([]byte, chunkSize+10))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5000 {
				k := fmt.Sprintf("%d", (i*7+g)%3000)
				if v, _, ok := tb.getBytes([]byte(k)); ok && fmt.Sprint(v) != k {
					t.Errorf("%s: %d", k, v)
					return
				}
				var v uint32
				fmt.Sscan(k, &v)
				tb.putString(k, k, v)
			}
			tb.putString(long, long, 7)
		}()
	}
	wg.Wait()
	if v, extra, ok := tb.getBytes([]byte(long)); !ok || v != 7 || string(extra) != long {
		t.Errorf("long key: %d %d %v", v, len(extra), ok)
	}
}

// A result read from the cache is the result computed: every title and
// context of the match tests, computed once directly and then read back.
func TestCachedResultIsComputed(t *testing.T) {
	ix := NewIndex(Builtin())
	ix.Freeze()
	m := NewMatcher(ix)
	titles := []string{"PSW", "Welder", "cook", "Sr. software developer @ Shopify", "Plant operator II", "Manager",
		"SERVICE ADVISOR, PARTS MANAGER", "cashier / stocker", "student", "techncian", "owner", "Labourer",
		"accounts clerk (oil industry)", "registered nurse", "truck driver", "baker and barista", "zzzz qqqq"}
	contexts := []Query{{}, {Industry: "long-term care"}, {Industry: "home care", Employer: "client's home"},
		{Industry: "Water treatment"}, {Employer: "Tim Hortons", Industry: "restaurant"}, {Duties: "drive a truck"},
		{Industry: "oil and gas", Employer: "Suncor"}}
	l := m.Local()
	for _, ti := range titles {
		for _, c := range contexts {
			q := c
			q.Title = ti
			want, _ := l.matchFeatures(q, "")
			for pass := range 2 { // the first computes and stores, the second reads the cache
				got := l.Match(q, "")
				if !sameResult(got, want) {
					t.Errorf("%q in %+v, pass %d: cached %+v, computed %+v", ti, c, pass, got, want)
				}
			}
		}
	}
	if got := len(m.ctxToks); got == 0 {
		t.Error("no context was cached")
	}
}

func sameResult(a, b Result) bool {
	if len(a.Alts) == 0 && len(b.Alts) == 0 {
		a.Alts, b.Alts = nil, nil
	}
	if len(a.Reasons) == 0 && len(b.Reasons) == 0 {
		a.Reasons, b.Reasons = nil, nil
	}
	return reflect.DeepEqual(a, b)
}

func TestPackRoundTrip(t *testing.T) {
	c := Builtin()
	u, v := c.Units[0], c.Units[len(c.Units)-1]
	for _, r := range []Result{
		{Method: MethodNone},
		{Method: MethodNone, Reasons: []string{ReasonNotAnOccupation}},
		{Code: u.Code, Title: u.Title, TEER: u.TEER, Method: MethodFuzzy, Score: 0.123456789,
			Alts: []Candidate{{v.Code, 0.1}, {u.Code, 0.05}}, Reasons: []string{ReasonQualifierAmbiguous, ReasonMultipleRoles}},
	} {
		p, ok := c.pack(r)
		if !ok {
			t.Fatalf("%+v not packed", r)
		}
		if got := c.unpack(p); !sameResult(got, r) {
			t.Errorf("unpack(pack(%+v)) = %+v", r, got)
		}
	}
	for _, r := range []Result{
		{Code: "99999", Method: MethodFuzzy},
		{Code: u.Code, Title: "another title", TEER: u.TEER, Method: MethodFuzzy},
		{Method: MethodNone, Reasons: []string{"some_other_reason"}},
		{Method: MethodNone, Reasons: []string{ReasonMultipleRoles, ReasonMultipleRoles, ReasonMultipleRoles}},
	} {
		if _, ok := c.pack(r); ok {
			t.Errorf("%+v packed", r)
		}
	}
	// The reasons of an unpacked result are shared: an append copies.
	p, _ := c.pack(Result{Method: MethodNone, Reasons: []string{ReasonNotAnOccupation}})
	r := c.unpack(p)
	_ = append(r.Reasons, "x")
	if got := c.unpack(p).Reasons; !slices.Equal(got, []string{ReasonNotAnOccupation}) {
		t.Errorf("reasons changed by an append: %v", got)
	}
}

// rankWith looks titles up in postings by binary search: they must be
// sorted.
func TestPostingsSorted(t *testing.T) {
	ix := NewIndex(Builtin())
	ix.Freeze()
	for id := range ix.postings {
		if !slices.IsSorted(ix.postings[id]) || !slices.IsSorted(ix.qpostings[id]) {
			t.Fatalf("postings of %q not sorted", ix.terms[id])
		}
		if !slices.IsSortedFunc(ix.unitPost[id], func(a, b unitWeight) int { return int(a.unit - b.unit) }) {
			t.Fatalf("unit postings of %q not sorted", ix.terms[id])
		}
	}
}

// Warm fills the caches and changes nothing else: the same results and
// the same count of rankings as without it, even when the cache of
// rankings is full.
func TestWarmChangesNothing(t *testing.T) {
	ix := NewIndex(Builtin())
	ix.Freeze()
	var qs []Query
	for _, ti := range []string{"PSW", "Welder", "cook", "Line cook", "Manager", "owner", "techncian", "cashier / stocker", "student", ""} {
		for _, ind := range []string{"", "long-term care", "restaurant", "oil and gas"} {
			qs = append(qs, Query{Title: ti, Industry: ind})
		}
	}
	plain := NewMatcher(ix)
	warmed := NewMatcher(ix)
	lw := warmed.Local()
	for i, q := range qs {
		if i%3 != 0 {
			lw.Warm(q)
		}
	}
	for _, q := range qs {
		if a, b := plain.Match(q, ""), warmed.Match(q, ""); !sameResult(a, b) {
			t.Errorf("%+v: %+v after Warm, %+v without", q, b, a)
		}
	}
	if a, b := plain.Ranked(), warmed.Ranked(); a != b {
		t.Errorf("%d rankings after Warm, %d without", b, a)
	}

	// With the cache of rankings full, Warm ranks nothing.
	full := NewMatcher(ix)
	for i := range maxCache {
		full.norms[fmt.Sprint("filler ", i)] = &cached{}
	}
	full.Local().Warm(Query{Title: "Welder"})
	if n := full.Ranked(); n != 0 {
		t.Errorf("Warm ranked %d titles past the cache's bound", n)
	}
}

// expanded keeps, per title and the context words some title has, what
// expand computes from the whole context: the same Result, whether it was
// computed now or read back, and one entry for contexts that differ only
// in words no title has.
func TestExpansionCache(t *testing.T) {
	ix := NewIndex(Builtin())
	ix.Freeze()
	titles := [][]string{{"attendant"}, {"owner"}, {"manager"}, {"labourer"}, {"technician"}, {"clerk"},
		{"support", "worker"}, {"supervisor"}, {"process", "technician"}, {"general", "helper"}}
	contexts := []Query{{Industry: "gas plant"}, {Industry: "farming"}, {Industry: "restaurant", Employer: "Tim Hortons"},
		{Industry: "oil and gas", Employer: "Suncor"}, {Industry: "long-term care"}, {Industry: "hospital"},
		{Industry: "Water treatment", Duties: "monitor pumps and valves"}, {Industry: "construction"}}
	entries := func() int {
		n := 0
		for i := range ix.expansions.shards {
			n += len(ix.expansions.shards[i].ents)
		}
		return n
	}
	same := func(a, b roleMatch) bool {
		if a.none != b.none || a.exact != b.exact || a.code != b.code || a.method != b.method || a.f != b.f {
			return false
		}
		return len(a.cands) == 0 && len(b.cands) == 0 || sameResult(ix.result(a, 0.7), ix.result(b, 0.7))
	}
	found := 0
	for _, toks := range titles {
		for _, c := range contexts {
			ctx := ix.ContextTokens(c)
			want, wantOK := ix.expand(toks, ctx)
			for pass := range 2 { // the first computes and stores, the second reads the cache
				got, ok := ix.expanded(toks, ctx)
				if ok != wantOK || ok && !same(got, want) {
					t.Errorf("%q in %+v, pass %d: %v %+v, computed %v %+v", toks, c, pass, ok, got, wantOK, want)
				}
			}
			found += int(b2f(wantOK))
			// Words no title has (an employer's name) make no new entry.
			before := entries()
			c.Employer += " Limited"
			wide := ix.ContextTokens(c)
			if len(wide) == len(ctx) {
				t.Fatalf("%+v: \"limited\" is not a context token", c)
			}
			got, ok := ix.expanded(toks, wide)
			if ok != wantOK || ok && !same(got, want) {
				t.Errorf("%q in %+v: %v %+v, without the employer's words %v %+v", toks, c, ok, got, wantOK, want)
			}
			if n := entries(); n != before {
				t.Errorf("%q in %+v: %d entries, %d before the employer's words", toks, c, n, before)
			}
		}
	}
	if found == 0 || entries() == 0 {
		t.Fatalf("%d expansions found, %d stored", found, entries())
	}
}

func TestPairTable(t *testing.T) {
	tb := newPairTable(16 * 100) // 100 entries per shard
	val := func(i int) packed {
		return packed{score: float64(i), unit: int16(i % 500), nAlts: 1, altUnits: [maxAlts]int16{int16(i % 7)}}
	}
	keys := func(i int) uint64 { return uint64(i)<<32 | uint64(i*7919) }
	for i := range 1000 {
		tb.put(keys(i), val(i))
		tb.put(keys(i), packed{score: -1}) // a key stored once keeps its value
	}
	for i := range 1000 {
		if p, ok := tb.get(keys(i)); !ok || p != val(i) {
			t.Fatalf("key %d: %+v %v", i, p, ok)
		}
	}
	if _, ok := tb.get(keys(1000)); ok {
		t.Error("a key never stored was found")
	}
	small := newPairTable(16)
	for i := range 1000 {
		small.put(keys(i), val(i))
	}
	n := 0
	for i := range 1000 {
		if p, ok := small.get(keys(i)); ok {
			if p != val(i) {
				t.Fatalf("key %d: %+v", i, p)
			}
			n++
		}
	}
	if n == 0 || n > 16 {
		t.Errorf("%d entries in a table bounded at 16", n)
	}
}

// rankTokens keeps, per title's tokens, what rankWith computes without
// context: the same candidates, whether computed now or read back, and
// candidates the caller may change without changing the cache.
func TestRankingsCache(t *testing.T) {
	ix := NewIndex(Builtin())
	ix.Freeze()
	titles := [][]string{{"welder"}, {"senior", "pipe", "welder"}, {"manager"}, {"registered", "nurse"},
		{"line", "cook"}, {"weldr"}, {"zzqx"}, {"software", "developer"}, {"truck", "driver", "long", "haul"}}
	for _, toks := range titles {
		want := ix.rankWith(nil, toks)
		for pass := range 2 { // the first computes and stores, the second reads the cache
			got := ix.rankTokens(toks)
			if got.kind != want.kind || got.method != want.method || !slices.Equal(got.cands, want.cands) {
				t.Errorf("%q, pass %d: %v %v %v, computed %v %v %v", toks, pass, got.kind, got.method, got.cands,
					want.kind, want.method, want.cands)
			}
			if !slices.Equal(got.toks, toks) {
				t.Errorf("%q, pass %d: tokens %q", toks, pass, got.toks)
			}
			for i := range got.cands {
				got.cands[i].Code = "00000" // the caller's own copy
			}
		}
	}
	n := 0
	for i := range ix.rankings.shards {
		n += len(ix.rankings.shards[i].ents)
	}
	if n != len(titles) {
		t.Errorf("%d rankings stored for %d distinct titles", n, len(titles))
	}
}
