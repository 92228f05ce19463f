package noc

import (
	"math"
	"strings"
)

// Method says how a code was found. The names are a contract (spec
// section 4: match_method).
type Method string

const (
	MethodOverride Method = "override"
	MethodCode     Method = "code"
	MethodExact    Method = "exact"
	MethodAlias    Method = "alias"
	MethodFuzzy    Method = "fuzzy"
	MethodNone     Method = "none"
)

// Candidate is a code with its score.
type Candidate struct {
	Code  string
	Score float64
}

// Result is a match: the chosen unit group, how it was found, a score in
// 0..1 (the estimated chance the code is right) and up to three
// alternatives. Reasons carries notes such as "multiple_roles".
type Result struct {
	Code    string
	Title   string
	TEER    int
	Method  Method
	Score   float64
	Alts    []Candidate
	Reasons []string
}

// Query is what a row says about one job.
type Query struct {
	Title    string
	Industry string // industry or employer text, optional
	Duties   string // optional
}

// Match ranks the index's codes for q. It is safe for concurrent use after
// Freeze. It does not consult overrides or codes in the row: Matcher does.
func (ix *Index) Match(q Query) Result {
	parts := splitRoles(q.Title)
	var best Result
	for i, p := range parts {
		r := ix.matchOne(p, q)
		if i == 0 || r.Score > best.Score+0.05 {
			if i > 0 {
				r.Alts = mergeAlts(r.Code, r.Alts, append([]Candidate{{best.Code, best.Score}}, best.Alts...))
			}
			best = r
		} else if r.Code != "" {
			best.Alts = mergeAlts(best.Code, best.Alts, append([]Candidate{{r.Code, r.Score}}, r.Alts...))
		}
	}
	if len(parts) > 1 {
		best.Reasons = append(best.Reasons, "multiple_roles")
	}
	return best
}

func mergeAlts(chosen string, a, b []Candidate) []Candidate {
	all := append(append([]Candidate{}, a...), b...)
	sortCands(all)
	out := make([]Candidate, 0, 3)
	seen := map[string]bool{chosen: true}
	for _, c := range all {
		if c.Code == "" || seen[c.Code] {
			continue
		}
		seen[c.Code] = true
		out = append(out, c)
		if len(out) == 3 {
			break
		}
	}
	return out
}

// splitRoles splits a cell that names several roles ("SERVICE ADVISOR,
// PARTS MANAGER", "cashier / stocker") into its parts. A part that is only a
// gender ending ("chairman/woman") or too short to be a title is joined back.
func splitRoles(t string) []string {
	fields := strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '|' || r == '+' })
	var out []string
	for _, f := range fields {
		f = strings.TrimSpace(f)
		low := strings.ToLower(f)
		if len(Tokens(f)) == 0 || low == "woman" || low == "women" || low == "man" || low == "men" || low == "ess" {
			continue
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return []string{t}
	}
	return out
}

// scratch is per-call working memory, pooled.
func (ix *Index) matchOne(title string, q Query) Result {
	toks := Tokens(title)
	if len(toks) == 0 {
		return Result{Method: MethodNone}
	}
	key := strings.Join(toks, " ")
	if ids, ok := ix.exact[key]; ok {
		if r, ok := ix.exactResult(ids, q); ok {
			return r
		}
	}
	// Ranked retrieval: idf-weighted cosine between the query's tokens and
	// each title, with the head noun (last word) counted twice.
	qids := make([]int32, 0, len(toks))
	qw := make([]float64, 0, len(toks))
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
			w *= 2
		}
		qids = append(qids, id)
		qw = append(qw, w)
		qnorm += w * w
	}
	if len(qids) == 0 {
		return Result{Method: MethodNone}
	}
	qnorm = math.Sqrt(qnorm)
	head := qids[len(qids)-1]
	accp := ix.pool.Get().(*[]float64)
	acc := *accp
	var touched []int32
	for k, id := range qids {
		for _, d := range ix.postings[id] {
			if acc[d] == 0 {
				touched = append(touched, d)
			}
			acc[d] += qw[k] * ix.idf[id]
		}
	}
	byCode := map[string]float64{}
	for _, d := range touched {
		dd := &ix.docs[d]
		s := acc[d] / (qnorm * dd.norm)
		acc[d] = 0
		if dd.head == head {
			s = 0.75*s + 0.25 // the head noun agrees: "nurse" titles for "nurse"
		} else {
			s *= 0.8
		}
		if s > byCode[dd.code] {
			byCode[dd.code] = s
		}
	}
	ix.pool.Put(accp)
	ctx := ix.contextTokens(q)
	cands := make([]Candidate, 0, len(byCode))
	for code, s := range byCode {
		if len(ctx) > 0 {
			s = s * (0.85 + 0.15*ix.contextScore(code, ctx))
		}
		cands = append(cands, Candidate{code, s})
	}
	sortCands(cands)
	return ix.result(cands, MethodFuzzy)
}

// exactResult handles a normalised title that equals indexed titles. One
// code: exact (or alias for a curated title). Several codes: the context
// decides, and the score says how far it could.
func (ix *Index) exactResult(ids []int32, q Query) (Result, bool) {
	votes := map[string]float64{}
	method := MethodExact
	for _, id := range ids {
		d := ix.docs[id]
		votes[d.code]++
		if d.source == FromCurated {
			method = MethodAlias
		}
	}
	if len(votes) == 1 {
		for code := range votes {
			return ix.result([]Candidate{{code, 0.97}}, method), true
		}
	}
	ctx := ix.contextTokens(q)
	cands := make([]Candidate, 0, len(votes))
	var total float64
	for code, v := range votes {
		s := v
		if len(ctx) > 0 {
			s *= 0.2 + ix.contextScore(code, ctx)
		}
		total += s
		cands = append(cands, Candidate{code, s})
	}
	for i := range cands {
		cands[i].Score = 0.9 * cands[i].Score / total
	}
	sortCands(cands)
	return ix.result(cands, method), true
}

func (ix *Index) contextTokens(q Query) []int32 {
	text := q.Industry + " " + q.Duties
	if strings.TrimSpace(text) == " " || strings.TrimSpace(text) == "" {
		return nil
	}
	var out []int32
	for _, t := range Tokens(text) {
		if id, ok := ix.vocab[t]; ok {
			out = append(out, id)
		}
	}
	return out
}

// contextScore is the share of the context's idf weight found in the code's
// titles and descriptions, 0..1.
func (ix *Index) contextScore(code string, ctx []int32) float64 {
	m := ix.context[code]
	var hit, all float64
	for _, id := range ctx {
		w := ix.idf[id]
		all += w
		if m[id] > 0 {
			hit += w
		}
	}
	if all == 0 {
		return 0
	}
	return hit / all
}

// result builds a Result from candidates sorted best first. The score of a
// ranked match is its similarity discounted by how close the runner-up is:
// two codes that fit equally well make a coin toss, not a confident answer.
func (ix *Index) result(cands []Candidate, m Method) Result {
	if len(cands) == 0 {
		return Result{Method: MethodNone}
	}
	top := cands[0]
	score := top.Score
	if m == MethodFuzzy {
		second := 0.0
		if len(cands) > 1 {
			second = cands[1].Score
		}
		margin := math.Min(1, (top.Score-second)/0.15)
		score = top.Score * (0.55 + 0.45*margin)
	}
	u := ix.cls.Unit(top.Code)
	r := Result{Code: top.Code, Method: m, Score: clamp01(score)}
	if u != nil {
		r.Title, r.TEER = u.Title, u.TEER
	}
	for _, c := range cands[1:] {
		if len(r.Alts) == 3 {
			break
		}
		r.Alts = append(r.Alts, Candidate{c.Code, clamp01(c.Score)})
	}
	return r
}

func clamp01(f float64) float64 { return math.Max(0, math.Min(1, f)) }
