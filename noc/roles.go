package noc

// Cells that name several roles: how they are split and how one is chosen.

import "strings"

// Finish turns a Ranking into a Result under a row's context (industry,
// employer and duties tokens from ContextTokens; nil for none). When a
// cell names several roles, the first role wins unless another scores
// clearly higher; the others become alternatives.
func (ix *Index) Finish(rk *Ranking, ctx []int32) Result {
	var best Result
	for i, p := range rk.parts {
		r := ix.finishPart(p, ctx)
		if i == 0 || r.Score > best.Score+0.05 {
			if i > 0 {
				r.Alts = mergeAlts(r.Code, r.Alts, append([]Candidate{{best.Code, best.Score}}, best.Alts...))
			}
			best = r
		} else if r.Code != "" {
			best.Alts = mergeAlts(best.Code, best.Alts, append([]Candidate{{r.Code, r.Score}}, r.Alts...))
		}
	}
	if len(rk.parts) > 1 {
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
		low := strings.ToLower(f)
		if len(Tokens(f)) == 0 || low == "woman" || low == "women" || low == "man" || low == "men" || low == "ess" {
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
		if ft := Tokens(out[0]); len(ft) == 1 && invertedHead(ft[0]) && len(Tokens(out[1])) > 0 {
			out = append([]string{out[1] + " " + out[0]}, out[2:]...)
		}
	}
	return out
}

// invertedHead reports a role word written first in inverted titles: the
// generic heads and a few professional ones.
func invertedHead(w string) bool {
	return genericHeads[w] || w == "analyst" || w == "engineer" || w == "developer" || w == "scientist" || w == "advisor"
}
