package noc

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// An elements file in the official layout: BOM, quoted fields, trailing
// spaces, inclusions, exclusions naming the code where a title belongs,
// main duties.
const elementsSample = "\ufeffLevel,Code - NOC 2021 V1.0,Class title,Element Type Label English,Element Description English\n" +
	"5,63200,Cooks,Illustrative example(s),\"apprentice cook \"\n" +
	"5,63200,Cooks,All examples,\"grill cook \"\n" +
	"5,63200,Cooks,Inclusion(s),\"pizza maker \"\n" +
	"5,63200,Cooks,Exclusion(s),\"Chefs (See 62200 Chefs) \"\n" +
	"5,63200,Cooks,Exclusion(s),\"Banquet chef de partie (See 62200 Chefs) \"\n" +
	"5,63200,Cooks,Main duties,\"Prepare and cook meals in restaurants, hotels and hospitals \"\n" +
	"5,99999,Not a code,All examples,whatever\n"

func TestLoadElements(t *testing.T) {
	ix := NewIndex(Builtin())
	n, err := LoadElements(ix, strings.NewReader(elementsSample))
	if err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("%d titles loaded, want 5 (three for 63200, two exclusions)", n)
	}
	ix.Freeze()
	m := NewMatcher(ix)
	for title, want := range map[string]string{"grill cook": "63200", "pizza maker": "63200", "banquet chef de partie": "62200"} {
		if r := m.Match(Query{Title: title}, ""); r.Code != want || r.Method != MethodExact {
			t.Errorf("%q: %s by %s, want %s by exact", title, r.Code, r.Method, want)
		}
	}
	if _, err := LoadElements(NewIndex(Builtin()), strings.NewReader("a,b\n1,2\n")); err == nil {
		t.Error("a file without the elements columns was accepted")
	}
}

func TestMatcherOrder(t *testing.T) {
	ix := NewIndex(Builtin())
	ix.Freeze()
	m := NewMatcher(ix)
	p := filepath.Join(t.TempDir(), "overrides.csv")
	os.WriteFile(p, []byte("job_title,noc_code,industry\nProject Manager,70010,Construction\nProject Manager,21221,\nAssociate,,\n"), 0o644)
	if err := m.LoadOverrides(p); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q      Query
		code   string
		want   string
		method Method
	}{
		{Query{Title: "Sr. Project Manager", Industry: "construction"}, "", "70010", MethodOverride},
		{Query{Title: "project manager", Industry: "banking"}, "", "21221", MethodOverride},
		{Query{Title: "Cook"}, "31301", "31301", MethodCode}, // a valid code in the row wins over the title
		{Query{Title: "Registered nurse"}, "", "31301", MethodAlias},
		{Query{Title: "Film and video camera operators"}, "", "52110", MethodExact}, // the unit group's own title
		{Query{Title: "film and video camera operators night crew"}, "", "52110", MethodExact},
		{Query{Title: "!!!"}, "", "", MethodNone},
		{Query{Title: "Student (part-time)"}, "", "", MethodNone},
		{Query{Title: "Retired"}, "", "", MethodNone},
	}
	for _, tt := range tests {
		r := m.Match(tt.q, tt.code)
		if r.Code != tt.want || r.Method != tt.method {
			t.Errorf("%+v code %q: %s by %s, want %s by %s", tt.q, tt.code, r.Code, r.Method, tt.want, tt.method)
		}
		if r.Method != MethodNone && (r.Score <= 0 || r.Score > 1) {
			t.Errorf("%+v: score %v outside (0,1]", tt.q, r.Score)
		}
	}
	// An invalid code in the row: the title decides, and the row says why.
	r := m.Match(Query{Title: "Welder"}, "12345")
	if r.Code != "72106" || !strings.Contains(strings.Join(r.Reasons, ";"), "noc_code_invalid") {
		t.Errorf("invalid code: %+v", r)
	}
	// NOC 2016 codes go through the correspondence.
	codes2016 := []struct {
		title, code, want string
		score             float64 // at least; 0: any score in (0,1]
		reason            string
	}{
		{"Cook", "6322", "63200", 1, ""},                                 // one to one
		{"", "13", "00012", 1, ""},                                       // leading zero lost by a spreadsheet
		{"Welder", "7237", "72106", 1, ""},                               // the code decides, whatever the title
		{"Software developer", "2174", "21232", splitDecided, ""},        // split: the title picks one of the codes
		{"Forklift operator", "2174", "21230", 0, "noc2016_one_to_many"}, // the title picks none: review
		{"Welder", "7299", "72106", 0, "noc_code_invalid"},               // not a NOC 2016 group: the title decides
	}
	for _, tt := range codes2016 {
		r := m.Match(Query{Title: tt.title}, tt.code)
		reasons := strings.Join(r.Reasons, ";")
		switch {
		case r.Code != tt.want:
			t.Errorf("%q with 2016 code %s: %s, want %s", tt.title, tt.code, r.Code, tt.want)
		case r.Score < tt.score:
			t.Errorf("%q with 2016 code %s: score %v, want at least %v", tt.title, tt.code, r.Score, tt.score)
		case tt.reason != reasons && !(tt.reason == "" && tt.score == 0):
			t.Errorf("%q with 2016 code %s: reasons %q, want %q", tt.title, tt.code, reasons, tt.reason)
		}
	}
	if r := m.Match(Query{Title: "Forklift operator"}, "2174"); r.Method != MethodCode || len(r.Alts) != 2 {
		t.Errorf("an undecided split names the other codes as alternatives: %+v", r)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("job_title,noc_code\nCook,99999\n"), 0o644)
	if err := NewMatcher(ix).LoadOverrides(bad); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("an override with an unknown code: %v", err)
	}
}

// Ambiguous abbreviations: the occupation alone, employment noise beside
// another title.
func TestAmbiguousAbbreviations(t *testing.T) {
	ix := NewIndex(Builtin())
	ix.Freeze()
	m := NewMatcher(ix)
	if r := m.Match(Query{Title: "PT"}, ""); r.Code != "31202" {
		t.Errorf("PT alone: %s, want physiotherapist 31202", r.Code)
	}
	if r := m.Match(Query{Title: "PT Cashier"}, ""); r.Code != "65100" {
		t.Errorf("PT cashier: %s, want cashier 65100", r.Code)
	}
	r := m.Match(Query{Title: "SERVICE ADVISOR, PARTS MANAGER"}, "")
	if !strings.Contains(strings.Join(r.Reasons, ";"), "multiple_roles") || len(r.Alts) == 0 {
		t.Errorf("two roles in one cell: %+v", r)
	}
}

// Each distinct normalised title is ranked once, whatever its spelling and
// however many rows and goroutines ask.
func TestEachTitleRankedOnce(t *testing.T) {
	ix := NewIndex(Builtin())
	ix.Freeze()
	m := NewMatcher(ix)
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			l := m.Local()
			for i := 0; i < 1000; i++ {
				for _, title := range []string{"Sr. Welder", "welder", "WELDER II", "Cook", "cooks", "Line cook"} {
					l.Match(Query{Title: title, Industry: "food"}, "")
				}
			}
			l.Release()
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	if got := m.Ranked(); got != 3 { // welder, cook, line cook
		t.Errorf("%d rankings for 3 distinct normalised titles", got)
	}
}

// titleCase is a title (and optional industry) and the code it must get
// from the built-in index.
type titleCase struct{ title, industry, want string }

func checkTitles(t *testing.T, cases []titleCase) {
	t.Helper()
	ix := NewIndex(Builtin())
	ix.Freeze()
	m := NewMatcher(ix)
	for _, tt := range cases {
		if r := m.Match(Query{Title: tt.title, Industry: tt.industry}, ""); r.Code != tt.want {
			t.Errorf("%q in %q: %s %s %.2f, want %s", tt.title, tt.industry, r.Code, r.Method, r.Score, tt.want)
		}
	}
}

// Rewrites that need the index: compounds written apart or together, an
// activity instead of its agent, roles joined by "and", and a bare generic
// head before " - ".
func TestRewrites(t *testing.T) {
	checkTitles(t, []titleCase{
		{"Plumbing", "", "72300"},
		{"Residential roofing", "", "73110"},
		{"fire fighter", "", "42101"},
		{"truckdriver", "", "73300"},
		{"Technician - HVAC", "", "72402"},
		{"Restaurant owner", "", "60030"}, // an owner who runs the business is its manager
		{"Hotel proprietor", "", "60031"},
		{"Manager Marketing", "", "10022"}, // a generic head written first
		{"Clerk Accounting", "", "14200"},
		{"Information security", "", "21220"}, // a domain, not an activity: no security guard
	})
	ix := NewIndex(Builtin())
	ix.Freeze()
	m := NewMatcher(ix)
	if got := ix.splitAnd("Cook & Cashier"); len(got) != 2 {
		t.Errorf("two titles joined by &: %q", got)
	}
	for _, whole := range []string{"Health and safety officer", "Sales & marketing manager"} {
		if got := ix.splitAnd(whole); len(got) != 1 {
			t.Errorf("%q split into %q", whole, got)
		}
	}
	r := m.Match(Query{Title: "Cook and cashier"}, "")
	if r.Code != "63200" || len(r.Alts) == 0 || r.Alts[0].Code != "65100" {
		t.Errorf("cook and cashier: %+v", r)
	}
	long := strings.Repeat("x", 1<<20) // a huge word is not tried as a compound letter by letter
	if r := m.Match(Query{Title: long}, ""); r.Code != "" && r.Score > 0.5 {
		t.Errorf("a megabyte of x: %+v", r)
	}
}

// A title that says little alone is read with the row's industry words
// before it; the same title without context keeps its plain answer.
func TestContextExpansion(t *testing.T) {
	checkTitles(t, []titleCase{
		{"Unit operator", "Water treatment", "92101"},
		{"Unit operator", "Sawmill", "94120"},
		{"Labourer", "Fish processing", "95107"},
		{"Labourer", "", "75110"},
		{"Owner", "Restaurant", "60030"},
		{"Manager", "Farming", "80020"},        // the titles say "farm"
		{"Welder", "Fish processing", "72106"}, // a specific exact title is not moved by its context
	})
}

// French titles are read in English, head first; an English title that
// starts with a word French shares is left alone.
func TestFrenchTitles(t *testing.T) {
	checkTitles(t, []titleCase{
		{"Technicien en génie civil", "", "22300"},
		{"Ingénieur mécanique", "", "21301"},
		{"Conseillère en ressources humaines", "", "11200"},
		{"Service agent", "", "64312"},
	})
	if got := frenchTitle("Service agent", Tokens("Service agent")); got != nil {
		t.Errorf("English title read as French: %q", got)
	}
}

// An inverted title ("Manager, Human Resources") is one role; a comma
// between two titles still separates them.
func TestInvertedTitles(t *testing.T) {
	for title, want := range map[string][]string{
		"Manager, Human Resources":  {"Human Resources Manager"},
		"Director, Finance":         {"Finance Director"},
		"Cook, Cashier":             {"Cook", "Cashier"},
		"Manager / Human Resources": {"Manager", "Human Resources"},
		"OWNER/OPERATOR TRUCKING":   {"owner operator TRUCKING"},
	} {
		if got := splitRoles(title); !slices.Equal(got, want) {
			t.Errorf("%q: %q, want %q", title, got, want)
		}
	}
}

// FuzzMatch runs any title, industry and code through every path of the
// matcher: a result is a known unit group with a score in 0..1, or none.
func FuzzMatch(f *testing.F) {
	for _, s := range [][3]string{{"Staff RN - ICU", "Hospital", ""}, {"Technicien en génie civil", "", ""},
		{"OWNER/OPERATOR TRUCKING", "Transportation", ""}, {"cook & cashier", "", "6322"}, {"Manager, Data", "x", "2174"},
		{"windowcleaner", "farming", ""}, {"self employed", "", "12345"}} {
		f.Add(s[0], s[1], s[2])
	}
	ix := NewIndex(Builtin())
	ix.Freeze()
	m := NewMatcher(ix)
	f.Fuzz(func(t *testing.T, title, industry, code string) {
		r := m.Match(Query{Title: title, Industry: industry}, code)
		if r.Code != "" && !Builtin().Known(r.Code) {
			t.Fatalf("%q %q %q: unknown code %q", title, industry, code, r.Code)
		}
		if r.Score < 0 || r.Score > 1 {
			t.Fatalf("%q %q %q: score %v", title, industry, code, r.Score)
		}
		for _, a := range r.Alts {
			if !Builtin().Known(a.Code) || a.Score < 0 || a.Score > 1 {
				t.Fatalf("%q %q %q: alternative %+v", title, industry, code, a)
			}
		}
	})
}

// Spellings of a title that differ in ASCII case only share one entry of
// the cache of raw titles, and every one of them matches as it would
// alone; other spellings keep entries of their own.
func TestTitleCaseShared(t *testing.T) {
	ix := NewIndex(Builtin())
	ix.Freeze()
	spellings := []string{"Pipe Welder @ Acme Steel", "PIPE WELDER @ ACME STEEL", "pipe welder @ acme steel", "pIPE wELDER @ Acme steel"}
	m := NewMatcher(ix)
	var first Result
	for i, s := range spellings {
		alone := NewMatcher(ix).Match(Query{Title: s, Industry: "manufacturing"}, "")
		got := m.Match(Query{Title: s, Industry: "manufacturing"}, "")
		if !sameResult(got, alone) {
			t.Errorf("%q: %+v, alone %+v", s, got, alone)
		}
		if i == 0 {
			first = got
		} else if !sameResult(got, first) {
			t.Errorf("%q: %+v, %q gave %+v", s, got, spellings[0], first)
		}
	}
	entries := func() int {
		n := 0
		for i := range m.titles.shards {
			n += len(m.titles.shards[i].ents)
		}
		return n
	}
	if n := entries(); n != 1 {
		t.Errorf("%d raw titles stored for %d spellings differing in case", n, len(spellings))
	}
	m.Match(Query{Title: "Pipe  Welder @ Acme Steel"}, "") // another spelling: a space more
	m.Match(Query{Title: "Pipe Wélder @ Acme Steel"}, "")  // non-ASCII letters are kept
	if n := entries(); n != 3 {
		t.Errorf("%d raw titles stored, want 3", n)
	}
}
