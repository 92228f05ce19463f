package noc

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// DefaultThreshold is the match score below which a row goes to review with
// reason low_match_score. See docs/matching.md for the coverage and
// precision behind it.
const DefaultThreshold = 0.6

// Matcher resolves a row's job to a unit group in the spec's order: the
// firm's overrides, a valid code in the row, then the index. Work is
// cached per distinct key, so that it is done once per run: each raw
// spelling of a title is read once, each canonical title ranked once,
// each context read once, and each (ranking, context) pair finished once,
// in bounded caches shared by all goroutines (cache.go). It is safe for
// concurrent use; load overrides before matching.
type Matcher struct {
	Index     *Index
	Threshold float64
	overrides map[string][]override
	overIdx   map[string]int32 // normalised title -> index in overList
	overList  [][]override

	titles *table[titleVal] // raw title, ASCII lower-cased -> its ranking; extra: the qualifiers typed around it
	ctxs   *table[uint32]   // industry, employer, qualifiers, duties -> context id
	pairs  *pairTable       // ranking id, context id -> the packed result

	mu      sync.Mutex
	norms   map[string]*cached // canonical title -> ranking
	ranks   []*Ranking         // ranking id - 1 -> ranking
	ctxIDs  map[string]uint32  // context tokens (idsKey) -> context id
	ctxToks [][]int32          // context id - 1 -> tokens
	ranked  atomic.Int64
}

// titleVal is what the cache keeps of a raw title.
type titleVal struct {
	rank uint32 // ranking id
	over int32  // index in overList, or -1
}

// Cache bounds, so that a list of millions of distinct titles cannot grow
// memory without limit; past a bound, work is simply not cached. At the
// bounds the caches hold about 250 MB (mostly Rankings); the benchmark's
// 1,000,000-row list (40,506 titles, 369,902 spellings, 259,155 pairs)
// stays well inside them.
const (
	maxCache   = 200_000 // canonical titles (Rankings)
	maxRaw     = 500_000 // raw spellings of titles
	maxCtxs    = 500_000 // raw contexts
	maxCtxSets = 200_000 // distinct context token sets
	maxPairs   = 600_000 // (ranking, context) results
)

// noCtx is the context id of a context that is not cached.
const noCtx = ^uint32(0)

type cached struct {
	key  string // the canonical title ranked
	id   uint32 // ranking id; 0 when not cached
	once sync.Once
	rk   *Ranking
}

// NewMatcher returns a Matcher over a frozen index.
func NewMatcher(ix *Index) *Matcher {
	return &Matcher{Index: ix, Threshold: DefaultThreshold, norms: map[string]*cached{}, ctxIDs: map[string]uint32{},
		titles: newTable[titleVal](maxRaw), ctxs: newTable[uint32](maxCtxs), pairs: newPairTable(maxPairs)}
}

// Match resolves one job. code is the noc_code cell of the row, if any.
// The context-free ranking of each distinct normalised title is computed
// once per Matcher; the row's industry, employer and duties then re-rank it.
func (m *Matcher) Match(q Query, code string) Result {
	l := m.Local()
	defer l.Release()
	return l.Match(q, code)
}

// ranking returns the Ranking of a title and its id (0 when it is not
// cached), computed once per distinct canonical form (CanonicalTitle) and
// from that form, so that the answer never depends on which spelling of
// it a worker met first. With cachedOnly, a title the cache cannot keep is
// not ranked (nil, 0).
func (m *Matcher) ranking(title string, forms map[string]wordForm, cachedOnly bool) (*Ranking, uint32) {
	key := canonicalTitle(title, forms)
	m.mu.Lock()
	c := m.norms[key]
	if c == nil {
		c = &cached{key: key}
		switch {
		case len(m.norms) < maxCache:
			m.ranks = append(m.ranks, nil)
			c.id = uint32(len(m.ranks))
			m.norms[key] = c
		case cachedOnly:
			m.mu.Unlock()
			return nil, 0
		}
	}
	m.mu.Unlock()
	c.once.Do(func() {
		c.rk = m.Index.Rank(c.key)
		m.ranked.Add(1)
		if c.id != 0 {
			m.mu.Lock()
			m.ranks[c.id-1] = c.rk
			m.mu.Unlock()
		}
	})
	return c.rk, c.id
}

// rankAt returns the Ranking of id (not 0).
func (m *Matcher) rankAt(id uint32) *Ranking {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.ranks[id-1]
}

// Ranked returns how many titles were ranked: one per distinct canonical
// title (CanonicalTitle), however many rows carry it.
func (m *Matcher) Ranked() int64 { return m.ranked.Load() }

// internCtx returns the id of a context's tokens: 0 for none, noCtx when
// the cache of token sets is full.
func (m *Matcher) internCtx(toks []int32) uint32 {
	if len(toks) == 0 {
		return 0
	}
	key := idsKey(toks)
	m.mu.Lock()
	defer m.mu.Unlock()
	if id, ok := m.ctxIDs[key]; ok {
		return id
	}
	if len(m.ctxToks) >= maxCtxSets {
		return noCtx
	}
	m.ctxToks = append(m.ctxToks, toks)
	id := uint32(len(m.ctxToks))
	m.ctxIDs[key] = id
	return id
}

// ctxAt returns the tokens of context id (not noCtx).
func (m *Matcher) ctxAt(id uint32) []int32 {
	if id == 0 {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.ctxToks[id-1]
}

// override applies the firm's overrides found for a title (looked up once
// per distinct raw title) to a row's industry.
func (m *Matcher) override(os []override, industry string) (Result, bool) {
	ind := ""
	for _, o := range os {
		if o.industry != "" && ind == "" {
			ind = Normalize(industry)
		}
		if o.industry == "" || o.industry == ind {
			return m.unitResult(o.code, MethodOverride, 1), true
		}
	}
	return Result{}, false
}

func (m *Matcher) unitResult(code string, method Method, score float64) Result {
	u := m.Index.cls.Unit(code)
	return Result{Code: code, Title: u.Title, TEER: u.TEER, Method: method, Score: score}
}

// byCode uses a code given in the row: a NOC 2021 unit group as is; a NOC
// 2016 code through the built-in correspondence. When the 2016 group was
// split, the row's title decides among the 2021 codes it became: if the
// title's best match is one of them, that code is taken with score
// splitDecided; if only an alternative is, that code with the alternative's
// score; otherwise the code the 2016 group continues as, with score 0 and
// reason noc2016_one_to_many (review). A code that is neither is reported as
// noc_code_invalid and the title is matched instead.
func (l *Local) byCode(code string, q Query) (Result, bool) {
	code = strings.TrimSpace(code)
	if code == "" {
		return Result{}, false
	}
	m := l.m
	digits := strings.Trim(code, "0123456789") == ""
	if digits && len(code) == 5 && m.Index.cls.Known(code) {
		return m.unitResult(code, MethodCode, 1), true
	}
	var targets []string
	if digits && len(code) <= 4 {
		targets = From2016(strings.Repeat("0", 4-len(code)) + code)
	}
	switch len(targets) {
	case 0:
		r := l.byTitle(q)
		r.Reasons = append(r.Reasons, ReasonCodeInvalid)
		return r, true
	case 1:
		return m.unitResult(targets[0], MethodCode, 1), true
	}
	r := l.byTitle(q)
	var best Result
	switch {
	case r.Code != "" && slices.Contains(targets, r.Code):
		best = m.unitResult(r.Code, MethodCode, max(r.Score, splitDecided))
	default:
		for _, a := range r.Alts {
			if slices.Contains(targets, a.Code) {
				best = m.unitResult(a.Code, MethodCode, a.Score)
				break
			}
		}
	}
	if best.Code == "" {
		best = m.unitResult(targets[0], MethodCode, 0)
		best.Reasons = []string{ReasonNOC2016OneToMany}
	}
	for _, t := range targets {
		if t != best.Code && len(best.Alts) < maxAlts {
			best.Alts = append(best.Alts, Candidate{Code: t})
		}
	}
	return best, true
}

// splitDecided is the score of a NOC 2016 code whose split the title
// decides: the code narrows the answer to a few unit groups and the title's
// best match is one of them.
const splitDecided = 0.9

// Local is a Matcher's per-goroutine view: it keeps the scratch space of
// the lookups (a key buffer, a cache of word forms) so that a goroutine
// matching many rows allocates little. Get one with Matcher.Local, use it
// from one goroutine only, and give it back with Release.
type Local struct {
	m     *Matcher
	key   []byte              // a context's key
	tkey  []byte              // a title's key
	forms map[string]wordForm // word -> its form, for CanonicalTitle
}

// maxLocal bounds a Local's map of word forms; past it the map is cleared.
const maxLocal = 20_000

// Local returns a per-goroutine view of m.
func (m *Matcher) Local() *Local {
	return &Local{m: m, forms: map[string]wordForm{}}
}

// Release gives l back; l must not be used afterwards.
func (l *Local) Release() { l.m, l.forms = nil, nil }

// Match is Matcher.Match, for one goroutine.
func (l *Local) Match(q Query, code string) Result {
	if r, ok := l.byCode(code, q); ok {
		return r
	}
	return l.byTitle(q)
}

// matchFeatures is Match, also returning the features of a title match
// (zero for a match by override or code). It does not use the cache of
// results, so that the features are at hand.
func (l *Local) matchFeatures(q Query, code string) (Result, features) {
	if r, ok := l.byCode(code, q); ok {
		return r, features{}
	}
	if strings.TrimSpace(q.Title) == "" {
		return Result{Method: MethodNone}, features{}
	}
	rk, tv, extra := l.title(q.Title)
	if tv.over >= 0 {
		if r, ok := l.m.override(l.m.overList[tv.over], q.Industry); ok {
			return r, features{}
		}
	}
	if rk == nil {
		rk = l.m.rankAt(tv.rank)
	}
	id, toks := l.context(q, extra)
	if toks == nil && id != noCtx {
		toks = l.m.ctxAt(id)
	}
	return l.m.Index.finish(rk, toks)
}

// byTitle matches the row's title, ignoring any code. The result depends
// on the title's Ranking and the context's tokens alone, and is computed
// once per distinct pair.
func (l *Local) byTitle(q Query) Result {
	m := l.m
	if strings.TrimSpace(q.Title) == "" {
		return Result{Method: MethodNone}
	}
	rk, tv, extra := l.title(q.Title)
	if tv.over >= 0 {
		if r, ok := m.override(m.overList[tv.over], q.Industry); ok {
			return r
		}
	}
	id, toks := l.context(q, extra)
	return l.pair(rk, tv, id, toks)
}

// Warm does the work of matching q's title with its context, as Match
// does, only to fill the caches: a caller that knows the rows to come (the
// first look at a file) can have it done ahead, on a core that would
// otherwise wait. It does nothing the caches cannot keep, so that Ranked
// and every Result are the same whatever Warm did before.
func (l *Local) Warm(q Query) {
	if strings.TrimSpace(q.Title) == "" {
		return
	}
	rk, tv, extra, ok := l.titleFor(q.Title, true)
	if !ok || tv.over >= 0 {
		return
	}
	if id, toks := l.context(q, extra); id != noCtx {
		l.pair(rk, tv, id, toks)
	}
}

// pair is the result of a title's Ranking (rk, or the one of tv.rank when
// nil) with a context (id; toks, or those of id when nil), computed once
// per distinct pair.
func (l *Local) pair(rk *Ranking, tv titleVal, id uint32, toks []int32) Result {
	m := l.m
	cache := tv.rank != 0 && id != noCtx
	k := uint64(tv.rank)<<32 | uint64(id)
	if cache {
		if p, ok := m.pairs.get(k); ok {
			return m.Index.cls.unpack(p)
		}
	}
	if rk == nil {
		rk = m.rankAt(tv.rank)
	}
	if toks == nil && id != noCtx {
		toks = m.ctxAt(id)
	}
	r, _ := m.Index.finish(rk, toks)
	p, ok := m.Index.cls.pack(r)
	if !ok {
		return clipped(r)
	}
	if cache {
		m.pairs.put(k, p)
	}
	return m.Index.cls.unpack(p)
}

// clipped is r with its slices clipped: a caller's append then copies
// rather than writing into memory r shares.
func clipped(r Result) Result {
	r.Alts, r.Reasons = slices.Clip(r.Alts), slices.Clip(r.Reasons)
	return r
}

// title returns what the cache knows of a raw title: its ranking id, its
// override and the qualifiers typed around it (extra, read-only), reading
// the title when it is new. rk is the Ranking when the title was read
// now, nil when it came from the cache.
func (l *Local) title(raw string) (rk *Ranking, tv titleVal, extra []byte) {
	rk, tv, extra, _ = l.titleFor(raw, false)
	return rk, tv, extra
}

// titleFor is title; with cachedOnly, a title the cache of rankings cannot
// keep is not read (ok false).
func (l *Local) titleFor(raw string, cachedOnly bool) (rk *Ranking, tv titleVal, extra []byte, ok bool) {
	m := l.m
	// Spellings that differ in ASCII case only read the same (words folds
	// case; the separators SplitQualifiers and splitRoles look for are
	// found ignoring it), so they share one entry.
	l.tkey = appendLowerASCII(l.tkey[:0], raw)
	if tv, extra, ok := m.titles.getBytes(l.tkey); ok {
		return nil, tv, extra, true
	}
	if string(l.tkey) != raw {
		raw = string(l.tkey)
	}
	_, ex := SplitQualifiers(raw)
	if len(l.forms) >= maxLocal {
		clear(l.forms)
	}
	rk, tv.rank = m.ranking(raw, l.forms, cachedOnly)
	if rk == nil {
		return nil, tv, nil, false
	}
	tv.over = -1
	if len(m.overIdx) > 0 {
		if i, ok := m.overIdx[Normalize(raw)]; ok {
			tv.over = i
		}
	}
	if tv.rank != 0 {
		m.titles.putString(raw, ex, tv)
	}
	return rk, tv, []byte(ex), true
}

// context returns the id of a row's context (0 for none, noCtx when it is
// not cached) with the qualifiers typed around the title ("@ Shopify",
// "(oil industry)") joining the employer, and its tokens when they were
// read now (nil when they came from the cache, or there are none).
func (l *Local) context(q Query, extra []byte) (uint32, []int32) {
	if q.Industry == "" && q.Employer == "" && q.Duties == "" && len(extra) == 0 {
		return 0, nil
	}
	b := append(l.key[:0], q.Industry...)
	b = append(append(b, 0), q.Employer...)
	b = append(append(b, 0), extra...)
	b = append(append(b, 0), q.Duties...)
	l.key = b
	m := l.m
	if id, _, ok := m.ctxs.getBytes(b); ok {
		return id, nil
	}
	if len(extra) > 0 {
		q.Employer = strings.TrimSpace(q.Employer + " " + string(extra))
	}
	toks := m.Index.ContextTokens(q)
	id := m.internCtx(toks)
	if id != noCtx {
		m.ctxs.putBytes(b, id)
	}
	return id, toks
}

// appendLowerASCII appends s to b with its ASCII letters lower-cased; other
// bytes, those of non-ASCII letters included, are kept as they are.
func appendLowerASCII(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// idsKey encodes token ids as a string, for a map key.
func idsKey(ids []int32) string {
	if len(ids) == 0 {
		return ""
	}
	b := make([]byte, 0, 4*len(ids))
	for _, id := range ids {
		b = append(b, byte(id), byte(id>>8), byte(id>>16), byte(id>>24))
	}
	return string(b)
}
