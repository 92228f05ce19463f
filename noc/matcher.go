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
// firm's overrides, a valid code in the row, then the index. Results are
// cached per distinct query, so each distinct title is matched once per
// run. It is safe for concurrent use.
type Matcher struct {
	Index     *Index
	Threshold float64
	overrides map[string][]override

	ctxs sync.Map // ctxKey (copied) -> []int32, bounded by maxCache

	mu     sync.Mutex
	locals []*Local           // released Locals, caches kept (a sync.Pool would drop them at each collection)
	norms  map[string]*cached // canonical title -> ranking
	nCtxs  atomic.Int64
	ranked atomic.Int64
}

// maxCache bounds each cache, so that a list of a million distinct titles
// cannot grow memory without limit; past it, work is simply not cached.
const maxCache = 200_000

type cached struct {
	key  string // the canonical title ranked
	once sync.Once
	rk   *Ranking
}

// NewMatcher returns a Matcher over a frozen index.
func NewMatcher(ix *Index) *Matcher {
	return &Matcher{Index: ix, Threshold: DefaultThreshold, norms: map[string]*cached{}}
}

// Match resolves one job. code is the noc_code cell of the row, if any.
// The context-free ranking of each distinct normalised title is computed
// once per Matcher; the row's industry, employer and duties then re-rank it.
// Callers matching many rows from one goroutine should use Local.
func (m *Matcher) Match(q Query, code string) Result {
	l := m.Local()
	defer l.Release()
	return l.Match(q, code)
}

// ranking returns the Ranking of a title, computed once per distinct
// canonical form (CanonicalTitle) and from that form, so that the answer
// never depends on which spelling of it a worker met first.
func (m *Matcher) ranking(title string, forms map[string]wordForm) *Ranking {
	key := canonicalTitle(title, forms)
	m.mu.Lock()
	c := m.norms[key]
	if c == nil {
		c = &cached{key: key}
		if len(m.norms) < maxCache {
			m.norms[key] = c
		}
	}
	m.mu.Unlock()
	c.once.Do(func() {
		c.rk = m.Index.Rank(c.key)
		m.ranked.Add(1)
	})
	return c.rk
}

// Ranked returns how many titles were ranked: one per distinct canonical
// title (CanonicalTitle), however many rows carry it.
func (m *Matcher) Ranked() int64 { return m.ranked.Load() }

func (m *Matcher) context(q Query) []int32 {
	if q.Industry == "" && q.Employer == "" && q.Duties == "" {
		return nil
	}
	key := ctxKey{q.Industry, q.Employer, q.Duties}
	if v, ok := m.ctxs.Load(key); ok {
		return v.([]int32)
	}
	t := m.Index.ContextTokens(q)
	if m.nCtxs.Add(1) <= maxCache {
		m.ctxs.Store(key.clone(), t)
	}
	return t
}

// override applies the firm's overrides found for a title (looked up once
// per distinct title by Local) to a row's industry.
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

// Local is a Matcher's per-goroutine view: it remembers the rankings and
// context tokens it has used without locks, falling back to the shared
// caches. Get one with Matcher.Local for a batch, use it from one goroutine
// only, and give it back with Release.
type Local struct {
	m      *Matcher
	titles map[string]localTitle
	ctxs   map[ctxKey]localCtx
	pairs  map[pairKey]*pairResult
	forms  map[string]wordForm // word -> its form, for CanonicalTitle
}

// localCtx is a row context's tokens, and the same as a string: the
// context part of a pairKey.
type localCtx struct {
	toks []int32
	key  string
}

// pairKey is what a title match depends on once the title's own
// qualifiers have joined the row's context: the Ranking of the title
// (one per canonical title) and the context's tokens.
type pairKey struct {
	rk  *Ranking
	ctx string
}

type pairResult struct {
	r Result
	f features
}

type localTitle struct {
	rk    *Ranking
	extra string     // qualifiers typed around the title, for the context
	overs []override // the firm's overrides for this title, if any
}

type ctxKey struct{ industry, employer, duties string }

// clone returns k with its strings copied, so that a cache holding it
// does not keep the input line they were cut from alive.
func (k ctxKey) clone() ctxKey {
	return ctxKey{strings.Clone(k.industry), strings.Clone(k.employer), strings.Clone(k.duties)}
}

// maxLocal bounds a Local's context and word-form maps, maxLocalTitles
// its map of raw titles, maxPairs its map of (title, context) results;
// past the bound a map is cleared. Keys are copies, so the maps hold no
// input lines. The bounds are small on purpose: on the benchmark's
// 1,000,000-row list, caches of 30,000 entries per worker used less CPU
// than of 100,000-300,000 (45 s against 54 s, one run each), because what the collector
// scans shrinks more than the hit rate, and kept the peak near 310 MB.
const (
	maxLocal       = 20_000
	maxLocalTitles = 30_000 // raw spellings: many more than titles
	maxPairs       = 30_000
)

// maxFreeLocals bounds the released Locals a Matcher keeps.
const maxFreeLocals = 64

// Local returns a per-goroutine view of m: a released one, with the
// caches it has filled, when there is one.
func (m *Matcher) Local() *Local {
	m.mu.Lock()
	if n := len(m.locals); n > 0 {
		l := m.locals[n-1]
		m.locals = m.locals[:n-1]
		m.mu.Unlock()
		return l
	}
	m.mu.Unlock()
	return &Local{m: m, titles: map[string]localTitle{}, ctxs: map[ctxKey]localCtx{}, pairs: map[pairKey]*pairResult{}, forms: map[string]wordForm{}}
}

// Release gives l back; l must not be used afterwards.
func (l *Local) Release() {
	m := l.m
	m.mu.Lock()
	if len(m.locals) < maxFreeLocals {
		m.locals = append(m.locals, l)
	}
	m.mu.Unlock()
}

// Match is Matcher.Match with lock-free caches.
func (l *Local) Match(q Query, code string) Result {
	r, _ := l.matchFeatures(q, code)
	return r
}

// matchFeatures is Match, also returning the features of a title match
// (zero for a match by override or code).
func (l *Local) matchFeatures(q Query, code string) (Result, features) {
	if r, ok := l.byCode(code, q); ok {
		return r, features{}
	}
	return l.byTitleFeatures(q)
}

// byTitle matches the row's title, ignoring any code.
func (l *Local) byTitle(q Query) Result {
	r, _ := l.byTitleFeatures(q)
	return r
}

func (l *Local) byTitleFeatures(q Query) (Result, features) {
	m := l.m
	if strings.TrimSpace(q.Title) == "" {
		return Result{Method: MethodNone}, features{}
	}
	t, ok := l.titles[q.Title]
	if !ok {
		if len(l.titles) >= maxLocalTitles {
			clear(l.titles)
		}
		_, extra := SplitQualifiers(q.Title)
		if len(l.forms) >= maxLocal {
			clear(l.forms)
		}
		t = localTitle{rk: m.ranking(q.Title, l.forms), extra: strings.Clone(extra)}
		if len(m.overrides) > 0 {
			t.overs = m.overrides[Normalize(q.Title)]
		}
		l.titles[strings.Clone(q.Title)] = t
	}
	if len(t.overs) > 0 {
		if r, ok := m.override(t.overs, q.Industry); ok {
			return r, features{}
		}
	}
	rk := t.rk
	if t.extra != "" {
		// Qualifiers around the title ("@ Shopify", "(oil industry)") join
		// the context; the title itself is ranked without them.
		q.Employer = strings.TrimSpace(q.Employer + " " + t.extra)
	}
	var ctx localCtx
	if q.Industry != "" || q.Employer != "" || q.Duties != "" {
		key := ctxKey{q.Industry, q.Employer, q.Duties}
		if ctx, ok = l.ctxs[key]; !ok {
			if len(l.ctxs) >= maxLocal {
				clear(l.ctxs)
			}
			ctx.toks = m.context(q)
			ctx.key = idsKey(ctx.toks)
			l.ctxs[key.clone()] = ctx
		}
	}
	// The match depends on the ranking and the context tokens alone:
	// computed once per distinct pair.
	pk := pairKey{rk, ctx.key}
	p, ok := l.pairs[pk]
	if !ok {
		if len(l.pairs) >= maxPairs {
			clear(l.pairs)
		}
		p = new(pairResult)
		p.r, p.f = m.Index.finish(rk, ctx.toks)
		l.pairs[pk] = p
	}
	// Callers may append to a Result's slices: clipped, an append copies
	// rather than writing into the cached one.
	r := p.r
	r.Alts, r.Reasons = slices.Clip(r.Alts), slices.Clip(r.Reasons)
	return r, p.f
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
