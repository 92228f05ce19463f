package rules

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

// The Comprehensive Ranking System, from dated grids (data/crs.json).

//go:embed data/crs.json
var crsJSON []byte

// CRSGrid is one edition of the CRS points, in force between two dates.
// Lists are indexed by CLB level (0..10), by years (0..5) or by age from
// AgeFrom; education maps are keyed by the education_level vocabulary.
type CRSGrid struct {
	Name          string `json:"name"`
	Title         string `json:"title"`
	EffectiveFrom Date   `json:"effective_from"`
	EffectiveTo   *Date  `json:"effective_to"`
	Source        string `json:"source"`

	AgeFrom          int            `json:"age_from"`
	AgeWith          []int          `json:"age_with_spouse"`
	AgeWithout       []int          `json:"age_without_spouse"`
	EducationWith    map[string]int `json:"education_with_spouse"`
	EducationWithout map[string]int `json:"education_without_spouse"`
	FirstWith        []int          `json:"first_language_with_spouse"`
	FirstWithout     []int          `json:"first_language_without_spouse"`
	Second           []int          `json:"second_language"`
	SecondCapWith    int            `json:"second_language_cap_with_spouse"`
	SecondCapWithout int            `json:"second_language_cap_without_spouse"`
	WorkWith         []int          `json:"canadian_work_with_spouse"`
	WorkWithout      []int          `json:"canadian_work_without_spouse"`

	SpouseEducation map[string]int `json:"spouse_education"`
	SpouseLanguage  []int          `json:"spouse_language"`
	SpouseWork      []int          `json:"spouse_canadian_work"`

	// Transferability pairs: [good, strong] for language (CLB 7+ with one
	// below 9 / CLB 9+ in all four) and [1 year, 2+ years] of Canadian work.
	TransferPostSecondary  [2]int `json:"transfer_post_secondary"`
	TransferTwoOrMore      [2]int `json:"transfer_two_or_more"`
	TransferForeignOneTwo  [2]int `json:"transfer_foreign_one_two"`
	TransferForeignThreeUp [2]int `json:"transfer_foreign_three_plus"`
	TransferCertificate    [2]int `json:"transfer_certificate"` // CLB 5+ with one below 7 / CLB 7+
	TransferBlockCap       int    `json:"transfer_block_cap"`
	TransferCap            int    `json:"transfer_cap"`
	ProvincialNomination   int    `json:"provincial_nomination"`
	Sibling                int    `json:"sibling"`
	FrenchWithEnglish      int    `json:"french_with_english"`
	FrenchOnly             int    `json:"french_only"`
	CanadianStudyOneTwo    int    `json:"canadian_study_one_two"`
	CanadianStudyThreePlus int    `json:"canadian_study_three_plus"`
	JobOfferMajorGroup00   int    `json:"job_offer_major_group_00"`
	JobOfferOther          int    `json:"job_offer_other"`
	AdditionalCap          int    `json:"additional_cap"`
	educationWith          [9]int // by EducationLevel
	educationWithout       [9]int
	spouseEducation        [9]int
}

var (
	crsOnce  sync.Once
	crsGrids []*CRSGrid
	crsErr   error
)

func parseCRS(data []byte) ([]*CRSGrid, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f struct {
		Format string     `json:"format"`
		Note   string     `json:"note"`
		Grids  []*CRSGrid `json:"grids"`
	}
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	for i, g := range f.Grids {
		if err := g.validate(); err != nil {
			return nil, fmt.Errorf("CRS grid %q: %w", g.Name, err)
		}
		if i > 0 {
			prev := f.Grids[i-1]
			if prev.EffectiveTo == nil || *prev.EffectiveTo+1 != g.EffectiveFrom {
				return nil, fmt.Errorf("CRS grids %q and %q do not follow each other", prev.Name, g.Name)
			}
		}
	}
	return f.Grids, nil
}

func (g *CRSGrid) validate() error {
	lists := []struct {
		name string
		v    []int
		n    int
	}{
		{"age_with_spouse", g.AgeWith, 0}, {"age_without_spouse", g.AgeWithout, 0},
		{"first_language_with_spouse", g.FirstWith, 11}, {"first_language_without_spouse", g.FirstWithout, 11},
		{"second_language", g.Second, 11}, {"canadian_work_with_spouse", g.WorkWith, 6},
		{"canadian_work_without_spouse", g.WorkWithout, 6}, {"spouse_language", g.SpouseLanguage, 11},
		{"spouse_canadian_work", g.SpouseWork, 6},
	}
	for _, l := range lists {
		if l.n == 0 {
			l.n = len(g.AgeWith)
		}
		if len(l.v) != l.n || l.n == 0 {
			return fmt.Errorf("%s has %d values, want %d", l.name, len(l.v), l.n)
		}
		for k := 1; k < len(l.v) && l.name[:3] != "age"; k++ {
			if l.v[k] < l.v[k-1] {
				return fmt.Errorf("%s falls at %d", l.name, k)
			}
		}
	}
	if g.AgeWith[len(g.AgeWith)-1] != 0 || g.AgeWithout[len(g.AgeWithout)-1] != 0 || g.AgeFrom <= 0 {
		return fmt.Errorf("the age lists must end at 0 points")
	}
	for _, m := range []struct {
		name string
		src  map[string]int
		dst  *[9]int
	}{{"education_with_spouse", g.EducationWith, &g.educationWith}, {"education_without_spouse", g.EducationWithout, &g.educationWithout},
		{"spouse_education", g.SpouseEducation, &g.spouseEducation}} {
		if len(m.src) != 8 {
			return fmt.Errorf("%s has %d levels, want 8", m.name, len(m.src))
		}
		for lv := EducationLessThanSecondary; lv <= EducationDoctoral; lv++ {
			v, ok := m.src[lv.String()]
			if !ok {
				return fmt.Errorf("%s lacks %s", m.name, lv)
			}
			m.dst[lv] = v
		}
	}
	if g.EffectiveFrom.IsZero() || g.TransferBlockCap <= 0 || g.TransferCap <= 0 || g.AdditionalCap <= 0 {
		return fmt.Errorf("effective_from and the caps are needed")
	}
	return nil
}

// CRSGridAt returns the grid in force on day, or nil.
func CRSGridAt(day Date) *CRSGrid {
	crsOnce.Do(func() { crsGrids, crsErr = parseCRS(crsJSON) })
	if crsErr != nil {
		panic("built-in CRS grids: " + crsErr.Error())
	}
	for _, g := range crsGrids {
		if !day.Before(g.EffectiveFrom) && (g.EffectiveTo == nil || !g.EffectiveTo.Before(day)) {
			return g
		}
	}
	return nil
}

// CRS is a score with every factor. Lists of four are per ability (R, W,
// L, S). The part totals are the output columns crs_core, crs_spouse,
// crs_transfer and crs_additional; Total is crs_score.
type CRS struct {
	Known      bool // computed: age and education are known and a grid is in force
	Grid       string
	WithSpouse bool

	Age            int
	Education      int
	FirstLanguage  [4]int
	SecondLanguage int // after its cap
	CanadianWork   int
	Core           int

	SpouseEducation int
	SpouseLanguage  [4]int
	SpouseWork      int
	Spouse          int

	EducationLanguage   int // education x first language
	EducationCanadian   int // education x Canadian work
	EducationBlock      int // the two, capped
	ForeignLanguage     int // foreign work x first language
	ForeignCanadian     int // foreign work x Canadian work
	ForeignBlock        int // the two, capped
	CertificateLanguage int // certificate of qualification x first language
	Transfer            int // the three blocks, capped

	ProvincialNomination int
	French               int
	Sibling              int
	CanadianStudy        int
	JobOffer             int
	Additional           int // capped

	Total int
}

// crsInput is what the CRS looks at.
type crsInput struct {
	age                     int
	education               EducationLevel
	eca                     Tri
	withSpouse              bool
	first, second           *LangResult
	english, french, spouse *LangResult
	work                    *Work
	p                       *Profile
}

// postSecondary kinds for transferability: 0 none, 1 one year or more,
// 2 two or more credentials / master's / doctoral.
func postSecondaryKind(e EducationLevel) int {
	switch e {
	case EducationOneYear, EducationTwoYear, EducationBachelors:
		return 1
	case EducationTwoOrMore, EducationMasters, EducationDoctoral:
		return 2
	}
	return 0
}

func years(hours float64) int {
	if hours <= 0 {
		return 0
	}
	return int(hours/HoursPerYear + 1e-9)
}

func at(list []int, i int) int {
	if i < 0 {
		return 0
	}
	if i >= len(list) {
		return list[len(list)-1]
	}
	return list[i]
}

// block is one transferability block: the pair's points for the language
// (0 none, 1 good, 2 strong) and for the Canadian work (0, 1, 2+ years),
// and the two together, capped.
func (g *CRSGrid) block(pair [2]int, lang, cdn int) (withLang, withCdn, total int) {
	if lang > 0 {
		withLang = pair[lang-1]
	}
	if cdn > 0 {
		withCdn = pair[cdn-1]
	}
	return withLang, withCdn, min(withLang+withCdn, g.TransferBlockCap)
}

// score computes the CRS on grid g.
func (g *CRSGrid) score(in *crsInput) CRS {
	c := CRS{Known: true, Grid: g.Name, WithSpouse: in.withSpouse}
	age, edu, first, work := g.AgeWithout, &g.educationWithout, g.FirstWithout, g.WorkWithout
	secondCap := g.SecondCapWithout
	if in.withSpouse {
		age, edu, first, work = g.AgeWith, &g.educationWith, g.FirstWith, g.WorkWith
		secondCap = g.SecondCapWith
	}
	if i := in.age - g.AgeFrom; i >= 0 && i < len(age) {
		c.Age = age[i]
	}
	education := in.education
	if in.eca == TriNo {
		education = EducationLessThanSecondary // a foreign credential without an ECA earns nothing
	}
	c.Education = edu[education]
	second := 0
	for ab := 0; ab < 4; ab++ {
		if in.first.Counts {
			c.FirstLanguage[ab] = at(first, in.first.Levels[ab])
		}
		if in.second.Counts {
			second += at(g.Second, in.second.Levels[ab])
		}
	}
	c.SecondLanguage = min(second, secondCap)
	cdnYears := years(in.work.Canadian10)
	c.CanadianWork = at(work, cdnYears)
	c.Core = c.Age + c.Education + c.FirstLanguage[0] + c.FirstLanguage[1] + c.FirstLanguage[2] + c.FirstLanguage[3] + c.SecondLanguage + c.CanadianWork

	if in.withSpouse {
		c.SpouseEducation = g.spouseEducation[in.p.SpouseEducation]
		if in.spouse.Counts {
			for ab := 0; ab < 4; ab++ {
				c.SpouseLanguage[ab] = at(g.SpouseLanguage, in.spouse.Levels[ab])
			}
		}
		if m := in.p.SpouseCanadianWorkMonths; m != Unknown {
			c.SpouseWork = at(g.SpouseWork, years(m*HoursPerMonth))
		}
		c.Spouse = c.SpouseEducation + c.SpouseLanguage[0] + c.SpouseLanguage[1] + c.SpouseLanguage[2] + c.SpouseLanguage[3] + c.SpouseWork
	}

	// Skill transferability. Language: 1 good (CLB 7+, one below 9),
	// 2 strong (CLB 9+ in all four).
	lang := 0
	if in.first.AllAtLeast(9) {
		lang = 2
	} else if in.first.AllAtLeast(7) {
		lang = 1
	}
	cdn := min(cdnYears, 2) // 1 year, 2+ years
	var eduPair [2]int
	switch postSecondaryKind(education) {
	case 1:
		eduPair = g.TransferPostSecondary
	case 2:
		eduPair = g.TransferTwoOrMore
	}
	c.EducationLanguage, c.EducationCanadian, c.EducationBlock = g.block(eduPair, lang, cdn)
	var forPair [2]int
	switch fy := years(in.work.Foreign10); {
	case fy >= 3:
		forPair = g.TransferForeignThreeUp
	case fy >= 1:
		forPair = g.TransferForeignOneTwo
	}
	c.ForeignLanguage, c.ForeignCanadian, c.ForeignBlock = g.block(forPair, lang, cdn)
	if in.p.Certificate.Yes() {
		switch {
		case in.first.AllAtLeast(7):
			c.CertificateLanguage = g.TransferCertificate[1]
		case in.first.AllAtLeast(5):
			c.CertificateLanguage = g.TransferCertificate[0]
		}
	}
	c.Transfer = min(c.EducationBlock+c.ForeignBlock+min(c.CertificateLanguage, g.TransferBlockCap), g.TransferCap)

	// Additional points.
	if in.p.ProvincialNomination.Yes() {
		c.ProvincialNomination = g.ProvincialNomination
	}
	c.French = FrenchBonus(in.french, in.english, g.FrenchWithEnglish, g.FrenchOnly)
	if in.p.SiblingInCanada.Yes() {
		c.Sibling = g.Sibling
	}
	switch in.p.CanadianEducation {
	case CanadianEducationOneYear, CanadianEducationTwoYear:
		c.CanadianStudy = g.CanadianStudyOneTwo
	case CanadianEducationThreeYearPlus:
		c.CanadianStudy = g.CanadianStudyThreePlus
	}
	if in.p.JobOffer.Yes() {
		code := in.p.JobOfferNOC
		switch {
		case len(code) == 5 && code[:2] == "00":
			c.JobOffer = g.JobOfferMajorGroup00
		case code == "" || Skilled(code):
			c.JobOffer = g.JobOfferOther
		}
	}
	c.Additional = min(c.ProvincialNomination+c.French+c.Sibling+c.CanadianStudy+c.JobOffer, g.AdditionalCap)
	c.Total = c.Core + c.Spouse + c.Transfer + c.Additional
	return c
}
