package web

import (
	"net/http"
	"strings"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/rules"
	"github.com/casescreen/casescreen/screen"
)

// lookupView is the lookup page: a title's candidates ("noc match") and a
// code's unit group ("noc show").
type lookupView struct {
	Title, Industry, Code string
	TitleError, CodeError string
	Index                 string

	Matched    bool
	Method     string
	Candidates []candidateView
	Notes      []string

	Unit       *noc.Unit
	Hierarchy  []noc.Group
	Years      []yearView
	Examples   []string
	From2016   string // the NOC 2016 code looked up
	Successors []noc.Unit
}

type candidateView struct {
	Code, Title, Score string
	TEER               int
	Chosen             bool
}

type yearView struct {
	RuleSet, Period string
	Categories      []string
}

// maxLookupText bounds what the lookup fields take: a job title, not a
// document.
const maxLookupText = 300

func (s *Server) handleLookup(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := lookupView{Title: clip(q.Get("title")), Industry: clip(q.Get("industry")), Code: clip(strings.TrimSpace(q.Get("code")))}
	status := http.StatusOK
	if v.Title != "" || v.Code != "" {
		ix, err := s.loadIndex()
		if err != nil {
			s.renderMessage(w, http.StatusInternalServerError, "The title index could not be loaded", err.Error())
			return
		}
		v.Index = ix.Name
		if v.Title != "" {
			s.matchTitle(&v, ix)
		}
		if v.Code != "" && !s.showCode(&v, ix) {
			status = http.StatusNotFound
		}
	}
	s.render(w, status, "lookup.html", page{Title: "Look up a title or a code", Nav: "lookup", Body: v})
}

func clip(s string) string {
	if r := []rune(s); len(r) > maxLookupText {
		return string(r[:maxLookupText])
	}
	return s
}

// matchTitle fills in a title's candidates. A matcher of its own per
// lookup: a matcher caches every title it saw, and the page lives long.
func (s *Server) matchTitle(v *lookupView, ix *noc.Index) {
	res := noc.NewMatcher(ix).Match(noc.Query{Title: v.Title, Industry: v.Industry}, "")
	if res.Method == noc.MethodNone {
		v.TitleError = "No NOC 2021 unit group matches this title. Try fewer words, or the title without the employer."
		return
	}
	v.Matched, v.Method = true, string(res.Method)
	v.Candidates = append(v.Candidates, candidateView{Code: res.Code, Title: res.Title, TEER: res.TEER,
		Score: pipeline.FloatValue(res.Score).Text, Chosen: true})
	for _, a := range res.Alts {
		c := candidateView{Code: a.Code, Score: pipeline.FloatValue(a.Score).Text}
		if u := ix.Classification().Unit(a.Code); u != nil {
			c.Title, c.TEER = u.Title, u.TEER
		}
		v.Candidates = append(v.Candidates, c)
	}
	if len(res.Reasons) > 0 {
		v.Notes = strings.Split(screen.ReasonWords(strings.Join(res.Reasons, ";")), "\n")
	}
}

// showCode fills in a unit group, or what a NOC 2016 code became; false if
// the code is neither.
func (s *Server) showCode(v *lookupView, ix *noc.Index) bool {
	cls := noc.Builtin()
	code := v.Code
	u := cls.Unit(code)
	if u == nil && len(code) <= 4 && strings.Trim(code, "0123456789") == "" {
		code4 := strings.Repeat("0", 4-len(code)) + code
		if to := noc.From2016(code4); len(to) > 0 {
			v.From2016 = code4
			for _, c := range to {
				v.Successors = append(v.Successors, *cls.Unit(c))
			}
			return true
		}
	}
	if u == nil {
		v.CodeError = "“" + code + "” is not a NOC 2021 unit group (five digits, such as 31301) nor a NOC 2016 one (four digits)."
		return false
	}
	v.Unit = u
	v.Hierarchy = cls.Hierarchy(u.Code)
	book, err := rules.Builtin(cls.Known)
	if err == nil {
		for _, rs := range book.Sets {
			y := yearView{RuleSet: rs.Name, Period: rs.Period()}
			for i := range rs.Categories {
				if c := &rs.Categories[i]; c.Lists(u.Code) {
					y.Categories = append(y.Categories, c.Name)
				}
			}
			v.Years = append(v.Years, y)
		}
	}
	v.Examples = ix.TitlesOf(u.Code, 40)
	return true
}
