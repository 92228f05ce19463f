package rules

// Federal Skilled Trades (express_entry_facts.md 4.4 with errata 1): two
// years (3,120 hours) in one skilled trade in the last 5 years; CLB 5 in
// speaking and listening and CLB 4 in reading and writing; a job offer or
// a Canadian certificate of qualification; proof of funds; outside Quebec.

// fstTradeGroups are the NOC 2021 groups of the skilled trades (errata 1:
// IRPR s.87.2(1) as transcribed): Major Groups 72 (except Sub-Major Group
// 726), 73, 82, 83, 92, 93 (except Sub-Major Group 932), Minor Group 6320
// and Unit Group 62200. A prefix starting with "-" excludes.
var fstTradeGroups = [...]string{"-726", "-932", "72", "73", "82", "83", "92", "93", "6320", "62200"}

// IsSkilledTrade reports whether a NOC 2021 code is a skilled trade for FST.
func IsSkilledTrade(code string) bool {
	if len(code) != 5 {
		return false
	}
	for _, g := range fstTradeGroups {
		if g[0] == '-' {
			if code[:len(g)-1] == g[1:] {
				return false
			}
			continue
		}
		if code[:len(g)] == g {
			return true
		}
	}
	return false
}

// FSTMinHours is two years of full-time work.
const FSTMinHours = 2 * HoursPerYear

func evalFST(in *programInput, w *Work, res *ProgramResult) {
	c := check{res: res, why: in.why}
	defer c.done()
	p := in.p
	if p.Quebec {
		c.fail(ReasonIntendsQuebec)
		return
	}
	if lv := in.first.Levels; !in.first.Counts || lv[Speaking] < 5 || lv[Listening] < 5 || lv[Reading] < 4 || lv[Writing] < 4 {
		c.failOrUnsure(ReasonFSTLanguageBelowMinimum, in.firstDoubt)
	}
	switch {
	case !w.Has(WorkTradeNOC):
		c.fail(ReasonFSTNoTradeExperience)
	case w.TradeNOC != unknownNOC && !IsSkilledTrade(w.TradeNOC):
		c.fail(ReasonFSTNotASkilledTrade)
	case !w.Has(WorkTrade5):
		c.unsure(ReasonTradeMonths5yMissing)
	case w.Trade5 < FSTMinHours:
		c.fail(ReasonFSTTradeWorkUnder24Months)
	}
	if !p.JobOffer.Yes() && !p.Certificate.Yes() {
		c.fail(ReasonFSTNoJobOfferOrCertificate)
	}
	c.funds(p, in.asOf)
}
