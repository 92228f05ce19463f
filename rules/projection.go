package rules

import (
	"slices"
	"strings"
)

// Projection (spec section 5): each day after the as-of date evaluated
// under the rule set in force on the as-of date, with the window ending on
// that day and the jobs as stated (a blank end date goes on at its hours,
// an end date stops the job there, old work keeps leaving the window).
// eligible_from is the first day a requirement not met on the as-of date
// is met; eligible_until the last day a requirement met on the as-of date
// is still met, when it stops within the horizon (3 years).
//
// The days are not tried one by one. Qualifying hours as a function of the
// last day D of the window change slope only where a job starts or ends,
// where the start of the window passes a job's start or end, and where the
// window start skips or repeats a day around 29 February. Between two such
// breakpoints the hours of one occupation are linear in D (with
// continuity required, the best of several linear runs), and the best
// occupation's hours the greatest of such functions: convex. So the
// first day at or above the threshold, or below it, is found by checking
// the ends of each stretch and a bisection (a ternary search for the
// lowest point of a convex stretch whose ends both qualify). The
// arithmetic is exact for hours in halves and quarters, so the result is
// the day-by-day answer, as TestProjectionMatchesBruteForce checks.

// ProjectionYears is the horizon of eligible_from and eligible_until.
const ProjectionYears = 3

// DatedID is one "id:YYYY-MM-DD" of eligible_from or eligible_until.
type DatedID struct {
	ID  string
	Day Date
}

// FormatDated renders "id:YYYY-MM-DD;..." in the order given.
func FormatDated(ds []DatedID) string {
	if len(ds) == 0 {
		return ""
	}
	b := make([]byte, 0, len(ds)*24)
	for i, d := range ds {
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, d.ID...)
		b = append(b, ':')
		b = append(b, d.Day.String()...)
	}
	return string(b)
}

// projector evaluates "the best occupation has at least min hours" for
// windows ending on days after asOf.
type projector struct {
	groups  [][]Job // one occupation each
	rule    Rule
	min     float64
	asOf    Date
	horizon Date // last day looked at
}

func (p *projector) value(d Date) float64 {
	best := 0.0
	for _, g := range p.groups {
		best = max(best, OccupationHours(g, p.rule, d))
	}
	return best
}

func (p *projector) met(d Date) bool { return p.value(d) >= p.min }

// grows reports whether any job can add hours after asOf; without one the
// hours never rise.
func (p *projector) grows() bool {
	for _, g := range p.groups {
		for i := range g {
			if g[i].Ongoing || g[i].End > p.asOf || g[i].Start > p.asOf {
				return true
			}
		}
	}
	return false
}

// breakpoints are the first days of the stretches of (asOf, horizon], and
// horizon+1 at the end.
func (p *projector) breakpoints(buf []Date) []Date {
	lo, hi := p.asOf+1, p.horizon+1
	bps := append(buf[:0], lo, hi)
	add := func(d Date) {
		if d > lo && d < hi {
			bps = append(bps, d)
		}
	}
	edge := func(x Date) {
		add(x) // the window's last day reaches x
		// The window's first day, D.AddYears(-W)+1, reaches x.
		y := (x - 1).AddYears(p.rule.Window)
		for k := Date(-1); k <= 2; k++ {
			add(y + k)
		}
	}
	for _, g := range p.groups {
		for i := range g {
			edge(g[i].Start)
			if !g[i].Ongoing {
				edge(g[i].End + 1)
			}
		}
	}
	y0, _, _ := lo.Civil()
	y1, _, _ := hi.Civil()
	for y := y0; y <= y1; y++ {
		add(MakeDate(y, 2, 28))
		if leap(y) {
			add(MakeDate(y, 2, 29))
		}
		add(MakeDate(y, 3, 1))
		add(MakeDate(y, 3, 2))
	}
	slices.Sort(bps)
	return slices.Compact(bps)
}

// firstMet is the first day in (asOf, horizon] on which the requirement is
// met.
func (p *projector) firstMet() (Date, bool) {
	if !p.grows() {
		return 0, false
	}
	var buf [64]Date
	bps := p.breakpoints(buf[:0])
	for k := 0; k+1 < len(bps); k++ {
		a, b := bps[k], bps[k+1]-1
		if p.met(a) {
			return a, true
		}
		if a == b || !p.met(b) {
			continue // convex: not met at either end, not met inside
		}
		return p.bisect(a, b, true), true
	}
	return 0, false
}

// firstUnmet is the first day in (asOf, horizon] on which the requirement
// is no longer met.
func (p *projector) firstUnmet() (Date, bool) {
	var buf [64]Date
	bps := p.breakpoints(buf[:0])
	// A stretch's hours move by at most 30/7 a day.
	const slope = float64(FullTimeHours) / 7
	for k := 0; k+1 < len(bps); k++ {
		a, b := bps[k], bps[k+1]-1
		ga := p.value(a)
		if ga < p.min {
			return a, true
		}
		if a == b {
			continue
		}
		gb := p.value(b)
		if gb < p.min {
			return p.bisect(a, b, false), true
		}
		if (ga+gb-slope*float64(b-a))/2 >= p.min {
			continue // cannot dip below the threshold between the ends
		}
		if !p.rule.Continuous && len(p.groups) == 1 {
			continue // linear: both ends met, all met
		}
		m := p.lowest(a, b)
		if p.value(m) < p.min {
			return p.bisect(a, m, false), true
		}
	}
	return 0, false
}

// bisect finds the first day in (a, b] whose met() equals want, given
// met(a) != want and met(b) == want, the answer set being a suffix.
func (p *projector) bisect(a, b Date, want bool) Date {
	for b-a > 1 {
		m := a + (b-a)/2
		if p.met(m) == want {
			b = m
		} else {
			a = m
		}
	}
	return b
}

// lowest finds a day of least hours in [a, b] (convex on the stretch).
func (p *projector) lowest(a, b Date) Date {
	for b-a > 2 {
		m1, m2 := a+(b-a)/3, b-(b-a)/3
		v1, v2 := p.value(m1), p.value(m2)
		switch {
		case v1 < v2:
			b = m2 - 1
		case v1 > v2:
			a = m1 + 1
		default:
			a, b = m1, m2
		}
	}
	best, bestV := a, p.value(a)
	for d := a + 1; d <= b; d++ {
		if v := p.value(d); v < bestV {
			best, bestV = d, v
		}
	}
	return best
}

// occupationGroups appends to groups the certain jobs of category c under
// r, one slice per occupation, using jobBuf for storage.
func occupationGroups(c *Category, r Rule, jobs []Job, groups [][]Job, jobBuf []Job) ([][]Job, []Job) {
	start := len(jobBuf)
	for i := range jobs {
		if c.certain(&jobs[i], r) {
			jobBuf = append(jobBuf, jobs[i])
		}
	}
	picked := jobBuf[start:]
	slices.SortStableFunc(picked, func(a, b Job) int { return strings.Compare(a.Code, b.Code) })
	for i := 0; i < len(picked); {
		j := i + 1
		for j < len(picked) && picked[j].Code == picked[i].Code {
			j++
		}
		groups = append(groups, picked[i:j:j])
		i = j
	}
	return groups, jobBuf
}

// ProjectCategories gives eligible_from and eligible_until for the
// occupational categories of rs, decided in ds (the decisions of
// rs.Evaluate(a, asOf)). A category at best review (extra requirements)
// has neither. The language categories are the caller's (they depend on
// a test's validity, not on hours).
func (rs *RuleSet) ProjectCategories(a *Applicant, ds []Decision, asOf Date, from, until []DatedID) ([]DatedID, []DatedID) {
	return rs.projectCategories(a, ds, asOf, from, until, &projScratch{})
}

// projScratch is the space ProjectCategories groups jobs in, kept by the
// caller so that screening many applicants allocates it once.
type projScratch struct {
	groups [][]Job
	jobs   []Job
}

func (rs *RuleSet) projectCategories(a *Applicant, ds []Decision, asOf Date, from, until []DatedID, sc *projScratch) ([]DatedID, []DatedID) {
	horizon := asOf.AddYears(ProjectionYears)
	for _, d := range ds {
		c := rs.category(d.Category)
		if c == nil || c.Language != nil || len(c.ExtraRequirements) > 0 {
			continue
		}
		r := rs.Rule(c)
		groups, jobs := occupationGroups(c, r, a.Jobs, sc.groups[:0], sc.jobs[:0])
		sc.groups, sc.jobs = groups, jobs
		if len(groups) == 0 {
			continue
		}
		p := projector{groups: groups, rule: r, min: r.MinHours, asOf: asOf, horizon: horizon}
		if d.Status == Eligible {
			if day, ok := p.firstUnmet(); ok {
				until = append(until, DatedID{c.ID, day - 1})
			}
		} else if day, ok := p.firstMet(); ok {
			from = append(from, DatedID{c.ID, day})
		}
	}
	return from, until
}

func (rs *RuleSet) category(id string) *Category {
	for i := range rs.Categories {
		if rs.Categories[i].ID == id {
			return &rs.Categories[i]
		}
	}
	return nil
}
