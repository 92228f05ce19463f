package noc

// Matching: how one title becomes a Result. The order of this file is the
// order a title goes through: split into roles, each role normalised and
// looked up as an exact title, then read other ways (French, a head
// written first, compounds and activities), then ranked by similarity;
// Finish then reads the ranking with the row's context and scores it.

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
// alternatives. Reasons carries reason codes (the Reason* constants).
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

// Tuning. Each constant was chosen on one half of the evaluation titles
// and checked on the other (docs/matching.md).
const (
	// exactScore is the score of a title equal to one indexed title of one
	// code; readingScore that of another reading of the title (French, a
	// head written first, a compound split, the part before " - ");
	// partialScore that of a known title of two words or more at the start
	// or end of a longer one.
	exactScore   = 0.97
	readingScore = 0.9
	partialScore = 0.85

	// A ranked title whose head noun (last word) is the query's scores
	// (1-headBonus)*s + headBonus; one with another head scores
	// otherHead*s.
	headBonus = 0.25
	otherHead = 0.8

	// unitBlend is the share of a ranked score that comes from the
	// unit-group view (all titles of a group together) rather than its
	// best single title.
	unitBlend = 0.3

	// maxCands bounds the candidates kept per role for context
	// re-ranking; maxAlts the alternatives of a Result.
	maxCands = 12
	maxAlts  = 3

	// A word the index has never seen, of at least repairMinLen letters,
	// is read as the indexed word sharing most trigrams with it, if their
	// Dice similarity is at least repairMinSim.
	repairMinLen = 5
	repairMinSim = 0.6

	// The score of a ranked match is its similarity times
	// marginFloor..1, by how far the runner-up is behind (full at
	// marginWidth or more).
	marginFloor = 0.55
	marginWidth = 0.15

	// altsShare caps the alternatives of an exact match at this share of
	// its score.
	altsShare = 0.5

	// Of several roles in one cell, a later role replaces the first when
	// it scores more than roleMargin higher.
	roleMargin = 0.05

	// ctxWeight is how much a row's industry, employer and duties can move
	// a ranked candidate: its score is scaled by 1-ctxWeight .. 1;
	// genericCtxWeight is the same for titles whose head word is generic.
	ctxWeight        = 0.3
	genericCtxWeight = 0.6

	// expandFactor is how much better the title read with its context must
	// fit: the expanded query wins when its best score times expandFactor
	// beats the title's own best. genericExpandMin is the score a lone
	// generic exact title ("labourer") read with its context must reach to
	// replace its plain match.
	expandFactor     = 1.3
	genericExpandMin = 0.5

	// When several codes share an exact title, each code's vote is scaled
	// by sharedCtxFloor + its context score, and the score is
	// sharedShare times the chosen code's share of the votes.
	sharedCtxFloor = 0.2
	sharedShare    = 0.9

	// maxCompound is the longest word splitCompound tries: real compounds
	// are short, and a long word would cost a lookup per letter.
	maxCompound = 32
)

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

// Several roles in one cell.

// splitRoles splits a cell that names several roles ("SERVICE ADVISOR,
// PARTS MANAGER", "cashier / stocker") into its parts. A part that is only a
// gender ending ("chairman/woman") or too short to be a title is joined back.
func splitRoles(t string) []string {
	// "Owner/operator" is one role (a self-employed driver or tradesperson).
	if i := indexASCIIFold(t, "owner/operator"); i >= 0 {
		t = t[:i] + "owner operator" + t[i+len("owner/operator"):]
	}
	fields := strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '|' || r == '+' })
	var out []string
	for _, f := range fields {
		f = strings.TrimSpace(f)
		if len(Tokens(f)) == 0 || genderEndings[strings.ToLower(f)] {
			continue
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return []string{t}
	}
	// "Manager, Data Science" and "Director, Finance" are one inverted
	// title: a bare role word before a comma heads what follows it.
	if i := strings.IndexAny(t, ",;/|+"); len(out) > 1 && i >= 0 && t[i] == ',' {
		if ft := Tokens(out[0]); len(ft) == 1 && invertedHeads[ft[0]] && len(Tokens(out[1])) > 0 {
			out = append([]string{out[1] + " " + out[0]}, out[2:]...)
		}
	}
	return out
}

// splitAnd splits a role at " and " or " & " when every side is a title of
// its own ("FARMER AND HOMEMAKER", "cook & cashier"), and keeps it whole
// otherwise ("health and safety officer", "sales & marketing manager").
func (ix *Index) splitAnd(role string) []string {
	low := strings.ToLower(role)
	if !strings.Contains(low, " and ") && !strings.Contains(low, "&") {
		return []string{role}
	}
	low = strings.ReplaceAll(low, "&", " and ")
	sides := strings.Split(low, " and ")
	if len(sides) < 2 {
		return []string{role}
	}
	for _, side := range sides {
		toks := Tokens(side)
		if len(toks) == 0 {
			return []string{role}
		}
		if _, ok := ix.exact[strings.Join(toks, " ")]; ok {
			continue
		}
		if rw := ix.rewrite(toks); rw != nil {
			if _, ok := ix.exact[strings.Join(rw, " ")]; ok {
				continue
			}
		}
		return []string{role}
	}
	return sides
}

// One role.

// rankPart ranks one role: its exact title, else an exact title among its
// other readings, else ranked retrieval on the last reading.
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
		p := ix.withAlts(ix.exactPart(ids, exactScore), toks)
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

// Other readings of a title, each tried as an exact title.

// exactReading is the exact match of a reading of a title, scored a little
// below the title as typed.
func (ix *Index) exactReading(toks []string) (part, bool) {
	ids, ok := ix.exact[strings.Join(toks, " ")]
	if !ok {
		return part{}, false
	}
	return ix.withAlts(ix.exactPart(ids, readingScore), toks), true
}

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
				return ix.exactPart(ids, readingScore), true
			}
		}
	}
	for n := len(toks) - 1; n >= 2; n-- {
		if ids, ok := ix.exact[strings.Join(toks[:n], " ")]; ok {
			return ix.exactPart(ids, partialScore), true
		}
		if ids, ok := ix.exact[strings.Join(toks[len(toks)-n:], " ")]; ok {
			return ix.exactPart(ids, partialScore), true
		}
	}
	return part{}, false
}

// frenchTitle returns toks read in English, or nil when the title does not
// look French: its first word must be a French word of the table, and
// either not an English word too or followed by French function words.
func frenchTitle(title string, toks []string) []string {
	if len(toks) == 0 {
		return nil
	}
	first, ok := frenchWords[toks[0]]
	if !ok {
		return nil
	}
	if first == toks[0] || englishToo[toks[0]] {
		low := " " + strings.ToLower(title) + " "
		french := false
		for _, w := range frenchFunctionWords {
			french = french || strings.Contains(low, w)
		}
		if !french {
			return nil
		}
	}
	out := make([]string, 0, len(toks)+2)
	for i := len(toks) - 1; i >= 0; i-- {
		w := toks[i]
		if e, ok := frenchWords[w]; ok {
			out = append(out, strings.Fields(e)...)
		} else {
			out = append(out, w)
		}
	}
	return out
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

// rewrite returns toks with compounds split or joined and an activity head
// turned into its agent, or nil when nothing changes.
func (ix *Index) rewrite(toks []string) []string {
	out := make([]string, 0, len(toks)+2)
	changed := false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) && !ix.exactTitle(t) {
			// "book keeper", "fire fighter", "house keeping": written apart.
			if j := t + toks[i+1]; ix.inTitles(j) {
				out = append(out, j)
				i++
				changed = true
				continue
			}
		}
		if !ix.inTitles(t) {
			if a, b, ok := ix.splitCompound(t); ok {
				out = append(out, a, b)
				changed = true
				continue
			}
		}
		out = append(out, t)
	}
	if n := len(out); n >= 2 && out[n-2] == "self" && out[n-1] == "employed" {
		out = append(out[:n-2:n-2], "owner") // "self-employed": the owner of a business
		changed = true
	}
	if n := len(out); n > 0 && ownerWords[out[n-1]] {
		// NOC codes an owner who runs the business as its manager:
		// "restaurant owner" is a restaurant manager.
		out = append(out[:n-1:n-1], "manager")
		changed = true
	}
	if n := len(out); n > 0 {
		if agent, ok := agentNouns[out[n-1]]; ok {
			out = append(out[:n-1:n-1], agent...)
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return out
}

// splitCompound splits a word unknown to the titles into two that are
// known, each at least three letters: "housecleaner" -> house cleaner. The
// split with the longer second part wins: the head is usually the end.
func (ix *Index) splitCompound(t string) (string, string, bool) {
	if len(t) > maxCompound {
		return "", "", false
	}
	for i := 3; i <= len(t)-3; i++ {
		if ix.inTitles(t[:i]) && ix.inTitles(t[i:]) {
			return t[:i], t[i:], true
		}
	}
	return "", "", false
}

// inTitles reports whether t occurs in some indexed title.
func (ix *Index) inTitles(t string) bool {
	id, ok := ix.vocab[t]
	return ok && len(ix.postings[id]) > 0
}

// exactTitle reports whether the single word t is an indexed title.
func (ix *Index) exactTitle(t string) bool { _, ok := ix.exact[t]; return ok }

// Exact titles.

// exactPart handles a normalised title equal to indexed titles: each
// indexed title is one vote for its code; a curated title makes the method
// "alias".
func (ix *Index) exactPart(ids []int32, score float64) part {
	votes := map[string]float64{}
	method := MethodExact
	for _, id := range ids {
		d := ix.docs[id]
		votes[d.code]++
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
		if len(r.Alts) == maxAlts {
			break
		}
		if c.Code != r.Code {
			r.Alts = append(r.Alts, Candidate{c.Code, math.Min(c.Score, r.Score) * altsShare})
		}
	}
	p.fixed = &r
	return p
}

// Ranked retrieval.

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
			s = (1-headBonus)*s + headBonus // the head noun agrees: "nurse" titles for "nurse"
		} else {
			s *= otherHead
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
	{
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

// repair maps a token the index has never seen to the closest indexed
// token by character trigrams ("techncian" -> "technician"), or -1.
func (ix *Index) repair(t string) int32 {
	if len(t) < repairMinLen {
		return -1
	}
	grams := trigramsOf(t)
	counts := map[int32]int{}
	for _, g := range grams {
		for _, id := range ix.trigrams[g] {
			counts[id]++
		}
	}
	best, bestSim := int32(-1), 0.0
	for id, c := range counts {
		other := len(ix.terms[id]) // trigrams in the other token: len+2-2
		sim := 2 * float64(c) / float64(len(grams)+other)
		if sim > bestSim || sim == bestSim && id < best {
			best, bestSim = id, sim
		}
	}
	if bestSim < repairMinSim {
		return -1
	}
	return best
}

// The row's context, and the score.

// Finish turns a Ranking into a Result under a row's context (industry,
// employer and duties tokens from ContextTokens; nil for none). When a
// cell names several roles, the first role wins unless another scores
// clearly higher; the others become alternatives.
func (ix *Index) Finish(rk *Ranking, ctx []int32) Result {
	var best Result
	for i, p := range rk.parts {
		r := ix.finishPart(p, ctx)
		if i == 0 || r.Score > best.Score+roleMargin {
			if i > 0 {
				r.Alts = mergeAlts(r.Code, r.Alts, append([]Candidate{{best.Code, best.Score}}, best.Alts...))
			}
			best = r
		} else if r.Code != "" {
			best.Alts = mergeAlts(best.Code, best.Alts, append([]Candidate{{r.Code, r.Score}}, r.Alts...))
		}
	}
	if len(rk.parts) > 1 {
		best.Reasons = append(best.Reasons, ReasonMultipleRoles)
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
		if len(out) == maxAlts {
			break
		}
	}
	return out
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
		return Result{Method: MethodNone, Reasons: []string{ReasonNotAnOccupation}}
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
				cands[i].Score *= sharedCtxFloor + ix.contextScore(cands[i].Code, ctx)
			}
			total += cands[i].Score
		}
		for i := range cands {
			cands[i].Score = sharedShare * cands[i].Score / total
		}
		sortCands(cands)
	}
	return ix.result(cands, p.method)
}

// expanded ranks a title with the row's context words before it:
// "operator" in "gas plant" is ranked as "gas plant operator".
func (ix *Index) expanded(toks []string, ctx []int32) (part, bool) {
	var q []int32
	for _, id := range ctx {
		if len(ix.postings[id]) > 0 && !slices.Contains(q, id) {
			q = append(q, id)
		}
	}
	if len(q) == 0 {
		return part{}, false // no context word is in a title: nothing to add
	}
	return ix.rankWith(q, toks), true
}

// ContextTokens returns the indexed tokens of a row's industry, employer
// and duties text, used by Finish to rank candidates.
func (ix *Index) ContextTokens(q Query) []int32 {
	text := q.Industry + " " + q.Employer + " " + q.Duties
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var out []int32
	for _, t := range Tokens(text) {
		if id, ok := ix.vocab[t]; ok {
			out = append(out, id)
		}
		// "farming", "trucking": most titles say farm, truck.
		if v := ix.titleStem(t); v >= 0 {
			out = append(out, v)
		}
	}
	return out
}

// titleStem returns the id of a title word that t is a form of ("farming"
// -> farm, "ranching" -> ranch, "baking" -> bake), or -1.
func (ix *Index) titleStem(t string) int32 {
	for _, suf := range [...]struct{ cut, add string }{{"ing", ""}, {"ing", "e"}, {"ers", ""}, {"er", ""}} {
		if s, ok := strings.CutSuffix(t, suf.cut); ok && len(s) >= 3 {
			if w := s + suf.add; ix.inTitles(w) {
				return ix.vocab[w]
			}
		}
	}
	return -1
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
		margin := math.Min(1, (top.Score-second)/marginWidth)
		score = top.Score * (marginFloor + (1-marginFloor)*margin)
	}
	u := ix.cls.Unit(top.Code)
	r := Result{Code: top.Code, Method: m, Score: clamp01(score)}
	if u != nil {
		r.Title, r.TEER = u.Title, u.TEER
	}
	for _, c := range cands[1:] {
		if len(r.Alts) == maxAlts {
			break
		}
		// The alternatives share the top's discount, so none outscores it.
		r.Alts = append(r.Alts, Candidate{c.Code, clamp01(c.Score * score / top.Score)})
	}
	return r
}

// sortCodes orders candidate codes by score, then code, for determinism.
// candBefore is sortCands' order: higher score first, then code.
func candBefore(a, b Candidate) bool {
	return a.Score > b.Score || a.Score == b.Score && a.Code < b.Code
}

func sortCands(c []Candidate) {
	slices.SortFunc(c, func(a, b Candidate) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return strings.Compare(a.Code, b.Code)
	})
}

func clamp01(f float64) float64 { return math.Max(0, math.Min(1, f)) }
