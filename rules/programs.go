package rules

// The three Express Entry programs (spec section 8, express_entry_facts.md
// section 4, errata 1, 5, 8 and 10): each eligible, not_eligible or review
// with reasons.

// Program names a program.
type Program uint8

const (
	ProgramCEC Program = iota // Canadian Experience Class
	ProgramFSW                // Federal Skilled Worker
	ProgramFST                // Federal Skilled Trades
)

var programIDs = [...]string{"cec", "fsw", "fst"}

// ID is the round type id of the program ("cec", "fsw", "fst").
func (p Program) ID() string { return programIDs[p] }

// ProgramResult is the outcome of one program. Reasons are the codes that
// explain it, in the order the requirements are checked: notes for a
// requirement not met (fsw_points_below_67), review codes for data that is
// missing or doubtful (age_missing). Status is not_eligible when any
// requirement is definitely not met, else review when any is in doubt.
type ProgramResult struct {
	Status  Status
	Reasons []string
}

// check accumulates one program's requirements. Review codes also go to
// why (the applicant's reasons) when it is not nil.
type check struct {
	res    *ProgramResult
	why    *[]Reason
	failed bool
	doubt  bool
}

// fail records a requirement not met.
func (c *check) fail(code string) {
	c.failed = true
	c.res.Reasons = append(c.res.Reasons, code)
}

// unsure records a requirement that the data cannot settle (a review
// code).
func (c *check) unsure(code string) {
	c.doubt = true
	c.res.Reasons = append(c.res.Reasons, code)
	if c.why != nil {
		*c.why = append(*c.why, Reason{Code: code, Kind: KindReview, Job: -1})
	}
}

// failOrUnsure records a requirement not met that better data might meet
// (a language test with a review reason of its own, already among the
// applicant's reasons).
func (c *check) failOrUnsure(code string, doubtful bool) {
	if doubtful {
		c.doubt = true
		c.res.Reasons = append(c.res.Reasons, code)
		return
	}
	c.fail(code)
}

// funds applies the proof of funds (FSW, FST).
func (c *check) funds(p *Profile, asOf Date) {
	switch code, review := fundsCheck(p, asOf); {
	case code == "":
	case review:
		c.unsure(code)
	default:
		c.fail(code)
	}
}

func (c *check) done() {
	switch {
	case c.failed:
		c.res.Status = NotEligible
	case c.doubt:
		c.res.Status = Review
	default:
		c.res.Status = Eligible
	}
}

// programInput is what the programs look at, prepared once per applicant.
type programInput struct {
	p          *Profile
	asOf       Date
	age        int // Unknown when neither date of birth nor age is known
	withSpouse bool
	first      *LangResult // first official language (lang1, or the older columns)
	second     *LangResult
	spouse     *LangResult
	// firstDoubt: the first-language result is missing a date, not
	// designated, partly unreadable or otherwise in doubt; a program that
	// fails on language alone is then review.
	firstDoubt bool
	// why receives the programs' review codes (nil: not collected).
	why *[]Reason
}

// FSWPoints is the FSW selection grid (max 100; pass mark 67).
type FSWPoints struct {
	Language     int // first language (max 24) + second language (4)
	Education    int // max 25
	Experience   int // max 15
	Age          int // max 12
	Arranged     int // arranged employment, 10
	Adaptability int // max 10
	Total        int
	AgeKnown     bool // false: Total is without age points (the column is blank)
}

// FSWPassMark is the FSW grid's pass mark.
const FSWPassMark = 67
