package noc

import (
	"math"
	"slices"
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
	Industry string // optional context: the industry,
	Employer string // the employer,
	Duties   string // and the main duties
}

// Match ranks the index's codes for q. It is safe for concurrent use after
// Freeze. It does not consult overrides or codes in the row: Matcher does.
func (ix *Index) Match(q Query) Result {
	return ix.Finish(ix.Rank(q.Title), ix.ContextTokens(q))
}

// Ranking is the context-free part of a match: candidates for each role
// the title names. It depends on the title alone, so Matcher computes it
// once per distinct normalised title; Finish then applies a row's context.
type Ranking struct {
	parts []part
}

type part struct {
	cands   []Candidate // best first; for an exact title, votes per code
	method  Method
	generic bool     // the head word says little alone (manager, owner, clerk ...)
	fixed   *Result  // the result whatever the context: one code has this exact title
	notJob  bool     // the cell says there was no job ("student", "unemployed")
	toks    []string // the tokens ranked, to read them again with a row's context
}

// unitBlend is the share of a ranked score that comes from the unit-group
// view (all titles of a group together) rather than its best single title.
var unitBlend = 0.3

// maxCands bounds the candidates kept per role for context re-ranking.
const maxCands = 12

// Rank computes the Ranking of a title.
func (ix *Index) Rank(title string) *Ranking {
	var roles []string
	for _, p := range splitRoles(title) {
		roles = append(roles, ix.splitAnd(p)...)
	}
	r := &Ranking{parts: make([]part, 0, len(roles))}
	for _, p := range roles {
		r.parts = append(r.parts, ix.rankPart(p))
	}
	return r
}

func (ix *Index) rankPart(title string) part {
	toks := Tokens(title)
	if len(toks) == 0 {
		return part{method: MethodNone}
	}
	key := strings.Join(toks, " ")
	if notOccupations[key] {
		return part{method: MethodNone, notJob: true}
	}
	if ids, ok := ix.exact[key]; ok {
		p := ix.withAlts(ix.exactPart(ids, 0.97), toks)
		if len(toks) == 1 && genericHeads[toks[0]] {
			// "Labourer", "Operator": the row's context may say which.
			p.generic, p.toks = true, toks
		}
		return p
	}
	// Other readings of the title, each tried as an exact title first:
	// French in English, a head written first, compounds and activities.
	if fr := frenchTitle(title, toks); fr != nil {
		if p, ok := ix.exactReading(fr); ok {
			return p
		}
		toks = fr
	} else if p, ok := ix.partialExact(title, toks); ok {
		return ix.withAlts(p, toks)
	}
	for _, read := range [...]func([]string) []string{ix.headFirst, ix.rewrite} {
		if r := read(toks); r != nil {
			if p, ok := ix.exactReading(r); ok {
				return p
			}
			toks = r
		}
	}
	p := ix.rankTokens(toks)
	p.generic = genericHeads[toks[len(toks)-1]]
	p.toks = toks
	return p
}

// exactReading is the exact match of a reading of a title, scored a little
// below the title as typed.
func (ix *Index) exactReading(toks []string) (part, bool) {
	ids, ok := ix.exact[strings.Join(toks, " ")]
	if !ok {
		return part{}, false
	}
	return ix.withAlts(ix.exactPart(ids, 0.9), toks), true
}

// headFirst reads "MANAGER SALES" and "clerk accounting" as "sales
// manager" and "accounting clerk": a generic head written first, before a
// last word that ends no title, moves to the end. It returns nil when the
// title is not written so.
func (ix *Index) headFirst(toks []string) []string {
	n := len(toks)
	if n < 2 || !genericHeads[toks[0]] || genericHeads[toks[n-1]] {
		return nil
	}
	if id, ok := ix.vocab[toks[n-1]]; ok && ix.heads[id] > 0 {
		return nil
	}
	return append(append(make([]string, 0, n), toks[1:]...), toks[0])
}

// withAlts gives an exact match of one code the ranked retrieval's best
// other codes as alternatives, scored at most half the match's score: the
// title is known, but a person reviewing the row may still want them.
func (ix *Index) withAlts(p part, toks []string) part {
	if p.fixed == nil || len(p.fixed.Alts) > 0 {
		return p
	}
	r := *p.fixed
	rp := ix.rankTokens(toks)
	for _, c := range rp.cands {
		if len(r.Alts) == 3 {
			break
		}
		if c.Code != r.Code {
			r.Alts = append(r.Alts, Candidate{c.Code, math.Min(c.Score, r.Score) / 2})
		}
	}
	p.fixed = &r
	return p
}

// notOccupations are answers that name no paid occupation: a person must
// look, and no code is guessed (Cascot's uncodable answers).
var notOccupations = set("student", "unemployed", "retired", "homemaker", "housewife", "stay home parent",
	"stay home mom", "volunteer", "none", "na", "n a", "nil", "not applicable", "not working", "disabled",
	"on disability", "maternity leave", "parental leave", "job seeker", "looking for work", "between job",
	"self", "casual", "temp", "contract", "various", "unknown", "tbd", "etudiant", "sans emploi", "retraite")

// genericHeads are head words that name a role in any industry: with
// them, the row's industry and employer weigh more ("owner" in farming is
// a farm manager, in a restaurant a restaurant manager).
var genericHeads = set("manager", "owner", "proprietor", "supervisor", "director", "operator", "clerk",
	"helper", "labourer", "worker", "assistant", "associate", "officer", "coordinator", "administrator",
	"specialist", "consultant", "representative", "agent", "technician", "partner", "president", "lead", "head",
	"boss", "foreman")

func (ix *Index) rankTokens(toks []string) part { return ix.rankWith(nil, toks) }

// rankWith ranks the title toks read with the context words ctx before it.
// Only titles sharing a word with toks are candidates: the context words
// add to their similarity but bring in no title of their own.
func (ix *Index) rankWith(ctx []int32, toks []string) part {
	// Ranked retrieval: idf-weighted cosine between the query's tokens and
	// each title, with the head noun (last word) counted twice.
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
			w *= 2
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
	acc, best := sc.acc, sc.best
	touched, units := sc.touched[:0], sc.units[:0]
	for k, id := range qids {
		w := qw[k] * ix.idf[id]
		for _, d := range ix.postings[id] {
			if acc[d] == 0 {
				if k >= nTitle {
					continue // a context word alone brings in no title
				}
				touched = append(touched, d)
			}
			acc[d] += w
		}
	}
	for _, d := range touched {
		dd := &ix.docs[d]
		s := acc[d] / (qnorm * dd.norm)
		acc[d] = 0
		if dd.head == head {
			s = 0.75*s + 0.25 // the head noun agrees: "nurse" titles for "nurse"
		} else {
			s *= 0.8
		}
		if best[dd.unit] == 0 {
			units = append(units, dd.unit)
		}
		if s > best[dd.unit] {
			best[dd.unit] = s
		}
	}
	// Blend in the unit-group view: how well the query's words cover all
	// the titles of a group, not only its single best title.
	if unitBlend > 0 {
		var qn float64
		for k := range qids {
			qn += qw[k] * qw[k]
		}
		qn = math.Sqrt(qn)
		for _, u := range units {
			best[u] *= 1 - unitBlend
		}
		for k, id := range qids {
			for _, uw := range ix.unitPost[id] {
				if best[uw.unit] == 0 {
					if k >= nTitle {
						continue
					}
					units = append(units, uw.unit)
					best[uw.unit] = 1e-12
				}
				best[uw.unit] += unitBlend * qw[k] / qn * float64(uw.w)
			}
		}
	}
	// Keep the best maxCands, in sortCands order, by insertion: cheaper
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
	return part{cands: cands, method: MethodFuzzy}
}

// sourceWeight is a title's vote when several codes share it: casescreen's
// curated titles are deliberate choices for the common case, unit group
// titles name the group, and example titles may repeat across groups.
var sourceWeight = [...]float64{FromUnitTitle: 1, FromCurated: 1, FromElements: 1, FromOverride: 1}

// partialExact finds a known title inside a longer one: the part before a
// " - " ("Staff RN - ICU", "PSW - nights"), else the longest run of words
// at the start or the end that is an indexed title of two words or more
// ("registered nurse icu" -> "registered nurse", "night shift accounts
// payable clerk" -> "accounts payable clerk"). The words left out are
// qualifiers; the score says a little less than a full exact match.
func (ix *Index) partialExact(title string, toks []string) (part, bool) {
	for _, sep := range []string{" - ", " – ", " — "} {
		if i := strings.Index(title, sep); i > 0 {
			head := Tokens(title[:i])
			if len(head) == 1 && genericHeads[head[0]] {
				continue // "Technician - welding": the rest says which technician
			}
			if ids, ok := ix.exact[strings.Join(head, " ")]; ok {
				return ix.exactPart(ids, 0.9), true
			}
		}
	}
	for n := len(toks) - 1; n >= 2; n-- {
		if ids, ok := ix.exact[strings.Join(toks[:n], " ")]; ok {
			return ix.exactPart(ids, 0.85), true
		}
		if ids, ok := ix.exact[strings.Join(toks[len(toks)-n:], " ")]; ok {
			return ix.exactPart(ids, 0.85), true
		}
	}
	return part{}, false
}

// exactPart handles a normalised title equal to indexed titles: votes per
// code; a curated title makes the method "alias".
func (ix *Index) exactPart(ids []int32, score float64) part {
	votes := map[string]float64{}
	method := MethodExact
	for _, id := range ids {
		d := ix.docs[id]
		votes[d.code] += sourceWeight[d.source]
		if d.source == FromCurated {
			method = MethodAlias
		}
	}
	cands := make([]Candidate, 0, len(votes))
	for code, v := range votes {
		cands = append(cands, Candidate{code, v})
	}
	sortCands(cands)
	p := part{cands: cands, method: method}
	if len(cands) == 1 {
		r := ix.result([]Candidate{{cands[0].Code, score}}, method)
		p.fixed = &r
	}
	return p
}

func (ix *Index) finishPart(p part, ctx []int32) Result {
	if p.fixed != nil {
		if p.generic && len(ctx) > 0 {
			if e, ok := ix.expanded(p.toks, ctx); ok && len(e.cands) > 0 && e.cands[0].Score >= genericExpandMin {
				return ix.result(e.cands, MethodFuzzy)
			}
		}
		return *p.fixed
	}
	if p.notJob {
		return Result{Method: MethodNone, Reasons: []string{"not_an_occupation"}}
	}
	if len(p.cands) == 0 {
		return Result{Method: MethodNone}
	}
	cands := make([]Candidate, len(p.cands))
	copy(cands, p.cands)
	switch {
	case p.method == MethodFuzzy:
		if len(ctx) > 0 {
			// The title read with the context's words before it ("operator"
			// in "oil and gas" as "oil gas operator") wins when it fits
			// clearly better than the title alone.
			// Scores are at most 1, so a title scoring 1/expandFactor or
			// more alone cannot be overtaken.
			if cands[0].Score*expandFactor < 1 {
				if e, ok := ix.expanded(p.toks, ctx); ok && len(e.cands) > 0 && e.cands[0].Score*expandFactor > cands[0].Score {
					return ix.result(e.cands, p.method)
				}
			}
		}
		if len(ctx) > 0 {
			w := ctxWeight
			if p.generic {
				w = genericCtxWeight
			}
			// The context scales a score by 1-w..1, so a candidate below
			// 1-w of the best can never overtake it: rescore only the rest.
			floor := (1 - w) * cands[0].Score
			for i := range cands {
				if cands[i].Score < floor {
					cands[i].Score *= 1 - w
					continue
				}
				cands[i].Score *= 1 - w + w*ix.contextScore(cands[i].Code, ctx)
			}
			sortCands(cands)
		}
	default: // several codes share the title: the context decides, as far as it can
		var total float64
		for i := range cands {
			if len(ctx) > 0 {
				cands[i].Score *= 0.2 + ix.contextScore(cands[i].Code, ctx)
			}
			total += cands[i].Score
		}
		for i := range cands {
			cands[i].Score = 0.9 * cands[i].Score / total
		}
		sortCands(cands)
	}
	return ix.result(cands, p.method)
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
		// The alternatives share the top's discount, so none outscores it.
		r.Alts = append(r.Alts, Candidate{c.Code, clamp01(c.Score * score / top.Score)})
	}
	return r
}

func clamp01(f float64) float64 { return math.Max(0, math.Min(1, f)) }
