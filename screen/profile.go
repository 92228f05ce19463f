package screen

import (
	"github.com/casescreen/casescreen/rules"
)

// profileSynonyms lists header spellings of the applicant profile columns
// (../shared/docs/profile-columns.md), compared after squash, besides the
// canonical names themselves. English and French.
var profileSynonyms = map[rules.Field][]string{
	rules.FieldDateOfBirth:        {"dob", "birthdate", "dateofbirth", "birthday", "datedenaissance", "naissance", "nele"},
	rules.FieldAge:                {"age", "ageyears"},
	rules.FieldMaritalStatus:      {"maritalstatus", "marital", "civilstatus", "etatcivil", "situationfamiliale"},
	rules.FieldSpouseAccompanying: {"spouseaccompanying", "accompanyingspouse", "spousecoming", "spousewillaccompany", "conjointaccompagnant"},
	rules.FieldSpouseCitizenOrPR:  {"spousecitizenorpr", "spousecanadiancitizen", "spousepr", "conjointcitoyenourp"},
	rules.FieldDependentChildren:  {"dependentchildren", "children", "dependants", "dependents", "numberofchildren", "enfants", "enfantsacharge"},
	rules.FieldFamilySize:         {"familysize", "householdsize", "tailledelafamille"},
	rules.FieldIntendedProvince:   {"intendedprovince", "provinceofdestination", "destinationprovince", "province", "provincevisee", "provincededestination"},

	rules.FieldEducationLevel:       {"education", "educationlevel", "highesteducation", "levelofeducation", "highestlevelofeducation", "niveaudetudes", "scolarite"},
	rules.FieldECA:                  {"eca", "educationalcredentialassessment", "ecadone", "eed", "evaluationdesdiplomes"},
	rules.FieldCanadianEducation:    {"canadianeducation", "canadianstudy", "studyincanada", "etudesaucanada", "diplomecanadien"},
	rules.FieldSpouseEducationLevel: {"spouseeducation", "spouseeducationlevel", "etudesduconjoint"},

	rules.FieldLang1Test:       {"languagetest", "firstlanguagetest", "testtype", "test1", "testdelangue"},
	rules.FieldLang1TestDate:   {"testdate", "languagetestdate", "firstlanguagetestdate", "datedutest"},
	rules.FieldLang1ResultDate: {"resultdate", "testresultdate", "datedesresultats"},
	rules.FieldLang1Reading:    {"reading", "testreading", "firstlanguagereading"},
	rules.FieldLang1Writing:    {"writing", "testwriting", "firstlanguagewriting"},
	rules.FieldLang1Listening:  {"listening", "testlistening", "firstlanguagelistening"},
	rules.FieldLang1Speaking:   {"speaking", "testspeaking", "firstlanguagespeaking"},
	rules.FieldLang2Test:       {"secondlanguagetest", "test2"},
	rules.FieldLang2TestDate:   {"secondlanguagetestdate"},
	rules.FieldLang2Reading:    {"secondlanguagereading"},
	rules.FieldLang2Writing:    {"secondlanguagewriting"},
	rules.FieldLang2Listening:  {"secondlanguagelistening"},
	rules.FieldLang2Speaking:   {"secondlanguagespeaking"},
	rules.FieldSpouseLangTest:  {"spouselanguagetest", "spousetest"},

	rules.FieldCanadianWorkMonths:         {"canadianworkmonths", "canadianexperiencemonths", "monthsofcanadianwork", "canadianexperience", "experiencecanadienne"},
	rules.FieldCanadianWorkMonths3y:       {"canadianworkmonths3years", "canadianworkmonthslast3years"},
	rules.FieldCanadianWorkTEER:           {"canadianworkteer", "canadianteer"},
	rules.FieldForeignWorkMonths:          {"foreignworkmonths", "foreignexperiencemonths", "foreignexperience", "experiencealetranger"},
	rules.FieldPrimaryNOC:                 {"primarynoc", "primaryoccupation", "mainnoc", "cnpprincipale"},
	rules.FieldPrimaryNOCContinuousMonths: {"primarynoccontinuousmonths", "continuousmonths"},
	rules.FieldTradeMonths5y:              {"trademonths5y", "trademonths", "trademonthslast5years"},
	rules.FieldSpouseCanadianWorkMonths:   {"spousecanadianworkmonths", "spousecanadianexperience"},
	rules.FieldSpouseCanadianStudy:        {"spousecanadianstudy", "spousestudiedincanada"},

	rules.FieldCertificateOfQualification: {"certificateofqualification", "tradecertificate", "coq", "certificatdequalification"},
	rules.FieldJobOffer:                   {"joboffer", "arrangedemployment", "offredemploi"},
	rules.FieldJobOfferNOC:                {"joboffernoc", "offernoc"},
	rules.FieldAuthorizedToWork:           {"authorizedtowork", "authorisedtowork", "workpermit", "authorizedtoworkincanada", "permisdetravail"},
	rules.FieldProvincialNomination:       {"provincialnomination", "pnp", "nomination", "nominationprovinciale"},
	rules.FieldSiblingInCanada:            {"siblingincanada", "brotherorsisterincanada", "sibling", "freresoeuraucanada"},
	rules.FieldRelativeInCanada:           {"relativeincanada", "relative", "familyincanada", "parentaucanada"},
	rules.FieldSettlementFunds:            {"settlementfunds", "settlementfundscad", "funds", "proofoffunds", "fondsdinstallation", "fonds"},
}

// levelFields are the older language-level columns, detected as job-sheet
// fields (screen's own Field) and given to the profile as NCLC/CLB tests.
var levelFields = [...]struct {
	screen  Field
	profile rules.Field
}{
	{FrenchReading, rules.FieldFrenchReading}, {FrenchWriting, rules.FieldFrenchWriting},
	{FrenchListening, rules.FieldFrenchListening}, {FrenchSpeaking, rules.FieldFrenchSpeaking},
	{EnglishReading, rules.FieldEnglishReading}, {EnglishWriting, rules.FieldEnglishWriting},
	{EnglishListening, rules.FieldEnglishListening}, {EnglishSpeaking, rules.FieldEnglishSpeaking},
}

var profileIndex = func() map[string]rules.Field {
	m := map[string]rules.Field{}
	for f := rules.Field(0); f < rules.NumFields; f++ {
		m[squash(f.String())] = f
	}
	for f, names := range profileSynonyms {
		for _, n := range names {
			m[n] = f
		}
	}
	for _, l := range levelFields { // those are read as screen fields
		delete(m, squash(l.profile.String()))
	}
	return m
}()

// profileField reports which profile field a squashed header names.
func profileField(s string) (rules.Field, bool) {
	f, ok := profileIndex[s]
	return f, ok
}

// detectProfile finds the profile columns among the headers no job field
// took; mapping (field name -> header) wins, as for the job fields.
func detectProfile(c *Columns, mapping map[string]string, taken func(int) bool) {
	for i := range c.Profile {
		c.Profile[i] = -1
	}
	forced := map[int]bool{}
	for name, col := range mapping {
		f, ok := rules.FieldByName(name)
		if !ok {
			continue
		}
		if i := indexOf(c.Header, col); i >= 0 {
			c.Profile[f] = i
			forced[i] = true
		}
	}
	for i, h := range c.Header {
		if forced[i] || taken(i) {
			continue
		}
		if f, ok := profileField(squash(h)); ok && c.Profile[f] < 0 {
			c.Profile[f] = i
		}
	}
	for _, l := range levelFields {
		if c.Profile[l.profile] < 0 {
			c.Profile[l.profile] = c.Fields[l.screen]
		}
	}
}

// hasProfile reports whether any profile column was found.
func (c *Columns) hasProfile() bool {
	for _, i := range c.Profile {
		if i >= 0 {
			return true
		}
	}
	return false
}
