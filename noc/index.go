package noc

// Index building: the titles of the classification and the curated list,
// their tokens, the postings of ranked retrieval, the exact-title keys and
// the words that describe each unit group (its context).

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Source says where an index title came from; it decides the match method.
type Source uint8

const (
	FromUnitTitle Source = iota // the unit group's own title
	FromCurated                 // casescreen's curated titles (method "alias")
	FromElements                // an official example, inclusion or OaSIS title, or a loaded elements file's
	FromExclusion               // a title another unit group's exclusions send to this one
)

// doc is one indexed title. An official title written "base - qualifier"
// ("personal support worker - nursing care") keeps the qualifier apart: it
// says where the job is, and is read against a row's context.
type doc struct {
	code   string
	unit   int32 // index of code in the classification's Units
	source Source
	toks   []int32 // base title token ids, in order
	qual   []int32 // qualifier token ids
	norm   float64 // Euclidean norm of the idf weights (qualifier words at qualWeight)
	head   int32   // last base token: the head noun
	// deliberate: a curated title whose code differs from the
	// classification's on purpose (curatedTitle.differs).
	deliberate bool
}

// docHot is the part of a doc that ranked retrieval reads for each of the
// thousands of titles a common word touches, kept apart so that those
// reads stay in few cache lines.
type docHot struct {
	norm       float64
	head, unit int32
}

// hit is an exact-title match: a doc, and whether the key was the doc's
// base title without its qualifier.
type hit struct {
	doc     int32
	viaBase bool
}

// Index is the searchable set of titles. Build it with NewIndex, add titles,
// then call Freeze; after Freeze it is read-only and safe for concurrent
// use.
type Index struct {
	Name string // what the index holds, for reports: "built-in", "built-in + elements.csv (n titles)"
	cls  *Classification

	vocab     map[string]int32
	terms     []string  // token id -> token
	idf       []float64 // token id -> idf over titles
	docs      []doc
	hot       []docHot  // per doc, what ranked retrieval reads of every title it touches
	postings  [][]int32 // token id -> docs whose base title has it
	qpostings [][]int32 // token id -> docs whose qualifier has it
	exact     map[string][]hit
	heads     []int32            // token id -> how many titles it ends (is the head noun of)
	trigrams  map[uint32][]int32 // character trigram -> token ids, for spelling repair

	// unitPost is the unit-group view of the titles: token id -> the unit
	// groups whose titles use it, weighted (1+log tf)*idf over groups and
	// normalised per group, for the code-level similarity.
	unitPost [][]unitWeight
	// bags are the words that describe each unit group (by unit index):
	// its titles, qualifiers, group titles and the word counts of its
	// definition and duties. A row's context is compared with them.
	bags   []map[int32]float32
	ctxIDF []float64 // token id -> idf over the bags

	// authority holds the codes of the unit groups of managers (TEER 0),
	// supervisors and contractors (authorityGroup).
	authority map[string]bool
	managers  []string // the codes of the management unit groups (TEER 0), in code order
	// sectorManagers maps a word to the management groups named
	// "Managers in <sector>" whose sector holds it, in code order
	// (Index.managersNamed).
	sectorManagers map[int32][]string
	// residuals maps a head word to the professional unit group named for
	// it "not elsewhere classified": "engineer" -> 21399 Other
	// professional engineers (Index.residual).
	residuals map[int32]string

	forms  map[string]wordForm // while building: the word forms of titles seen
	frozen bool
	pool   sync.Pool

	repairs  sync.Map     // unknown token (copied) -> repaired id or -1, bounded by maxRepairs
	nRepairs atomic.Int64 // entries stored in repairs

	// expansions holds the results of expanded, per title and the context
	// words any title or qualifier has (Index.expanded); made by Freeze.
	expansions *table[expansion]
	// rankings holds rankWith's answers without context, per title's
	// tokens (Index.rankTokens); made by Freeze.
	rankings *table[ranked]
	// headTabs holds, per token whose titles are many (nil for the
	// others), the titles of each unit group that rankWith can score for
	// it as a head word without walking its postings (headTable).
	headTabs []*headTable
}

// maxRepairs bounds the tokens whose repair an Index remembers.
const maxRepairs = 200_000

// qualWeight is the weight of a qualifier's words, relative to the base
// title's, in ranked retrieval.
const qualWeight = 0.5

// NewIndex returns an index holding the classification's titles (unit
// group titles, example titles, inclusions, exclusions, OaSIS titles) and
// the curated titles.
func NewIndex(cls *Classification) *Index {
	n := len(curated) + 3*len(cls.Units)
	for _, ts := range cls.titles {
		n += len(ts)
	}
	ix := &Index{Name: "built-in", cls: cls, vocab: make(map[string]int32, 16384), exact: make(map[string][]hit, 2*n),
		docs: make([]doc, 0, n), bags: make([]map[int32]float32, len(cls.Units)), forms: make(map[string]wordForm, 16384)}
	words := map[string][]int32{} // prose word -> its token ids, normalised once
	for i, u := range cls.Units {
		ix.Add(u.Title, u.Code, FromUnitTitle)
		for _, part := range splitTitle(u.Title) {
			ix.Add(part, u.Code, FromUnitTitle)
		}
		for _, g := range cls.Hierarchy(u.Code) {
			if len(g.Code) > 1 { // the broad categories are too wide to say anything
				ix.AddContext(u.Code, g.Title)
			}
		}
		for _, t := range cls.titles[i] {
			src := FromElements
			if t.Kind == KindExclusion {
				src = FromExclusion
			}
			ix.Add(t.Text, u.Code, src)
		}
		bag := ix.bag(int32(i))
		for _, w := range cls.words[i] {
			ids, ok := words[w.word]
			if !ok {
				for _, t := range tokens([]string{w.word}) {
					ids = append(ids, ix.tokenID(t))
				}
				words[w.word] = ids
			}
			for _, id := range ids {
				bag[id] += float32(w.count)
			}
		}
	}
	for _, c := range curated {
		n := len(ix.docs)
		ix.Add(c.title, c.code, FromCurated)
		if len(ix.docs) > n && c.differs != "" {
			ix.docs[n].deliberate = true
		}
	}
	return ix
}

// splitTitle splits a unit group title such as "Cooks" or "Plumbers" (kept
// whole) or "Tool and die makers" (kept) into the titles it lists:
// "Hairstylists and barbers" -> "hairstylists", "barbers". Parts of one word
// that only qualify the next part are not split off.
func splitTitle(t string) []string {
	if strings.Contains(t, " - ") {
		t, _, _ = strings.Cut(t, " - ")
	}
	var out []string
	for _, p := range strings.Split(t, ",") {
		for _, q := range strings.Split(p, " and ") {
			q = strings.TrimSpace(q)
			if q != "" && q != t && strings.HasSuffix(q, "s") && strings.Contains(q, " ") {
				out = append(out, q)
			}
		}
	}
	return out
}

func (ix *Index) tokenID(t string) int32 {
	id, ok := ix.vocab[t]
	if !ok {
		id = int32(len(ix.terms))
		ix.vocab[t] = id
		ix.terms = append(ix.terms, t)
		ix.postings = append(ix.postings, nil)
		ix.qpostings = append(ix.qpostings, nil)
	}
	return id
}

func (ix *Index) ids(toks []string) []int32 {
	out := make([]int32, len(toks))
	for i, t := range toks {
		out[i] = ix.tokenID(t)
	}
	return out
}

func (ix *Index) bag(unit int32) map[int32]float32 {
	b := ix.bags[unit]
	if b == nil {
		b = make(map[int32]float32, 64)
		ix.bags[unit] = b
	}
	return b
}

// Add indexes one title for a code; a title the index already has for the
// code (with the same qualifier) is not added twice. An official title
// "base - qualifier" is found by its base title, by the two together, and
// by ranked retrieval. Add must not be called after Freeze; code must be a
// unit group of the index's classification.
func (ix *Index) Add(title, code string, src Source) {
	if ix.frozen {
		panic("noc: Add after Freeze")
	}
	unit, ok := ix.cls.index[code]
	if !ok {
		return
	}
	base, qual := splitQualifier(title)
	if ix.forms == nil {
		ix.forms = map[string]wordForm{}
	}
	btoks, qtoks := titleTokensWith(base, ix.forms), titleTokensWith(qual, ix.forms)
	if len(btoks) == 0 {
		btoks, qtoks = qtoks, nil
	}
	if len(btoks) == 0 {
		return
	}
	key := strings.Join(btoks, " ")
	qkey := strings.Join(qtoks, " ")
	full := key
	if qkey != "" {
		full += " " + qkey
	}
	for _, h := range ix.exact[full] {
		d := &ix.docs[h.doc]
		if d.code == code && !h.viaBase && ix.text(d.qual) == qkey && (d.source == FromCurated) == (src == FromCurated) {
			return // already indexed
		}
	}
	n := int32(len(ix.docs))
	d := doc{code: code, unit: int32(unit), source: src, toks: ix.ids(btoks), qual: ix.ids(qtoks)}
	d.head = d.toks[len(d.toks)-1]
	for i, id := range d.toks {
		if !containsID(d.toks[:i], id) {
			ix.postings[id] = append(ix.postings[id], n)
		}
	}
	for i, id := range d.qual {
		if !containsID(d.qual[:i], id) && !containsID(d.toks, id) {
			ix.qpostings[id] = append(ix.qpostings[id], n)
		}
	}
	ix.docs = append(ix.docs, d)
	ix.exact[key] = append(ix.exact[key], hit{n, qkey != ""})
	if qkey != "" {
		ix.exact[full] = append(ix.exact[full], hit{n, false})
	}
	bag := ix.bag(int32(unit))
	for _, id := range d.toks {
		bag[id]++
	}
	for _, id := range d.qual {
		bag[id]++
	}
}

// splitQualifier separates an official title's qualifier, written after
// " - " ("service advisor - auto repair").
func splitQualifier(title string) (base, qual string) {
	base, qual, _ = strings.Cut(title, " - ")
	return base, qual
}

func containsID(s []int32, id int32) bool {
	for _, x := range s {
		if x == id {
			return true
		}
	}
	return false
}

// AddContext adds descriptive text (duties, group titles) for a code; it is
// compared with a row's industry, employer and duties to rank candidates.
func (ix *Index) AddContext(code, text string) {
	unit, ok := ix.cls.index[code]
	if !ok {
		return
	}
	bag := ix.bag(int32(unit))
	for _, t := range Tokens(text) {
		bag[ix.tokenID(t)]++
	}
}

// Freeze computes the weights. The index is read-only afterwards.
func (ix *Index) Freeze() {
	n := float64(len(ix.docs))
	nt := len(ix.terms)
	ix.idf = make([]float64, nt)
	for id := range ix.terms {
		ix.idf[id] = math.Log(1 + n/float64(1+len(ix.postings[id])+len(ix.qpostings[id])))
	}
	ix.heads = make([]int32, nt)
	for i := range ix.docs {
		d := &ix.docs[i]
		ix.heads[d.head]++
		var s float64
		for _, t := range d.toks {
			s += ix.idf[t] * ix.idf[t]
		}
		for _, t := range d.qual {
			s += qualWeight * qualWeight * ix.idf[t] * ix.idf[t]
		}
		d.norm = math.Sqrt(s)
	}
	ix.hot = make([]docHot, len(ix.docs))
	for i, d := range ix.docs {
		ix.hot[i] = docHot{norm: d.norm, head: d.head, unit: d.unit}
	}
	ix.buildHeadTables()
	ix.trigrams = make(map[uint32][]int32, 8192)
	var grams []uint32
	for id, t := range ix.terms {
		if len(ix.postings[id]) == 0 || len(t) < 4 {
			continue
		}
		grams = trigramsOf(t, grams[:0])
		for _, g := range grams {
			ix.trigrams[g] = append(ix.trigrams[g], int32(id))
		}
	}
	df := make([]int, nt)
	for _, b := range ix.bags {
		for id := range b {
			df[id]++
		}
	}
	ix.ctxIDF = make([]float64, nt)
	nu := float64(len(ix.bags))
	for id, f := range df {
		if f > 0 {
			ix.ctxIDF[id] = math.Log(1 + nu/float64(f))
		}
	}
	ix.buildUnitPostings()
	ix.authority = make(map[string]bool)
	ix.sectorManagers = make(map[int32][]string)
	for _, u := range ix.cls.Units {
		low := strings.ToLower(u.Title)
		if u.TEER == 0 {
			ix.managers = append(ix.managers, u.Code)
			if _, sector, ok := strings.Cut(u.Title, " in "); ok {
				for _, t := range Tokens(sector) {
					if id, ok := ix.vocab[t]; ok && !slices.Contains(ix.sectorManagers[id], u.Code) {
						ix.sectorManagers[id] = append(ix.sectorManagers[id], u.Code)
					}
				}
			}
		}
		if u.TEER == 0 || strings.Contains(low, "supervisors") || strings.Contains(low, "contractors") {
			ix.authority[u.Code] = true
		}
	}
	ix.residuals = make(map[int32]string)
	for _, u := range ix.cls.Units {
		toks := Tokens(u.Title)
		if n := len(toks); n == 3 && toks[0] == "other" && toks[1] == "professional" {
			if id, ok := ix.vocab[toks[n-1]]; ok {
				ix.residuals[id] = u.Code
			}
		}
	}
	ix.forms = nil
	ix.expansions = newTable[expansion](maxExpansions)
	ix.rankings = newTable[ranked](maxRankings)
	ix.frozen = true
	ix.pool.New = func() any {
		return &scratch{acc: make([]float64, len(ix.docs)), mods: make([]float64, len(ix.docs)),
			best: make([]float64, len(ix.cls.Units)), grams: make([]int32, len(ix.terms))}
	}
}

// scratch is the per-query working memory of ranked retrieval, pooled:
// similarity per title and best similarity per unit group, with the
// entries touched so that resetting costs what the query did.
type scratch struct {
	acc     []float64
	mods    []float64 // per title, the weight of the query's modifiers it holds
	best    []float64
	touched []int32
	units   []int32
	grams   []int32 // per token, the trigrams it shares with a token to repair
	gtoks   []int32 // the tokens sharing some
}

// Titles is the number of indexed titles.
func (ix *Index) Titles() int { return len(ix.docs) }

// Classification returns the classification the index codes belong to.
func (ix *Index) Classification() *Classification { return ix.cls }

// trigramsOf appends the character trigrams of t, with its start and end
// marked, to out, each packed in a uint32.
func trigramsOf(t string, out []uint32) []uint32 {
	at := func(i int) uint32 {
		switch {
		case i < 0:
			return '^'
		case i >= len(t):
			return '$'
		}
		return uint32(t[i])
	}
	for i := -1; i+2 <= len(t); i++ {
		out = append(out, at(i)<<16|at(i+1)<<8|at(i+2))
	}
	return out
}

// TitlesOf returns up to n indexed titles of a code, as normalised, with
// a qualifier after " - ".
func (ix *Index) TitlesOf(code string, n int) []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range ix.docs {
		if d.code != code {
			continue
		}
		s := ix.text(d.toks)
		if len(d.qual) > 0 {
			s += " - " + ix.text(d.qual)
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
		if len(out) == n {
			break
		}
	}
	return out
}

// text joins token ids back into normalised text.
func (ix *Index) text(toks []int32) string {
	ws := make([]string, len(toks))
	for i, t := range toks {
		ws[i] = ix.terms[t]
	}
	return strings.Join(ws, " ")
}

type unitWeight struct {
	unit int32
	w    float32
}

func (ix *Index) buildUnitPostings() {
	nUnits := len(ix.cls.Units)
	tf := make([]map[int32]float64, nUnits)
	for i := range ix.docs {
		d := &ix.docs[i]
		if tf[d.unit] == nil {
			tf[d.unit] = map[int32]float64{}
		}
		for _, t := range d.toks {
			tf[d.unit][t]++
		}
		for _, t := range d.qual {
			tf[d.unit][t] += qualWeight
		}
	}
	df := make([]int, len(ix.terms))
	for _, m := range tf {
		for t := range m {
			df[t]++
		}
	}
	ix.unitPost = make([][]unitWeight, len(ix.terms))
	for u, m := range tf {
		var norm float64
		ws := make(map[int32]float64, len(m))
		for t, f := range m {
			w := (1 + math.Log(math.Max(f, 1))) * math.Log(1+float64(nUnits)/float64(df[t]))
			if f < 1 {
				w *= f
			}
			ws[t] = w
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for t, w := range ws {
			ix.unitPost[t] = append(ix.unitPost[t], unitWeight{int32(u), float32(w / norm)})
		}
	}
}

// headTable is, for a head word whose titles are many, the least norm of
// each unit group's titles in each of three classes: the titles that have
// the word in their base title and end with it (reps[:sameHead]), those
// that have it in their base title and end with another word
// (reps[sameHead:inBase]), and those that have it only in their qualifier
// (reps[inBase:]); each class in unit order.
//
// A title that only the head word of a query touches has the head's weight
// (at qualWeight in a qualifier) and no modifier for similarity: its score
// depends on its class and norm alone and falls as its norm grows, and only
// the best score of each unit group counts, so rankWith scores each
// group's least-norm title of each class instead of every one of them
// (Index.rankWith).
type headTable struct {
	reps             []headRep
	sameHead, inBase int
}

type headRep struct {
	norm float64
	unit int32
}

const (
	// headTableMin is the fewest titles (postings and qualifier postings)
	// of a word that has a headTable.
	headTableMin = 64
	// headTableShare: a word has a headTable only when its titles are at
	// least this many times its table's entries.
	headTableShare = 2
)

func (ix *Index) buildHeadTables() {
	ix.headTabs = make([]*headTable, len(ix.terms))
	nUnits := len(ix.cls.Units)
	stamp := make([]int32, nUnits) // unit -> the pass that last saw it
	pos := make([]int32, nUnits)   // unit -> its entry in this pass
	pass := int32(0)
	var reps []headRep
	for id := range ix.terms {
		p, qp := ix.postings[id], ix.qpostings[id]
		if len(p)+len(qp) < headTableMin {
			continue
		}
		reps = reps[:0]
		var bounds [3]int
		ok := true
		for class := range 3 {
			pass++
			start := len(reps)
			docs := p
			if class == 2 {
				docs = qp
			}
			for _, d := range docs {
				h := &ix.hot[d]
				if (h.head == int32(id)) != (class == 0) {
					if class == 2 {
						ok = false // a qualifier word is never a head: no table
					}
					continue
				}
				if stamp[h.unit] != pass {
					stamp[h.unit], pos[h.unit] = pass, int32(len(reps))
					reps = append(reps, headRep{h.norm, h.unit})
				} else if r := &reps[pos[h.unit]]; h.norm < r.norm {
					r.norm = h.norm
				}
			}
			slices.SortFunc(reps[start:], func(a, b headRep) int { return cmp.Compare(a.unit, b.unit) })
			bounds[class] = len(reps)
		}
		if !ok || headTableShare*len(reps) > len(p)+len(qp) {
			continue
		}
		ix.headTabs[id] = &headTable{reps: slices.Clone(reps), sameHead: bounds[0], inBase: bounds[1]}
	}
}
