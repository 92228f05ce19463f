package noc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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
func titleTokens(title string) []string { return titleTokensWith(title, nil) }

func titleTokensWith(title string, cache map[string]wordForm) []string {
	t, _ := splitParens(title)
	if strings.IndexByte(t, '/') >= 0 {
		t = genderPairs.Replace(t)
	}
	return tokensWith(words(t), cache)
}

// genderPairs drops the second form of the classification's gendered
// pairs ("foreman/woman", "chairman/woman"), which would otherwise read as
// a worker.
var genderPairs = strings.NewReplacer("/woman", "", "/women", "", "/girl", "")

func tokens(raw []string) []string { return tokensWith(raw, nil) }

// wordForm is what tokens makes of one word on its own: the tokens it
// becomes and whether it is a filler or an employment word.
type wordForm struct {
	toks       []string
	filler     bool
	employment bool
}

// formOf computes the wordForm of a word (not an ambiguous abbreviation).
func formOf(w string) wordForm {
	if g, ok := genderless[w]; ok {
		w = g
	}
	if exp, ok := abbrev[w]; ok {
		return wordForm{toks: strings.Fields(exp)}
	}
	w = singular(w)
	if g, ok := genderless[w]; ok {
		w = g
	}
	if c, ok := canadian[w]; ok {
		w = c
	}
	switch {
	case fillerWords[w]:
		return wordForm{filler: true}
	case employmentWords[w]:
		return wordForm{toks: []string{w}, employment: true}
	}
	return wordForm{toks: strings.Fields(w)}
}

// tokensWith is tokens with a cache of word forms (nil for none), for
// building an index of many titles.
func tokensWith(raw []string, cache map[string]wordForm) []string {
	raw = reorderOf(raw)
	out := make([]string, 0, len(raw)+2)
	var kept []keptWord
	for i := 0; i < len(raw); i++ {
		w := raw[i]
		if w == "co" && i+1 < len(raw) && strings.HasPrefix(raw[i+1], "ord") { // co-ordinator
			w = "co" + raw[i+1]
			i++
		}
		if e, ok := ambiguous[w]; ok {
			if len(raw) == 1 {
				out = append(out, strings.Fields(e)...)
			}
			continue // beside other words, employment noise ("PT cashier")
		}
		if w == "call" && i > 0 && raw[i-1] == "on" {
			continue // "on call"; a call centre stays
		}
		var f wordForm
		if cache != nil {
			var ok bool
			if f, ok = cache[w]; !ok {
				f = formOf(w)
				cache[w] = f
			}
		} else {
			f = formOf(w)
		}
		switch {
		case f.filler:
		case f.employment:
			kept = append(kept, keptWord{len(out), f.toks[0]})
		default:
			out = append(out, f.toks...)
		}
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
		if c := s[i]; c < utf8.RuneSelf && c != '&' { // ASCII
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				b.WriteByte(c)
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			case c == '\'' || c == '.':
			default:
				b.WriteByte(' ')
			}
			i++
			continue
		}
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
		if ws[i] == "of" && !isNoise(ws[i-1]) && len(ws)-i-1 <= 3 {
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
