package noc

import (
	"bytes"
	"maps"
	"sort"
	"strings"
	"testing"

	"github.com/casescreen/casescreen/noc/internal/gen"
)

func TestBuiltinClassification(t *testing.T) {
	c := Builtin()
	if len(c.Units) != 516 {
		t.Fatalf("%d unit groups, want 516", len(c.Units))
	}
	levels := map[int]int{}
	for code := range c.groups {
		levels[len(code)]++
	}
	if want := map[int]int{1: 10, 2: 45, 3: 89, 4: 162}; !maps.Equal(levels, want) {
		t.Errorf("groups per level %v, want %v", levels, want)
	}
	titles := 0
	for _, u := range c.Units {
		titles += len(c.Titles(u.Code))
	}
	if titles < 27000 {
		t.Errorf("%d official titles, want the elements file's 27,000 and more", titles)
	}
	for _, u := range c.Units {
		if len(u.Code) != 5 || strings.Trim(u.Code, "0123456789") != "" || u.TEER != int(u.Code[1]-'0') || u.Title == "" {
			t.Errorf("bad unit %+v", u)
		}
		if h := c.Hierarchy(u.Code); len(h) != 4 || h[0].Code != u.Code[:1] || h[3].Code != u.Code[:4] {
			t.Errorf("%s: hierarchy %v lacks a level", u.Code, h)
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
		if got := c.Group(code); got != title {
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
	for from, tos := range Builtin().from {
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

// TestCuratedAgreesWithClassification checks the curated titles against
// the official titles of the built-in classification: a curated title that
// the classification has must carry one of its codes, unless the entry
// says why it differs; an entry that says so must really differ. A title
// the classification has only with qualifiers ("teacher - college level")
// may have a curated default code: the qualifiers still decide when the
// row's context names one.
func TestCuratedAgreesWithClassification(t *testing.T) {
	ix := builtinIndex()
	for _, e := range curated {
		codes := map[string]bool{}
		for _, h := range ix.exact[strings.Join(titleTokens(e.title), " ")] {
			if d := ix.docs[h.doc]; d.source != FromCurated && !h.viaBase {
				codes[d.code] = true
			}
		}
		disagrees := len(codes) > 0 && !codes[e.code]
		switch {
		case disagrees && e.differs == "":
			t.Errorf("curated %q|%s: the classification gives %v", e.title, e.code, keys(codes))
		case !disagrees && e.differs != "":
			t.Errorf("curated %q|%s says it differs (%s), but the classification agrees or lacks it", e.title, e.code, e.differs)
		}
	}
}

// TestGeneratedIndexIsCurrent regenerates the built-in classification
// from ../shared/noc and fails if the committed data/noc2021.txt differs
// (run go generate ./noc/... to update it).
func TestGeneratedIndexIsCurrent(t *testing.T) {
	dir := sharedPath(t, "noc")
	var b bytes.Buffer
	if err := gen.Generate(dir, &b); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != nocData {
		want, have := strings.Split(got, "\n"), strings.Split(nocData, "\n")
		for i := 0; i < max(len(want), len(have)); i++ {
			w, h := "", ""
			if i < len(want) {
				w = want[i]
			}
			if i < len(have) {
				h = have[i]
			}
			if w != h {
				t.Fatalf("data/noc2021.txt is not what %s generates: line %d is %q, regenerated %q; run go generate ./noc/...", dir, i+1, h, w)
			}
		}
	}
}

// TestParseClassification checks that the loader rejects malformed data.
func TestParseClassification(t *testing.T) {
	good := "# c\nC|1|Broad\nC|11111|Unit\ne|example - qualifier\nw|word:2 other\nc|1111|11111\n"
	c, err := parseClassification(good)
	if err != nil {
		t.Fatal(err)
	}
	if c.Unit("11111").TEER != 1 || len(c.Titles("11111")) != 1 || c.From2016("1111")[0] != "11111" || c.Group("1") != "Broad" {
		t.Errorf("parsed %+v", c)
	}
	for _, bad := range []string{"", "e|orphan title\n", "C|11111|Unit\nz|what\n", "C|11111|Unit\nc|1111|22222\n",
		"C|22222|B\nC|11111|A\n", "C|1x|Bad code\n", "C|11111|Unit\nw|word:x\n", "nonsense\n"} {
		if _, err := parseClassification(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
