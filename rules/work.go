package rules

import "slices"

// Work experience for the programs and the CRS, derived from the
// applicant's jobs with the category engine's hours arithmetic
// (OccupationHours: weekly hours spread over the days, at most 30 a week
// however many jobs overlap, the window ending on the as-of date), or read
// from the summary columns; a summary column wins over the derived value
// (profile-columns.md "Work experience").

// Work is the work experience the programs and the CRS look at, in hours
// (1 year = 1,560 h, 1 month = 130 h). Summary months are converted.
type Work struct {
	Canadian10 float64 // skilled (TEER 0-3) Canadian work, last 10 years
	Canadian3  float64 // the same, last 3 years (CEC)
	// Canadian3TEER23: TEER 2/3 Canadian work alone, last 3 years (the CEC
	// route for CLB 5-6, errata 8). From the summary columns: Canadian3
	// when canadian_work_teer is 2 or 3.
	Canadian3TEER23 float64
	// CanadianTEER is canadian_work_teer (0-3) or Unknown.
	CanadianTEER int
	Foreign10    float64 // skilled work outside Canada, last 10 years
	// Skilled10 is all skilled work, Canadian and foreign, last 10 years
	// (FSW experience points), capped at 30 hours a week jointly.
	Skilled10 float64
	// PrimaryNOC is the primary occupation (FSW): primary_noc, or the code
	// with the best continuous run; PrimaryRun is that run (gaps of up to
	// 7 days bridged), last 10 years.
	PrimaryNOC string
	PrimaryRun float64
	// TradeNOC is the FST trade: primary_noc, or the skilled-trade code
	// with the most hours in the last 5 years; Trade5 those hours.
	TradeNOC string
	Trade5   float64

	// Known and Summary are bit sets of the Work* bits: which values are
	// known at all, and which came from the summary columns.
	Known, Summary WorkBits
	// FromJobs: the applicant has job rows the values were derived from.
	FromJobs bool
}

// WorkBits name the values of Work.
type WorkBits uint16

const (
	WorkCanadian10 WorkBits = 1 << iota
	WorkCanadian3
	WorkCanadianTEER
	WorkForeign10
	WorkSkilled10
	WorkPrimaryNOC
	WorkPrimaryRun
	WorkTradeNOC
	WorkTrade5
)

// Has reports whether all of bits are known.
func (w *Work) Has(bits WorkBits) bool { return w.Known&bits == bits }

// jobUse says how a job may be counted.
type jobUse uint8

const (
	useNone    jobUse = iota // not counted: dates unreadable, not skilled
	useCertain               // counted
	useBest                  // doubtful: counted only in the best case
)

// classify decides how job j counts for a measure; country says which
// countries the measure takes (CountryUnknown: any). In the best case a
// job without hours counts at 30 a week and a job without a code as a
// skilled trade; countryUnknown counts for whichever country helps.
func classify(j *Job, country Country) jobUse {
	if !j.DatesKnown {
		return useNone
	}
	doubt := !j.HoursKnown || j.LowConfidence || j.Code == ""
	if j.Code != "" && !Skilled(j.Code) {
		return useNone
	}
	if country != CountryUnknown && j.Country != country {
		if j.Country != CountryUnknown {
			return useNone
		}
		doubt = true
	}
	if doubt {
		return useBest
	}
	return useCertain
}

// asCounted is j as the measure counts it (the best case for doubtful jobs).
func asCounted(j Job, best bool) Job {
	if best && !j.HoursKnown {
		j.Hours, j.HoursKnown = FullTimeHours, true
	}
	return j
}

// pick appends to dst the jobs that count for a measure, certain ones
// only unless best.
func pick(dst []Job, jobs []Job, country Country, best bool, keep func(code string) bool) []Job {
	for i := range jobs {
		u := classify(&jobs[i], country)
		if u == useCertain || best && u == useBest {
			if keep != nil && jobs[i].Code != "" && !keep(jobs[i].Code) {
				continue
			}
			dst = append(dst, asCounted(jobs[i], best))
		}
	}
	return dst
}

// unknownNOC stands, in the best case only, for the occupation of a job
// whose code is missing: it may be any skilled occupation or trade.
const unknownNOC = "?"

var (
	window10   = Rule{Window: 10}
	window5    = Rule{Window: 5}
	window3    = Rule{Window: 3}
	fswRunRule = Rule{Window: 10, Continuous: true, MaxGapDays: 7}
)

func teer23(code string) bool { t := TEER(code); return t == 2 || t == 3 }

// DeriveWork computes the work values from the jobs on asOf. With best,
// doubtful jobs count at their best case (see DoubtfulJobs). primaryNOC,
// when not "", fixes the primary occupation and the trade (the
// primary_noc column).
func DeriveWork(jobs []Job, asOf Date, best bool, primaryNOC string) Work {
	w := Work{CanadianTEER: Unknown}
	if len(jobs) == 0 {
		return w
	}
	w.FromJobs = true
	w.Known = WorkCanadian10 | WorkCanadian3 | WorkForeign10 | WorkSkilled10 | WorkPrimaryRun | WorkTrade5
	from10, from5, from3 := asOf.AddYears(-10)+1, asOf.AddYears(-5)+1, asOf.AddYears(-3)+1
	var buf [16]Job
	list := pick(buf[:0], jobs, CountryCanada, best, nil)
	w.Canadian10 = occupationHours(list, window10, asOf, from10)
	w.Canadian3 = occupationHours(list, window3, asOf, from3)
	list = pick(buf[:0], jobs, CountryCanada, best, teer23)
	w.Canadian3TEER23 = occupationHours(list, window3, asOf, from3)
	list = pick(buf[:0], jobs, CountryAbroad, best, nil)
	w.Foreign10 = occupationHours(list, window10, asOf, from10)
	list = pick(buf[:0], jobs, CountryUnknown, best, nil)
	w.Skilled10 = occupationHours(list, window10, asOf, from10)

	// One occupation: the best continuous run (FSW) and the most trade
	// hours (FST). A job without a code is an occupation of its own.
	var gbuf [16]Job
	for i := range list {
		code := list[i].Code
		if seenBefore(list[:i], code) && code != "" {
			continue
		}
		group := gbuf[:0]
		if code == "" {
			group = append(group, list[i])
		} else {
			for _, k := range list[i:] {
				if k.Code == code {
					group = append(group, k)
				}
			}
		}
		if primaryNOC != "" && code != primaryNOC && code != "" {
			continue
		}
		if code == "" {
			code = unknownNOC // only in the best case: a job without a code
		}
		if run := occupationHours(group, fswRunRule, asOf, from10); run > w.PrimaryRun || run == w.PrimaryRun && run > 0 && code < w.PrimaryNOC {
			w.PrimaryRun, w.PrimaryNOC = run, code
		}
		if code == unknownNOC || IsSkilledTrade(code) {
			if h := occupationHours(group, window5, asOf, from5); h > w.Trade5 || h == w.Trade5 && h > 0 && code < w.TradeNOC {
				w.Trade5, w.TradeNOC = h, code
			}
		}
	}
	if primaryNOC != "" {
		w.PrimaryNOC, w.TradeNOC = primaryNOC, primaryNOC
	}
	if w.PrimaryNOC != "" {
		w.Known |= WorkPrimaryNOC
	}
	if w.TradeNOC != "" {
		w.Known |= WorkTradeNOC
	}
	return w
}

// WorkOf combines the profile's summary columns with the work derived
// from the jobs (DeriveWork); the summary wins where given.
func (p *Profile) WorkOf(derived Work) Work {
	w := derived
	set := func(dst *float64, months float64, bit WorkBits) {
		if months != Unknown {
			*dst = months * HoursPerMonth
			w.Known |= bit
			w.Summary |= bit
		}
	}
	set(&w.Canadian10, p.CanadianWorkMonths, WorkCanadian10)
	set(&w.Canadian3, p.CanadianWorkMonths3y, WorkCanadian3)
	set(&w.Foreign10, p.ForeignWorkMonths, WorkForeign10)
	set(&w.PrimaryRun, p.PrimaryNOCContinuousMonths, WorkPrimaryRun)
	set(&w.Trade5, p.TradeMonths5y, WorkTrade5)
	if p.CanadianWorkTEER != Unknown {
		w.CanadianTEER = p.CanadianWorkTEER
		w.Known |= WorkCanadianTEER
		w.Summary |= WorkCanadianTEER
	}
	if w.Summary&WorkCanadian3 != 0 {
		// The TEER 2/3 share of summary months is known only from the TEER.
		w.Canadian3TEER23 = 0
		if w.CanadianTEER == 2 || w.CanadianTEER == 3 {
			w.Canadian3TEER23 = w.Canadian3
		}
	}
	if p.PrimaryNOC != "" {
		w.PrimaryNOC, w.TradeNOC = p.PrimaryNOC, p.PrimaryNOC
		w.Known |= WorkPrimaryNOC | WorkTradeNOC
		w.Summary |= WorkPrimaryNOC | WorkTradeNOC
	}
	if w.Summary&(WorkCanadian10|WorkForeign10) != 0 {
		// Summary months of the two kinds add up; they cannot overlap in time
		// that the sheet shows.
		w.Skilled10 = w.Canadian10 + w.Foreign10
		w.Known |= WorkSkilled10
	}
	return w
}

// jobDoubts appends a reason for each job that the derived work leaves out
// or counts only in the best case.
func jobDoubts(jobs []Job, dst []Reason) []Reason {
	for i := range jobs {
		j := &jobs[i]
		add := func(code string) { dst = append(dst, Reason{Code: code, Kind: KindReview, Job: i}) }
		switch {
		case !j.DatesKnown:
			add(ReasonJobDatesUnreadable)
			continue
		case j.Code == "":
			add(ReasonJobNOCMissing)
		case !Skilled(j.Code):
			continue // not counted at all, doubtful or not
		}
		if !j.HoursKnown {
			add(ReasonJobHoursMissing)
		}
		if j.Country == CountryUnknown {
			add(ReasonJobCountryUnknown)
		}
		if j.LowConfidence {
			add(ReasonJobLowMatchScore)
		}
	}
	return dst
}

// jobDoubtCodes appends the codes (jobN_*) of jobDoubts once each.
func jobDoubtCodes(jobs []Job, dst []string) []string {
	var buf [8]Reason
	for _, r := range jobDoubts(jobs, buf[:0]) {
		if !slices.Contains(dst, r.Code) {
			dst = append(dst, r.Code)
		}
	}
	return dst
}

// hasDoubts reports whether any job is left out or counted only in the
// best case by some measure.
func hasDoubts(jobs []Job) bool {
	for i := range jobs {
		j := &jobs[i]
		if !j.DatesKnown || j.Code == "" || Skilled(j.Code) && (!j.HoursKnown || j.Country == CountryUnknown || j.LowConfidence) {
			return true
		}
	}
	return false
}
