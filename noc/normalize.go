package noc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold maps accented Latin letters to their base letter (é -> e).
var fold = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ç': 'c', 'è': 'e', 'é': 'e', 'ê': 'e',
	'ë': 'e', 'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ñ': 'n', 'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o',
	'ö': 'o', 'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ý': 'y', 'ÿ': 'y', 'œ': 'o',
}

// noise are words that say nothing about the occupation: seniority, level,
// employment terms, shifts. Words that do change it (assistant, supervisor,
// manager, technician, apprentice, chief ...) are deliberately absent.
var noise = set("senior", "sr", "snr", "junior", "jr", "jnr", "i", "ii", "iii", "iv", "v", "1", "2", "3", "4",
	"one", "two", "three",
	"lvl", "level", "grade", "part", "time", "parttime", "fulltime", "full", "casual", "temporary", "temp",
	"permanent", "perm", "contract", "contractor_", "seasonal", "night", "nights", "day", "days", "evening",
	"evenings", "weekend", "weekends", "shift", "shifts", "relief", "float", "on", "oncall", "pool",
	"intern_", "trainee_", "current", "currently", "former", "retired_", "new", "experienced", "certified_",
	"staff", "the", "a", "an", "of", "and", "in", "for", "to", "with", "at", "de", "du", "des", "la", "le",
	"les", "et", "en", "ft", "pt_", "hr", "hrs", "hours", "job_", "position", "role", "work", "worker_",
	"various", "etc", "self", "employed", "selfemployed", "ltd", "inc", "co", "corp",
	"canada", "canadian", "ontario", "toronto", "vancouver", "montreal", "calgary", "ottawa", "edmonton",
	"india", "remote", "hybrid", "onsite", "urgent", "hiring", "needed", "wanted", "immediate", "start")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		if strings.HasSuffix(w, "_") { // marked: keep (documented above as meaningful)
			continue
		}
		m[w] = true
	}
	return m
}

// genderless maps gendered forms to one form, applied to titles and
// queries alike, so "waitress", "chairwoman" and "fishermen" meet
// "waiter", "chairman" and "fisherman".
var genderless = map[string]string{
	"waitress": "waiter", "hostess": "host", "stewardess": "steward", "actress": "actor",
	"seamstress": "sewer", "mistress": "master", "headmistress": "headmaster", "governess": "governor",
	"businesswoman": "businessman", "chairwoman": "chairman", "chairperson": "chairman",
	"chairmen": "chairman", "chairwomen": "chairman", "fisherwoman": "fisherman", "fishermen": "fisherman",
	"fisherwomen": "fisherman", "foreman": "foreman", "forewoman": "foreman", "foremen": "foreman",
	"forewomen": "foreman", "foreperson": "foreman", "tradeswoman": "tradesman", "tradesmen": "tradesman",
	"tradesperson": "tradesman", "salesman": "salesperson", "saleswoman": "salesperson", "salesmen": "salesperson",
	"salesmen_": "salesperson", "repairman": "repairer", "repairwoman": "repairer", "repairmen": "repairer",
	"deliveryman": "delivery driver", "cameraman": "camera operator", "camerawoman": "camera operator",
	"policeman": "police officer", "policewoman": "police officer", "fireman": "firefighter",
	"craftsman": "craftsperson", "craftswoman": "craftsperson", "handyman": "handyperson",
	"man": "worker", "men": "worker", "woman": "worker", "women": "worker", "guy": "worker", "lady": "worker",
	"brakeman": "brakeman", "brakewoman": "brakeman", "brakemen": "brakeman", "carman": "carman",
	"carwoman": "carman", "carmen": "carman", "linesman": "lineman", "lineswoman": "lineman",
	"lineworker": "lineman", "linemen": "lineman", "longshoreman": "longshore worker", "longshoremen": "longshore worker",
	"journeyman": "journeyperson", "journeywoman": "journeyperson", "midwife": "midwife", "husbandman": "farmer",
	"barmaid": "bartender", "barman": "bartender", "busboy": "busser", "busgirl": "busser", "paperboy": "carrier",
	"masseuse": "masseur", "masseur": "masseur", "coiffeuse": "coiffeur", "serveuse": "serveur",
	"vendeuse": "vendeur", "caissiere": "caissier", "infirmiere": "infirmier", "directrice": "directeur",
	"conseillere": "conseiller", "gestionnaire": "gestionnaire", "ouvriere": "ouvrier", "cuisiniere": "cuisinier",
	"boulangere": "boulanger", "couturiere": "couturier", "educatrice": "educateur", "preposee": "prepose",
	"technicienne": "technicien", "mecanicienne": "mecanicien", "electricienne": "electricien",
	"agente": "agent", "adjointe": "adjoint", "commis": "commis", "enseignante": "enseignant",
}

// canadian spells words as the classification does: "counselor" is a
// counsellor, "center" a centre.
var canadian = map[string]string{
	"center": "centre", "theater": "theatre", "counselor": "counsellor", "counseling": "counselling",
	"jewelry": "jewellery", "jeweler": "jeweller", "catalog": "catalogue", "defense": "defence",
	"color": "colour", "mold": "mould", "molder": "moulder", "molding": "moulding", "adviser": "advisor",
	"behavior": "behaviour", "laborer": "labourer", "harbor": "harbour",
	"neighborhood": "neighbourhood", "aluminium": "aluminum",
}

// Normalize turns a title into the canonical token string used as the
// index key: folded to lower-case ASCII letters and digits, punctuation
// removed, gendered forms unified, plurals singularised, abbreviations
// expanded and noise words dropped. Word order is kept except that "X of Y"
// becomes "Y X" ("director of finance" -> "finance director"). An empty
// result means the title has no occupational content.
func Normalize(title string) string {
	return strings.Join(Tokens(title), " ")
}

// Tokens is Normalize before joining.
func Tokens(title string) []string { return tokens(words(cutEmployer(title))) }

// titleTokens is Tokens for a title of the classification: it keeps what
// follows " for ", " with " or " at " ("teacher for persons with autism"),
// which in a client's cell would name an employer.
func titleTokens(title string) []string {
	t, _ := splitParens(title)
	return tokens(words(t))
}

func tokens(raw []string) []string {
	raw = reorderOf(raw)
	out := make([]string, 0, len(raw)+2)
	var kept []keptWord
	for i := 0; i < len(raw); i++ {
		w := raw[i]
		if w == "co" && i+1 < len(raw) && strings.HasPrefix(raw[i+1], "ord") { // co-ordinator
			w = "co" + raw[i+1]
			i++
		}
		if g, ok := genderless[w]; ok {
			w = g
		}
		if exp, ok := expandAbbrev(w, raw, i); ok {
			for _, e := range strings.Fields(exp) {
				out = append(out, e)
			}
			continue
		}
		if w == "call" && i > 0 && raw[i-1] == "on" {
			continue // "on call"; a call centre stays
		}
		w = singular(w)
		if g, ok := genderless[w]; ok {
			w = g
		}
		if c, ok := canadian[w]; ok {
			w = c
		}
		if noise[w] {
			if !weakNoise[w] {
				kept = append(kept, keptWord{len(out), w})
			}
			continue
		}
		out = append(out, strings.Fields(w)...)
	}
	// Employment words are noise beside an occupation ("contract nurse")
	// but part of it before a bare generic head ("contract manager",
	// "staff officer"): then they stay.
	if len(kept) > 0 && (len(out) == 0 || len(out) == 1 && genericHeads[out[0]]) {
		with := make([]string, 0, len(out)+len(kept))
		j := 0
		for i := 0; i <= len(out); i++ {
			for ; j < len(kept) && kept[j].at == i; j++ {
				with = append(with, kept[j].w)
			}
			if i < len(out) {
				with = append(with, out[i])
			}
		}
		return with
	}
	return out
}

type keptWord struct {
	at int // position in the output it would have had
	w  string
}

// weakNoise are the noise words that never name part of an occupation:
// seniority, levels, articles and prepositions, places.
var weakNoise = set("senior", "sr", "snr", "junior", "jr", "jnr", "i", "ii", "iii", "iv", "v", "1", "2", "3", "4",
	"one", "two", "three",
	"lvl", "level", "grade", "the", "a", "an", "of", "and", "in", "for", "to", "with", "at", "de", "du", "des",
	"la", "le", "les", "et", "en", "etc", "ltd", "inc", "co", "corp", "canada", "canadian", "ontario", "toronto",
	"vancouver", "montreal", "calgary", "ottawa", "edmonton", "india", "experienced", "current", "currently",
	"former", "new", "urgent", "hiring", "needed", "wanted", "immediate")

// cutEmployer drops "@ Shopify", " at Shopify", " with Shopify" and
// " for Shopify" style employer and place suffixes that follow a title.
func cutEmployer(s string) string {
	title, _ := SplitQualifiers(s)
	return title
}

// SplitQualifiers separates a title from the qualifiers typed around it:
// an employer or workplace after "@", " at ", " with " or " for ", and
// text in parentheses ("Operator (oil industry)"). The qualifiers say
// where the job is, which the matcher uses as context, not as the title.
func SplitQualifiers(s string) (title, qualifiers string) {
	s, paren := splitParens(s)
	var q []string
	if paren != "" {
		q = append(q, paren)
	}
	if i := strings.IndexByte(s, '@'); i > 0 {
		q = append(q, s[i+1:])
		s = s[:i]
	}
	for _, sep := range []string{" at ", " with ", " for "} {
		if i := indexASCIIFold(s, sep); i > 0 {
			q = append(q, s[i+len(sep):])
			s = s[:i]
		}
	}
	return s, strings.Join(q, " ")
}

// splitParens separates text in parentheses from the rest.
func splitParens(s string) (rest, inParens string) {
	var q []string
	for {
		i := strings.IndexByte(s, '(')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			q = append(q, s[i+1:])
			s = s[:i]
			break
		}
		q = append(q, s[i+1:i+j])
		s = s[:i] + " " + s[i+j+1:]
	}
	return s, strings.Join(q, " ")
}

// indexASCIIFold is strings.Index ignoring ASCII case, on the bytes of s
// (lower-casing s first would move the indexes of non-ASCII text).
func indexASCIIFold(s, sep string) int {
	for i := 0; i+len(sep) <= len(s); i++ {
		j := 0
		for ; j < len(sep); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sep[j] {
				break
			}
		}
		if j == len(sep) {
			return i
		}
	}
	return -1
}

// words lower-cases and folds s and splits it into words of letters and
// digits; "&" becomes "and", "/" and "-" separate words.
func words(s string) []string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		r = unicode.ToLower(r)
		if f, ok := fold[r]; ok {
			r = f
		}
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '.':
			// "o'brien", "sr." and "r.n." join up
		case r == '&':
			b.WriteString(" and ")
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// reorderOf rewrites "director of finance" as "finance director": in NOC
// titles the head noun comes last.
func reorderOf(ws []string) []string {
	for i := 1; i < len(ws)-1; i++ {
		if ws[i] == "of" && !noise[ws[i-1]] && len(ws)-i-1 <= 3 {
			out := make([]string, 0, len(ws))
			out = append(out, ws[i+1:]...)
			return append(out, ws[:i]...)
		}
	}
	return ws
}

// singular strips common English plural endings, leaving words the rules
// would break ("business", "analysis", "news") alone.
func singular(w string) string {
	n := len(w)
	switch {
	case n <= 3 || keepS[w]:
		return w
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "xes"):
		return w[:n-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case w[n-1] == 's':
		return w[:n-1]
	}
	return w
}

var keepS = set("sales", "services_", "operations", "logistics", "analytics", "physics", "economics",
	"mathematics", "statistics", "electronics", "mechanics_", "aeronautics", "aesthetics", "athletics",
	"dynamics", "systems_", "news", "series", "species", "lens", "bus", "gas", "glass", "grass", "press",
	"class", "atlas", "canvas", "chassis", "diabetes", "arts_", "goods_", "affairs", "relations",
	"communications", "means", "premises", "papers_", "parts", "customs", "sports", "claims_", "arms")
