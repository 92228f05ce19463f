package rules

import "strings"

// Field is one applicant profile column of profile-columns.md, by its
// canonical name (Field.String). The job fields (jobN_*) are the screening
// stage's: they become Applicant.Jobs.
type Field uint8

const (
	FieldDateOfBirth Field = iota
	FieldAge
	FieldMaritalStatus
	FieldSpouseAccompanying
	FieldSpouseCitizenOrPR
	FieldDependentChildren
	FieldFamilySize
	FieldIntendedProvince

	FieldEducationLevel
	FieldECA
	FieldCanadianEducation
	// FieldSpouseEducationLevel is not in profile-columns.md: it carries the
	// CRS spouse education factor (same vocabulary as education_level).
	// Blank scores 0, as IRCC's tool does without it.
	FieldSpouseEducationLevel

	FieldLang1Test
	FieldLang1TestDate
	FieldLang1ResultDate
	FieldLang1Reading
	FieldLang1Writing
	FieldLang1Listening
	FieldLang1Speaking
	FieldLang2Test
	FieldLang2TestDate
	FieldLang2ResultDate
	FieldLang2Reading
	FieldLang2Writing
	FieldLang2Listening
	FieldLang2Speaking
	FieldSpouseLangTest
	FieldSpouseLangTestDate
	FieldSpouseLangResultDate
	FieldSpouseLangReading
	FieldSpouseLangWriting
	FieldSpouseLangListening
	FieldSpouseLangSpeaking
	FieldFrenchReading
	FieldFrenchWriting
	FieldFrenchListening
	FieldFrenchSpeaking
	FieldEnglishReading
	FieldEnglishWriting
	FieldEnglishListening
	FieldEnglishSpeaking

	FieldCanadianWorkMonths
	FieldCanadianWorkMonths3y
	FieldCanadianWorkTEER
	FieldForeignWorkMonths
	FieldPrimaryNOC
	FieldPrimaryNOCContinuousMonths
	FieldTradeMonths5y
	FieldSpouseCanadianWorkMonths
	FieldSpouseCanadianStudy

	FieldCertificateOfQualification
	FieldJobOffer
	FieldJobOfferNOC
	FieldAuthorizedToWork
	FieldProvincialNomination
	FieldSiblingInCanada
	FieldRelativeInCanada
	FieldSettlementFunds

	NumFields // the number of profile fields
)

var fieldNames = [NumFields]string{
	"date_of_birth", "age", "marital_status", "spouse_accompanying", "spouse_canadian_citizen_or_pr",
	"dependent_children", "family_size", "intended_province",
	"education_level", "eca", "canadian_education", "spouse_education_level",
	"lang1_test", "lang1_test_date", "lang1_result_date", "lang1_reading", "lang1_writing", "lang1_listening", "lang1_speaking",
	"lang2_test", "lang2_test_date", "lang2_result_date", "lang2_reading", "lang2_writing", "lang2_listening", "lang2_speaking",
	"spouse_lang_test", "spouse_lang_test_date", "spouse_lang_result_date", "spouse_lang_reading", "spouse_lang_writing",
	"spouse_lang_listening", "spouse_lang_speaking",
	"french_reading", "french_writing", "french_listening", "french_speaking",
	"english_reading", "english_writing", "english_listening", "english_speaking",
	"canadian_work_months", "canadian_work_months_3y", "canadian_work_teer", "foreign_work_months", "primary_noc",
	"primary_noc_continuous_months", "trade_months_5y", "spouse_canadian_work_months", "spouse_canadian_study",
	"certificate_of_qualification", "job_offer", "job_offer_noc", "authorized_to_work_in_canada",
	"provincial_nomination", "sibling_in_canada", "relative_in_canada", "settlement_funds_cad",
}

var (
	fieldByName     = map[string]Field{}
	unreadableCodes [NumFields]string
)

func init() {
	for f := Field(0); f < NumFields; f++ {
		fieldByName[fieldNames[f]] = f
		unreadableCodes[f] = fieldNames[f] + UnreadableSuffix
	}
}

// String is the canonical column name.
func (f Field) String() string {
	if f >= NumFields {
		return ""
	}
	return fieldNames[f]
}

// FieldByName finds a profile field by its canonical column name.
func FieldByName(name string) (Field, bool) {
	f, ok := fieldByName[name]
	return f, ok
}

// ProfileCells holds the cells of one applicant's profile, by field: the
// screening stage fills it from the applicant's rows (the columns it
// detected) and hands it to Parse. The zero value is an empty profile.
type ProfileCells [NumFields]string

// Set records a cell. Blank cells are ignored; a non-blank value that
// differs from one already set (other than in case and surrounding
// spaces) is refused and Set reports false: in the long shape that is the
// review reason ReasonApplicantValuesDiffer for the field (the first value
// is kept).
func (c *ProfileCells) Set(f Field, v string) bool {
	v = strings.TrimSpace(v)
	if v == "" {
		return true
	}
	if c[f] == "" {
		c[f] = v
		return true
	}
	return strings.EqualFold(c[f], v)
}

// Reset empties the cells for the next applicant.
func (c *ProfileCells) Reset() { *c = ProfileCells{} }

// Unknown marks a number the sheet did not give.
const Unknown = -1

// Profile is an applicant's profile, typed. Numbers the sheet left blank
// are Unknown (-1); yes/no cells keep TriBlank so that each rule applies
// the blank meaning of its column. Make one with ParseProfile (or
// NewProfile): the zero value means age 0 and zero months, not blanks.
type Profile struct {
	// Empty: no profile cell was given (a list of jobs only). Assess then
	// adds none of the reasons for missing profile values and explains the
	// categories alone.
	Empty bool

	// Person and family.
	DateOfBirth        Date // zero: not given (or unreadable)
	Age                int  // the age column; Unknown when blank
	Marital            MaritalStatus
	SpouseAccompanying Tri
	SpouseCitizenOrPR  Tri
	DependentChildren  int // Unknown when blank (counts as 0)
	FamilySize         int // the family_size column; Unknown: computed
	Quebec             bool
	// FamilyUnreadable: dependent_children or family_size could not be read.
	FamilyUnreadable bool

	// Education.
	Education         EducationLevel
	ECA               Tri // blank: assessed, or Canadian
	CanadianEducation CanadianEducation
	SpouseEducation   EducationLevel

	// Language tests.
	Lang1, Lang2, SpouseLang  LangTest
	OlderFrench, OlderEnglish LangTest // french_* (NCLC), english_* (CLB)

	// Work summaries (FTE months; Unknown when blank).
	CanadianWorkMonths         float64
	CanadianWorkMonths3y       float64
	CanadianWorkTEER           int // 0-3, Unknown
	ForeignWorkMonths          float64
	PrimaryNOC                 string
	PrimaryNOCContinuousMonths float64
	TradeMonths5y              float64
	SpouseCanadianWorkMonths   float64
	SpouseCanadianStudy        Tri

	// Other factors.
	Certificate          Tri
	JobOffer             Tri
	JobOfferNOC          string
	AuthorizedToWork     Tri
	ProvincialNomination Tri
	SiblingInCanada      Tri
	RelativeInCanada     Tri
	SettlementFunds      float64 // CAD; Unknown
}

// NewProfile is a profile with every value blank (Empty).
func NewProfile() Profile {
	return Profile{
		Empty: true, Age: Unknown, DependentChildren: Unknown, FamilySize: Unknown,
		CanadianWorkMonths: Unknown, CanadianWorkMonths3y: Unknown, CanadianWorkTEER: Unknown,
		ForeignWorkMonths: Unknown, PrimaryNOCContinuousMonths: Unknown, TradeMonths5y: Unknown,
		SpouseCanadianWorkMonths: Unknown, SettlementFunds: Unknown,
	}
}

// DateOrders gives the date order of each date column (the screening
// stage settles it per column); the zero value reads all as d/m/y.
type DateOrders [NumFields]DateOrder

// UniformOrder uses one order for every date column.
func UniformOrder(o DateOrder) *DateOrders {
	var d DateOrders
	for i := range d {
		d[i] = o
	}
	return &d
}

// ParseProfile reads the cells into a Profile. Every cell that breaks its
// vocabulary gives a KindInput reason <column>_unreadable (UnreadableCode)
// and is treated as blank; an ambiguous date gives the note
// date_order_assumed. Rules about the values themselves (a language score
// off its scale, an expired test, an age missing) are Assess's, which
// knows the as-of date. ParseProfile does not allocate beyond the reasons
// it returns.
func ParseProfile(c *ProfileCells, orders *DateOrders) (Profile, []Reason) {
	var p Profile
	why := c.ParseInto(&p, orders, nil)
	return p, why
}

// ParseInto is ParseProfile writing into p and appending to dst, so that a
// caller can reuse both across applicants.
func (c *ProfileCells) ParseInto(p *Profile, orders *DateOrders, dst []Reason) []Reason {
	if orders == nil {
		orders = &DateOrders{}
	}
	*p = NewProfile()
	p.Empty = *c == ProfileCells{}
	bad := func(f Field) {
		dst = append(dst, Reason{Code: unreadableCodes[f], Kind: KindInput, Field: fieldNames[f], Job: -1})
	}
	date := func(f Field) Date {
		if c[f] == "" {
			return 0
		}
		r, err := ParseDate(c[f], orders[f], false)
		if err != nil || r.Ongoing {
			bad(f)
			return 0
		}
		if r.Ambiguous {
			dst = append(dst, fieldReason(ReasonDateOrderAssumed, f))
		}
		return r.Day
	}
	tri := func(f Field) Tri {
		t, ok := ParseBool(c[f])
		if !ok {
			bad(f)
		}
		return t
	}
	months := func(f Field) float64 {
		if c[f] == "" {
			return Unknown
		}
		m, ok := ParseMonths(c[f])
		if !ok {
			bad(f)
			return Unknown
		}
		return m
	}
	noc := func(f Field) string {
		if c[f] == "" {
			return ""
		}
		code, ok := ParseNOC(c[f])
		if !ok {
			bad(f)
		}
		return code
	}
	var ok bool

	p.DateOfBirth = date(FieldDateOfBirth)
	if c[FieldAge] != "" {
		if p.Age, ok = ParseCount(c[FieldAge], 120); !ok {
			p.Age = Unknown
			bad(FieldAge)
		}
	}
	if p.Marital, ok = ParseMarital(c[FieldMaritalStatus]); !ok {
		bad(FieldMaritalStatus)
	}
	p.SpouseAccompanying = tri(FieldSpouseAccompanying)
	p.SpouseCitizenOrPR = tri(FieldSpouseCitizenOrPR)
	if c[FieldDependentChildren] != "" {
		if p.DependentChildren, ok = ParseCount(c[FieldDependentChildren], 30); !ok {
			p.DependentChildren, p.FamilyUnreadable = Unknown, true
			bad(FieldDependentChildren)
		}
	}
	if c[FieldFamilySize] != "" {
		if p.FamilySize, ok = ParseCount(c[FieldFamilySize], 40); !ok || p.FamilySize == 0 {
			p.FamilySize, p.FamilyUnreadable = Unknown, true
			bad(FieldFamilySize)
		}
	}
	p.Quebec = IsQuebec(c[FieldIntendedProvince])

	if p.Education, ok = ParseEducation(c[FieldEducationLevel]); !ok {
		bad(FieldEducationLevel)
	}
	p.ECA = tri(FieldECA)
	if p.CanadianEducation, ok = ParseCanadianEducation(c[FieldCanadianEducation]); !ok {
		bad(FieldCanadianEducation)
	}
	if p.SpouseEducation, ok = ParseEducation(c[FieldSpouseEducationLevel]); !ok {
		bad(FieldSpouseEducationLevel)
	}

	for _, t := range [...]struct {
		test  *LangTest
		first Field
	}{{&p.Lang1, FieldLang1Test}, {&p.Lang2, FieldLang2Test}, {&p.SpouseLang, FieldSpouseLangTest}} {
		if t.test.Type, ok = ParseTestType(c[t.first]); !ok {
			t.test.TypeBad = true
			bad(t.first)
		}
		t.test.TestDate = date(t.first + 1)
		t.test.ResultDate = date(t.first + 2)
		dst = c.scores(t.test, t.first+3, dst)
	}
	p.OlderFrench.Type, p.OlderFrench.Undated = TestNCLC, true
	p.OlderEnglish.Type, p.OlderEnglish.Undated = TestCLB, true
	dst = c.scores(&p.OlderFrench, FieldFrenchReading, dst)
	dst = c.scores(&p.OlderEnglish, FieldEnglishReading, dst)
	for _, t := range [...]*LangTest{&p.OlderFrench, &p.OlderEnglish} {
		if t.Has == [4]bool{} && t.Bad == [4]bool{} {
			*t = LangTest{} // no older levels: no test
		}
	}

	p.CanadianWorkMonths = months(FieldCanadianWorkMonths)
	p.CanadianWorkMonths3y = months(FieldCanadianWorkMonths3y)
	if c[FieldCanadianWorkTEER] != "" {
		if p.CanadianWorkTEER, ok = ParseTEER(c[FieldCanadianWorkTEER]); !ok {
			p.CanadianWorkTEER = Unknown
			bad(FieldCanadianWorkTEER)
		}
	}
	p.ForeignWorkMonths = months(FieldForeignWorkMonths)
	p.PrimaryNOC = noc(FieldPrimaryNOC)
	p.PrimaryNOCContinuousMonths = months(FieldPrimaryNOCContinuousMonths)
	p.TradeMonths5y = months(FieldTradeMonths5y)
	p.SpouseCanadianWorkMonths = months(FieldSpouseCanadianWorkMonths)
	p.SpouseCanadianStudy = tri(FieldSpouseCanadianStudy)

	p.Certificate = tri(FieldCertificateOfQualification)
	p.JobOffer = tri(FieldJobOffer)
	p.JobOfferNOC = noc(FieldJobOfferNOC)
	p.AuthorizedToWork = tri(FieldAuthorizedToWork)
	p.ProvincialNomination = tri(FieldProvincialNomination)
	p.SiblingInCanada = tri(FieldSiblingInCanada)
	p.RelativeInCanada = tri(FieldRelativeInCanada)
	if c[FieldSettlementFunds] != "" {
		if p.SettlementFunds, ok = ParseMoney(c[FieldSettlementFunds]); !ok {
			p.SettlementFunds = Unknown
			bad(FieldSettlementFunds)
		}
	}
	return dst
}

// scores reads the four score cells starting at first (reading, writing,
// listening, speaking). The older level columns keep the code they always
// had for a bad cell, language_score_unreadable.
func (c *ProfileCells) scores(t *LangTest, first Field, dst []Reason) []Reason {
	older := first == FieldFrenchReading || first == FieldEnglishReading
	for ab := 0; ab < 4; ab++ {
		f := first + Field(ab)
		if c[f] == "" {
			continue
		}
		v, ok := ParseScore(c[f])
		if !ok {
			t.Bad[ab] = true
			code := unreadableCodes[f]
			if older {
				code = ReasonLanguageScoreUnreadable
			}
			dst = append(dst, Reason{Code: code, Kind: KindInput, Field: fieldNames[f], Job: -1})
			continue
		}
		t.Scores[ab], t.Has[ab] = v, true
	}
	return dst
}
