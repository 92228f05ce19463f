package noc

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := map[string]string{
		"Staff RN - ICU":                 "registered nurse icu",
		"Contract manager":               "contract manager", // employment words stay before a bare generic head
		"Contract nurse":                 "nurse",
		"Senior manager":                 "manager",
		"Parts technician":               "parts technician",
		"Welder two":                     "welder",
		"Guidance Counselors":            "guidance counsellor",
		"Call Center Agent":              "call centre agent",
		"Highway Laborers":               "highway labourer",
		"Shift boss":                     "shift boss",
		"Sr. Software Dev @ Shopify":     "software developer",
		"Software Developer at RBC":      "software developer",
		"PSW - nights":                   "personal support worker",
		"Waitress":                       "waiter",
		"Chairwoman":                     "chairman",
		"Fishermen":                      "fisherman",
		"Director of Finance":            "finance director",
		"Cashiers":                       "cashier",
		"Accountant II":                  "accountant",
		"Part-time cashier":              "cashier",
		"PT":                             "physiotherapist",
		"PT cashier":                     "cashier",
		"Co-ordinator":                   "coordinator",
		"Électricienne":                  "electricien",
		"Sales Associate":                "sales associate",
		"Assistant Supervisor":           "assistant supervisor",
		"Apprentice Electrician":         "apprentice electrician",
		"Lead Hand":                      "lead hand",
		"Heavy Duty Mechanic (contract)": "heavy duty mechanic",
		"R.N.":                           "registered nurse",
		"Admin Asst":                     "administrative assistant",
		"Business Analyst":               "business analyst",
		"":                               "",
		"!!!":                            "",
	}
	for in, want := range tests {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Staff RN - ICU", "Director of Finance", "PT", "Électricienne", "chairman/woman", "x@y", "Co-ord", "a of b of c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		for _, r := range n {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == ' ') {
				t.Fatalf("Normalize(%q) = %q: unexpected rune %q", s, n, r)
			}
		}
		if strings.Contains(n, "  ") || strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") {
			t.Fatalf("Normalize(%q) = %q: stray spaces", s, n)
		}
	})
}

// TestWordLists checks that every word list holds words in the form the
// code that reads it sees them, so that no entry is silently dead.
func TestWordLists(t *testing.T) {
	token := func(list, w string) {
		t.Helper()
		if w == "" || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz0123456789 ") != "" || strings.Contains(w, "  ") {
			t.Errorf("%s: %q is not in token form (lower-case ASCII letters, digits, single spaces)", list, w)
		}
	}
	for name, m := range map[string]map[string]bool{"fillerWords": fillerWords, "employmentWords": employmentWords,
		"genericHeads": genericHeads, "ownerWords": ownerWords, "keepS": keepS, "englishToo": englishToo} {
		for w := range m {
			token(name, w)
			if name != "keepS" && singular(w) != w {
				t.Errorf("%s: %q is looked up after singular, which makes it %q", name, w, singular(w))
			}
			if name == "keepS" && !strings.HasSuffix(w, "s") {
				t.Errorf("keepS: %q does not end in s", w)
			}
		}
	}
	for w := range fillerWords {
		if employmentWords[w] {
			t.Errorf("%q is both a filler and an employment word", w)
		}
	}
	for w := range notOccupations {
		token("notOccupations", w)
		if Normalize(w) != w {
			t.Errorf("notOccupations: %q normalises to %q and is never matched", w, Normalize(w))
		}
	}
	for w, e := range abbrev {
		token("abbrev", w)
		if _, ok := genderless[w]; ok {
			t.Errorf("%q is both an abbreviation (%q) and a gendered form (%q)", w, e, genderless[w])
		}
		if _, ok := ambiguous[w]; ok {
			t.Errorf("%q is both an abbreviation and an ambiguous one", w)
		}
		if isNoise(w) && w != "hr" { // "hr" is noise through "hrs"
			t.Errorf("%q is an abbreviation, so its noise entry is dead", w)
		}
	}
	for from, to := range genderless {
		token("genderless", from)
		if from == to {
			t.Errorf("genderless: %q maps to itself", from)
		}
	}
	for w := range frenchWords {
		token("frenchWords", w)
	}
	for w := range agentNouns {
		token("agentNouns", w)
	}
}
