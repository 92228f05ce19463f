package pipeline

import (
	"context"
	"math"
	"strconv"
	"strings"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/rules"
)

// Screen is the stage that annotates rows: it matches each job's title to a
// NOC code, parses dates, hours and language scores, and evaluates the rule
// set for each applicant. It holds no per-run state besides the Matcher's
// cache, so one Screen serves all workers.
type Screen struct {
	Cols      *Columns
	Matcher   *noc.Matcher
	Rules     *rules.RuleSet
	AsOf      rules.Date
	DateOrder rules.DateOrder
}

// Process implements Stage. It never fails on data; it returns only the
// context's error.
func (s *Screen) Process(ctx context.Context, recs []*Record) error {
	lm := s.Matcher.Local()
	defer lm.Release()
	sc := &scratch{}
	for i := 0; i < len(recs); {
		if err := ctx.Err(); err != nil {
			return err
		}
		j := i + 1
		for j < len(recs) && recs[j].Applicant == recs[i].Applicant {
			j++
		}
		s.applicant(lm, sc, recs[i:j])
		i = j
	}
	return nil
}

// rowJob is one job of a row with its match, before rules.
type rowJob struct {
	match noc.Result
	job   rules.Job
	row   int // index of the row within the applicant
}

// scratch is working memory reused across the applicants of a batch: none
// of it outlives applicant.
type scratch struct {
	all    []rowJob
	jobs   []rules.Job
	perRow [][]rowJob
	dec    []rules.Decision
	why    []string
}

func (s *Screen) applicant(lm *noc.Local, sc *scratch, rows []*Record) {
	nj := len(s.Cols.Jobs)
	all := sc.all[:0]
	app := rules.Applicant{Jobs: sc.jobs[:0]}
	perRow := sc.perRow[:0]
	for i, rec := range rows {
		for k := range s.Cols.Jobs {
			if rj, ok := s.job(lm, rec, &s.Cols.Jobs[k], k, nj > 1); ok {
				rj.row = i
				all = append(all, rj)
				app.Jobs = append(app.Jobs, rj.job)
			}
		}
		perRow = append(perRow, nil)
		s.french(rec, &app)
	}
	// all may have moved while growing: slice it for the rows only now.
	k := 0
	for i := range rows {
		n := 0
		for k+n < len(all) && all[k+n].row == i {
			n++
		}
		perRow[i] = all[k : k+n : k+n]
		k += n
	}
	sc.all, sc.jobs, sc.perRow = all, app.Jobs, perRow
	decisions := s.Rules.EvaluateInto(sc.dec[:0], &app, s.AsOf)
	sc.dec = decisions
	eligible, review, hours := rules.Summary(decisions)
	catReasons := sc.why[:0]
	for _, d := range decisions {
		catReasons = append(catReasons, d.Reasons...)
	}
	sc.why = catReasons
	for i, rec := range rows {
		a := &rec.Out
		annotateMatches(a, perRow[i], s.Matcher.Threshold)
		a.Eligible, a.ReviewCats, a.Hours, a.RuleSet = eligible, review, hours, s.Rules.Name
		var extra []string
		for _, rj := range perRow[i] {
			switch {
			case rj.match.Method == noc.MethodNone:
				// A blank title or a non-job ("student") has its own reason.
				if len(rj.match.Reasons) == 0 && !rec.HasProblem("job_title_missing") {
					extra = append(extra, "no_match")
				}
			case rj.match.Score < s.Matcher.Threshold:
				extra = append(extra, "low_match_score")
			}
		}
		if review != "" {
			extra = append(extra, catReasons...)
		}
		a.Reasons, a.NeedsReview = reasons(rec.Problems, extra)
		if review != "" {
			a.NeedsReview = true
		}
	}
}

// job reads job k of a row. It reports false when the row has no job there
// (wide rows with fewer jobs than columns).
func (s *Screen) job(lm *noc.Local, rec *Record, jc *JobColumns, k int, wide bool) (rowJob, bool) {
	get := func(f Field) string { return cell(rec, jc[f]) }
	title, code := get(JobTitle), get(NOCCode)
	start, end, hours := get(StartDate), get(EndDate), get(HoursPerWeek)
	prefix := ""
	if wide {
		prefix = "job" + strconv.Itoa(k+1) + "_"
		if title == "" && code == "" && start == "" && end == "" && hours == "" {
			return rowJob{}, false
		}
	}
	field := func(f Field) string { return prefix + f.String() }
	if title == "" && code == "" {
		rec.Add(Input, "job_title_missing", field(JobTitle), "no job title or NOC code")
	}
	m := lm.Match(noc.Query{Title: title, Industry: get(Industry), Employer: get(Employer), Duties: get(Duties)}, code)
	for _, r := range m.Reasons {
		kind := Note
		switch r {
		case "noc_code_invalid":
			kind = Input
		case "noc2016_one_to_many", "not_an_occupation":
			kind = Review
		}
		rec.Add(kind, r, field(NOCCode), "")
	}
	j := rules.Job{Code: m.Code, LowConfidence: m.Code != "" && m.Score < s.Matcher.Threshold}
	j.Country = ParseCountry(get(Country))

	sd, serr := rules.ParseDate(start, s.DateOrder, false)
	ed, eerr := rules.ParseDate(end, s.DateOrder, true)
	j.DatesKnown = true
	switch {
	case serr != nil:
		rec.Add(Input, "start_date_unreadable", field(StartDate), serr.Error())
		j.DatesKnown = false
	case sd.Blank || sd.Ongoing:
		rec.Add(Input, "start_date_missing", field(StartDate), "")
		j.DatesKnown = false
	}
	switch {
	case eerr != nil:
		rec.Add(Input, "end_date_unreadable", field(EndDate), eerr.Error())
		j.DatesKnown = false
	case ed.Blank || ed.Ongoing:
		j.Ongoing = true
	}
	if sd.Ambiguous || ed.Ambiguous {
		rec.Add(Note, "date_order_assumed", prefix+"dates", "day and month read both ways")
	}
	j.Start, j.End = sd.Day, ed.Day
	if j.DatesKnown && !j.Ongoing && j.End < j.Start {
		rec.Add(Input, "end_before_start", field(EndDate), "")
		j.DatesKnown = false
	}
	h, herr := rules.ParseHours(hours)
	switch {
	case herr != nil:
		rec.Add(Input, "hours_unreadable", field(HoursPerWeek), herr.Error())
	case h.Blank:
		rec.Add(Input, "hours_missing", field(HoursPerWeek), "")
	case h.PartTime:
		rec.Add(Input, "hours_part_time_unknown", field(HoursPerWeek), "part-time without hours")
	default:
		j.Hours, j.HoursKnown = h.Hours, true
	}
	return rowJob{match: m, job: j}, true
}

func (s *Screen) french(rec *Record, app *rules.Applicant) {
	for i, f := range []Field{FrenchReading, FrenchWriting, FrenchListening, FrenchSpeaking} {
		v := s.Cols.Get(rec, f)
		if v == "" || app.French[i] != 0 {
			continue
		}
		lv, ok := parseLevel(v)
		if !ok {
			rec.Add(Input, "language_score_unreadable", f.String(), "want an NCLC level 1-12")
			lv = -1
		}
		app.French[i] = lv
	}
}

// parseLevel reads "7", "NCLC 7", "clb7", "7.0".
func parseLevel(s string) (int, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	s = strings.TrimSpace(strings.TrimLeft(s, "nclcb: "))
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f > 12 || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}

// annotateMatches writes the row's match columns: one job as is; several
// jobs (wide shape) as values joined by " | " in job order, with the lowest
// score.
func annotateMatches(a *Annotation, jobs []rowJob, threshold float64) {
	switch len(jobs) {
	case 0:
		a.MatchMethod = string(noc.MethodNone)
		return
	case 1: // the long shape: no joining
		m := jobs[0].match
		a.NOCCode, a.NOCTitle, a.MatchMethod, a.Alternatives = m.Code, m.Title, string(m.Method), formatAlts(m.Alts)
		if m.Code != "" {
			a.TEER = teerText[m.TEER]
		}
		if m.Method != noc.MethodNone {
			a.MatchScore, a.HasScore = math.Round(m.Score*100)/100, true
		}
		return
	}
	var codes, titles, teers, methods, alts []string
	for _, rj := range jobs {
		m := rj.match
		codes = append(codes, m.Code)
		titles = append(titles, m.Title)
		teer := ""
		if m.Code != "" {
			teer = strconv.Itoa(m.TEER)
		}
		teers = append(teers, teer)
		methods = append(methods, string(m.Method))
		alts = append(alts, formatAlts(m.Alts))
		if m.Method != noc.MethodNone && (!a.HasScore || m.Score < a.MatchScore) {
			a.MatchScore, a.HasScore = m.Score, true // the lowest score of the row's jobs
		}
	}
	// Two decimals everywhere: the CSV text, the XLSX number and the Parquet
	// double all say the same.
	a.MatchScore = math.Round(a.MatchScore*100) / 100
	join := func(v []string) string {
		if len(v) == 1 {
			return v[0]
		}
		return strings.Join(v, " | ")
	}
	a.NOCCode, a.NOCTitle, a.TEER, a.MatchMethod, a.Alternatives = join(codes), join(titles), join(teers), join(methods), join(alts)
}

var teerText = [...]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

func formatAlts(cs []noc.Candidate) string {
	if len(cs) == 0 {
		return ""
	}
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(c.Code)
		b.WriteByte(':')
		b.WriteString(FormatScore(math.Round(c.Score*100) / 100))
	}
	return b.String()
}

var canadaNames = map[string]bool{
	"canada": true, "ca": true, "can": true, "canadá": true, "cdn": true,
	"on": true, "ontario": true, "qc": true, "quebec": true, "québec": true, "bc": true, "british columbia": true,
	"ab": true, "alberta": true, "mb": true, "manitoba": true, "sk": true, "saskatchewan": true,
	"ns": true, "nova scotia": true, "nb": true, "new brunswick": true, "nl": true, "newfoundland and labrador": true,
	"pe": true, "pei": true, "prince edward island": true, "yt": true, "yukon": true, "nt": true,
	"northwest territories": true, "nu": true, "nunavut": true,
}

// ParseCountry reads a country cell: Canada by name, code or province;
// blank is unknown; anything else is abroad.
func ParseCountry(s string) rules.Country {
	switch s { // the common spellings, without lower-casing
	case "Canada", "CA", "canada", "CANADA", "CAN":
		return rules.CountryCanada
	case "":
		return rules.CountryUnknown
	}
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "unknown" || s == "n/a" || s == "na" || s == "?" {
		return rules.CountryUnknown
	}
	if canadaNames[s] {
		return rules.CountryCanada
	}
	// "Toronto, ON", "Calgary, Alberta, Canada"
	parts := strings.Split(s, ",")
	if canadaNames[strings.TrimSpace(parts[len(parts)-1])] {
		return rules.CountryCanada
	}
	return rules.CountryAbroad
}
