package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/casescreen/casescreen/screen"
)

// pageNames are the templates, each parsed with layout.html.
var pageNames = []string{"index.html", "run.html", "lookup.html", "message.html", "refused.html"}

func parsePages() (map[string]*template.Template, error) {
	funcs := template.FuncMap{"thousands": thousands, "percent": func(f float64) string { return fmt.Sprintf("%.0f", f*100) }}
	pages := map[string]*template.Template{}
	for _, p := range pageNames {
		t, err := template.New(p).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+p)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", p, err)
		}
		pages[p] = t
	}
	return pages, nil
}

// page is what layout.html reads; Body is the page's own data.
type page struct {
	Title   string
	Nav     string // "screen", "lookup" or "" (no navigation)
	Version string
	Body    any
}

// render writes a page whole or, if the template fails, an error: a half
// page is never sent.
func (s *Server) render(w http.ResponseWriter, status int, name string, p page) {
	p.Version = s.opt.Version
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout", p); err != nil {
		s.log.Error().Str("template", name).Msg("page could not be rendered")
		http.Error(w, "casescreen could not draw this page.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

type messageView struct{ Heading, Text string }

func (s *Server) renderMessage(w http.ResponseWriter, status int, heading, text string) {
	s.render(w, status, "message.html", page{Title: heading, Nav: "screen", Body: messageView{heading, text}})
}

// indexView is the Screen page: the form and the runs kept.
type indexView struct {
	Error          string
	AsOf           string
	Today          string
	MaxFiles       int
	MaxUpload      string
	MaxUploadBytes int64
	Runs           []runLink
}

type runLink struct {
	ID    int
	Lists string
	AsOf  string
	State string
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	s.renderIndex(w, r, http.StatusOK, "", "")
}

// renderIndex draws the Screen page; msg, if set, is why the last upload
// was refused, and asOf the date it had.
func (s *Server) renderIndex(w http.ResponseWriter, r *http.Request, status int, msg, asOf string) {
	today := s.opt.Now().Format("2006-01-02")
	if asOf == "" {
		asOf = today
	}
	v := indexView{Error: msg, AsOf: asOf, Today: today, MaxFiles: s.opt.MaxFiles, MaxUpload: sizeText(s.opt.MaxUpload),
		MaxUploadBytes: s.opt.MaxUpload}
	s.mu.Lock()
	for i := len(s.runs) - 1; i >= 0; i-- {
		rn := s.runs[i]
		rn.mu.Lock()
		v.Runs = append(v.Runs, runLink{ID: rn.id, Lists: strings.Join(rn.lists, ", "), AsOf: rn.asOf, State: stateWords[rn.state]})
		rn.mu.Unlock()
	}
	s.mu.Unlock()
	s.render(w, status, "index.html", page{Title: "Screen client lists", Nav: "screen", Body: v})
}

var stateWords = map[string]string{stateWaiting: "waiting", stateRunning: "screening", stateDone: "done", stateFailed: "stopped"}

// runView is a run's page: its progress, or its results.
type runView struct {
	ID        int
	Lists     []string
	AsOf      string
	Overrides string
	State     string
	Error     string
	Progress  progressJSON

	Sum        *screen.Summary
	Programs   []countView
	Categories []countView
	Counts     []countTable // the tables of Programs and Categories
	Charts     []template.HTML
	Reasons    []reasonCount
	// NotFound are the fields the run needs that no column held, in words.
	NotFound []string
	CRS      []screen.CRSBand
	Rounds   []screen.RoundStanding

	Columns        []colView // the applicant-level columns
	Applicants     []applicantRow
	ApplicantsKept int
	ApplicantsAll  int
	Filter         filter
	Filtered       bool

	ColSpan int
	Elapsed string

	Review     []reviewView
	ReviewKept int
	ReviewAll  int

	Downloads []downloadView
}

type countView struct {
	ID, Name                      string
	Eligible, Review, NotEligible int
}

type colView struct{ Name, Title string }

// countTable is a table of applicants by status: programs or categories.
type countTable struct {
	ID, Caption, Head string
	Rows              []countView
}

type reasonCount struct {
	Words, Code string
	Rows        int
}

type reviewView struct {
	reviewRow
	Words []string
}

type downloadView struct {
	Key, Label, Name, URL string
	Gone                  bool
}

type filter struct{ Q, Show string }

func (s *Server) handleRun(w http.ResponseWriter, r *http.Request) {
	rn := s.lookupRun(r)
	if rn == nil {
		s.renderMessage(w, http.StatusNotFound, "These results are no longer kept",
			"casescreen keeps the last few runs only, and none after it was stopped. Screen the list again.")
		return
	}
	rn.mu.Lock()
	defer rn.mu.Unlock()
	v := runView{ID: rn.id, Lists: rn.lists, AsOf: rn.asOf, Overrides: rn.overr, State: rn.state, Error: rn.errMsg,
		Progress: progressJSON{State: rn.state, Rows: rn.progress.Rows, Fraction: rn.progress.Fraction, Known: rn.progress.Known, Phase: rn.progress.Phase}}
	v.Progress.Text = progressText(rn.state, rn.progress.Rows, rn.progress.Phase, rn.progress.Known, rn.progress.Fraction)
	title := "Screening " + strings.Join(rn.lists, ", ")
	if rn.state == stateDone {
		title = "Results: " + strings.Join(rn.lists, ", ")
		s.results(&v, rn, filter{Q: strings.TrimSpace(r.URL.Query().Get("q")), Show: r.URL.Query().Get("show")})
	}
	s.render(w, http.StatusOK, "run.html", page{Title: title, Nav: "screen", Body: v})
}

// results fills in a finished run's figures, tables and downloads.
func (s *Server) results(v *runView, rn *run, f filter) {
	sum := rn.sum
	v.Sum = sum
	for _, c := range sum.Programs {
		v.Programs = append(v.Programs, countView{ID: c.ID, Name: c.Name, Eligible: c.Eligible, Review: c.Review, NotEligible: c.NotEligible})
	}
	for _, c := range sum.Categories {
		v.Categories = append(v.Categories, countView{ID: c.ID, Name: c.Name, Eligible: c.Eligible, Review: c.Review, NotEligible: c.NotEligible})
	}
	for _, c := range []countTable{{"programs", "Applicants per program", "Program", v.Programs},
		{"categories", "Applicants per category", "Category", v.Categories}} {
		if len(c.Rows) > 0 {
			v.Counts = append(v.Counts, c)
			v.Charts = append(v.Charts, stackedBars("chart-"+c.ID, "Applicants by "+strings.ToLower(c.Head), c.Rows))
		}
	}
	for _, b := range sum.CRS {
		if b.Applicants > 0 {
			v.CRS = sum.CRS
			break
		}
	}
	v.Rounds = sum.Rounds
	for _, f := range sum.FieldsNotFound {
		v.NotFound = append(v.NotFound, strings.ReplaceAll(f, "_", " "))
	}
	for _, r := range sum.ReviewReasons(10) {
		v.Reasons = append(v.Reasons, reasonCount{Words: screen.ReasonWords(r.Code), Code: r.Code, Rows: r.Rows})
	}

	v.Elapsed = screen.Duration(sum.Elapsed)
	d := rn.disp
	v.ColSpan = 3 + len(d.appNames)
	for _, name := range d.appNames {
		v.Columns = append(v.Columns, colView{Name: name, Title: screen.ColumnTitle(name)})
	}
	v.ApplicantsKept, v.ApplicantsAll = len(d.applicants), d.applicantsSeen
	v.Filter = f
	v.Filtered = f.Q != "" || f.Show != ""
	q := strings.ToLower(f.Q)
	for _, a := range d.applicants {
		if f.matches(q, d.appNames, a) {
			v.Applicants = append(v.Applicants, a)
		}
	}
	v.ReviewKept, v.ReviewAll = len(d.review), d.reviewSeen
	for _, rv := range d.review {
		v.Review = append(v.Review, reviewView{reviewRow: rv, Words: strings.Split(screen.ReasonWords(rv.Codes), "\n")})
	}
	for _, dl := range rn.files {
		v.Downloads = append(v.Downloads, downloadView{Key: dl.key, Label: dl.label, Name: dl.name, Gone: dl.gone,
			URL: "/runs/" + strconv.Itoa(rn.id) + "/download/" + dl.key})
	}
}

// matches says whether an applicant passes the filter: q (lower case) in
// the id or any cell as shown, and the status chosen.
func (f filter) matches(q string, names []string, a applicantRow) bool {
	if q != "" {
		hit := strings.Contains(strings.ToLower(a.ID), q)
		for _, c := range a.Cells {
			hit = hit || strings.Contains(strings.ToLower(c), q)
		}
		if !hit {
			return false
		}
	}
	eligible, review := false, a.RowsReview > 0
	for k, n := range names {
		c := a.raw[k]
		switch {
		case n == "eligible_categories" && c != "", strings.HasSuffix(n, "_status") && c == "eligible":
			eligible = true
		case n == "review_categories" && c != "", strings.HasSuffix(n, "_status") && c == "review":
			review = true
		}
	}
	switch f.Show {
	case "eligible":
		return eligible
	case "review":
		return review
	case "neither":
		return !eligible && !review
	}
	return true
}

// thousands writes n with thin groups: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
