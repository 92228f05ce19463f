package rules

import (
	"slices"
	"strconv"
	"strings"
)

// Evaluator assesses applicants: categories (the rule set's Evaluate),
// the three programs, language levels, the CRS, draw margins, eligibility
// dates and an explanation, in one call per applicant (Assess). It is
// read-only once built and safe for concurrent use by the screening
// stage's workers.
type Evaluator struct {
	// Rules is the category rule set of the run (--rules, or the set in
	// force on --as-of).
	Rules *RuleSet
	// Draws are the rounds compared with (nil: BuiltinDraws; --draws:
	// LoadDrawsFile).
	Draws *Draws
	// Title gives a NOC code's title for the explanation ("Nurse aides,
	// orderlies and patient service associates" is written "33102 Nurse
	// aides"); nil writes codes alone. It must be safe for concurrent use.
	Title func(code string) string

	// SkipProjection and SkipExplanation leave EligibleFrom, EligibleUntil
	// and Explanation empty (benchmarks, callers that do not write them).
	SkipProjection, SkipExplanation bool
}

// Assessment is everything the output columns of spec section 4 need for
// one applicant. Columns gives them as text; the typed fields are for the
// report and formats that keep numbers (Parquet, XLSX).
type Assessment struct {
	RuleSet string
	AsOf    Date
	// ProfileGiven: the applicant had at least one profile cell. Without
	// one (a list of jobs only) the programs are still decided (not met,
	// for want of a language test) but no reason for a missing profile
	// value is added, and the explanation covers the categories only.
	ProfileGiven bool

	// Categories are the category decisions (RuleSet.Evaluate, with the
	// French category judged on the profile's valid French test).
	Categories []Decision

	CEC, FSW, FST ProgramResult
	FSWPoints     FSWPoints
	// InPool: at least one program is eligible.
	InPool bool

	// First and Second are the first and second official language results
	// used (first_language_levels, second_language_levels); Spouse is the
	// spouse's first official language. English and French are the same
	// results by language (the French category and CRS French points).
	First, Second, Spouse, English, French LangResult

	// Age in completed years on the as-of date, or Unknown.
	Age int
	// Work is the work experience used: summary columns over derived.
	Work Work
	CRS  CRS

	// Margins: for each round type the applicant could be invited in, the
	// latest round before the as-of date and the margin (draw_margins).
	Margins []DrawMargin
	// EligibleFrom and EligibleUntil hold category ids and "cec", sorted by
	// id (eligible_from, eligible_until).
	EligibleFrom, EligibleUntil []DatedID

	Explanation string

	// Reasons are the applicant-level reasons: profile values missing or
	// doubtful, language tests that do not count, CRS and draw notes, the
	// review reasons of the programs, and the jobs whose doubt changed an
	// outcome (Job set). The reasons that only explain a program not met
	// (fsw_points_below_67) are in the program's Reasons, not here. The
	// reasons of ParseProfile are not repeated.
	Reasons []Reason

	// proj is the projection's scratch space, kept between AssessInto calls.
	proj projScratch
}

// Status column values.
func (r ProgramResult) String() string { return r.Status.String() }

// Assess evaluates one applicant on asOf. a holds the applicant's jobs
// (the hours engine's input; a.French is used only when the profile has
// no French test); p is the parsed profile (a zero Profile from
// ParseProfile of empty cells is fine: everything is then unknown). Assess
// does not keep a, p or the result.
func (e *Evaluator) Assess(a *Applicant, p *Profile, asOf Date) Assessment {
	var out Assessment
	e.AssessInto(&out, a, p, asOf)
	return out
}

// AssessInto is Assess writing into dst, reusing its slices, so that a
// worker can keep one Assessment for all its applicants.
func (e *Evaluator) AssessInto(dst *Assessment, a *Applicant, p *Profile, asOf Date) {
	*dst = Assessment{
		RuleSet: e.Rules.Name, AsOf: asOf, Age: Unknown, ProfileGiven: !p.Empty,
		Categories:    dst.Categories[:0],
		CEC:           ProgramResult{Reasons: dst.CEC.Reasons[:0]},
		FSW:           ProgramResult{Reasons: dst.FSW.Reasons[:0]},
		FST:           ProgramResult{Reasons: dst.FST.Reasons[:0]},
		Margins:       dst.Margins[:0],
		EligibleFrom:  dst.EligibleFrom[:0],
		EligibleUntil: dst.EligibleUntil[:0],
		Reasons:       dst.Reasons[:0],
		proj:          dst.proj,
	}
	draws := e.Draws
	if draws == nil {
		draws = BuiltinDraws()
	}
	why := dst.Reasons

	// Person. A list without profile columns gets no reasons for them.
	given := !p.Empty
	person := why
	switch {
	case !p.DateOfBirth.IsZero() && asOf.Before(p.DateOfBirth):
		why = append(why, fieldReason(ReasonDateOfBirthAfterAsOf, FieldDateOfBirth))
	case !p.DateOfBirth.IsZero():
		dst.Age = AgeOn(p.DateOfBirth, asOf)
	case p.Age != Unknown:
		dst.Age = p.Age
		why = append(why, fieldReason(ReasonAgeFromAgeColumn, FieldAge))
	}
	if dst.Age == Unknown {
		why = append(why, mkReason(ReasonAgeMissing))
	}
	if p.Marital == MaritalUnknown {
		why = append(why, fieldReason(ReasonMaritalStatusMissing, FieldMaritalStatus))
	}
	if p.Marital.HasPartner() && p.SpouseAccompanying == TriBlank {
		why = append(why, fieldReason(ReasonSpouseAccompanyingMissing, FieldSpouseAccompanying))
	}
	withSpouse := ScoredWithSpouse(p.Marital, p.SpouseAccompanying, p.SpouseCitizenOrPR)
	if p.Education == EducationUnknown {
		why = append(why, fieldReason(ReasonEducationMissing, FieldEducationLevel))
	}
	if !given {
		why = person
	}

	// Language tests.
	firstDoubt := false
	why, firstDoubt = dst.languages(p, asOf, why)
	if p.SpouseLang.Present() && !p.Marital.HasPartner() {
		why = append(why, fieldReason(ReasonSpouseLangWithoutSpouse, FieldSpouseLangTest))
	}

	// Categories, the French one on the profile's French test.
	app := *a
	if p.hasFrench() {
		for ab := range app.French {
			switch {
			case dst.French.Doubt[ab]:
				app.French[ab] = -1
			case dst.French.Counts:
				app.French[ab] = dst.French.Levels[ab]
			default:
				app.French[ab] = 0
			}
		}
	}
	dst.Categories = e.Rules.EvaluateInto(dst.Categories, &app, asOf)

	// Work and programs.
	doubts := hasDoubts(a.Jobs)
	w := p.WorkOf(DeriveWork(a.Jobs, asOf, false, p.PrimaryNOC))
	dst.Work = w
	in := programInput{p: p, asOf: asOf, age: dst.Age, withSpouse: withSpouse,
		first: &dst.First, second: &dst.Second, spouse: &dst.Spouse, firstDoubt: firstDoubt}
	if given {
		in.why = &why
	}
	dst.FSWPoints = fswPoints(&in, &w)
	evalCEC(&in, &w, &dst.CEC)
	evalFSW(&in, &w, dst.FSWPoints, &dst.FSW)
	evalFST(&in, &w, &dst.FST)
	in.why = nil
	var best Work
	jobsMatter, undated := false, hasUndated(a.Jobs)
	if doubts {
		best = p.WorkOf(DeriveWork(a.Jobs, asOf, true, p.PrimaryNOC))
		var scratch [8]string
		for k, res := range [...]*ProgramResult{&dst.CEC, &dst.FSW, &dst.FST} {
			if res.Status != NotEligible {
				continue
			}
			alt := ProgramResult{Reasons: scratch[:0]}
			switch Program(k) {
			case ProgramCEC:
				evalCEC(&in, &best, &alt)
			case ProgramFSW:
				evalFSW(&in, &best, fswPoints(&in, &best), &alt)
			case ProgramFST:
				evalFST(&in, &best, &alt)
			}
			// A job whose dates cannot be read might make up the work that
			// is missing: review, when work is all that is missing.
			if alt.Status != NotEligible || undated && onlyWorkFailures(alt.Reasons) {
				res.Status = Review
				res.Reasons = jobDoubtCodes(a.Jobs, res.Reasons)
				jobsMatter = true
			}
		}
	}
	dst.InPool = dst.CEC.Status == Eligible || dst.FSW.Status == Eligible || dst.FST.Status == Eligible

	// CRS.
	grid := CRSGridAt(asOf)
	switch {
	case grid == nil:
		why = append(why, mkReason(ReasonCRSNoGrid))
	case dst.Age != Unknown && p.Education != EducationUnknown:
		ci := crsInput{age: dst.Age, education: p.Education, eca: p.ECA, withSpouse: withSpouse,
			first: &dst.First, second: &dst.Second, english: &dst.English, french: &dst.French, spouse: &dst.Spouse,
			work: &w, p: p}
		dst.CRS = grid.score(&ci)
		if doubts {
			ci.work = &best
			if undated || grid.score(&ci).Total > dst.CRS.Total {
				why = append(why, mkReason(ReasonCRSDependsOnDoubtfulJobs))
				jobsMatter = true
			}
		}
		if p.JobOffer.Yes() && p.JobOfferNOC == "" && grid.JobOfferOther > 0 {
			// Before 2025-03-25 the offer's NOC decides 50 or 200 points; 50 is given.
			why = append(why, fieldReason(ReasonJobOfferNOCMissing, FieldJobOfferNOC))
		}
		if !asOf.Before(CRSChangeNoteFrom) {
			why = append(why, mkReason(ReasonCRSGridMayHaveChanged))
		}
	}
	if jobsMatter {
		why = jobDoubts(a.Jobs, why)
	}
	if !dst.InPool && given {
		why = append(why, mkReason(ReasonNotInPool))
	}

	// Draw margins: for an applicant in the pool, general, each program
	// met, pnp with a nomination, french and each category met.
	if dst.InPool && dst.CRS.Known {
		var extra []string
		types := func(t string) bool {
			switch t {
			case RoundGeneral:
				return true
			case RoundCEC:
				return dst.CEC.Status == Eligible
			case RoundFSW:
				return dst.FSW.Status == Eligible
			case RoundFST:
				return dst.FST.Status == Eligible
			case RoundPNP:
				return p.ProvincialNomination.Yes()
			}
			return decided(dst.Categories, t) == Eligible
		}
		for _, d := range dst.Categories {
			if d.Status == Eligible && !slices.Contains(roundTypeOrder[:], d.Category) {
				extra = append(extra, d.Category)
			}
		}
		dst.Margins = draws.margins(dst.Margins, types, extra, dst.CRS.Total, asOf)
		if len(dst.Margins) > 0 && draws.EndedBefore(asOf) {
			why = append(why, mkReason(ReasonDrawDataEnded))
		}
	}

	if !e.SkipProjection {
		dst.project(e.Rules, &app, p, &in, asOf)
	}
	dst.Reasons = dedupeReasons(why)
	if !e.SkipExplanation {
		dst.Explanation = e.explain(dst)
	}
}

// decided returns the status of a category, NotEligible when absent.
func decided(ds []Decision, id string) Status {
	for _, d := range ds {
		if d.Category == id {
			return d.Status
		}
	}
	return NotEligible
}

// AgeOn is the age in completed years on day of a person born on dob
// (a 29 February birthday falls on 28 February, as Date.AddYears).
func AgeOn(dob, day Date) int {
	y0, _, _ := dob.Civil()
	y1, _, _ := day.Civil()
	n := y1 - y0
	if dob.AddYears(n) > day {
		n--
	}
	return n
}

func (p *Profile) hasFrench() bool {
	for _, t := range [...]*LangTest{&p.Lang1, &p.Lang2, &p.OlderFrench} {
		if t.Present() && t.Type.Language() == French {
			return true
		}
	}
	return false
}

// languages converts the tests and settles the first and second official
// languages: lang1 is the first as the client designated it; lang2 the
// second, ignored when it is in the same language; the older level
// columns stand in for whichever is missing. firstDoubt reports a first
// result in doubt (not designated, undated, partly unreadable ...).
func (dst *Assessment) languages(p *Profile, asOf Date, why []Reason) ([]Reason, bool) {
	n0 := len(why)
	var l1, l2 LangResult
	l1, why = p.Lang1.Convert(SlotLang1, asOf, why)
	firstDoubt := false
	for _, r := range why[n0:] {
		firstDoubt = firstDoubt || r.Kind != KindNote
	}
	l2, why = p.Lang2.Convert(SlotLang2, asOf, why)
	dst.Spouse, why = p.SpouseLang.Convert(SlotSpouse, asOf, why)
	var of, oe LangResult
	of, why = p.OlderFrench.Convert(SlotOlderFrench, asOf, why)
	oe, why = p.OlderEnglish.Convert(SlotOlderEnglish, asOf, why)

	first, second := l1, LangResult{}
	if p.Lang2.Present() {
		if l1.Language != LanguageUnknown && l2.Language == l1.Language {
			why = append(why, fieldReason(ReasonLang2SameLanguageIgnored, FieldLang2Test))
		} else {
			second = l2
		}
	}
	older := func(r LangResult, test *LangTest, f Field) {
		switch {
		case !test.Present():
		case !p.Lang1.Present() && first.Language == LanguageUnknown:
			first = r
		case first.Language != r.Language && second.Language == LanguageUnknown:
			second = r
		default:
			why = append(why, fieldReason(ReasonLang2SameLanguageIgnored, f))
		}
	}
	if !p.Lang1.Present() && p.OlderEnglish.Present() && p.OlderFrench.Present() && OlderColumnsFirstLanguage(&oe, &of) == French {
		older(of, &p.OlderFrench, FieldFrenchReading)
		older(oe, &p.OlderEnglish, FieldEnglishReading)
	} else {
		older(oe, &p.OlderEnglish, FieldEnglishReading)
		older(of, &p.OlderFrench, FieldFrenchReading)
	}
	if first.Doubt != [4]bool{} || p.Lang1.TypeBad {
		firstDoubt = true
	}
	dst.First, dst.Second = first, second
	for _, r := range [...]LangResult{first, second} {
		switch r.Language {
		case English:
			dst.English = r
		case French:
			dst.French = r
		}
	}
	return why, firstDoubt
}

// project fills EligibleFrom and EligibleUntil.
func (dst *Assessment) project(rs *RuleSet, app *Applicant, p *Profile, in *programInput, asOf Date) {
	horizon := asOf.AddYears(ProjectionYears)
	dst.EligibleFrom, dst.EligibleUntil = rs.projectCategories(app, dst.Categories, asOf, dst.EligibleFrom, dst.EligibleUntil, &dst.proj)
	// The French category stops with its test.
	if decided(dst.Categories, "french") == Eligible && rs.category("french") != nil {
		if v := dst.French.ValidUntil; v != 0 && v < horizon {
			dst.EligibleUntil = append(dst.EligibleUntil, DatedID{"french", v})
		}
	}
	// CEC's one year of Canadian work, when it comes from the jobs.
	if route := CECLanguageRoute(in.first.MinLevel()); route >= 0 && !p.Quebec && dst.Work.FromJobs && dst.Work.Summary&WorkCanadian3 == 0 {
		var buf [16]Job
		jobs := cecJobs(buf[:0], app.Jobs, route)
		if len(jobs) > 0 {
			pr := projector{groups: [][]Job{jobs}, rule: window3, min: HoursPerYear, asOf: asOf, horizon: horizon}
			valid := in.first.ValidUntil // 0: undated levels, no end
			switch dst.CEC.Status {
			case Eligible:
				end, ok := pr.firstUnmet()
				last := end - 1
				if valid != 0 && (!ok || valid < last) {
					last, ok = valid, valid < horizon
				}
				if ok {
					dst.EligibleUntil = append(dst.EligibleUntil, DatedID{RoundCEC, last})
				}
			default:
				if onlyWorkShort(dst.CEC.Reasons) {
					if day, ok := pr.firstMet(); ok && (valid == 0 || day <= valid) {
						dst.EligibleFrom = append(dst.EligibleFrom, DatedID{RoundCEC, day})
					}
				}
			}
		}
	}
	sortDated(dst.EligibleFrom)
	sortDated(dst.EligibleUntil)
}

// workFailures are the program reasons that more work could remove.
var workFailures = [...]string{ReasonCECCanadianWorkUnder12Months, ReasonCECLanguageBelowCLB7TEER01, ReasonFSWNoContinuousYear,
	ReasonFSWPointsBelow67, ReasonFSTNoTradeExperience, ReasonFSTTradeWorkUnder24Months}

// onlyWorkFailures reports that every failure in reasons is about work.
func onlyWorkFailures(reasons []string) bool {
	for _, r := range reasons {
		if !slices.Contains(workFailures[:], r) && reasonKinds[r] != KindReview && !(len(r) > 5 && r[:5] == "jobN_") {
			return false
		}
	}
	return len(reasons) > 0
}

// hasUndated reports a job whose dates could not be read and that could
// count (skilled, or without a code).
func hasUndated(jobs []Job) bool {
	for i := range jobs {
		if !jobs[i].DatesKnown && (jobs[i].Code == "" || Skilled(jobs[i].Code)) {
			return true
		}
	}
	return false
}

// onlyWorkShort reports that CEC fails on its year of work alone (the
// doubtful jobs aside: the certain ones may still make the year).
func onlyWorkShort(reasons []string) bool {
	short := false
	for _, r := range reasons {
		switch {
		case r == ReasonCECCanadianWorkUnder12Months || r == ReasonCECLanguageBelowCLB7TEER01:
			short = true
		case len(r) > 5 && r[:5] == "jobN_":
		default:
			return false
		}
	}
	return short
}

func sortDated(ds []DatedID) {
	slices.SortFunc(ds, func(a, b DatedID) int { return strings.Compare(a.ID, b.ID) })
}

// dedupeReasons keeps the first reason of each code and job (the person
// checks and a program may both say age_missing).
func dedupeReasons(rs []Reason) []Reason {
	out := rs[:0]
	for _, r := range rs {
		if !slices.ContainsFunc(out, func(o Reason) bool { return o.Code == r.Code && o.Job == r.Job }) {
			out = append(out, r)
		}
	}
	return out
}

// Output column names of spec section 4 that Columns fills, in order.
var ColumnNames = [...]string{
	"cec_status", "fsw_status", "fsw_points", "fst_status", "first_language_levels", "second_language_levels",
	"crs_score", "crs_core", "crs_spouse", "crs_transfer", "crs_additional", "draw_margins",
	"eligible_from", "eligible_until", "explanation",
}

// Columns renders the assessment as the text of ColumnNames, in that
// order. Numbers are blank when unknown (fsw_points without an age; the
// CRS without age or education).
func (a *Assessment) Columns() [len(ColumnNames)]string {
	num := func(ok bool, n int) string {
		if !ok {
			return ""
		}
		return strconv.Itoa(n)
	}
	c := &a.CRS
	return [...]string{
		a.CEC.Status.String(), a.FSW.Status.String(), num(a.FSWPoints.AgeKnown, a.FSWPoints.Total), a.FST.Status.String(),
		FormatLevels(a.First), FormatLevels(a.Second),
		num(c.Known, c.Total), num(c.Known, c.Core), num(c.Known, c.Spouse), num(c.Known, c.Transfer), num(c.Known, c.Additional),
		FormatMargins(a.Margins), FormatDated(a.EligibleFrom), FormatDated(a.EligibleUntil), a.Explanation,
	}
}
