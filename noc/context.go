package noc

// A row's context (industry, employer, duties): its tokens, how it re-ranks
// candidates, and the title read with its words.

import (
	"slices"
	"strings"
)

// ctxWeight is how much a row's industry, employer and duties can move a
// ranked candidate: its score is scaled by 1-ctxWeight .. 1.
var ctxWeight = 0.3

// genericCtxWeight is ctxWeight for titles whose head word is generic.
var genericCtxWeight = 0.6

// expandFactor is how much better the title read with its context must
// fit: the expanded query wins when its best score times expandFactor
// beats the title's own best.
const expandFactor = 1.3

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

// genericExpandMin is the score a lone generic title ("labourer") read
// with its row's context must reach to replace its plain exact match.
const genericExpandMin = 0.5

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
