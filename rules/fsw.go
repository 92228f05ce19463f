package rules

// Federal Skilled Worker (express_entry_facts.md 4.3): minimums (CLB 7 in
// all four abilities of the first official language; secondary education
// or more, with an ECA for a foreign credential; one continuous year of
// skilled work in the primary occupation in the last 10 years; proof of
// funds), and the 67-point grid of six factors, computed for every
// applicant, also when a minimum fails.

// fswAgePoints: 18-35: 12, then one point less a year to 46: 1; 47 or more
// and under 18: 0.
func fswAgePoints(age int) int {
	switch {
	case age < 18 || age >= 47:
		return 0
	case age <= 35:
		return 12
	}
	return 47 - age
}

var fswEducation = [...]int{
	EducationUnknown: 0, EducationLessThanSecondary: 0, EducationSecondary: 5, EducationOneYear: 15, EducationTwoYear: 19,
	EducationBachelors: 21, EducationTwoOrMore: 22, EducationMasters: 23, EducationDoctoral: 25,
}

// fswFirstLanguage gives the per-ability points: CLB 9+: 6, 8: 5, 7: 4.
func fswFirstLanguage(level int) int {
	switch {
	case level >= 9:
		return 6
	case level == 8:
		return 5
	case level == 7:
		return 4
	}
	return 0
}

// fswExperience gives the points for years of skilled work: 1: 9, 2-3: 11,
// 4-5: 13, 6+: 15.
func fswExperience(y int) int {
	switch {
	case y >= 6:
		return 15
	case y >= 4:
		return 13
	case y >= 2:
		return 11
	case y == 1:
		return 9
	}
	return 0
}

func fswPoints(in *programInput, w *Work) FSWPoints {
	p := in.p
	var pts FSWPoints
	for _, lv := range in.first.Levels {
		if in.first.Counts {
			pts.Language += fswFirstLanguage(lv)
		}
	}
	if in.second.AllAtLeast(5) {
		pts.Language += 4
	}
	if p.ECA != TriNo {
		pts.Education = fswEducation[p.Education]
	}
	pts.Experience = fswExperience(years(w.Skilled10))
	if in.age != Unknown {
		pts.Age, pts.AgeKnown = fswAgePoints(in.age), true
	}
	if p.JobOffer.Yes() {
		pts.Arranged = 10
	}
	adapt := 0
	if in.withSpouse && in.spouse.AllAtLeast(4) {
		adapt += 5
	}
	if FSWPastStudyInCanada(p.CanadianEducation) {
		adapt += 5
	}
	if in.withSpouse && p.SpouseCanadianStudy.Yes() {
		adapt += 5
	}
	if w.Canadian10 >= HoursPerYear {
		adapt += 10
	}
	if in.withSpouse && p.SpouseCanadianWorkMonths >= 12 {
		adapt += 5
	}
	if p.JobOffer.Yes() {
		adapt += 5
	}
	if p.RelativeInCanada.Yes() || p.SiblingInCanada.Yes() {
		adapt += 5
	}
	pts.Adaptability = min(adapt, 10)
	pts.Total = pts.Language + pts.Education + pts.Experience + pts.Age + pts.Arranged + pts.Adaptability
	return pts
}

func evalFSW(in *programInput, w *Work, pts FSWPoints, res *ProgramResult) {
	c := check{res: res, why: in.why}
	defer c.done()
	p := in.p
	if p.Quebec {
		c.fail(ReasonIntendsQuebec)
		return
	}
	if !in.first.AllAtLeast(7) {
		c.failOrUnsure(ReasonFSWLanguageBelowCLB7, in.firstDoubt)
	}
	switch {
	case p.Education == EducationUnknown:
		c.unsure(ReasonEducationMissing)
	case p.Education == EducationLessThanSecondary:
		c.fail(ReasonFSWEducationBelowSecondary)
	case p.ECA == TriNo:
		c.fail(ReasonFSWForeignEducationNoECA)
	}
	switch {
	case !w.Has(WorkPrimaryNOC):
		if !w.FromJobs && w.Summary&(WorkCanadian10|WorkForeign10|WorkPrimaryRun) != 0 {
			c.unsure(ReasonPrimaryNOCMissing)
		} else {
			c.fail(ReasonFSWNoContinuousYear)
		}
	case w.PrimaryNOC != unknownNOC && !Skilled(w.PrimaryNOC):
		c.fail(ReasonFSWPrimaryNOCNotTEER03)
	case !w.Has(WorkPrimaryRun):
		c.unsure(ReasonPrimaryNOCContinuousMiss)
	case w.PrimaryRun < HoursPerYear:
		c.fail(ReasonFSWNoContinuousYear)
	}
	switch {
	case !pts.AgeKnown && pts.Total+12 < FSWPassMark:
		c.fail(ReasonFSWPointsBelow67) // even 12 age points would not reach 67
	case !pts.AgeKnown:
		c.unsure(ReasonAgeMissing)
	case pts.Total < FSWPassMark:
		c.fail(ReasonFSWPointsBelow67)
	}
	c.funds(p, in.asOf)
}
