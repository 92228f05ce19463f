package rules

import (
	"strconv"
	"strings"
)

// The vocabularies of the profile columns (profile-columns.md), each read
// from a cell string. Case, accents, spaces and punctuation are ignored
// ("Common-Law", "common law" and "common_law" are one word). The parsers
// do not allocate for the common spellings: a cell is folded into a stack
// buffer and looked up in a table built once.

// Tri is a yes/no cell that may be blank.
type Tri uint8

const (
	TriBlank Tri = iota
	TriNo
	TriYes
)

// Yes reports whether the cell said yes (blank is no).
func (t Tri) Yes() bool { return t == TriYes }

// MaritalStatus is the marital_status vocabulary.
type MaritalStatus uint8

const (
	MaritalUnknown MaritalStatus = iota // blank
	MaritalSingle
	MaritalMarried
	MaritalCommonLaw
	MaritalDivorced
	MaritalSeparated
	MaritalWidowed
	MaritalAnnulled
)

var maritalNames = [...]string{"", "single", "married", "common_law", "divorced", "separated", "widowed", "annulled"}

func (m MaritalStatus) String() string { return maritalNames[m] }

// HasPartner reports a spouse or common-law partner.
func (m MaritalStatus) HasPartner() bool { return m == MaritalMarried || m == MaritalCommonLaw }

// EducationLevel is the education_level vocabulary (CRS levels, EEF 5.A),
// in increasing order.
type EducationLevel uint8

const (
	EducationUnknown EducationLevel = iota // blank
	EducationLessThanSecondary
	EducationSecondary
	EducationOneYear
	EducationTwoYear
	EducationBachelors // bachelor's, or a program of 3 years or more
	EducationTwoOrMore // two or more credentials, one of them 3+ years
	EducationMasters   // master's, or an entry-to-practice professional degree
	EducationDoctoral
)

var educationNames = [...]string{"", "less_than_secondary", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "doctoral"}

func (e EducationLevel) String() string { return educationNames[e] }

// CanadianEducation is the canadian_education vocabulary.
type CanadianEducation uint8

const (
	CanadianEducationNone CanadianEducation = iota // blank or "none"
	CanadianEducationOneYear
	CanadianEducationTwoYear
	CanadianEducationThreeYearPlus // also master's and doctoral
)

var canadianEducationNames = [...]string{"none", "one_year", "two_year", "three_year_plus"}

func (c CanadianEducation) String() string { return canadianEducationNames[c] }

// fold lowers ASCII letters, keeps digits, maps the accented Latin letters
// French uses to their base letter and drops everything else, into buf,
// and returns the length. Cells longer than buf do not fold (ok false): no
// vocabulary word is that long. Callers look up string(buf[:n]) in a map,
// which does not allocate.
func fold(s string, buf *[48]byte) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == 0xC3 && i+1 < len(s): // two-byte UTF-8 of U+00C0..U+00FF
			i++
			c = latin1Base(s[i] + 0x40)
			if c == 0 {
				continue
			}
		default:
			continue
		}
		if n == len(buf) {
			return 0, false
		}
		buf[n] = c
		n++
	}
	return n, true
}

// latin1Base maps the Latin-1 letters U+00C0..U+00FF (given as their low
// byte) to an ASCII lower-case letter, or 0.
func latin1Base(b byte) byte {
	switch {
	case b >= 0xC0 && b <= 0xC5, b >= 0xE0 && b <= 0xE5:
		return 'a'
	case b == 0xC7, b == 0xE7:
		return 'c'
	case b >= 0xC8 && b <= 0xCB, b >= 0xE8 && b <= 0xEB:
		return 'e'
	case b >= 0xCC && b <= 0xCF, b >= 0xEC && b <= 0xEF:
		return 'i'
	case b >= 0xD2 && b <= 0xD6, b >= 0xF2 && b <= 0xF6:
		return 'o'
	case b >= 0xD9 && b <= 0xDC, b >= 0xF9 && b <= 0xFC:
		return 'u'
	}
	return 0
}

var boolWords = map[string]Tri{
	"yes": TriYes, "y": TriYes, "true": TriYes, "1": TriYes, "oui": TriYes,
	"no": TriNo, "n": TriNo, "false": TriNo, "0": TriNo, "non": TriNo,
}

// ParseBool reads yes/no/true/false/y/n/1/0/oui/non. Blank is TriBlank;
// ok is false for anything else.
func ParseBool(s string) (Tri, bool) {
	if s == "" {
		return TriBlank, true
	}
	return lookup(s, boolWords, TriBlank)
}

var maritalWords = map[string]MaritalStatus{
	"single": MaritalSingle, "nevermarried": MaritalSingle, "celibataire": MaritalSingle,
	"married": MaritalMarried, "marie": MaritalMarried, "mariee": MaritalMarried,
	"commonlaw": MaritalCommonLaw, "commonlawpartner": MaritalCommonLaw, "conjointdefait": MaritalCommonLaw,
	"unionlibre": MaritalCommonLaw, "defacto": MaritalCommonLaw,
	"divorced": MaritalDivorced, "divorce": MaritalDivorced, "divorcee": MaritalDivorced,
	"separated": MaritalSeparated, "separe": MaritalSeparated, "separee": MaritalSeparated,
	"widowed": MaritalWidowed, "widow": MaritalWidowed, "widower": MaritalWidowed, "veuf": MaritalWidowed, "veuve": MaritalWidowed,
	"annulled": MaritalAnnulled, "annulledmarriage": MaritalAnnulled,
}

// ParseMarital reads marital_status; blank is MaritalUnknown.
func ParseMarital(s string) (MaritalStatus, bool) {
	return lookup(s, maritalWords, MaritalUnknown)
}

var educationWords = map[string]EducationLevel{
	"lessthansecondary": EducationLessThanSecondary, "none": EducationLessThanSecondary, "nosecondary": EducationLessThanSecondary,
	"secondary": EducationSecondary, "highschool": EducationSecondary, "secondarydiploma": EducationSecondary,
	"highschooldiploma": EducationSecondary, "secondaire": EducationSecondary, "des": EducationSecondary,
	"oneyear": EducationOneYear, "1year": EducationOneYear, "oneyearpostsecondary": EducationOneYear,
	"twoyear": EducationTwoYear, "2year": EducationTwoYear, "twoyearpostsecondary": EducationTwoYear, "dec": EducationTwoYear,
	"bachelors": EducationBachelors, "bachelor": EducationBachelors, "bachelorsdegree": EducationBachelors,
	"threeyear": EducationBachelors, "3year": EducationBachelors, "baccalaureat": EducationBachelors,
	"twoormore": EducationTwoOrMore, "2ormore": EducationTwoOrMore, "twoormorecredentials": EducationTwoOrMore,
	"masters": EducationMasters, "master": EducationMasters, "mastersdegree": EducationMasters, "maitrise": EducationMasters,
	"professional": EducationMasters, "professionaldegree": EducationMasters,
	"doctoral": EducationDoctoral, "doctorate": EducationDoctoral, "phd": EducationDoctoral, "doctorat": EducationDoctoral,
}

// ParseEducation reads education_level (and spouse_education_level).
func ParseEducation(s string) (EducationLevel, bool) {
	return lookup(s, educationWords, EducationUnknown)
}

var canadianEducationWords = map[string]CanadianEducation{
	"none": CanadianEducationNone, "no": CanadianEducationNone, "0": CanadianEducationNone,
	"oneyear": CanadianEducationOneYear, "1year": CanadianEducationOneYear, "1": CanadianEducationOneYear,
	"twoyear": CanadianEducationTwoYear, "2year": CanadianEducationTwoYear, "2": CanadianEducationTwoYear,
	"threeyearplus": CanadianEducationThreeYearPlus, "3yearplus": CanadianEducationThreeYearPlus,
	"threeyear": CanadianEducationThreeYearPlus, "3year": CanadianEducationThreeYearPlus, "3": CanadianEducationThreeYearPlus,
	"masters": CanadianEducationThreeYearPlus, "doctoral": CanadianEducationThreeYearPlus, "phd": CanadianEducationThreeYearPlus,
	"bachelors": CanadianEducationThreeYearPlus,
}

// ParseCanadianEducation reads canadian_education; blank is none.
func ParseCanadianEducation(s string) (CanadianEducation, bool) {
	return lookup(s, canadianEducationWords, CanadianEducationNone)
}

var testWords = map[string]TestType{
	"ielts": TestIELTS, "ieltsgt": TestIELTS, "ieltsg": TestIELTS, "ieltsgeneral": TestIELTS, "ieltsgeneraltraining": TestIELTS,
	"ieltsgen": TestIELTS,
	"celpip":   TestCELPIP, "celpipg": TestCELPIP, "celpipgeneral": TestCELPIP,
	"ptecore": TestPTECore, "ptec": TestPTECore,
	"tef": TestTEF, "tefcanada": TestTEF,
	"tefancien": TestTEFAncien, "tefcanadaancien": TestTEFAncien, "tefancienscore": TestTEFAncien,
	"tefequivalenceancienscore": TestTEFAncien, "tefcanadaequivalenceancienscore": TestTEFAncien, "tefoldscore": TestTEFAncien,
	"tcf": TestTCF, "tcfcanada": TestTCF,
	"clb": TestCLB, "nclc": TestNCLC,
	// Real tests that Express Entry does not take.
	"ieltsacademic": TestNotDesignated, "ieltsac": TestNotDesignated, "ieltsacad": TestNotDesignated,
	"pteacademic": TestNotDesignated, "ptea": TestNotDesignated,
	"celpipls": TestNotDesignated, "celpipgls": TestNotDesignated, "celpipgeneralls": TestNotDesignated,
	"toefl": TestNotDesignated, "toeflibt": TestNotDesignated, "duolingo": TestNotDesignated, "det": TestNotDesignated,
	"cael": TestNotDesignated, "delf": TestNotDesignated, "dalf": TestNotDesignated,
	"tefaq": TestNotDesignated, "tefquebec": TestNotDesignated, "tcfq": TestNotDesignated, "tcfquebec": TestNotDesignated,
	"tcftp": TestNotDesignated, "tcftoutpublic": TestNotDesignated,
}

// ParseTestType reads lang*_test. "PTE" alone is not read: it could be
// Core (designated) or Academic (not).
func ParseTestType(s string) (TestType, bool) {
	return lookup(s, testWords, TestNone)
}

func lookup[T any](s string, words map[string]T, blank T) (T, bool) {
	if s == "" {
		return blank, true
	}
	var buf [48]byte
	n, ok := fold(s, &buf)
	if !ok {
		return blank, false
	}
	if n == 0 {
		return blank, strings.TrimSpace(s) == ""
	}
	v, ok := words[string(buf[:n])]
	return v, ok
}

// ParseNumber reads a plain decimal number: "14", "14.5", "14,5", with
// spaces around. It does not accept signs, exponents or units.
func ParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 24 {
		return 0, false
	}
	if isDigits(s) && len(s) <= 9 { // the common case: no allocation, exact
		n, _ := strconv.Atoi(s)
		return float64(n), true
	}
	dot := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case (c == '.' || c == ',') && dot < 0 && i > 0 && i+1 < len(s):
			dot = i
		default:
			return 0, false
		}
	}
	if dot >= 0 && s[dot] == ',' {
		s = s[:dot] + "." + s[dot+1:]
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// ParseScore reads a raw language score: a number ("6.5", "6,5", "410"),
// a level written with its scale ("CLB 7", "NCLC 8", "niveau 7") or
// CELPIP's "M" (below level 3, stored as 0).
func ParseScore(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "M" || s == "m" {
		return 0, true
	}
	if f, ok := ParseNumber(s); ok {
		return f, true
	}
	low := s
	for _, p := range [...]string{"NCLC", "nclc", "CLB", "clb", "Niveau", "niveau", "Level", "level"} {
		if strings.HasPrefix(low, p) {
			return ParseNumber(strings.TrimLeft(low[len(p):], " :"))
		}
	}
	return 0, false
}

// ParseMonths reads a months column: a number, 0 or more, at most 1,200.
func ParseMonths(s string) (float64, bool) {
	f, ok := ParseNumber(s)
	if !ok || f > 1200 {
		return 0, false
	}
	return f, true
}

// ParseCount reads a whole number from 0 to max ("2", "2.0").
func ParseCount(s string, max int) (int, bool) {
	f, ok := ParseNumber(s)
	if !ok || f != float64(int(f)) || f > float64(max) {
		return 0, false
	}
	return int(f), true
}

// ParseMoney reads an amount in dollars: "25000", "25,000", "25 000",
// "$25,000.50", "CAD 25000", "25000 $". A comma or dot followed by exactly
// three digits groups thousands; otherwise it is the decimal mark.
func ParseMoney(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return 0, false
	}
	if isDigits(s) && len(s) <= 12 {
		n, _ := strconv.ParseInt(s, 10, 64)
		return float64(n), true
	}
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "CAD"), "$"))
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "CAD"), "$"))
	var digits [40]byte
	n, frac := 0, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits[n] = c
			n++
		case c == ' ' || c == '\u00a0':
		case c == ',' || c == '.':
			run := 0
			for j := i + 1; j < len(s) && s[j] >= '0' && s[j] <= '9'; j++ {
				run++
			}
			if run == 3 && frac < 0 {
				continue // thousands
			}
			if frac >= 0 || run == 0 || run > 2 || i+1+run != len(s) {
				return 0, false
			}
			frac = n
		default:
			return 0, false
		}
	}
	if n == 0 {
		return 0, false
	}
	whole := digits[:n]
	var fracPart []byte
	if frac >= 0 {
		whole, fracPart = digits[:frac], digits[frac:n]
	}
	v, err := strconv.ParseFloat(string(whole)+"."+string(fracPart)+"0", 64)
	return v, err == nil
}

// ParseNOC reads a NOC 2021 unit group code: five digits, optionally
// after "NOC" ("NOC 21231", "21231"). NOC 2016 codes (four digits) are not
// read here: the screening stage maps them through the concordance.
func ParseNOC(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 5 {
		s = strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(s, "NOC"), "noc"), " :#"))
	}
	if len(s) != 5 || !isDigits(s) {
		return "", false
	}
	return s, true
}

// ParseTEER reads canadian_work_teer: 0 to 3, optionally "TEER 2".
func ParseTEER(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 1 {
		s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "TEER"), "teer"))
	}
	if len(s) != 1 || s[0] < '0' || s[0] > '3' {
		return 0, false
	}
	return int(s[0] - '0'), true
}

var quebecWords = map[string]bool{"qc": true, "quebec": true, "que": true, "pq": true, "provincedequebec": true}

// IsQuebec reports whether an intended_province cell names Quebec.
func IsQuebec(s string) bool {
	if s == "" {
		return false
	}
	var buf [48]byte
	n, ok := fold(s, &buf)
	return ok && quebecWords[string(buf[:n])]
}

// TEER is the TEER category of a NOC 2021 code (its second digit), or -1.
func TEER(code string) int {
	if len(code) != 5 || code[1] < '0' || code[1] > '9' {
		return -1
	}
	return int(code[1] - '0')
}

// Skilled reports a NOC 2021 code of TEER 0 to 3.
func Skilled(code string) bool {
	t := TEER(code)
	return t >= 0 && t <= 3
}
