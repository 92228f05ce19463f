package noc

import (
	"bytes"
	"hash/maphash"
	"slices"
	"sync"
)

// The Matcher's caches hold, for a list of a million rows, hundreds of
// thousands of raw spellings, contexts and (title, context) results. Kept
// in maps of strings and Results they are millions of pointers that the
// collector scans on every cycle; here they hold no pointers the collector
// must follow: keys are copied into large byte chunks, values are plain
// numbers, and a result is packed into a fixed-size record of unit-group
// indexes and scores (packed).

// tableShards is the number of independently locked parts of a table.
const tableShards = 16

// table is a bounded, concurrency-safe hash table from byte-string keys to
// values of type V, each key with an optional byte string of its own
// (extra). Keys and extras are copied in; the extra a lookup returns is
// read-only and stays valid for the table's life. Past max entries a
// table stores nothing more: callers compute again what it does not hold.
// V should hold no pointers.
type table[V any] struct {
	seed   maphash.Seed
	max    int // entries per shard
	shards [tableShards]tableShard[V]
}

type tableShard[V any] struct {
	mu     sync.Mutex
	slots  slots
	ents   []tableEnt
	vals   []V
	chunks [][]byte // append-only; a full chunk is never written again
}

// tableEnt locates an entry's key and extra, stored one after the other.
type tableEnt struct {
	hash         uint64
	chunk, off   uint32
	nKey, nExtra uint32
}

// chunkSize is the size of a table's key chunks.
const chunkSize = 256 << 10

func newTable[V any](maxEntries int) *table[V] {
	return &table[V]{seed: maphash.MakeSeed(), max: max(1, maxEntries/tableShards)}
}

func (t *table[V]) shard(h uint64) *tableShard[V] { return &t.shards[h>>60] }

// getBytes looks up key; extra is the entry's own byte string.
func (t *table[V]) getBytes(key []byte) (v V, extra []byte, ok bool) {
	h := maphash.Bytes(t.seed, key)
	s := t.shard(h)
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := s.find(h, func(k []byte) bool { return bytes.Equal(k, key) }); i >= 0 {
		e := &s.ents[i]
		return s.vals[i], s.chunks[e.chunk][e.off+e.nKey : e.off+e.nKey+e.nExtra : e.off+e.nKey+e.nExtra], true
	}
	return v, nil, false
}

// putString stores v and extra under key, unless key is there already or
// the table is full.
func (t *table[V]) putString(key, extra string, v V) {
	h := maphash.String(t.seed, key)
	s := t.shard(h)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.find(h, func(k []byte) bool { return string(k) == key }) < 0 && len(s.ents) < t.max {
		s.insert(h, len(key)+len(extra), v, func(b []byte) { copy(b[copy(b, key):], extra) }, len(key))
	}
}

// putBytes stores v under key, unless key is there already or the table
// is full.
func (t *table[V]) putBytes(key []byte, v V) {
	h := maphash.Bytes(t.seed, key)
	s := t.shard(h)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.find(h, func(k []byte) bool { return bytes.Equal(k, key) }) < 0 && len(s.ents) < t.max {
		s.insert(h, len(key), v, func(b []byte) { copy(b, key) }, len(key))
	}
}

// find returns the index of the entry with hash h whose key eq accepts,
// or -1.
func (s *tableShard[V]) find(h uint64, eq func([]byte) bool) int {
	return s.slots.find(h, func(j int32) bool {
		e := &s.ents[j]
		return e.hash == h && eq(s.chunks[e.chunk][e.off:e.off+e.nKey])
	})
}

// insert adds an entry of n bytes, written by fill, whose first nKey
// bytes are the key.
func (s *tableShard[V]) insert(h uint64, n int, v V, fill func([]byte), nKey int) {
	if 2*(len(s.ents)+1) > len(s.slots) {
		s.grow()
	}
	c := len(s.chunks) - 1
	if c < 0 || len(s.chunks[c])+n > cap(s.chunks[c]) {
		s.chunks = append(s.chunks, make([]byte, 0, max(chunkSize, n)))
		c++
	}
	off := len(s.chunks[c])
	s.chunks[c] = s.chunks[c][:off+n]
	fill(s.chunks[c][off:])
	s.ents = append(s.ents, tableEnt{hash: h, chunk: uint32(c), off: uint32(off), nKey: uint32(nKey), nExtra: uint32(n - nKey)})
	s.vals = append(s.vals, v)
	s.slots.place(h, int32(len(s.ents)))
}

func (s *tableShard[V]) grow() {
	s.slots = make(slots, max(64, 2*len(s.slots)))
	for j := range s.ents {
		s.slots.place(s.ents[j].hash, int32(j+1))
	}
}

// slots is the open-addressing index of a table's shard: per slot, the
// index of an entry + 1, or 0 for none. Its length is a power of two, and
// its owner keeps it at most half full.
type slots []int32

// find returns the first entry on h's probe sequence that is accepts, or
// -1 when an empty slot comes first.
func (sl slots) find(h uint64, is func(j int32) bool) int {
	if len(sl) == 0 {
		return -1
	}
	mask := uint64(len(sl) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		j := sl[i] - 1
		if j < 0 {
			return -1
		}
		if is(j) {
			return int(j)
		}
	}
}

// place puts slot in the first empty slot on h's probe sequence.
func (sl slots) place(h uint64, slot int32) {
	mask := uint64(len(sl) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		if sl[i] == 0 {
			sl[i] = slot
			return
		}
	}
}

// pairTable is a bounded, concurrency-safe map from a (ranking, context)
// pair to its packed result: open addressing over plain arrays, some 70
// bytes an entry where a Go map of the same takes twice that.
type pairTable struct {
	max    int // entries per shard
	shards [tableShards]pairTableShard
}

type pairTableShard struct {
	mu    sync.Mutex
	slots slots
	keys  []uint64
	vals  []packed
}

func newPairTable(maxEntries int) *pairTable {
	return &pairTable{max: max(1, maxEntries/tableShards)}
}

// pairHash spreads a key's bits: its top bits pick the shard, its low
// bits the slot. Every bit of the key must reach the low bits: the key's
// low half is the context id, which thousands of rankings share (a
// multiplication alone would leave the low bits to it, and the pairs of
// one context on one run of slots). This is SplitMix64's finaliser.
func pairHash(k uint64) uint64 {
	k = (k ^ k>>30) * 0xBF58476D1CE4E5B9
	k = (k ^ k>>27) * 0x94D049BB133111EB
	return k ^ k>>31
}

func (t *pairTable) get(k uint64) (packed, bool) {
	h := pairHash(k)
	s := &t.shards[h>>60]
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := s.find(h, k); i >= 0 {
		return s.vals[i], true
	}
	return packed{}, false
}

// put stores p under k, unless k is there already or the shard is full.
func (t *pairTable) put(k uint64, p packed) {
	h := pairHash(k)
	s := &t.shards[h>>60]
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.keys) >= t.max || s.find(h, k) >= 0 {
		return
	}
	if 2*(len(s.keys)+1) > len(s.slots) {
		s.slots = make(slots, max(64, 2*len(s.slots)))
		for j, kk := range s.keys {
			s.slots.place(pairHash(kk), int32(j+1))
		}
	}
	s.keys = append(s.keys, k)
	s.vals = append(s.vals, p)
	s.slots.place(h, int32(len(s.keys)))
}

func (s *pairTableShard) find(h, k uint64) int {
	return s.slots.find(h, func(j int32) bool { return s.keys[j] == k })
}

// packed is a Result of the index (no override, no code) without
// pointers: unit groups by their index in the classification, the method
// and reasons by their index in packedMethods and packedReasons.
type packed struct {
	score     float64
	altScores [maxAlts]float64
	altUnits  [maxAlts]int16
	unit      int16 // -1: no code
	nAlts     uint8
	method    uint8
	nReasons  uint8
	reasons   [2]uint8
}

var (
	packedMethods = [...]Method{MethodOverride, MethodCode, MethodExact, MethodAlias, MethodFuzzy, MethodNone}
	packedReasons = [...]string{ReasonMultipleRoles, ReasonNotAnOccupation, ReasonCodeInvalid, ReasonNOC2016OneToMany, ReasonQualifierAmbiguous}
	// packedReasonLists are the reason lists a packed result can give,
	// made once: a Result's Reasons are clipped, so a caller's append copies.
	packedReasonLists = func() (l [len(packedReasons)][len(packedReasons) + 1][]string) {
		for i, a := range packedReasons {
			l[i][0] = []string{a}
			for j, b := range packedReasons {
				l[i][j+1] = []string{a, b}
			}
		}
		return l
	}()
)

// pack returns r packed, or false when r does not fit (a code outside the
// classification, more reasons or alternatives than a packed result holds):
// such a result is simply not cached.
func (c *Classification) pack(r Result) (packed, bool) {
	p := packed{score: r.Score, unit: -1}
	if r.Code != "" {
		i, ok := c.index[r.Code]
		if !ok || c.Units[i].Title != r.Title || c.Units[i].TEER != r.TEER {
			return p, false
		}
		p.unit = int16(i)
	} else if r.Title != "" || r.TEER != 0 {
		return p, false
	}
	m := slices.Index(packedMethods[:], r.Method)
	if m < 0 || len(r.Alts) > maxAlts || len(r.Reasons) > len(p.reasons) {
		return p, false
	}
	p.method = uint8(m)
	for k, a := range r.Alts {
		i, ok := c.index[a.Code]
		if !ok {
			return p, false
		}
		p.altScores[k], p.altUnits[k] = a.Score, int16(i)
	}
	p.nAlts = uint8(len(r.Alts))
	for k, s := range r.Reasons {
		i := slices.Index(packedReasons[:], s)
		if i < 0 {
			return p, false
		}
		p.reasons[k] = uint8(i)
	}
	p.nReasons = uint8(len(r.Reasons))
	return p, true
}

// unpack is the Result p was packed from. Its Alts are new; its Reasons
// are shared and clipped.
func (c *Classification) unpack(p packed) Result {
	r := Result{Score: p.score, Method: packedMethods[p.method]}
	if p.unit >= 0 {
		u := &c.Units[p.unit]
		r.Code, r.Title, r.TEER = u.Code, u.Title, u.TEER
	}
	if p.nAlts > 0 {
		r.Alts = make([]Candidate, p.nAlts)
		for k := range r.Alts {
			r.Alts[k] = Candidate{c.Units[p.altUnits[k]].Code, p.altScores[k]}
		}
	}
	switch p.nReasons {
	case 1:
		r.Reasons = packedReasonLists[p.reasons[0]][0]
	case 2:
		r.Reasons = packedReasonLists[p.reasons[0]][p.reasons[1]+1]
	}
	return r
}

// maxExpansions bounds the (title, context words) results an Index keeps
// (Index.expanded).
const maxExpansions = 300_000

// expansion is a result of Index.expand without pointers: whether there
// was one, and its candidates as unit-group indexes and scores, as many as
// its Result reads (resultCands); the rest of the roleMatch follows from
// them.
type expansion struct {
	sim, margin float64
	scores      [expansionCands]float64
	units       [expansionCands]int16
	n           uint8
	ok, exact   bool
}

// expansionCands is the number of candidates an expansion holds: the code
// and its alternatives, with room for a repeated code.
const expansionCands = maxAlts + 3

// packExpansion packs expand's answer, or reports false when it does not
// fit (more candidates than an expansion holds, a code outside the
// classification, a field expand does not set): it is then not cached.
func packExpansion(c *Classification, m roleMatch, ok bool) (expansion, bool) {
	if !ok {
		return expansion{}, true
	}
	want := features{kind: kindContext, sim: m.f.sim, margin: m.f.margin, hasCtx: true}
	if len(m.cands) == 0 || m.method != MethodFuzzy || m.none || m.reasons != nil || m.f != want || m.code != m.cands[0].Code {
		return expansion{}, false
	}
	cands := m.cands[:resultCands(m.code, m.cands)]
	if len(cands) > expansionCands {
		return expansion{}, false
	}
	e := expansion{sim: m.f.sim, margin: m.f.margin, n: uint8(len(cands)), ok: true, exact: m.exact}
	for i, cd := range cands {
		u, found := c.index[cd.Code]
		if !found {
			return expansion{}, false
		}
		e.units[i], e.scores[i] = int16(u), cd.Score
	}
	return e, true
}

// roleMatch is the answer e was packed from; its candidates are new.
func (e *expansion) roleMatch(c *Classification) (roleMatch, bool) {
	if !e.ok {
		return roleMatch{}, false
	}
	cands := make([]Candidate, e.n)
	for i := range cands {
		cands[i] = Candidate{c.Units[e.units[i]].Code, e.scores[i]}
	}
	return roleMatch{exact: e.exact, code: cands[0].Code, method: MethodFuzzy, cands: cands,
		f: features{kind: kindContext, sim: e.sim, margin: e.margin, hasCtx: true}}, true
}

// maxRankings bounds the titles whose ranked retrieval without context an
// Index keeps (Index.rankTokens).
const maxRankings = 200_000

// ranked is a result of rankWith without context, without pointers: its
// candidates as unit-group indexes and scores; none when no word of the
// title is indexed (MethodNone).
type ranked struct {
	scores [maxCands]float64
	units  [maxCands]int16
	n      uint8
	none   bool
}

// packRanked packs rankWith's answer, or reports false when it does not
// fit (a code outside the classification): it is then not cached.
func packRanked(c *Classification, p part) (ranked, bool) {
	if p.method == MethodNone && len(p.cands) == 0 {
		return ranked{none: true}, true
	}
	if p.kind != kindFuzzy || p.method != MethodFuzzy || len(p.cands) > maxCands {
		return ranked{}, false
	}
	r := ranked{n: uint8(len(p.cands))}
	for i, cd := range p.cands {
		u, found := c.index[cd.Code]
		if !found {
			return ranked{}, false
		}
		r.units[i], r.scores[i] = int16(u), cd.Score
	}
	return r, true
}

// part is the answer r was packed from; its candidates are new.
func (r *ranked) part(c *Classification) part {
	if r.none {
		return part{method: MethodNone}
	}
	cands := make([]Candidate, r.n, maxCands)
	for i := range cands {
		cands[i] = Candidate{c.Units[r.units[i]].Code, r.scores[i]}
	}
	return part{kind: kindFuzzy, cands: cands, method: MethodFuzzy}
}
