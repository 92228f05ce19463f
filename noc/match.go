package noc

// Matching: how one title becomes a Result. The order of this file is the
// order a title goes through: split into roles, each role normalised and
// looked up as an exact title, then read other ways (French, a head
// written first, compounds, activities and owners), then ranked by
// similarity. That much depends on the title alone and is cached per
// title (Rank). Finish then reads each role with the row's context,
// chooses among the roles, and turns the match's features into a
// calibrated probability (calibration.go).

import (
	"cmp"
	"math"
	"math/bits"
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
// 0..1 (the estimated chance that the code is right, calibrated on
// hand-coded titles: docs/matching.md) and up to three alternatives, best
// first, each scored no higher than the code. Reasons carries reason codes
// (the Reason* constants).
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

// Tuning. The constants were set on the classification's own titles and on
// one half of the evaluation titles, and checked on the other half
// (docs/matching.md).
const (
	// A ranked title whose head noun (last word) is the query's scores
	// (1-headBonus)*s + headBonus*c, where c is headCover +
	// (1-headCover) times the share of the query's modifiers it holds; a
	// title with another head scores otherHead*s. So the head counts, but
	// not more than every modifier ("career development advisor" is not a
	// financial advisor).
	headBonus  = 0.25
	headCover  = 0.7
	otherHead  = 0.8
	headWeight = 1.0 // the head's weight in the query, times its idf

	// unitBlend is the share of a ranked score that comes from the
	// unit-group view (all titles of a group together) rather than its
	// best single title.
	unitBlend = 0.4

	// maxCands bounds the candidates kept per role for context
	// re-ranking; maxAlts the alternatives of a Result.
	maxCands = 12
	maxAlts  = 3

	// A word the index has never seen, of at least repairMinLen letters,
	// is read as the indexed word sharing most trigrams with it, if their
	// Dice similarity is at least repairMinSim.
	repairMinLen = 5
	repairMinSim = 0.6

	// ctxWeight is how much a row's industry, employer and duties can move
	// a ranked candidate: its score is scaled by 1-ctxWeight .. 1;
	// genericCtxWeight is the same for titles whose head word is generic.
	ctxWeight        = 0.3
	genericCtxWeight = 0.6
	// ctxSaturation is the count at which a word of a unit group's
	// description counts half: a context word weighs tf/(tf+ctxSaturation).
	ctxSaturation = 1.0

	// expandFactor is how much better the title read with its context must
	// fit: the expanded query wins when its best score times expandFactor
	// beats the title's own best. expandMin is the score a title read with
	// its context must reach to replace an exact match of a generic title
	// ("labourer") or of a title its context contradicts.
	expandFactor = 1.3
	expandMin    = 0.5

	// Several codes share an exact title: the row's context decides when
	// the best code's agreement is decideRatio times the runner-up's or
	// decideGap more, and amounts to decideMin of context weight (idf over
	// the unit groups; one word specific to a few groups weighs about 4,
	// present in half of them 0.7).
	decideMin   = 1.0
	decideRatio = 1.5
	decideGap   = 0.25

	// contradicted is the context agreement under which a row's context
	// contradicts the one code of an exact title, and an alternative that
	// agrees at least contradictGain more replaces it.
	contradicted   = 0.05
	contradictGain = 0.3
	contradictMin  = 0.4 // ... whose title similarity is at least this

	// Of several roles in one cell, a later role replaces the first when
	// its score is roleMargin higher, or when the row's context agrees
	// with it roleCtxMargin more.
	roleMargin    = 0.1
	roleCtxMargin = 0.25

	// workerShare: a worker's code is put before the group of managers,
	// supervisors or contractors that ranks first for a title naming no
	// rank when it scores at least this share of that group's
	// (Index.workerFirst).
	workerShare = 0.7

	// altsShare caps the alternatives of an exact title at this share of
	// its score.
	altsShare = 0.5

	// maxCompound is the longest word splitCompound tries: real compounds
	// are short, and a long word would cost a lookup per letter.
	maxCompound = 32
)

// Match ranks the index's codes for q. It is safe for concurrent use after
// Freeze. It does not consult overrides or codes in the row: Matcher does.
func (ix *Index) Match(q Query) Result {
	if _, extra := SplitQualifiers(q.Title); extra != "" {
		q.Employer = strings.TrimSpace(q.Employer + " " + extra)
	}
	return ix.Finish(ix.Rank(q.Title), ix.ContextTokens(q))
}

// matchKind is how a role's codes were found: a feature of the score.
type matchKind uint8

const (
	kindNone    matchKind = iota
	kindExact             // the title is an indexed title
	kindReading           // another reading of the title is (French, head first, compounds, owners)
	kindPartial           // a known title inside a longer one
	kindFuzzy             // ranked retrieval
	kindContext           // the title read with its context's words
)

// Ranking is the context-free part of a match: candidates for each role
// the title names. It depends on the title's words alone, so Matcher
// computes it once per distinct normalised title; Finish then applies a
// row's context.
type Ranking struct {
	parts []part
}

type part struct {
	kind   matchKind
	method Method
	// cands are best first. For an exact title they are the codes that
	// have it, the default first, scored by their number of titles; for
	// ranked retrieval, by similarity.
	cands []Candidate
	// shared: several codes have the exact title; quals holds, per
	// candidate, the qualifier words of its titles when it has the title
	// only qualified ("personal support worker - home support"), and
	// qualified says that some candidate does.
	shared    bool
	quals     [][]int32
	curated   []bool // shared: per candidate, whether a curated title has it
	qualified bool
	// open: several codes share the title and the classification gives
	// none of them the title unqualified, or gives it to several, or the
	// default is another code (a curated one): without a deciding context
	// the match is ambiguous. When exactly one code has the title
	// unqualified and is the default ("cook" 63200 beside "cook - pulp and
	// paper" 94121), that code is the reading unless the context names
	// another.
	open     bool
	alts     []Candidate // exact titles: ranked retrieval's other codes
	ctx      []int32     // context the title carries itself ("PSW - nursing home")
	toks     []string    // the tokens ranked, to read them again with a row's context
	written  bool        // the title as written names a rank and no business (rankOnly), whatever it was read as
	generic  bool        // the title says little alone ("manager", "operator", a title of many unit groups)
	qualOnly bool        // one code has the title, only with a qualifier (quals[0]): "accounts clerk - financial sector"
	notJob   bool        // the cell says there was no job ("student", "unemployed")
	residual bool        // cands[0] is the head's group n.e.c., the title naming none of its groups (Index.residual)
	bare     bool        // one role of several, coded as its generic head alone is ("office clerk": a clerk's code; Index.bareHead)
}

// Rank computes the Ranking of a title.
func (ix *Index) Rank(title string) *Ranking {
	var roles []string
	for _, p := range splitRoles(title) {
		roles = append(roles, ix.splitAnd(p)...)
	}
	r := &Ranking{parts: make([]part, 0, len(roles))}
	for _, p := range roles {
		rp := ix.rankPart(p)
		rp.written = rankOnly(Tokens(p))
		rp.bare = len(roles) > 1 && ix.bareHead(rp)
		r.parts = append(r.parts, rp)
	}
	return r
}

// CanonicalTitle is the form of a title that Matcher ranks: each role of
// the cell (splitRoles), without the employer and qualifiers typed after
// it, normalised; the parts of a role written "base - qualifier"
// normalised apart and joined by " - "; the roles joined by " / ". A role
// that ranking reads word by word (one naming several titles with "and" or
// "&", a French one) keeps its words, lower-cased, instead. So the form
// keeps what ranking reads beyond the normalised words, drops what it does
// not (case, seniority, employers, plurals), and is a function of the
// title alone: spellings that differ only so share one Ranking, whichever
// of them a worker meets first. The result never shares memory with title.
func CanonicalTitle(title string) string { return canonicalTitle(title, nil) }

// canonicalTitle is CanonicalTitle with a cache of word forms (nil for
// none).
func canonicalTitle(title string, forms map[string]wordForm) string {
	var b strings.Builder
	roles, read := splitRolesWith(title, forms)
	for r, role := range roles {
		role = cutEmployer(role)
		pieces := splitDash(role)
		plain := hasAnd(role)
		if !plain {
			toks := make([][]string, len(pieces))
			for i, piece := range pieces {
				if len(pieces) == 1 && read[r] != nil {
					toks[i] = read[r] // the same tokens, read by splitRolesWith
				} else {
					toks[i] = tokensWith(words(piece), forms)
				}
			}
			roleToks := toks[0]
			if len(pieces) > 1 {
				roleToks = tokensWith(words(role), forms)
			}
			if plain = frenchTitle(role, roleToks) != nil; !plain {
				for i, t := range toks {
					pieces[i] = strings.Join(t, " ")
				}
			}
		}
		if plain {
			for i, piece := range pieces {
				pieces[i] = strings.Join(words(piece), " ")
			}
		}
		pieces = slices.DeleteFunc(pieces, func(p string) bool { return p == "" })
		if len(pieces) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" / ")
		}
		b.WriteString(strings.Join(pieces, " - "))
	}
	return strings.Clone(b.String())
}

// hasAnd reports whether a role joins words with "and" or "&", which
// splitAnd reads.
func hasAnd(role string) bool {
	return strings.Contains(role, "&") || indexASCIIFold(role, " and ") >= 0
}

// splitDash splits a role at the dashes partialExact reads (" - ", " – ",
// " — ").
func splitDash(role string) []string {
	var out []string
	for {
		i, n := -1, 0
		for _, sep := range [...]string{" - ", " – ", " — "} {
			if j := strings.Index(role, sep); j >= 0 && (i < 0 || j < i) {
				i, n = j, len(sep)
			}
		}
		if i < 0 {
			return append(out, role)
		}
		out = append(out, role[:i])
		role = role[i+n:]
	}
}

// Several roles in one cell.

// splitRoles splits a cell that names several roles ("SERVICE ADVISOR,
// PARTS MANAGER", "cashier / stocker") into its parts. A part that is only a
// gender ending ("chairman/woman") or too short to be a title is joined back.
func splitRoles(t string) []string {
	roles, _ := splitRolesWith(t, nil)
	return roles
}

// splitRolesWith is splitRoles with a cache of word forms (nil for none).
// With each role it returns the tokens of the role without its employer
// (tokensWith(words(cutEmployer(role)))) when it read them, nil when not.
func splitRolesWith(t string, forms map[string]wordForm) (roles []string, read [][]string) {
	toks := func(s string) []string { return tokensWith(words(cutEmployer(s)), forms) }
	// "Owner/operator" is one role (a self-employed driver or tradesperson).
	if i := indexASCIIFold(t, "owner/operator"); i >= 0 {
		t = t[:i] + "owner operator" + t[i+len("owner/operator"):]
	}
	fields := strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '|' || r == '+' })
	var out []string
	for _, f := range fields {
		f = strings.TrimSpace(f)
		ft := toks(f)
		if len(ft) == 0 || genderEndings[strings.ToLower(f)] {
			continue
		}
		out = append(out, f)
		read = append(read, ft)
	}
	if len(out) == 0 {
		return []string{t}, [][]string{nil}
	}
	// "Manager, Data Science" and "Director, Finance" are one inverted
	// title: a bare role word before a comma heads what follows it.
	// What follows must not be a role itself: "Manager, labourer" is two.
	if i := strings.IndexAny(t, ",;/|+"); len(out) > 1 && i >= 0 && t[i] == ',' {
		if ft, rest := read[0], read[1]; len(ft) == 1 && invertedHeads[ft[0]] && len(rest) > 0 && !roleWord(rest) {
			out = append([]string{out[1] + " " + out[0]}, out[2:]...)
			read = append([][]string{nil}, read[2:]...)
		}
	}
	return out, read
}

// roleWord reports whether tokens end in a word that heads roles of its
// own (a generic head such as labourer, or an invertedHead).
func roleWord(toks []string) bool { return invertedHeads[toks[len(toks)-1]] }

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
	if hits, ok := ix.exact[key]; ok {
		return ix.exactPart(hits, kindExact, toks)
	}
	if code, ok := ix.fieldResidual(toks); ok {
		// Read as the profession n.e.c., one code as an exact title
		// would be; the ranked codes are its alternatives.
		p := part{kind: kindReading, method: MethodFuzzy, cands: []Candidate{{code, 1}}, toks: toks, residual: true}
		for _, c := range ix.rankTokens(toks).cands {
			if c.Code != code && len(p.alts) < maxAlts {
				p.alts = append(p.alts, c)
			}
		}
		return p
	}
	// Other readings of the title, each tried as an exact title first:
	// French in English, a known title before " - " or inside a longer
	// one, a head written first, compounds, activities and owners.
	if fr := frenchTitle(title, toks); fr != nil {
		if p, ok := ix.exactReading(fr); ok {
			return p
		}
		toks = fr
	} else if p, ok := ix.partialExact(title, toks); ok {
		return p
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
	if h, ok := ix.headFallback(toks, p); ok {
		return h
	}
	if code, ok := ix.residual(p.toks); ok {
		p = p.withFirst(code)
		p.residual = true
		return p
	}
	return p
}

// withFirst returns the part with code as its first candidate, at the
// first's score, the others after it.
func (p part) withFirst(code string) part {
	if len(p.cands) == 0 || p.cands[0].Code == code {
		return p
	}
	out := append(make([]Candidate, 0, len(p.cands)+1), Candidate{code, p.cands[0].Score})
	for _, c := range p.cands {
		if c.Code != code {
			out = append(out, c)
		}
	}
	p.cands = out
	return p
}

// residual returns the unit group the classification names for a title's
// head not elsewhere classified ("Other professional engineers" for an
// engineer), when none of the title's modifiers names one of the head's
// groups: a modifier names a group when one group holds at least half of
// the titles with that head and that word ("mechanical": mechanical
// engineers). A "design engineer", "test engineer" or "principal engineer"
// names no discipline, so is an engineer not elsewhere classified; nor
// does a rank ("lead engineer"), whichever group lists it most.
func (ix *Index) residual(toks []string) (string, bool) {
	n := len(toks)
	head, ok := ix.vocab[toks[n-1]]
	if !ok {
		return "", false
	}
	code, ok := ix.residuals[head]
	if !ok {
		return "", false
	}
	for _, t := range toks[:n-1] {
		m, ok := ix.vocab[t]
		if !ok || authorityWords[t] {
			continue // a rank ("lead engineer") names no discipline
		}
		counts := map[int32]int{}
		total := 0
		for _, post := range [2][]int32{ix.postings[m], ix.qpostings[m]} {
			for _, d := range post {
				if ix.docs[d].head == head {
					counts[ix.docs[d].unit]++
					total++
				}
			}
		}
		for _, c := range counts {
			if 2*c >= total && c >= 2 {
				return "", false
			}
		}
	}
	return code, true
}

// fieldResidual reads a title that names a profession's field
// ("engineering", whose agent is an engineer, a head with a group n.e.c.)
// and no discipline as one of the profession n.e.c.: an "engineering
// project manager" is none of the civil, mechanical or electrical
// engineering project managers the classification lists, but an engineer
// of no named discipline (Index.residual), not the project manager a
// shorter title inside it would make of it. The title must end titles of
// genericCodes unit groups or more, all of the n.e.c. group's sub-major
// group and none holding half of them.
func (ix *Index) fieldResidual(toks []string) (string, bool) {
	n := len(toks)
	if n < 2 {
		return "", false
	}
	code := ""
	for _, t := range toks[:n-1] {
		if agent, ok := agentNouns[t]; ok && len(agent) == 1 {
			if id, ok := ix.vocab[agent[0]]; ok && ix.residuals[id] != "" {
				code = ix.residuals[id]
			}
		}
	}
	if code == "" {
		return "", false
	}
	ids := make([]int32, n)
	for i, t := range toks {
		id, ok := ix.vocab[t]
		if !ok {
			return "", false
		}
		ids[i] = id
	}
	counts := map[int32]int{}
	total := 0
	for _, d := range ix.postings[ids[n-1]] {
		dd := &ix.docs[d]
		if dd.head != ids[n-1] || len(dd.toks) <= n || !slices.Equal(dd.toks[len(dd.toks)-n:], ids) {
			continue
		}
		if !strings.HasPrefix(dd.code, code[:3]) {
			return "", false
		}
		counts[dd.unit]++
		total++
	}
	if len(counts) < genericCodes {
		return "", false
	}
	for _, c := range counts {
		if 2*c >= total {
			return "", false
		}
	}
	return code, true
}

// namesNoGroup reports whether a title whose head has a group n.e.c.
// still names none of the head's groups with the context's words read as
// its modifiers (Index.residual); a context word that is one of the
// title's own words is not read again.
func (ix *Index) namesNoGroup(toks []string, ctx []int32) bool {
	read := make([]string, 0, len(ctx)+len(toks))
	for _, id := range ctx {
		if t := ix.terms[id]; !slices.Contains(toks, t) { // "engineering" holds the head itself
			read = append(read, t)
		}
	}
	_, ok := ix.residual(append(read, toks...))
	return ok
}

// headFallback reads a title whose modifiers name nothing the ranked
// codes know ("household housekeeper", "professional housekeeper") as its
// head, when the head alone is the plain title of one code: the ranked
// best code must not hold any of the modifiers, so "executive housekeeper"
// stays with its own code.
func (ix *Index) headFallback(toks []string, p part) (part, bool) {
	n := len(toks)
	if n < 2 || len(p.cands) == 0 || genericHeads[toks[n-1]] {
		return part{}, false
	}
	hits, ok := ix.exact[toks[n-1]]
	if !ok {
		return part{}, false
	}
	h := ix.exactPart(hits, kindPartial, toks[n-1:])
	if h.shared || h.qualOnly || h.generic || h.cands[0].Code == p.cands[0].Code {
		return part{}, false
	}
	top := ix.cls.index[p.cands[0].Code]
	for _, t := range toks[:n-1] {
		id, ok := ix.vocab[t]
		if !ok {
			continue
		}
		for _, d := range ix.postings[id] {
			if int(ix.docs[d].unit) == top {
				return part{}, false
			}
		}
	}
	h.toks = toks
	return h, true
}

// Other readings of a title, each tried as an exact title.

// exactReading is the exact match of a reading of a title.
func (ix *Index) exactReading(toks []string) (part, bool) {
	hits, ok := ix.exact[strings.Join(toks, " ")]
	if !ok {
		return part{}, false
	}
	return ix.exactPart(hits, kindReading, toks), true
}

// partialExact finds a known title inside a longer one: the part before a
// " - " ("Staff RN - ICU", "PSW - nursing home"), whose rest becomes
// context; else the longest run of words at the start or the end that is an
// indexed title of two words or more ("night shift accounts payable
// clerk" -> "accounts payable clerk"), when the words left out name no
// occupation of their own: "paralegal office clerk" keeps its "paralegal".
func (ix *Index) partialExact(title string, toks []string) (part, bool) {
	for _, sep := range []string{" - ", " – ", " — "} {
		if i := strings.Index(title, sep); i > 0 {
			head := Tokens(title[:i])
			if len(head) == 1 && genericHeads[head[0]] {
				continue // "Technician - welding": the rest says which technician
			}
			if hits, ok := ix.exact[strings.Join(head, " ")]; ok {
				p := ix.exactPart(hits, kindPartial, head)
				for _, t := range Tokens(title[i+len(sep):]) {
					if id, ok := ix.vocab[t]; ok {
						p.ctx = append(p.ctx, id)
					}
				}
				return p, true
			}
		}
	}
	for n := len(toks) - 1; n >= 2; n-- {
		if hits, ok := ix.exact[strings.Join(toks[:n], " ")]; ok && !ix.namesOccupation(toks[n:]) {
			if p, ok := ix.specialtyAfter(toks[n-1], toks[n:]); ok {
				return p, true
			}
			return ix.exactPart(hits, kindPartial, toks[:n]), true
		}
		if n == len(toks)-1 {
			if p, ok := ix.dropInner(toks); ok {
				return p, true
			}
		}
		if hits, ok := ix.exact[strings.Join(toks[len(toks)-n:], " ")]; ok && !ix.namesOccupation(toks[:len(toks)-n]) {
			return ix.exactPart(hits, kindPartial, toks[len(toks)-n:]), true
		}
	}
	return part{}, false
}

// specialtyAfter reads the words after a known title that ends in a
// generic head as the head's specialty ("office clerk accounts
// receivable" -> accounts receivable clerk, "office clerk handling
// collections" -> collection clerk): the longest run of their last words
// that makes an indexed title before the head.
func (ix *Index) specialtyAfter(head string, rest []string) (part, bool) {
	if !genericHeads[head] {
		return part{}, false
	}
	for k := range rest {
		read := append(slices.Clone(rest[k:]), head)
		if hits, ok := ix.exact[strings.Join(read, " ")]; ok {
			return ix.exactPart(hits, kindPartial, read), true
		}
	}
	return part{}, false
}

// dropInner reads a title with one inner word left out, when that leaves
// an indexed title: "accounts receivable office clerk" is an accounts
// receivable clerk, and a "payroll office clerk" a payroll clerk, not the
// office clerk a shorter known title inside them would make of them: the
// user's own modifiers outweigh a general word between them and the head.
// The word left out must be the most common of the title's modifiers
// (lowest idf), known to the index (an unknown word may be a typo of a
// telling one), and not a title of its own. When the most common is the
// first word, leaving it out is the suffix reading partialExact tries
// next.
func (ix *Index) dropInner(toks []string) (part, bool) {
	idf := func(t string) float64 {
		if id, ok := ix.vocab[t]; ok && len(ix.postings[id]) > 0 {
			return ix.idf[id]
		}
		return math.Inf(1)
	}
	low, lowIDF := -1, math.Inf(1)
	for i, t := range toks[:len(toks)-1] {
		if w := idf(t); w < lowIDF {
			low, lowIDF = i, w
		}
	}
	if low < 1 || ix.namesOccupation(toks[low:low+1]) {
		return part{}, false
	}
	read := append(append(make([]string, 0, len(toks)-1), toks[:low]...), toks[low+1:]...)
	hits, ok := ix.exact[strings.Join(read, " ")]
	if !ok {
		return part{}, false
	}
	return ix.exactPart(hits, kindPartial, read), true
}

// namesOccupation reports whether some of the words are an indexed title
// of their own (not a generic one): a modifier such as "paralegal" in
// "paralegal office clerk" is then part of the occupation, not a qualifier
// to drop.
func (ix *Index) namesOccupation(words []string) bool {
	for _, w := range words {
		if ix.exactTitle(w) && !genericHeads[w] {
			return true
		}
	}
	return ix.exactTitle(strings.Join(words, " "))
}

// frenchTitle returns toks read in English, or nil when the title does not
// look French: its first word must be a French word of the table, and
// either not an English word too or followed by French function words. A
// French title names its head first ("analyste de données"), so the order
// is reversed.
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

// rewrite returns toks with compounds split or joined, an activity head
// turned into its agent, and an owner, partner or self-employed person
// read as the manager of the business (the NOC convention: "restaurant
// owner" is a restaurant manager, "owner operator farm" a farm manager), or
// nil when nothing changes.
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
	if o, ok := ix.ownerReading(out); ok {
		out, changed = o, true
	}
	if n := len(out); n == 2 && out[1] == "manager" {
		// "ranch manager": the manager of a ranch is a rancher, when that
		// is a title of managers only.
		for _, suf := range [...]string{"er", "r"} {
			if a := out[0] + suf; ix.managersOnly(a) {
				out, changed = []string{a}, true
				break
			}
		}
	}
	if n := len(out); n >= 2 && personWords[out[n-1]] {
		if agent, ok := agentNouns[out[n-2]]; ok {
			// "housekeeping worker", "cleaning staff": the agent.
			out = append(out[:n-2:n-2], agent...)
			changed = true
		}
	}
	if n := len(out); n >= 2 && expertWords[out[n-1]] {
		if agent, ok := agentNouns[out[n-2]]; ok && ix.professional(agent) {
			// "engineering expert", "accounting specialist": one of the
			// profession, whose field the title names.
			out = append(out[:n-2:n-2], agent...)
			changed = true
		} else if !ix.exactTitle(strings.Join(out, " ")) && ix.professional(out[n-2:n-1]) {
			// "engineer consultant": the profession itself.
			out = out[: n-1 : n-1]
			changed = true
		}
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

// ownerReading reads the owner, operator or partner of a business as its
// manager: "restaurant owner", "owner operator farm", "farming partner",
// "owner manager" -> "restaurant manager", "farm manager", "manager". The
// business words are those left when the owner words go, activities read
// as their business ("farming" -> farm). "operator" alone stays an
// operator (of a machine or a plant); it is an owner's word only beside
// another owner word.
func (ix *Index) ownerReading(toks []string) ([]string, bool) {
	owner := false
	for _, t := range toks {
		owner = owner || ownerWords[t]
	}
	if !owner {
		return nil, false
	}
	var business []string
	operator := false
	for _, t := range toks {
		switch {
		case t == "operator":
			operator = true
			continue
		case ownerWords[t], t == "manager", t == "president":
			continue
		}
		if agent, ok := agentNouns[t]; ok && slices.Contains(toks, "operator") {
			// An owner-operator of an activity does the work: "owner
			// operator trucking" drives the truck.
			return append(slices.Clip(business), agent...), true
		}
		if id := ix.titleStem(t); id >= 0 {
			t = ix.terms[id] // "farming" -> farm
		}
		business = append(business, t)
	}
	if operator && len(business) == 0 {
		// An owner-operator of nothing named runs their own truck or
		// machine: an operator, whom the row's context may name.
		return []string{"operator"}, true
	}
	return append(business, "manager"), true
}

// managersOnly reports whether t is an indexed title of management unit
// groups (TEER 0) only.
func (ix *Index) managersOnly(t string) bool {
	hits, ok := ix.exact[t]
	if !ok {
		return false
	}
	for _, h := range hits {
		if ix.cls.Units[ix.docs[h.doc].unit].TEER != 0 {
			return false
		}
	}
	return true
}

// professional reports whether a title (as tokens) is one of a
// profession: a head the classification has a group "Other professional
// ..." for ("engineer"), or a title every code that has it exactly is of
// TEER 1.
func (ix *Index) professional(title []string) bool {
	key := strings.Join(title, " ")
	if id, ok := ix.vocab[key]; ok {
		if _, ok := ix.residuals[id]; ok {
			return true
		}
	}
	hits, ok := ix.exact[key]
	if !ok {
		return false
	}
	for _, h := range hits {
		if ix.cls.Units[ix.docs[h.doc].unit].TEER != 1 {
			return false
		}
	}
	return true
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

// codeHits gathers the exact hits of one code.
type codeHits struct {
	code       string
	n          int     // titles
	unqual     bool    // some title is the key itself, not a base of a qualified title
	official   bool    // ... and it is an official one
	curated    bool    // casescreen's curated list has the title for this code
	deliberate bool    // ... and says why it differs from the classification
	qual       []int32 // the qualifiers of its qualified titles
}

// exactPart handles a title equal to indexed titles. When several codes
// have it, the default comes first, decided deliberately rather than by
// code order: a curated title that says why it differs from the
// classification; then a code that has the title without a qualifier;
// then a curated code; then the code with more official titles of the
// key; the code last, for determinism. The other codes follow the default
// in the order ranked retrieval gives them for the title's words (its
// alternatives, likeliest first).
func (ix *Index) exactPart(hits []hit, kind matchKind, toks []string) part {
	var cs []codeHits
	for _, h := range hits {
		d := &ix.docs[h.doc]
		i := slices.IndexFunc(cs, func(c codeHits) bool { return c.code == d.code })
		if i < 0 {
			cs = append(cs, codeHits{code: d.code})
			i = len(cs) - 1
		}
		c := &cs[i]
		c.n++
		if h.viaBase {
			for _, q := range d.qual {
				if !containsID(c.qual, q) {
					c.qual = append(c.qual, q)
				}
			}
		} else {
			c.unqual = true
			c.official = c.official || d.source != FromCurated
		}
		if d.source == FromCurated {
			c.curated = true
			c.deliberate = c.deliberate || d.deliberate
		}
	}
	slices.SortFunc(cs, func(a, b codeHits) int {
		for _, k := range [...][2]bool{{a.deliberate, b.deliberate}, {a.unqual, b.unqual}, {a.curated, b.curated}} {
			if k[0] != k[1] {
				if k[0] {
					return -1
				}
				return 1
			}
		}
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.code, b.code)
	})
	// The others follow in the order ranked retrieval puts them (the
	// likeliest reading of the title's words first), those it does not
	// rank last, in the order above.
	ranked := ix.rankTokens(toks)
	if len(cs) > 2 {
		at := func(code string) int {
			if i := slices.IndexFunc(ranked.cands, func(c Candidate) bool { return c.Code == code }); i >= 0 {
				return i
			}
			return len(ranked.cands)
		}
		slices.SortStableFunc(cs[1:], func(a, b codeHits) int { return at(a.code) - at(b.code) })
	}
	p := part{kind: kind, method: MethodExact, toks: toks, shared: len(cs) > 1}
	plain := 0
	for _, c := range cs {
		if c.official {
			plain++
		}
	}
	p.open = p.shared && (plain != 1 || !cs[0].official)
	if cs[0].curated {
		p.method = MethodAlias
	}
	for _, c := range cs {
		p.cands = append(p.cands, Candidate{c.code, float64(c.n)})
		if p.shared {
			q := c.qual
			if c.unqual {
				q = nil
			}
			p.quals = append(p.quals, q)
			p.curated = append(p.curated, c.curated)
			p.qualified = p.qualified || !c.unqual
		}
	}
	// A lone generic word ("labourer"), or a title that many unit groups
	// share ("project manager"), says little without its context.
	plainCodes := 0 // codes that have the title plainly, officially or curated
	for _, c := range cs {
		if c.unqual {
			plainCodes++
		}
	}
	p.generic = len(toks) == 1 && genericHeads[toks[0]] || plainCodes != 1 && ix.spread(toks)
	p.qualOnly = !p.shared && !cs[0].unqual
	if p.qualOnly {
		p.quals = [][]int32{cs[0].qual}
	}
	for _, c := range ranked.cands {
		if len(p.alts) == maxAlts {
			break
		}
		if !slices.ContainsFunc(p.cands, func(x Candidate) bool { return x.Code == c.Code }) {
			p.alts = append(p.alts, c)
		}
	}
	if plainCodes == 0 {
		// Only qualified ("design engineer - mechanical"): without the
		// qualifier the title may be its head's group n.e.c.
		if code, ok := ix.residual(toks); ok && !slices.ContainsFunc(p.cands, func(c Candidate) bool { return c.Code == code }) {
			ranked = ranked.withFirst(code)
			ranked.residual = true
			return ranked
		}
	}
	return p
}

// spread reports whether a title is generic by the classification's own
// titles: the titles that end with it ("project engineer": construction,
// electrical, chemical project engineer ...) belong to genericCodes unit
// groups or more, none of which holds half of them. (A title that one
// code has plainly, such as "electrician", is not generic however many
// kinds of electricians there are.)
func (ix *Index) spread(toks []string) bool {
	id, ok := ix.vocab[toks[len(toks)-1]]
	if !ok {
		return false
	}
	ids := make([]int32, len(toks))
	for i, t := range toks {
		if ids[i], ok = ix.vocab[t]; !ok {
			return false
		}
	}
	counts := map[int32]int{}
	total := 0
	for _, d := range ix.postings[id] {
		dd := &ix.docs[d]
		if dd.head != id || len(dd.toks) < len(ids) || !slices.Equal(dd.toks[len(dd.toks)-len(ids):], ids) {
			continue
		}
		counts[dd.unit]++
		total++
	}
	if len(counts) < genericCodes {
		return false
	}
	for _, n := range counts {
		if 2*n >= total {
			return false
		}
	}
	return true
}

// genericCodes is the number of unit groups whose titles end with a title
// from which the title is generic.
const genericCodes = 3

// Ranked retrieval.

// rankTokens is ranked retrieval of a title's tokens, without context.
// Many titles come to the same tokens, and a title is ranked both for
// itself and for the alternatives of its exact match (exactPart), so the
// answer is computed once per distinct tokens and kept in ix.rankings.
func (ix *Index) rankTokens(toks []string) part {
	p := ix.rankCached(toks)
	p.toks = toks
	if len(toks) > 0 {
		p.generic = genericHeads[toks[len(toks)-1]]
	}
	return p
}

// rankCached is rankWith(nil, toks), from ix.rankings when it holds it.
// Its candidates are the caller's own.
func (ix *Index) rankCached(toks []string) part {
	if ix.rankings == nil {
		return ix.rankWith(nil, toks)
	}
	var buf [256]byte
	key := buf[:0]
	for _, t := range toks {
		key = append(append(key, t...), ' ')
	}
	if r, _, ok := ix.rankings.getBytes(key); ok {
		return r.part(ix.cls)
	}
	p := ix.rankWith(nil, toks)
	if r, ok := packRanked(ix.cls, p); ok {
		ix.rankings.putBytes(key, r)
	}
	return p
}

// rankWith ranks the title toks read with the context words ctx before it:
// idf-weighted cosine between the query's words and each title (the
// qualifier's words at qualWeight), the head noun (last word) counted
// twice and rewarded when it agrees with the title's, blended with how
// well the words cover each unit group's titles together. Only titles
// sharing a word with toks are candidates: the context words add to their
// similarity but bring in no title of their own.
func (ix *Index) rankWith(ctx []int32, toks []string) part {
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
	// A head word whose titles are many is scored by its headTable when
	// it is the title's only head word: the titles only it touches are
	// scored per unit group and class below, and only those some other word
	// of the query touches are walked.
	tab := ix.headTabs[head]
	if tab != nil && slices.Contains(qids[:nTitle-1], head) {
		tab = nil
	}
	var wh float64 // the head word's weight, with a headTable
	if tab == nil {
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
	} else {
		for k, id := range qids[:nTitle-1] {
			w := qw[k] * ix.idf[id]
			add(ix.postings[id], w, qw[k])
			add(ix.qpostings[id], w*qualWeight, qw[k])
		}
		wh = qw[nTitle-1] * ix.idf[head]
		whq := wh * qualWeight
		hp, hq := ix.postings[head], ix.qpostings[head]
		// The head adds to the titles the modifiers touched that have it.
		if len(touched)*(bits.Len(uint(len(hp)))+bits.Len(uint(len(hq)))) < len(hp)+len(hq) {
			for _, d := range touched {
				if _, ok := slices.BinarySearch(hp, d); ok {
					acc[d] += wh
				} else if _, ok := slices.BinarySearch(hq, d); ok {
					acc[d] += whq
				}
			}
		} else {
			for _, d := range hp {
				if acc[d] != 0 {
					acc[d] += wh
				}
			}
			for _, d := range hq {
				if acc[d] != 0 {
					acc[d] += whq
				}
			}
		}
		// A context word adds to the titles touched so far and to the
		// head's others, which it brings in with the head's weight first:
		// walking its postings, or, when they are long, looking the titles
		// touched so far up in them and intersecting them with the head's.
		for k := nTitle; k < len(qids); k++ {
			id := qids[k]
			w := qw[k] * ix.idf[id]
			p, qp := ix.postings[id], ix.qpostings[id]
			if n := len(touched); len(p)+len(qp) > n*(bits.Len(uint(len(p)))+bits.Len(uint(len(qp)))) {
				for _, d := range touched[:n] {
					if _, ok := slices.BinarySearch(p, d); ok {
						acc[d] += w
					} else if _, ok := slices.BinarySearch(qp, d); ok {
						acc[d] += w * qualWeight
					}
				}
				for pass, docs := range [2][]int32{p, qp} {
					cw := w
					if pass == 1 {
						cw = w * qualWeight
					}
					for hpass, hdocs := range [2][]int32{hp, hq} {
						hw := wh
						if hpass == 1 {
							hw = whq
						}
						intersect(docs, hdocs, func(d int32) {
							if acc[d] == 0 {
								touched = append(touched, d)
								acc[d] += hw
								acc[d] += cw
							}
						})
					}
				}
				continue
			}
			for pass, docs := range [2][]int32{p, qp} {
				cw := w
				if pass == 1 {
					cw = w * qualWeight
				}
				i, j := 0, 0
				for _, d := range docs {
					if acc[d] != 0 {
						acc[d] += cw
						continue
					}
					if i < len(hp) && hp[i] < d {
						i = seek(hp, i, d)
					}
					if i < len(hp) && hp[i] == d {
						touched = append(touched, d)
						acc[d] += wh
						acc[d] += cw
						continue
					}
					if j < len(hq) && hq[j] < d {
						j = seek(hq, j, d)
					}
					if j < len(hq) && hq[j] == d {
						touched = append(touched, d)
						acc[d] += whq
						acc[d] += cw
					}
				}
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
	if tab != nil {
		// The head's titles no other word touched, by the least norm of
		// each group's titles of each class: the same operations as
		// above, with acc the head's weight and no modifier.
		cover := 1.0 // none of the title's modifiers is in these titles
		if modTotal > 0 {
			cover = headCover
		}
		for c, reps := range [3][]headRep{tab.reps[:tab.sameHead], tab.reps[tab.sameHead:tab.inBase], tab.reps[tab.inBase:]} {
			a := wh
			if c == 2 {
				a = wh * qualWeight
			}
			for _, r := range reps {
				s := a / (qnorm * r.norm)
				if c == 0 {
					s = (1-headBonus)*s + headBonus*cover
				} else {
					s *= otherHead
				}
				if best[r.unit] == 0 {
					units = append(units, r.unit)
				}
				if s > best[r.unit] {
					best[r.unit] = s
				}
			}
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

// intersect calls f with each doc that the sorted a and b both hold, in
// order, galloping through the longer.
func intersect(a, b []int32, f func(int32)) {
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for _, d := range a {
		if i < len(b) && b[i] < d {
			i = seek(b, i, d)
		}
		if i == len(b) {
			return
		}
		if b[i] == d {
			f(d)
		}
	}
}

// seek returns the first index at or after i of the sorted s whose doc is
// not below d, galloping from i.
func seek(s []int32, i int, d int32) int {
	if i >= len(s) || s[i] >= d {
		return i
	}
	lo, step := i, 1 // s[lo] < d
	for lo+step < len(s) && s[lo+step] < d {
		lo += step
		step *= 2
	}
	hi := min(lo+step, len(s))
	j, _ := slices.BinarySearch(s[lo+1:hi], d)
	return lo + 1 + j
}

// repair maps a token the index has never seen to the closest indexed
// token by character trigrams ("techncian" -> "technician"), or -1. Each
// distinct token is repaired once per Index.
func (ix *Index) repair(t string) int32 {
	if len(t) < repairMinLen {
		return -1
	}
	if v, ok := ix.repairs.Load(t); ok {
		return v.(int32)
	}
	id := ix.repairToken(t)
	if ix.nRepairs.Add(1) <= maxRepairs {
		ix.repairs.Store(strings.Clone(t), id)
	}
	return id
}

func (ix *Index) repairToken(t string) int32 {
	grams := trigramsOf(t, nil)
	sc := ix.pool.Get().(*scratch)
	counts, touched := sc.grams, sc.gtoks[:0]
	for _, g := range grams {
		for _, id := range ix.trigrams[g] {
			if counts[id] == 0 {
				touched = append(touched, id)
			}
			counts[id]++
		}
	}
	best, bestSim := int32(-1), 0.0
	for _, id := range touched {
		other := len(ix.terms[id]) // trigrams in the other token: len+2-2
		sim := 2 * float64(counts[id]) / float64(len(grams)+other)
		counts[id] = 0
		if sim > bestSim || sim == bestSim && id < best {
			best, bestSim = id, sim
		}
	}
	if bestSim < repairMinSim {
		// One slip of the keys ("janiter", "custodain") leaves too few
		// trigrams in common with a short word: the closest token within
		// repairMaxEdits of t, with t's first letter, the most trigrams
		// alike breaking ties.
		best = ix.repairByEdits(t, touched)
	}
	sc.gtoks = touched
	ix.pool.Put(sc)
	return best
}

// repairByEdits returns the token among cands (ids of tokens sharing a
// trigram with t) within repairMaxEdits(t) edits of t (optimal string
// alignment: insertions, deletions, substitutions and swaps of two
// neighbours) that starts with t's first letter; of several, the fewest
// edits, then the most trigrams of t, then the smaller id; -1 when none.
func (ix *Index) repairByEdits(t string, cands []int32) int32 {
	limit := 1
	if len(t) >= 8 {
		limit = 2
	}
	best, bestD, bestSim := int32(-1), limit+1, 0.0
	grams := trigramsOf(t, nil)
	for _, id := range cands {
		o := ix.terms[id]
		if o == "" || o[0] != t[0] || len(o) < len(t)-limit || len(o) > len(t)+limit {
			continue
		}
		d := osaDistance(t, o, limit)
		if d > limit {
			continue
		}
		sim := trigramDice(grams, o)
		if d < bestD || d == bestD && (sim > bestSim || sim == bestSim && id < best) {
			best, bestD, bestSim = id, d, sim
		}
	}
	return best
}

// trigramDice is the Dice coefficient of the trigrams grams (of one
// token) and those of o.
func trigramDice(grams []uint32, o string) float64 {
	og := trigramsOf(o, nil)
	common := 0
	for _, g := range grams {
		if slices.Contains(og, g) {
			common++
		}
	}
	return 2 * float64(common) / float64(len(grams)+len(og))
}

// osaDistance is the optimal string alignment distance between a and b
// (bytes), or limit+1 once it is sure to exceed limit.
func osaDistance(a, b string, limit int) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// The row's context, and the score.

// roleMatch is one role read with the row's context, before its score is
// calibrated.
type roleMatch struct {
	exact   bool // the title read with its context is an exact title
	code    string
	method  Method
	cands   []Candidate // code first, then alternatives; scores relative to the code's
	reasons []string
	f       features
	none    bool
}

// Finish turns a Ranking into a Result under a row's context (industry,
// employer and duties tokens from ContextTokens; nil for none). When a
// cell names several roles, the first role is kept unless another scores
// clearly higher or is clearly the occupation of the row's context; the
// others become alternatives.
func (ix *Index) Finish(rk *Ranking, ctx []int32) Result {
	r, _ := ix.finish(rk, ctx)
	return r
}

// finish is Finish, also returning the features the score was computed
// from (for fitting the calibration).
func (ix *Index) finish(rk *Ranking, ctx []int32) (Result, features) {
	var best roleMatch
	var others []Candidate
	var bestScore float64
	bestBare := false // best is a bare role that a named one outranks (namedRole)
	rank, rm := ix.rankOfOthers(rk, ctx)
	for i, p := range rk.parts {
		m := ix.finishPart(p, ctx)
		if i == rank {
			m = rm
		}
		m.f.roles = len(rk.parts)
		s := m.f.probability()
		switch {
		case rank >= 0 && i != rank:
			if !m.none {
				others = append(others, Candidate{m.code, s})
			}
			continue
		case rank >= 0 || i == 0:
			best, bestScore = m, s
			bestBare = p.bare
			continue
		case m.none:
			continue
		case !best.none && namedRole(best, bestBare) && !namedRole(m, p.bare):
			// A named role is not replaced by a bare one, whatever its score.
			others = append(others, Candidate{m.code, s})
		case best.none, s > bestScore+roleMargin,
			m.f.hasCtx && m.f.agree > best.f.agree+roleCtxMargin && s >= bestScore/2,
			bestBare && namedRole(m, p.bare):
			if !best.none {
				others = append(others, Candidate{best.code, bestScore})
			}
			best, bestScore = m, s
			bestBare = p.bare
		default:
			others = append(others, Candidate{m.code, s})
		}
	}
	if best.none {
		res := Result{Method: MethodNone, Reasons: best.reasons}
		return res, best.f
	}
	if best.method == MethodAlias {
		// A curated title is surer than an official one of the same
		// features. The roles were compared without it, so that the
		// choice among them does not turn on which has a curated title.
		best.f.curated = true
		bestScore = best.f.probability()
	}
	res := ix.result(best, bestScore)
	if len(others) > 0 {
		var all []Candidate
		for _, c := range others {
			all = append(all, Candidate{c.Code, math.Min(c.Score, res.Score)})
		}
		res.Alts = firstAlts(res.Code, all, res.Alts)
	}
	if len(rk.parts) > 1 {
		res.Reasons = append(res.Reasons, ReasonMultipleRoles)
	}
	return res, best.f
}

// bareHead reports whether a role is coded as its generic head alone is:
// an "office clerk" or "records clerk" has the code of a plain "clerk", so
// says no more than that the person is a clerk. Beside a role that names
// an occupation ("office clerk, receptionist"), it gives way: the cell's
// job is the named one (namedRole), as the NOC codes the occupation a job
// names, not the catch-all group the generic head falls in without it.
func (ix *Index) bareHead(p part) bool {
	if len(p.cands) == 0 || len(p.toks) == 0 || p.kind == kindNone {
		return false
	}
	head := p.toks[len(p.toks)-1]
	if !genericHeads[head] {
		return false
	}
	hits, ok := ix.exact[head]
	if !ok {
		return false
	}
	return ix.exactPart(hits, kindExact, p.toks[len(p.toks)-1:]).cands[0].Code == p.cands[0].Code
}

// namedRole reports whether a role's match names an occupation: an indexed
// title, or another reading of one, that is neither generic nor a bare
// role (bareHead).
func namedRole(m roleMatch, bare bool) bool {
	return !bare && !m.none && !m.f.generic && !m.f.ambiguous && (m.f.kind == kindExact || m.f.kind == kindReading || m.f.kind == kindPartial)
}

// managerOfNamed reads a rank with the business it names, when no title
// has the two ("livestock owner", "horse stable manager": ranked, not
// exact), as the manager of that business: managerOf with the title's
// other words beside the row's context. Not a title read as a
// profession's group n.e.c. (an engineering project manager is an
// engineer: Index.fieldResidual).
func (ix *Index) managerOfNamed(p part, ctx []int32) (roleMatch, bool) {
	if p.kind != kindFuzzy || p.residual || len(p.cands) == 0 || !slices.ContainsFunc(p.toks, func(t string) bool { return rankHeads[t] || namedRanks[t] }) {
		return roleMatch{}, false
	}
	var biz []int32
	for _, t := range p.toks {
		if id, ok := ix.vocab[t]; ok && !rankWords[t] && !slices.Contains(ctx, id) {
			biz = append(biz, id)
		}
	}
	if len(biz) == 0 {
		return roleMatch{}, false
	}
	wide := append(slices.Clip(ctx), biz...)
	if !ix.informative(wide) {
		return roleMatch{}, false
	}
	// Compared with the title's own best code alone: the ranked others
	// are only near readings. When that code is not one of managers,
	// supervisors or contractors, the title's rank already says it is
	// wrong (the owner of a cattle ranch is no livestock labourer): the
	// business's manager needs only to agree with the context.
	best := p
	best.cands = p.cands[:1]
	return ix.managerOf(best, wide, ix.authorityGroup(p.cands[0].Code))
}

// namedRanks are the rank words beside rankHeads that managerOfNamed reads
// with the business a title names: "managing a farm".
var namedRanks = set("managing")

// rankOfOthers finds, in a cell of several roles, a rank without a
// business ("manager", "owner") that manages the business another role
// names ("liquor store clerk, manager": a store manager; "manager,
// labourer" on a farm: a farm manager): managerOf with the other roles'
// words beside the row's context. The NOC codes the more skilled of the
// roles one job names, so that role is the cell's. It returns the role's
// index and its match, or -1.
func (ix *Index) rankOfOthers(rk *Ranking, ctx []int32) (int, roleMatch) {
	if len(rk.parts) < 2 {
		return -1, roleMatch{}
	}
	for i, p := range rk.parts {
		if !(p.written || rankOnly(p.toks)) || len(p.cands) == 0 {
			continue
		}
		wide := slices.Clip(ctx)
		for j, o := range rk.parts {
			if j == i {
				continue
			}
			for _, t := range o.toks {
				if id, ok := ix.vocab[t]; ok && !slices.Contains(wide, id) {
					wide = append(wide, id)
				}
			}
		}
		if !ix.informative(wide) {
			continue
		}
		if m, ok := ix.managerOf(p, wide, false); ok {
			return i, m
		}
	}
	return -1, roleMatch{}
}

// result builds the Result of a role with its calibrated score; the
// alternatives keep their share of the code's score.
func (ix *Index) result(m roleMatch, score float64) Result {
	u := ix.cls.Unit(m.code)
	r := Result{Code: m.code, Method: m.method, Score: score, Reasons: m.reasons}
	if u != nil {
		r.Title, r.TEER = u.Title, u.TEER
	}
	top := m.cands[0].Score
	for _, c := range m.cands[1:resultCands(m.code, m.cands)] {
		if c.Code == m.code || slices.ContainsFunc(r.Alts, func(a Candidate) bool { return a.Code == c.Code }) {
			continue
		}
		s := score
		if top > 0 {
			s = score * math.Min(1, c.Score/top)
		}
		r.Alts = append(r.Alts, Candidate{c.Code, s})
	}
	return r
}

// resultCands is how many of a role's candidates (code first) its Result
// reads: the first, then up to the maxAlts-th distinct code other than
// code. The rest cannot change the Result.
func resultCands(code string, cands []Candidate) int {
	alts := 0
	for i, c := range cands {
		if i == 0 || c.Code == code || slices.ContainsFunc(cands[1:i], func(a Candidate) bool { return a.Code == c.Code }) {
			continue
		}
		if alts == maxAlts {
			return i
		}
		alts++
	}
	return len(cands)
}

// firstAlts is the alternatives of a cell of several roles: the other
// roles' codes first, best first (each is what the cell says the person
// also does), then the chosen role's own alternatives, without the chosen
// code or repeats, at most maxAlts.
func firstAlts(chosen string, roles, own []Candidate) []Candidate {
	roles = slices.Clone(roles)
	slices.SortStableFunc(roles, func(a, b Candidate) int { return cmp.Compare(b.Score, a.Score) })
	out := make([]Candidate, 0, maxAlts)
	for _, c := range append(roles, own...) {
		if c.Code == "" || c.Code == chosen || slices.ContainsFunc(out, func(o Candidate) bool { return o.Code == c.Code }) {
			continue
		}
		out = append(out, c)
		if len(out) == maxAlts {
			break
		}
	}
	return out
}

// finishPart reads one role with the row's context.
func (ix *Index) finishPart(p part, rowCtx []int32) roleMatch {
	if p.notJob {
		return roleMatch{none: true, reasons: []string{ReasonNotAnOccupation}}
	}
	if len(p.cands) == 0 {
		return roleMatch{none: true}
	}
	ctx := rowCtx
	if len(p.ctx) > 0 {
		ctx = append(slices.Clip(p.ctx), rowCtx...)
	}
	f := features{kind: p.kind, generic: p.generic, hasCtx: ix.informative(ctx)}
	if f.hasCtx && (p.written || rankOnly(p.toks) || seniorOnly(p.toks)) {
		if m, ok := ix.managerOf(p, ctx, true); ok {
			return m
		}
	}
	if m, ok := ix.managerOfNamed(p, ctx); ok {
		return m
	}
	switch {
	case p.kind == kindFuzzy:
		return ix.finishRanked(p, ctx, f)
	case p.shared:
		return ix.finishShared(p, ctx, f)
	}
	// One code has the title.
	code := p.cands[0].Code
	f.sim, f.margin, f.qualOnly = 1, 1, p.qualOnly
	if f.hasCtx {
		f.agree = ix.contextScore(code, ctx)
		if p.qualOnly {
			// Only the qualifier says where the title belongs: the
			// group's description holds the title's own words.
			f.agree = ix.qualifierShare(p.quals[0], ctx)
		}
		if (p.qualOnly || p.generic) && f.agree < contradicted {
			// The context contradicts the code: an alternative that the
			// context describes, and that fits the title, replaces it.
			alts := ix.rescore(p.alts, ctx, true, p.generic)
			if len(alts) > 0 && alts[0].Score >= contradictMin {
				if aa := ix.contextScore(alts[0].Code, ctx); aa >= f.agree+contradictGain {
					m := roleMatch{code: alts[0].Code, method: MethodFuzzy, cands: alts}
					m.f = features{kind: kindFuzzy, sim: alts[0].Score, margin: 1, hasCtx: true, agree: aa, generic: p.generic}
					if len(alts) > 1 {
						m.f.margin = (alts[0].Score - alts[1].Score) / alts[0].Score
					}
					return keepSecond(m, code)
				}
			}
		}
		if p.generic || f.agree < contradicted {
			// A generic title ("labourer") or one its context contradicts
			// is read with the context's words.
			if e, ok := ix.expanded(p.toks, ctx); ok && e.code != code {
				if ea := ix.contextScore(e.code, ctx); e.f.sim >= expandMin && (p.generic || ea >= f.agree+contradictGain) {
					e.f.agree = ea
					return keepSecond(e, code)
				}
			}
		}
	}
	cands := []Candidate{{code, 1}}
	for _, a := range ix.rescore(p.alts, ctx, f.hasCtx, p.generic) {
		cands = append(cands, Candidate{a.Code, altsShare * math.Min(1, a.Score)})
	}
	return roleMatch{code: code, method: p.method, cands: cands, f: f}
}

// keepSecond makes code, the title's own reading that the context's
// replaced, the first of m's alternatives: the context decided against
// it, but it is still the likeliest other answer. It takes the score of
// the alternative it moves ahead of (half the code's when there is none),
// so that the alternatives' scores stay in order. m.cands is not changed
// in place (it may be shared with a cache).
func keepSecond(m roleMatch, code string) roleMatch {
	if code == "" || len(m.cands) == 0 || m.cands[0].Code == code {
		return m
	}
	s := altsShare * m.cands[0].Score
	if len(m.cands) > 1 {
		s = m.cands[1].Score
	}
	cands := make([]Candidate, 0, len(m.cands)+1)
	cands = append(cands, m.cands[0], Candidate{code, s})
	for _, c := range m.cands[1:] {
		if c.Code != code {
			cands = append(cands, c)
		}
	}
	m.cands = cands
	return m
}

// rankOnly reports whether a title names a rank and no business: all its
// words are rankWords, one of them a rankHead ("general manager", "owner
// operator", "president and owner"). A senior rank alone ("president",
// "chief executive officer") is not one: the classification's senior
// managers are grouped by sector, which the context decides among.
func rankOnly(toks []string) bool {
	head := false
	for _, t := range toks {
		if !rankWords[t] {
			return false
		}
		head = head || rankHeads[t]
	}
	return head
}

// seniorOnly reports whether a title is a senior rank alone ("president",
// "chief executive officer", "vice president"): rankWords with no rankHead.
// Senior managers are a sector's (Index.managerOf reads them only as the
// managers of a farm: the NOC codes a farm's president, like its owner, to
// the managers in agriculture).
func seniorOnly(toks []string) bool {
	senior := false
	for _, t := range toks {
		if !rankWords[t] || rankHeads[t] {
			return false
		}
		senior = senior || t == "president" || t == "chief" || t == "executive"
	}
	return senior
}

// managerOf reads a rank without a business (rankOnly) as the manager of
// the business the row's context names, the NOC convention for owners
// applied to the ranks people write: a "general manager" or "managing
// partner" of a grain farm is a farm manager (80020), an "assistant
// manager" on a cattle ranch a rancher. A business is a context word, or
// the word it is a form of ("farming" -> farm), that makes "<business>
// manager" the exact title of one management unit group (TEER 0), read as
// rewrite reads it ("ranch manager" -> rancher); failing that, the
// management group whose description holds the context best, by
// decideRatio over the next (not for an owner-operator). A senior rank
// alone (seniorOnly) is read so only as a farm's manager (80xxx). With
// compare, it applies only when
// that group is not the title's own best code and the context agrees with
// it contradictGain more than with any of the title's own candidates;
// without (the rank is one of several roles, rankOfOthers), when the
// context agrees with it contradictGain at least. The title's own
// candidates become alternatives at altsShare.
func (ix *Index) managerOf(p part, ctx []int32, compare bool) (roleMatch, bool) {
	if len(p.cands) == 0 {
		return roleMatch{}, false
	}
	senior := seniorOnly(p.toks)
	own := ""
	var ownAgree float64
	if compare {
		own = p.cands[0].Code
		for _, c := range p.cands {
			ownAgree = math.Max(ownAgree, ix.contextScore(c.Code, ctx))
		}
	}
	tried := make([]int32, 0, len(ctx))
	for _, id := range ctx {
		forms := [2]int32{id, ix.titleStem(ix.terms[id])}
		for _, fid := range forms {
			if fid < 0 || slices.Contains(tried, fid) {
				continue
			}
			tried = append(tried, fid)
			read := []string{ix.terms[fid], "manager"}
			bp, ok := ix.exactReading(read)
			if !ok {
				if rw := ix.rewrite(read); rw != nil {
					bp, ok = ix.exactReading(rw)
				}
			}
			if !ok || bp.shared || len(bp.cands) == 0 {
				continue
			}
			code := bp.cands[0].Code
			u := ix.cls.Unit(code)
			if u == nil || u.TEER != 0 || code == own || senior && !strings.HasPrefix(code, "80") {
				continue
			}
			agree := ix.contextScore(code, ctx)
			if agree < ownAgree+contradictGain {
				continue
			}
			cands := []Candidate{{code, 1}}
			for _, c := range p.cands {
				if c.Code != code && len(cands) < maxAlts+1 {
					cands = append(cands, Candidate{c.Code, altsShare * math.Min(1, c.Score)})
				}
			}
			f := features{kind: kindContext, sim: 1, margin: 1, hasCtx: true, agree: agree, generic: p.generic}
			return roleMatch{exact: true, code: code, method: MethodFuzzy, cands: cands, f: f}, true
		}
	}
	// No "<business> manager" title: the management group whose
	// description holds the context clearly best ("dairy operation",
	// "crop inputs": the managers in agriculture). Not for an
	// owner-operator, who is the operator the context names (a trucker).
	if slices.Contains(p.toks, "operator") {
		return roleMatch{}, false
	}
	if code, ok := ix.managersNamed(ctx, senior); ok && code != own {
		// The context names the group's own sector: "Managers in
		// agriculture" for a president in agriculture.
		if agree := ix.contextScore(code, ctx); agree >= ownAgree+contradictGain {
			cands := []Candidate{{code, 1}}
			for _, c := range p.cands {
				if c.Code != code && len(cands) < maxAlts+1 {
					cands = append(cands, Candidate{c.Code, altsShare * math.Min(1, c.Score)})
				}
			}
			f := features{kind: kindContext, sim: agree, margin: 1, hasCtx: true, agree: agree, generic: p.generic}
			return roleMatch{code: code, method: MethodFuzzy, cands: cands, f: f}, true
		}
	}
	var best, second float64
	code := ""
	for _, c := range ix.managers {
		if senior && !strings.HasPrefix(c, "80") {
			continue
		}
		a := ix.contextScore(c, ctx)
		switch {
		case a > best:
			best, second, code = a, best, c
		case a > second:
			second = a
		}
	}
	if code == "" || code == own || best < ownAgree+contradictGain || best < decideRatio*second {
		return roleMatch{}, false
	}
	cands := []Candidate{{code, 1}}
	for _, c := range p.cands {
		if c.Code != code && len(cands) < maxAlts+1 {
			cands = append(cands, Candidate{c.Code, altsShare * math.Min(1, c.Score)})
		}
	}
	f := features{kind: kindContext, sim: best, margin: (best - second) / best, hasCtx: true, agree: best, generic: p.generic}
	return roleMatch{code: code, method: MethodFuzzy, cands: cands, f: f}, true
}

// managersNamed returns the management group (TEER 0; of agriculture and
// the other 80xxx groups only, for a senior rank) named "Managers in
// <sector>" whose sector holds a word of the context that no other such
// group's sector holds: the classification names such groups by their
// sector, so a rank in that sector ("general manager" in agriculture, in
// aquaculture, in health care) is one of them.
func (ix *Index) managersNamed(ctx []int32, senior bool) (string, bool) {
	found := ""
	for _, id := range ctx {
		t := ix.terms[id]
		if genericHeads[t] || t == "other" || t == "service" || t == "and" {
			continue
		}
		hit := ""
		n := 0
		for _, c := range ix.sectorManagers[id] {
			if !senior || strings.HasPrefix(c, "80") {
				hit, n = c, n+1
			}
		}
		if n != 1 || found != "" && found != hit {
			continue
		}
		found = hit
	}
	return found, found != ""
}

// finishShared decides among the codes that share an exact title by the
// row's context: the qualifiers of their titles and the words that
// describe them. Without a deciding context the default code is kept, the
// others become alternatives, and a title known only qualified says so
// (ReasonQualifierAmbiguous).
func (ix *Index) finishShared(p part, ctx []int32, f features) roleMatch {
	f.sim, f.shared = 1, true
	agree := make([]float64, len(p.cands))
	bi, second := 0, -1
	if f.hasCtx {
		for i, c := range p.cands {
			agree[i] = ix.agreement(c.Code, p.quals[i], ctx)
		}
		for i := range agree {
			if agree[i] > agree[bi] {
				bi = i
			}
		}
		for i := range agree {
			if i != bi && (second < 0 || agree[i] > agree[second]) {
				second = i
			}
		}
	}
	decided := f.hasCtx && agree[bi]*ix.contextWeight(ctx) >= decideMin &&
		(agree[bi] >= decideRatio*agree[second] || agree[bi]-agree[second] >= decideGap)
	if p.generic && f.hasCtx {
		// "Manager" in a restaurant: the title read with its context, a
		// restaurant manager, is surer than any one description. Read by
		// ranked retrieval instead (no title has the context word before
		// it), it only guesses: it replaces the codes sharing the title
		// when the context agrees with its code at least as much as with
		// any of theirs ("stacker" in a lumber mill, not in a hospital).
		if e, ok := ix.expanded(p.toks, ctx); ok && (e.exact || !decided && e.f.sim >= expandMin) {
			e.f.agree = ix.contextScore(e.code, ctx)
			if e.exact || e.f.agree > 0 && e.f.agree >= agree[bi] || e.code == p.cands[0].Code {
				return keepSecond(e, p.cands[bi].Code)
			}
		}
	}
	m := roleMatch{method: p.method, f: f}
	order := make([]int, 0, len(p.cands))
	if decided {
		order = append(order, bi)
		m.f.agree = agree[bi]
		m.f.margin = 1 - agree[second]/agree[bi]
	} else {
		order = append(order, 0)
		m.f.agree = agree[0]
		m.f.ambiguous = p.open
		if !p.open {
			m.f.margin = 1 // one code has the title plainly
		}
		if p.open && p.qualified {
			m.reasons = []string{ReasonQualifierAmbiguous}
		}
	}
	for i := range p.cands {
		if i != order[0] {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order[1:], func(a, b int) int {
		switch {
		case agree[a] > agree[b]:
			return -1
		case agree[a] < agree[b]:
			return 1
		}
		return 0
	})
	m.code = p.cands[order[0]].Code
	m.method = MethodExact
	if p.curated[order[0]] {
		m.method = MethodAlias
	}
	for _, i := range order {
		// Open codes are near-equal: the alternatives keep the code's
		// score; otherwise they keep half.
		s := 1.0
		if i != order[0] && (decided || !p.open) {
			s = 0.5
		}
		m.cands = append(m.cands, Candidate{p.cands[i].Code, s})
	}
	for _, a := range p.alts {
		m.cands = append(m.cands, Candidate{a.Code, 0.25})
	}
	return m
}

// finishRanked applies the row's context to ranked candidates: the title
// read with the context's words before it, or the candidates re-ranked by
// how much of the context their descriptions hold.
func (ix *Index) finishRanked(p part, ctx []int32, f features) roleMatch {
	cands := slices.Clone(p.cands)
	if f.hasCtx && p.residual && ix.namesNoGroup(p.toks, ctx) {
		// A validation engineer in engineering services: the context
		// names no discipline either, so the engineer stays one n.e.c.
		f.hasCtx = false
		m := ix.finishRanked(p, nil, f)
		m.f.hasCtx, m.f.agree = true, ix.contextScore(m.code, ctx)
		return m
	}
	if f.hasCtx {
		// The title read with the context's words ("operator" in "oil and
		// gas" as "oil gas operator") wins when it fits clearly better
		// than the title alone. Scores are at most 1, so a title scoring
		// 1/expandFactor or more alone cannot be overtaken.
		if cands[0].Score*expandFactor < 1 {
			if e, ok := ix.expanded(p.toks, ctx); ok && e.f.sim*expandFactor > cands[0].Score {
				e.f.agree = ix.contextScore(e.code, ctx)
				return keepSecond(e, cands[0].Code)
			}
		}
		cands = ix.rescore(cands, ctx, true, p.generic)
	}
	if p.generic && len(p.toks) > 1 {
		// "Ranch manager": no title says so, but the words of a generic
		// head's modifiers describe the code ("ranches" in the managers
		// in agriculture's duties).
		var mods []int32
		for _, t := range p.toks[:len(p.toks)-1] {
			if id, ok := ix.vocab[t]; ok && !genericHeads[t] {
				mods = append(mods, id)
			}
		}
		if ix.informative(mods) {
			cands = ix.rescore(cands, mods, true, false)
		}
	}
	cands = ix.workerFirst(p.toks, cands)
	f.sim = cands[0].Score
	if len(cands) > 1 && cands[0].Score > 0 {
		f.margin = (cands[0].Score - cands[1].Score) / cands[0].Score
	} else {
		f.margin = 1
	}
	if f.hasCtx {
		f.agree = ix.contextScore(cands[0].Code, ctx)
	}
	return roleMatch{code: cands[0].Code, method: MethodFuzzy, cands: cands, f: f}
}

// authorityGroup reports whether a unit group is one of managers (TEER 0),
// supervisors or contractors.
func (ix *Index) authorityGroup(code string) bool { return ix.authority[code] }

// namesAuthority reports whether a title's tokens name a rank over others
// (authorityWords) or hold a word that is by itself a title of managers
// only ("farmer", "rancher": the NOC's farm managers).
func (ix *Index) namesAuthority(toks []string) bool {
	return slices.ContainsFunc(toks, func(t string) bool { return authorityWords[t] || ix.managersOnly(t) })
}

// workerFirst puts first, among ranked candidates of a title that names no
// rank (namesAuthority), the best that is not a group of managers,
// supervisors or contractors, when it scores at least workerShare of the
// best: people write their rank ("maintenance supervisor", "cleaning
// contractor"), so a title without one is a worker's, whatever words of a
// manager's group it or its context shares. Candidates are best first; the
// result is cands itself or a reordered copy.
func (ix *Index) workerFirst(toks []string, cands []Candidate) []Candidate {
	if len(cands) < 2 || !ix.authorityGroup(cands[0].Code) || ix.namesAuthority(toks) {
		return cands
	}
	for i, c := range cands[1:] {
		if c.Score < workerShare*cands[0].Score {
			break
		}
		if !ix.authorityGroup(c.Code) {
			out := make([]Candidate, 0, len(cands))
			out = append(out, Candidate{c.Code, cands[0].Score})
			for j, o := range cands {
				if j != i+1 {
					out = append(out, o)
				}
			}
			return out
		}
	}
	return cands
}

// rescore scales ranked candidates by their context agreement (by 1-w ..
// 1) and sorts them again.
func (ix *Index) rescore(cands []Candidate, ctx []int32, hasCtx, generic bool) []Candidate {
	if !hasCtx || len(cands) == 0 {
		return cands
	}
	w := ctxWeight
	if generic {
		w = genericCtxWeight
	}
	out := slices.Clone(cands)
	// The context scales a score by 1-w..1, so a candidate below 1-w of
	// the best can never overtake it: rescore only the rest.
	floor := (1 - w) * out[0].Score
	for i := range out {
		if out[i].Score < floor {
			out[i].Score *= 1 - w
			continue
		}
		out[i].Score *= 1 - w + w*ix.contextScore(out[i].Code, ctx)
	}
	sortCands(out)
	return out
}

// expanded ranks a title with the row's context words before it, first as
// an exact title with one context word before it ("owner" in "farming" ->
// "farm owner" -> farm manager), unless that title is known only with a
// qualifier none of whose words the context holds, then by ranked
// retrieval ("operator" in "gas plant" as "gas plant operator").
//
// The answer depends on the title and on the context's words that some
// title or qualifier has (titleWord), nothing else: it is computed once
// per distinct pair of the two and kept in ix.expansions, so that the
// many rows whose employers differ only in words no title has share it.
func (ix *Index) expanded(toks []string, ctx []int32) (roleMatch, bool) {
	var buf [256]byte
	key := buf[:0]
	for _, t := range toks {
		key = append(append(key, t...), ' ')
	}
	key = append(key, 0)
	anyTitle := false
	var rel []int32
	for i, id := range ctx {
		if !ix.titleWord(id) {
			if rel == nil {
				rel = append(make([]int32, 0, len(ctx)), ctx[:i]...)
			}
			continue
		}
		if rel != nil {
			rel = append(rel, id)
		}
		anyTitle = anyTitle || len(ix.postings[id]) > 0
		key = append(key, byte(id), byte(id>>8), byte(id>>16), byte(id>>24))
	}
	if !anyTitle {
		return roleMatch{}, false // no context word is in a title: nothing to add
	}
	if rel == nil {
		rel = ctx
	}
	if e, _, ok := ix.expansions.getBytes(key); ok {
		return e.roleMatch(ix.cls)
	}
	m, ok := ix.expand(toks, rel)
	if e, fits := packExpansion(ix.cls, m, ok); fits {
		ix.expansions.putBytes(key, e)
	}
	return m, ok
}

// titleWord reports whether a token is in some title or qualifier.
func (ix *Index) titleWord(id int32) bool {
	return len(ix.postings[id]) > 0 || len(ix.qpostings[id]) > 0
}

// expand is expanded without its cache. Of the context it reads only the
// words some title or qualifier has: the words the query adds to ranked
// retrieval (postings), and those a qualifier is compared with.
func (ix *Index) expand(toks []string, ctx []int32) (roleMatch, bool) {
	var q []int32
	for _, id := range ctx {
		if len(ix.postings[id]) > 0 && !slices.Contains(q, id) {
			q = append(q, id)
		}
	}
	if len(q) == 0 {
		return roleMatch{}, false // no context word is in a title: nothing to add
	}
	for _, id := range q {
		read := append([]string{ix.terms[id]}, toks...)
		p, ok := ix.exactReading(read)
		if !ok {
			if rw := ix.rewrite(read); rw != nil {
				p, ok = ix.exactReading(rw)
			}
		}
		// A title known only with a qualifier the context does not name
		// ("refinery process operator - primary metal processing" in an
		// oil refinery) is not the title read with the context.
		if ok && !p.shared && (!p.qualOnly || ix.qualifierShare(p.quals[0], ctx) > 0) &&
			(!ix.authorityGroup(p.cands[0].Code) || ix.namesAuthority(toks)) {
			cands := append([]Candidate{{p.cands[0].Code, 1}}, p.alts...)
			f := features{kind: kindContext, sim: 1, margin: 1, hasCtx: true}
			return roleMatch{exact: true, code: p.cands[0].Code, method: MethodFuzzy, cands: cands, f: f}, true
		}
	}
	p := ix.rankWith(q, toks)
	if len(p.cands) == 0 {
		return roleMatch{}, false
	}
	p.cands = ix.workerFirst(toks, p.cands)
	f := features{kind: kindContext, sim: p.cands[0].Score, margin: 1, hasCtx: true}
	if len(p.cands) > 1 && p.cands[0].Score > 0 {
		f.margin = (p.cands[0].Score - p.cands[1].Score) / p.cands[0].Score
	}
	return roleMatch{code: p.cands[0].Code, method: MethodFuzzy, cands: p.cands, f: f}, true
}

// ContextTokens returns the indexed tokens of a row's industry, employer
// and duties text, used by Finish to rank candidates. Workplace phrases are
// read in the classification's words ("long-term care" -> nursing home).
func (ix *Index) ContextTokens(q Query) []int32 {
	text := q.Industry + " " + q.Employer + " " + q.Duties
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var out []int32
	addTok := func(t string) {
		if id, ok := ix.vocab[t]; ok && !slices.Contains(out, id) {
			out = append(out, id)
		}
		// "farming", "trucking": most titles say farm, truck.
		if v := ix.titleStem(t); v >= 0 && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	toks := workplaces(Tokens(text))
	for _, t := range toks {
		addTok(t)
		if !ix.inTitles(t) {
			if a, b, ok := ix.splitCompound(t); ok { // "oilfield" -> oil field
				addTok(a)
				addTok(b)
			}
		}
	}
	return out
}

// workplaces rewrites the workplace phrases of a context in the words of
// the classification (contextPhrases).
func workplaces(toks []string) []string {
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		if i+2 < len(toks) {
			if r, ok := contextPhrases[toks[i]+" "+toks[i+1]+" "+toks[i+2]]; ok {
				out = append(out, strings.Fields(r)...)
				i += 2
				continue
			}
		}
		if i+1 < len(toks) {
			if r, ok := contextPhrases[toks[i]+" "+toks[i+1]]; ok {
				out = append(out, strings.Fields(r)...)
				i++
				continue
			}
		}
		if r, ok := contextPhrases[toks[i]]; ok {
			out = append(out, strings.Fields(r)...)
			continue
		}
		out = append(out, toks[i])
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

// informative reports whether a context holds a word that describes some
// unit group.
func (ix *Index) informative(ctx []int32) bool {
	for _, id := range ctx {
		if ix.ctxIDF[id] > 0 {
			return true
		}
	}
	return false
}

// contextScore is how much of the context's weight the unit group's
// description holds, 0..1: each word by its idf over the unit groups, and
// by its count in the group's description, saturating.
func (ix *Index) contextScore(code string, ctx []int32) float64 {
	u, ok := ix.cls.index[code]
	if !ok {
		return 0
	}
	bag := ix.bags[u]
	var hit, all float64
	for _, id := range ctx {
		w := ix.ctxIDF[id]
		all += w
		if tf := float64(bag[id]); tf > 0 {
			hit += w * tf / (tf + ctxSaturation)
		}
	}
	if all == 0 {
		return 0
	}
	return hit / all
}

// contextWeight is the total weight of a context's words.
func (ix *Index) contextWeight(ctx []int32) float64 {
	var all float64
	for _, id := range ctx {
		all += ix.ctxIDF[id]
	}
	return all
}

// agreement is contextScore of a code for a title it has with qualifiers:
// a context word that is one of the qualifier's counts fully.
func (ix *Index) agreement(code string, qual, ctx []int32) float64 {
	s := ix.contextScore(code, ctx)
	if len(qual) == 0 {
		return s
	}
	q := ix.qualifierShare(qual, ctx)
	return 1 - (1-s)*(1-q)
}

// qualifierShare is the share of the context's weight that is words of a
// qualifier.
func (ix *Index) qualifierShare(qual, ctx []int32) float64 {
	var hit, all float64
	for _, id := range ctx {
		w := ix.ctxIDF[id]
		all += w
		if containsID(qual, id) {
			hit += w
		}
	}
	if all == 0 {
		return 0
	}
	return hit / all
}

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
