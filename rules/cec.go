package rules

// Canadian Experience Class (express_entry_facts.md 4.2, errata 8): one
// year (1,560 hours) of skilled Canadian work in the 3 years before the
// as-of date, CLB 7 in all four abilities for TEER 0/1 work or CLB 5 for
// TEER 2/3 work (CECLanguageRoute), living outside Quebec. No education
// requirement and no proof of funds.

func evalCEC(in *programInput, w *Work, res *ProgramResult) {
	c := check{res: res, why: in.why}
	defer c.done()
	if in.p.Quebec {
		c.fail(ReasonIntendsQuebec)
		return
	}
	route := CECLanguageRoute(in.first.MinLevel())
	if route < 0 {
		c.failOrUnsure(ReasonCECLanguageBelowCLB5, in.firstDoubt)
	}
	switch {
	case !w.Has(WorkCanadian3):
		if w.Summary&WorkCanadian10 != 0 && w.Canadian10 >= HoursPerYear {
			c.unsure(ReasonCanadianWorkMonths3yMiss)
			return
		}
		c.fail(ReasonCECCanadianWorkUnder12Months)
	case w.Canadian3 < HoursPerYear:
		c.fail(ReasonCECCanadianWorkUnder12Months)
	case route != 2:
		// CLB 7+ (any skilled TEER), or a language failure already recorded.
	case w.Summary&WorkCanadian3 != 0:
		switch w.CanadianTEER {
		case Unknown:
			c.unsure(ReasonCanadianWorkTEERMissing)
		case 0, 1:
			c.failOrUnsure(ReasonCECLanguageBelowCLB7TEER01, in.firstDoubt)
		}
	case w.Canadian3TEER23 < HoursPerYear:
		// CLB 5-6 with the year made up of TEER 0/1 work.
		c.failOrUnsure(ReasonCECLanguageBelowCLB7TEER01, in.firstDoubt)
	}
}

// cecJobs appends the jobs whose hours make up CEC's year for the language
// route (the projection of eligible_from/until for "cec").
func cecJobs(dst []Job, jobs []Job, route int) []Job {
	var keep func(string) bool
	if route == 2 {
		keep = teer23
	}
	return pick(dst, jobs, CountryCanada, false, keep)
}
