package rules

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Country is where a job was held, as far as the data shows.
type Country uint8

const (
	CountryUnknown Country = iota
	CountryCanada
	CountryAbroad
)

// Job is one job of an applicant, already parsed. Jobs whose data is
// doubtful still take part: the decision becomes review, never a silent
// not_eligible or eligible.
type Job struct {
	Code    string // NOC 2021 unit group; "" when unmatched
	Start   Date
	End     Date // zero with Ongoing: to the as-of date
	Ongoing bool
	// Hours per week; HoursKnown false when missing or "part-time" only.
	Hours      float64
	HoursKnown bool
	DatesKnown bool // Start (and End unless Ongoing) were readable and in order
	Country    Country
	// LowConfidence marks a title matched below the matcher's threshold.
	LowConfidence bool
}

// Applicant is everything the rules look at for one person.
type Applicant struct {
	Jobs []Job
	// French holds NCLC levels for reading, writing, listening, speaking;
	// 0 means missing, -1 unreadable.
	French [4]int
}

// Status is a category decision.
type Status uint8

const (
	NotEligible Status = iota
	Eligible
	Review
)

func (s Status) String() string {
	switch s {
	case Eligible:
		return "eligible"
	case Review:
		return "review"
	}
	return "not_eligible"
}

// Decision is the outcome for one applicant and one category.
type Decision struct {
	Category string
	Status   Status
	Hours    float64 // qualifying hours of the best occupation
	Code     string  // that occupation
	Reasons  []string
}

// Evaluate decides every category of the set that is active on asOf.
// Decisions come in the set's category order.
func (rs *RuleSet) Evaluate(a *Applicant, asOf Date) []Decision {
	return rs.EvaluateInto(make([]Decision, 0, len(rs.Categories)), a, asOf)
}

// EvaluateInto is Evaluate appending to dst, so that a caller can reuse
// one buffer across applicants.
func (rs *RuleSet) EvaluateInto(dst []Decision, a *Applicant, asOf Date) []Decision {
	out := dst
	for i := range rs.Categories {
		c := &rs.Categories[i]
		if !c.Active(asOf) {
			continue
		}
		if c.Language != nil {
			out = append(out, evalLanguage(c, a))
			continue
		}
		out = append(out, rs.evalOccupation(c, a, asOf))
	}
	return out
}

func evalLanguage(c *Category, a *Applicant) Decision {
	d := Decision{Category: c.ID}
	if c.Language.Language != "french" {
		return d // English scores are kept for later use
	}
	ok := true
	for _, lv := range a.French {
		switch {
		case lv == -1:
			d.Status, d.Reasons = Review, []string{ReasonLanguageScoreUnreadable}
			return d
		case lv == 0: // not assessed
			return d
		case lv < c.Language.MinLevel:
			ok = false
		}
	}
	if ok {
		d.Status = Eligible
	}
	return d
}

// evalOccupation applies one occupational category. Hours are first counted
// from certain jobs only; if they fall short, doubtful jobs (low-confidence
// match, unknown country where Canada is required, hours missing, dates
// unreadable) are added with their best case, and if that could qualify the
// category is review.
func (rs *RuleSet) evalOccupation(c *Category, a *Applicant, asOf Date) Decision {
	d := Decision{Category: c.ID}
	listed := false
	for i := range a.Jobs {
		if c.Lists(a.Jobs[i].Code) {
			listed = true
			break
		}
	}
	if !listed {
		return d
	}
	r := rs.Rule(c)
	var reasons []string
	var cbuf, pbuf [8]Job // working memory for the usual few jobs
	certain, possible := cbuf[:0], pbuf[:0]
	for _, j := range a.Jobs {
		if j.Code == "" || !c.Lists(j.Code) {
			continue
		}
		if r.Location == Canada && j.Country == CountryAbroad {
			continue
		}
		doubt := ""
		switch {
		case !j.DatesKnown:
			reasons = append(reasons, ReasonDatesUnreadable)
			continue // no interval to count, but a person must look
		case !j.HoursKnown:
			doubt = ReasonHoursMissing
			j.Hours, j.HoursKnown = FullTimeHours, true
		case j.LowConfidence:
			doubt = ReasonLowMatchScore
		case r.Location == Canada && j.Country == CountryUnknown:
			doubt = ReasonCountryUnknown
		}
		if j.LowConfidence && doubt != ReasonLowMatchScore {
			reasons = append(reasons, ReasonLowMatchScore)
		}
		if doubt == "" {
			certain = append(certain, j)
		} else {
			reasons = append(reasons, doubt)
		}
		possible = append(possible, j)
	}
	d.Hours, d.Code = bestHours(certain, r, asOf)
	switch {
	case d.Hours >= r.MinHours:
		d.Status = Eligible
		if len(c.ExtraRequirements) > 0 {
			d.Status, d.Reasons = Review, []string{ReasonExtraRequirements}
		}
		return d
	case len(reasons) == 0:
		return d
	}
	if h, code := bestHours(possible, r, asOf); h >= r.MinHours || hasReason(reasons, ReasonDatesUnreadable) {
		d.Status = Review
		if d.Hours == 0 {
			d.Hours, d.Code = h, code
		}
		d.Reasons = dedupe(reasons)
	}
	return d
}

// certain reports whether job j counts for category c under r without
// doubt (the jobs evalOccupation adds up first; the projection uses the
// same).
func (c *Category) certain(j *Job, r Rule) bool {
	return c.Lists(j.Code) && j.DatesKnown && j.HoursKnown && !j.LowConfidence &&
		!(r.Location == Canada && j.Country != CountryCanada)
}

func hasReason(rs []string, r string) bool { return slices.Contains(rs, r) }

func dedupe(rs []string) []string {
	sort.Strings(rs)
	return slices.Compact(rs)
}

func seenBefore(jobs []Job, code string) bool {
	for _, j := range jobs {
		if j.Code == code {
			return true
		}
	}
	return false
}

// bestHours returns the most qualifying hours of any one occupation among
// jobs, and that occupation. Hours of different occupations never add up.
func bestHours(jobs []Job, r Rule, asOf Date) (float64, string) {
	if len(jobs) == 0 {
		return 0, ""
	}
	best, bestCode := 0.0, ""
	var sbuf [8]Job
	for i, j := range jobs {
		if seenBefore(jobs[:i], j.Code) {
			continue
		}
		same := jobs[i:]
		if len(jobs)-i > 1 {
			same = sbuf[:0]
			for _, k := range jobs[i:] {
				if k.Code == j.Code {
					same = append(same, k)
				}
			}
		}
		h := OccupationHours(same, r, asOf)
		if h > best || (h == best && h > 0 && j.Code < bestCode) {
			best, bestCode = h, j.Code
		}
	}
	return best, bestCode
}

// OccupationHours counts the qualifying hours of jobs in one occupation:
// the window is the WindowYears ending on asOf (asOf included, the day
// WindowYears before it excluded); an ongoing job runs to asOf; each job's
// weekly hours are spread evenly over its days (hours/7 a day); overlapping
// jobs add up but never past 30 hours a week (30/7 a day). Without
// continuity that total counts; with it, the best run of worked days
// whose gaps are at most MaxGapDays.
func OccupationHours(jobs []Job, r Rule, asOf Date) float64 {
	return occupationHours(jobs, r, asOf, asOf.AddYears(-r.Window)+1)
}

// occupationHours is OccupationHours with the window's first day worked
// out by the caller (asOf.AddYears(-r.Window) + 1).
func occupationHours(jobs []Job, r Rule, asOf, winStart Date) float64 {
	// Rates are weekly hours and sums are hour-days of weekly rates (seven
	// times the hours), divided by 7 once at the end: with hours in halves
	// or quarters every step is exact, so that equal totals compare equal
	// and totals grow or shrink with the window exactly as the days do.
	type edge struct {
		day  Date
		rate float64 // weekly hours added at day
	}
	var buf [16]edge
	edges := buf[:0]
	for _, j := range jobs {
		if !j.DatesKnown || !j.HoursKnown || j.Hours <= 0 {
			continue
		}
		s, e := j.Start, j.End
		if j.Ongoing || e > asOf {
			e = asOf
		}
		if s < winStart {
			s = winStart
		}
		if s > e {
			continue
		}
		edges = append(edges, edge{s, j.Hours}, edge{e + 1, -j.Hours})
	}
	if len(edges) == 0 {
		return 0
	}
	slices.SortFunc(edges, func(a, b edge) int { return int(a.day - b.day) })
	const capPerWeek = float64(FullTimeHours)
	var total, run, best, rate float64
	lastWorked := Date(0) // last day of the current run
	for i := 0; i < len(edges); {
		day := edges[i].day
		for i < len(edges) && edges[i].day == day {
			rate += edges[i].rate
			i++
		}
		if i == len(edges) || rate <= 1e-9 {
			continue
		}
		next := edges[i].day
		h := min(rate, capPerWeek) * float64(next-day)
		total += h
		if r.Continuous {
			if lastWorked != 0 && int(day-lastWorked-1) > r.MaxGapDays {
				run = 0
			}
			run += h
			lastWorked = next - 1
			best = max(best, run)
		}
	}
	if r.Continuous {
		return best / 7
	}
	return total / 7
}

// FormatHours renders qualifying hours for the qualifying_hours column:
// whole hours, rounded down so that a printed 1560 always qualifies.
func FormatHours(h float64) string {
	return strconv.FormatInt(int64(h+1e-6), 10)
}

// Summary renders decisions as the applicant-level output columns.
func Summary(ds []Decision) (eligible, review, hours string) {
	var e, r, h []string
	for _, d := range ds {
		switch d.Status {
		case Eligible:
			e = append(e, d.Category)
		case Review:
			r = append(r, d.Category)
		}
		if d.Hours > 0 {
			h = append(h, d.Category+":"+FormatHours(d.Hours))
		}
	}
	sort.Strings(e)
	sort.Strings(r)
	sort.Strings(h)
	return strings.Join(e, ";"), strings.Join(r, ";"), strings.Join(h, ";")
}
