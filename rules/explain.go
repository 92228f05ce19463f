package rules

import (
	"strconv"
	"strings"
)

// The explanation: one or two plain sentences a consultant can read out,
// composed from the assessment, with category and program names in words
// and numbers written "1,440". For example:
//
//	Healthcare: 1,440 of 1,560 hours as 33102 Nurse aides; met on 2027-01-20 if this job continues. FSW: 68 points, eligible. CRS 441, 34 below the last trades cut-off.

// categoryWords are the names of the category and round type ids in
// sentences: capitalised to start a sentence, as is inside one.
var categoryWords = map[string][2]string{
	"french":              {"French", "French"},
	"healthcare":          {"Healthcare", "healthcare"},
	"stem":                {"STEM", "STEM"},
	"trades":              {"Trades", "trades"},
	"transport":           {"Transport", "transport"},
	"agriculture":         {"Agriculture", "agriculture"},
	"education":           {"Education", "education"},
	"physicians_cwe":      {"Physicians", "physicians"},
	"senior_managers_cwe": {"Senior managers", "senior managers"},
	"researchers_cwe":     {"Researchers", "researchers"},
	"military":            {"Military recruits", "military recruits"},
	RoundGeneral:          {"General", "general"},
	RoundCEC:              {"CEC", "CEC"},
	RoundFSW:              {"FSW", "FSW"},
	RoundFST:              {"FST", "FST"},
	RoundPNP:              {"Provincial nominee", "provincial nominee"},
}

// CategoryWords names a category or round type id in words ("Senior
// managers"); an id of a firm's own rule file is named by its rule-set
// name when rs has it, else written as it is.
func CategoryWords(id string, rs *RuleSet) string {
	if w, ok := categoryWords[id]; ok {
		return w[0]
	}
	if rs != nil {
		if c := rs.category(id); c != nil && c.Name != "" {
			return c.Name
		}
	}
	return id
}

func lowerWords(id string, rs *RuleSet) string {
	if w, ok := categoryWords[id]; ok {
		return w[1]
	}
	return CategoryWords(id, rs)
}

// Thousands writes n with a comma between thousands: 1440 is "1,440".
func Thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// occupation writes "33102 Nurse aides": the code and its title up to the
// first comma.
func (e *Evaluator) occupation(code string) string {
	if code == "" || code == unknownNOC {
		return "an occupation without a code"
	}
	if e.Title == nil {
		return code
	}
	t := e.Title(code)
	if i := strings.IndexByte(t, ','); i > 0 {
		t = t[:i]
	}
	if t == "" {
		return code
	}
	return code + " " + t
}

func (e *Evaluator) explain(a *Assessment) string {
	var parts []string
	if s := e.explainCategories(a); s != "" {
		parts = append(parts, s)
	}
	if a.ProfileGiven {
		parts = append(parts, e.explainPrograms(a))
		if s := explainCRS(a); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		// Nothing met or near, and no profile: still say so.
		if !a.ProfileGiven {
			return "No category met; the list gives no age, education or language test to assess the programs and the CRS."
		}
		return "No category met."
	}
	return strings.Join(parts, ". ") + "."
}

func dated(ds []DatedID, id string) Date {
	for _, d := range ds {
		if d.ID == id {
			return d.Day
		}
	}
	return 0
}

func (e *Evaluator) explainCategories(a *Assessment) string {
	rs := e.Rules
	var met []string
	for _, d := range a.Categories {
		if d.Status != Eligible {
			continue
		}
		s := CategoryWords(d.Category, rs)
		if d.Hours > 0 {
			s += " (" + Thousands(int(d.Hours+1e-6)) + " hours as " + e.occupation(d.Code) + ")"
		}
		if u := dated(a.EligibleUntil, d.Category); u != 0 {
			s += " until " + u.String()
		}
		met = append(met, s)
	}
	if len(met) > 0 {
		return "Meets " + joinWords(met)
	}
	// The category nearest to being met: one reached by an ongoing job
	// first, else the most hours.
	var best *Decision
	var bestFrom Date
	for i := range a.Categories {
		d := &a.Categories[i]
		c := rs.category(d.Category)
		if c == nil || c.Language != nil || d.Hours <= 0 {
			continue
		}
		from := dated(a.EligibleFrom, d.Category)
		switch {
		case best == nil,
			from != 0 && (bestFrom == 0 || from < bestFrom),
			from == 0 && bestFrom == 0 && d.Hours > best.Hours:
			best, bestFrom = d, from
		}
	}
	if best == nil {
		for _, d := range a.Categories {
			if d.Status == Review {
				return CategoryWords(d.Category, rs) + " needs a review"
			}
		}
		return ""
	}
	r := rs.Rule(rs.category(best.Category))
	s := CategoryWords(best.Category, rs) + ": " + Thousands(int(best.Hours+1e-6)) + " of " + Thousands(int(r.MinHours)) +
		" hours as " + e.occupation(best.Code)
	switch {
	case bestFrom != 0:
		s += "; met on " + bestFrom.String() + " if this job continues"
	case best.Status == Review:
		return CategoryWords(best.Category, rs) + " needs a review (" + Thousands(int(best.Hours+1e-6)) + " hours as " +
			e.occupation(best.Code) + " if the doubtful data holds)"
	}
	return s
}

func joinWords(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

func (e *Evaluator) explainPrograms(a *Assessment) string {
	var met, review []string
	name := func(p Program) string {
		if p == ProgramFSW && a.FSWPoints.AgeKnown {
			return "FSW (" + strconv.Itoa(a.FSWPoints.Total) + " points)"
		}
		return CategoryWords(p.ID(), nil)
	}
	for p, r := range [...]*ProgramResult{&a.CEC, &a.FSW, &a.FST} {
		switch r.Status {
		case Eligible:
			met = append(met, name(Program(p)))
		case Review:
			review = append(review, name(Program(p)))
		}
	}
	var s string
	switch {
	case len(met) == 1 && met[0][:3] == "FSW" && a.FSWPoints.AgeKnown:
		s = "FSW: " + strconv.Itoa(a.FSWPoints.Total) + " points, eligible"
	case len(met) > 0:
		s = joinWords(met) + " eligible"
	case len(review) > 0:
		return "Not yet in the pool: " + joinWords(review) + needs(review)
	default:
		s = "Not in the pool: no program met"
		var why []string
		if a.FSWPoints.AgeKnown {
			why = append(why, "FSW "+strconv.Itoa(a.FSWPoints.Total)+" of 67 points")
		}
		if w := a.Work; w.Canadian3 > 0 && w.Canadian3 < HoursPerYear {
			why = append(why, "CEC "+strconv.Itoa(int(w.Canadian3/HoursPerMonth))+" of 12 months of Canadian work")
		}
		if len(why) > 0 {
			s += " (" + strings.Join(why, "; ") + ")"
		}
		return s
	}
	if len(review) > 0 {
		s += "; " + joinWords(review) + needs(review)
	}
	return s
}

func needs(ws []string) string {
	if len(ws) > 1 {
		return " need a review"
	}
	return " needs a review"
}

func explainCRS(a *Assessment) string {
	c := &a.CRS
	if !c.Known {
		switch {
		case a.Age == Unknown:
			return "CRS not computed: age missing"
		case c.Grid == "" && a.AsOf != 0 && CRSGridAt(a.AsOf) == nil:
			return "CRS not computed: no grid in force"
		}
		return "CRS not computed: education missing"
	}
	s := "CRS " + Thousands(c.Total)
	if len(a.Margins) == 0 {
		return s
	}
	best := a.Margins[0]
	for _, m := range a.Margins[1:] {
		if m.Margin > best.Margin {
			best = m
		}
	}
	which := "the last " + lowerWords(best.Type, nil) + " cut-off"
	switch {
	case best.Margin > 0:
		return s + ", " + Thousands(best.Margin) + " above " + which
	case best.Margin == 0:
		return s + ", at " + which
	}
	return s + ", " + Thousands(-best.Margin) + " below " + which
}
