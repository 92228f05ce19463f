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
		"Operator two":                   "operator",
		"Guidance Counselors":            "guidance counsellor",
		"Call Center Agent":              "call centre agent",
		"General Laborers":               "general labourer",
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
		"Assistant Manager":              "assistant manager",
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
