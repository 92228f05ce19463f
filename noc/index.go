package noc

import (
	"math"
	"strings"
	"sync"
)

// Source says where an index title came from; it decides the match method.
type Source uint8

const (
	FromUnitTitle Source = iota // the unit group's own title
	FromCurated                 // casescreen's curated titles (method "alias")
	FromElements                // Statistics Canada's elements file
)

// doc is one indexed title.
type doc struct {
	code   string
	unit   int32 // index of code in the classification's Units
	source Source
	toks   []int32 // token ids, in order
	norm   float64 // Euclidean norm of the idf weights
	head   int32   // last token: the head noun
}

// Index is the searchable set of titles. Build it with NewIndex, add titles,
// then call Freeze; after Freeze it is read-only and safe for concurrent
// use.
type Index struct {
	Name string // what the index holds, for reports: "built-in", "built-in + elements.csv"
	cls  *Classification

	vocab    map[string]int32
	idf      []float64
	docs     []doc
	postings [][]int32 // token id -> doc ids
	// unitPost is the unit-group view of the titles: token id -> the unit
	// groups whose titles use it, weighted (1+log tf)*idf over groups and
	// normalised per group, for the code-level similarity.
	unitPost [][]unitWeight
	exact    map[string][]int32 // normalised title -> doc ids
	context  map[string]map[int32]float64
	trigrams map[string][]int32 // character trigram -> token ids (spelling repair)
	heads    []int32            // token id -> how many titles it ends (is the head noun of)
	terms    []string           // token id -> token

	frozen bool
	pool   sync.Pool
}

// NewIndex returns an index holding the unit group titles and the curated
// titles of the built-in classification.
func NewIndex(cls *Classification) *Index {
	ix := &Index{Name: "built-in", cls: cls, vocab: map[string]int32{}, exact: map[string][]int32{},
		context: map[string]map[int32]float64{}}
	for _, u := range cls.Units {
		ix.Add(u.Title, u.Code, FromUnitTitle)
		for _, part := range splitTitle(u.Title) {
			ix.Add(part, u.Code, FromUnitTitle)
		}
		ix.AddContext(u.Code, u.Title)
		for _, g := range cls.Hierarchy(u.Code) {
			ix.AddContext(u.Code, g.Title)
		}
	}
	for _, c := range curated {
		ix.Add(c.title, c.code, FromCurated)
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
		id = int32(len(ix.vocab))
		ix.vocab[t] = id
		ix.postings = append(ix.postings, nil)
	}
	return id
}

// Add indexes one title for a code. It must not be called after Freeze.
func (ix *Index) Add(title, code string, src Source) {
	if ix.frozen {
		panic("noc: Add after Freeze")
	}
	toks := titleTokens(title)
	if len(toks) == 0 {
		return
	}
	d := doc{code: code, unit: int32(ix.cls.index[code]), source: src, toks: make([]int32, 0, len(toks))}
	seen := map[int32]bool{}
	for _, t := range toks {
		id := ix.tokenID(t)
		d.toks = append(d.toks, id)
		if !seen[id] {
			seen[id] = true
			ix.postings[id] = append(ix.postings[id], int32(len(ix.docs)))
		}
	}
	d.head = d.toks[len(d.toks)-1]
	key := strings.Join(toks, " ")
	ix.exact[key] = append(ix.exact[key], int32(len(ix.docs)))
	ix.docs = append(ix.docs, d)
}

// AddContext adds descriptive text (duties, group titles) for a code; it is
// compared with a row's industry and duties to rank candidates.
func (ix *Index) AddContext(code, text string) {
	m := ix.context[code]
	if m == nil {
		m = map[int32]float64{}
		ix.context[code] = m
	}
	for _, t := range Tokens(text) {
		m[ix.tokenID(t)]++
	}
}

// Freeze computes the weights. The index is read-only afterwards.
func (ix *Index) Freeze() {
	n := float64(len(ix.docs))
	ix.idf = make([]float64, len(ix.vocab))
	for id, ps := range ix.postings {
		ix.idf[id] = math.Log(1 + n/float64(1+len(ps)))
	}
	ix.heads = make([]int32, len(ix.vocab))
	for i := range ix.docs {
		ix.heads[ix.docs[i].head]++
		var s float64
		for _, t := range ix.docs[i].toks {
			s += ix.idf[t] * ix.idf[t]
		}
		ix.docs[i].norm = math.Sqrt(s)
	}
	ix.terms = make([]string, len(ix.vocab))
	for t, i := range ix.vocab {
		ix.terms[i] = t
	}
	ix.trigrams = map[string][]int32{}
	for t, id := range ix.vocab {
		if len(ix.postings[id]) == 0 || len(t) < 4 {
			continue
		}
		for _, g := range trigramsOf(t) {
			ix.trigrams[g] = append(ix.trigrams[g], id)
		}
	}
	ix.buildUnitPostings()
	ix.frozen = true
	ix.pool.New = func() any {
		return &scratch{acc: make([]float64, len(ix.docs)), best: make([]float64, len(ix.cls.Units))}
	}
}

// scratch is the per-query working memory of ranked retrieval, pooled:
// similarity per title and best similarity per unit group, with the
// entries touched so that resetting costs what the query did.
type scratch struct {
	acc     []float64
	best    []float64
	touched []int32
	units   []int32
}

// Titles is the number of indexed titles.
func (ix *Index) Titles() int { return len(ix.docs) }

// Classification returns the classification the index codes belong to.
func (ix *Index) Classification() *Classification { return ix.cls }

func trigramsOf(t string) []string {
	p := "^" + t + "$"
	out := make([]string, 0, len(p))
	for i := 0; i+3 <= len(p); i++ {
		out = append(out, p[i:i+3])
	}
	return out
}

// TitlesOf returns up to n indexed titles of a code, as normalised.
func (ix *Index) TitlesOf(code string, n int) []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range ix.docs {
		if d.code != code {
			continue
		}
		s := ix.text(d.toks)
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
	}
	df := make([]int, len(ix.vocab))
	for _, m := range tf {
		for t := range m {
			df[t]++
		}
	}
	ix.unitPost = make([][]unitWeight, len(ix.vocab))
	for u, m := range tf {
		var norm float64
		ws := make(map[int32]float64, len(m))
		for t, f := range m {
			w := (1 + math.Log(f)) * math.Log(1+float64(nUnits)/float64(df[t]))
			ws[t] = w
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for t, w := range ws {
			ix.unitPost[t] = append(ix.unitPost[t], unitWeight{int32(u), float32(w / norm)})
		}
	}
}
