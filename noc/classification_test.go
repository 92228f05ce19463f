package noc

import (
	"sort"
	"strings"
	"testing"
)

func TestBuiltinClassification(t *testing.T) {
	c := Builtin()
	if len(c.Units) != 516 {
		t.Fatalf("%d unit groups, want 516", len(c.Units))
	}
	for _, u := range c.Units {
		if len(u.Code) != 5 || strings.Trim(u.Code, "0123456789") != "" || u.TEER != int(u.Code[1]-'0') || u.Title == "" {
			t.Errorf("bad unit %+v", u)
		}
		if h := c.Hierarchy(u.Code); len(h) < 2 || h[0].Code != u.Code[:1] {
			t.Errorf("%s: hierarchy %v lacks its broad category and major group", u.Code, h)
		}
	}
	for _, e := range curated {
		if !c.Known(e.code) {
			t.Errorf("curated title %q has unknown code %s", e.title, e.code)
		}
		if Normalize(e.title) == "" {
			t.Errorf("curated title %q normalises to nothing", e.title)
		}
	}
}

// TestStructureMatchesStatCan checks every built-in code and title against
// Statistics Canada's structure file in ../shared/noc.
func TestStructureMatchesStatCan(t *testing.T) {
	recs := readShared(t, "noc", "noc_2021_version_1.0_-_classification_structure.csv")
	c := Builtin()
	official := map[string]bool{}
	widths := map[string]int{"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
	for _, r := range recs[1:] {
		w := widths[strings.TrimSpace(r[0])]
		code := strings.Repeat("0", max(0, w-len(r[2]))) + r[2]
		title := strings.TrimSpace(r[3])
		if w == 5 {
			official[code] = true
			u := c.Unit(code)
			switch {
			case u == nil:
				t.Errorf("unit group %s %q missing", code, title)
			case u.Title != title:
				t.Errorf("unit group %s: title %q, StatCan %q", code, u.Title, title)
			}
			continue
		}
		if got := c.Group(code); got != "" && got != title {
			t.Errorf("group %s: title %q, StatCan %q", code, got, title)
		}
	}
	for _, u := range c.Units {
		if !official[u.Code] {
			t.Errorf("unit group %s is not in NOC 2021", u.Code)
		}
	}
}

// TestConcordanceMatchesStatCan checks the built-in NOC 2016 -> 2021
// correspondence against Statistics Canada's table in ../shared/noc: the
// same 2016 codes, each with the same set of 2021 codes.
func TestConcordanceMatchesStatCan(t *testing.T) {
	recs := readShared(t, "noc", "noc2016v1_3-noc2021v1_0-eng.csv")
	pad := func(s string, w int) string {
		s = strings.TrimSpace(s)
		return strings.Repeat("0", max(0, w-len(s))) + s
	}
	official := map[string]map[string]bool{}
	continues := map[string]string{} // "0112 continues as 10011 and part transferred to ..."
	for _, r := range recs[1:] {
		from, to := pad(r[0], 4), pad(r[3], 5)
		if official[from] == nil {
			official[from] = map[string]bool{}
		}
		official[from][to] = true
		if _, after, ok := strings.Cut(r[5], "continues as "); ok {
			continues[from] = pad(strings.FieldsFunc(after, func(c rune) bool { return c < '0' || c > '9' })[0], 5)
		}
	}
	for from, to := range continues {
		if got := From2016(from); len(got) > 0 && got[0] != to {
			t.Errorf("2016 %s continues as %s, but the built-in default is %s", from, to, got[0])
		}
	}
	for from, tos := range official {
		got := From2016(from)
		if len(got) == 0 {
			t.Errorf("2016 %s: missing, StatCan maps it to %v", from, keys(tos))
			continue
		}
		same := len(got) == len(tos)
		for _, g := range got {
			same = same && tos[g]
		}
		if !same {
			t.Errorf("2016 %s: %v, StatCan %v", from, got, keys(tos))
		}
	}
	for from, tos := range concordance2016 {
		if official[from] == nil {
			t.Errorf("2016 %s is not in the correspondence", from)
		}
		for _, to := range tos {
			if !Builtin().Known(to) {
				t.Errorf("2016 %s maps to unknown 2021 code %s", from, to)
			}
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestCuratedAgreesWithElements checks the curated titles against the
// example titles of Statistics Canada's elements file: a curated title the
// file lists must carry one of the file's codes for it, unless the entry
// says why it differs; an entry that says so must really differ.
func TestCuratedAgreesWithElements(t *testing.T) {
	recs := readShared(t, "noc", "noc_2021_elements_rebuilt.csv")
	official := map[string]map[string]bool{}
	for _, r := range recs[1:] {
		if len(r) < 5 || !strings.Contains(strings.ToLower(r[3]), "example") {
			continue
		}
		key := strings.Join(titleTokens(r[4]), " ")
		if official[key] == nil {
			official[key] = map[string]bool{}
		}
		official[key][strings.TrimSpace(r[1])] = true
	}
	for _, e := range curated {
		codes := official[strings.Join(titleTokens(e.title), " ")]
		disagrees := len(codes) > 0 && !codes[e.code]
		switch {
		case disagrees && e.differs == "":
			t.Errorf("curated %q|%s: the elements file gives %v", e.title, e.code, keys(codes))
		case !disagrees && e.differs != "":
			t.Errorf("curated %q|%s says it differs (%s), but the elements file agrees or lacks it", e.title, e.code, e.differs)
		}
	}
}
