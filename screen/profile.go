package screen

import (
	"github.com/casescreen/casescreen/rules"
)

// profileSynonyms lists header spellings of the applicant profile columns
// (../shared/docs/profile-columns.md), compared after squash, besides the
// canonical names themselves. English and French.
var profileSynonyms = map[rules.Field][]string{
	rules.FieldDateOfBirth:        {"dob", "birthdate", "dateofbirth", "birthday", "datedenaissance", "naissance", "nele", "birthdatedob", "dateofbirthdob", "datenaissance", "ddn"},
	rules.FieldAge:                {"age", "ageyears", "ageans", "agecurrent", "currentage", "applicantage"},
	rules.FieldMaritalStatus:      {"maritalstatus", "marital", "civilstatus", "etatcivil", "situationfamiliale", "relationshipstatus", "etatmatrimonial", "statutmatrimonial", "situationmatrimoniale"},
	rules.FieldSpouseAccompanying: {"spouseaccompanying", "accompanyingspouse", "spousecoming", "spousewillaccompany", "conjointaccompagnant", "spousepartneraccompanying", "willspouseaccompany", "spousecomingtocanada", "conjointaccompagne", "leconjointaccompagne", "accompagneparleconjoint"},
	rules.FieldSpouseCitizenOrPR:  {"spousecitizenorpr", "spousecanadiancitizen", "spousepr", "conjointcitoyenourp", "spouseiscitizenorpr", "spousecanadiancitizenorpr", "spousecanadiancitizenorpermanentresident", "conjointcitoyenoursp", "conjointcitoyenourresidentpermanent"},
	rules.FieldDependentChildren:  {"dependentchildren", "children", "dependants", "dependents", "numberofchildren", "enfants", "enfantsacharge", "numberofdependentchildren", "dependentchildrencount", "kids", "nombredenfants", "nbenfants"},
	rules.FieldFamilySize:         {"familysize", "householdsize", "tailledelafamille", "numberoffamilymembers", "familymembers", "membresdelafamille", "nombredemembresdelafamille"},
	rules.FieldIntendedProvince:   {"intendedprovince", "provinceofdestination", "destinationprovince", "province", "provincevisee", "provincededestination", "provinceofresidence", "intendedprovinceofresidence", "plannedprovince", "provinceprevue", "provincederesidenceprevue"},

	rules.FieldEducationLevel:       {"education", "educationlevel", "highesteducation", "levelofeducation", "highestlevelofeducation", "niveaudetudes", "scolarite", "highestdegree", "degree", "educationcompleted", "diplome", "plushautdiplome", "niveaudescolarite", "niveaudeducation"},
	rules.FieldECA:                  {"eca", "educationalcredentialassessment", "ecadone", "eed", "evaluationdesdiplomes", "ecacompleted", "ecareport", "wes", "credentialassessment", "evaluationdesdiplomesdetudes", "eedobtenue"},
	rules.FieldCanadianEducation:    {"canadianeducation", "canadianstudy", "studyincanada", "etudesaucanada", "diplomecanadien", "canadianstudies", "canadiandegree", "canadiancredential", "educationincanada", "etudescanadiennes"},
	rules.FieldSpouseEducationLevel: {"spouseeducation", "spouseeducationlevel", "etudesduconjoint"},

	rules.FieldLang1Test:       {"languagetest", "firstlanguagetest", "testtype", "test1", "testdelangue", "firsttest", "languagetesttype", "englishtest", "testtype1", "typedetest", "examendelangue", "test"},
	rules.FieldLang1TestDate:   {"testdate", "languagetestdate", "firstlanguagetestdate", "datedutest", "dateoftest", "testtakenon", "datedelexamen", "datedetest"},
	rules.FieldLang1ResultDate: {"resultdate", "testresultdate", "datedesresultats", "resultsdate", "dateofresults", "datederesultat"},
	rules.FieldLang1Reading:    {"reading", "testreading", "firstlanguagereading", "lecture", "comprehensionecrite", "readingscore"},
	rules.FieldLang1Writing:    {"writing", "testwriting", "firstlanguagewriting", "ecriture", "expressionecrite", "writingscore"},
	rules.FieldLang1Listening:  {"listening", "testlistening", "firstlanguagelistening", "comprehensiondeloral", "comprehensionorale", "ecoute", "listeningscore"},
	rules.FieldLang1Speaking:   {"speaking", "testspeaking", "firstlanguagespeaking", "expressionorale", "speakingscore"},
	rules.FieldLang2Test:       {"secondlanguagetest", "test2", "secondtest", "frenchtest", "deuxiemetest", "testdefrancais", "testdelangue2"},
	rules.FieldLang2TestDate:   {"secondlanguagetestdate", "secondtestdate", "test2date", "datedudeuxiemetest"},
	rules.FieldLang2Reading:    {"secondlanguagereading", "test2reading", "secondtestreading", "lecture2"},
	rules.FieldLang2Writing:    {"secondlanguagewriting", "test2writing", "secondtestwriting", "ecriture2"},
	rules.FieldLang2Listening:  {"secondlanguagelistening", "test2listening", "secondtestlistening", "comprehensiondeloral2"},
	rules.FieldLang2Speaking:   {"secondlanguagespeaking", "test2speaking", "secondtestspeaking", "expressionorale2"},
	rules.FieldSpouseLangTest:  {"spouselanguagetest", "spousetest", "spouselanguagetesttype", "testduconjoint"},

	rules.FieldCanadianWorkMonths:         {"canadianworkmonths", "canadianexperiencemonths", "monthsofcanadianwork", "canadianexperience", "experiencecanadienne", "canadianworkexperience", "canadianworkexperiencemonths", "monthsofcanadianexperience", "moisdexperiencecanadienne", "experienceautravailaucanada"},
	rules.FieldCanadianWorkMonths3y:       {"canadianworkmonths3years", "canadianworkmonthslast3years", "canadianexperiencelast3years", "canadianworkexperiencelast3years", "experiencecanadienne3ans"},
	rules.FieldCanadianWorkTEER:           {"canadianworkteer", "canadianteer"},
	rules.FieldForeignWorkMonths:          {"foreignworkmonths", "foreignexperiencemonths", "foreignexperience", "experiencealetranger", "foreignworkexperience", "foreignworkexperiencemonths", "monthsofforeignexperience", "experienceetrangere", "moisdexperiencealetranger"},
	rules.FieldPrimaryNOC:                 {"primarynoc", "primaryoccupation", "mainnoc", "cnpprincipale", "primarynoccode", "mainoccupation", "mainnoccode", "cnpprincipal", "professionprincipale"},
	rules.FieldPrimaryNOCContinuousMonths: {"primarynoccontinuousmonths", "continuousmonths"},
	rules.FieldTradeMonths5y:              {"trademonths5y", "trademonths", "trademonthslast5years", "tradeexperiencemonths", "tradeexperience", "moisdanslemetier"},
	rules.FieldSpouseCanadianWorkMonths:   {"spousecanadianworkmonths", "spousecanadianexperience", "spousecanadianworkexperience", "spousecanadianexperiencemonths", "experiencecanadienneduconjoint"},
	rules.FieldSpouseCanadianStudy:        {"spousecanadianstudy", "spousestudiedincanada", "spousestudyincanada", "spousecanadianeducation", "etudesduconjointaucanada"},

	rules.FieldCertificateOfQualification: {"certificateofqualification", "tradecertificate", "coq", "certificatdequalification", "certificate", "tradecertification", "certificatdecompetence", "certificatdequalificationprofessionnelle"},
	rules.FieldJobOffer:                   {"joboffer", "arrangedemployment", "offredemploi", "validjoboffer", "arrangedemploymentoffer", "jobofferincanada", "offredemploivalide"},
	rules.FieldJobOfferNOC:                {"joboffernoc", "offernoc", "jobofferteer", "offernoccode", "cnpdeloffre", "cnpdeloffredemploi"},
	rules.FieldAuthorizedToWork:           {"authorizedtowork", "authorisedtowork", "workpermit", "authorizedtoworkincanada", "permisdetravail", "workauthorization", "authorisedtoworkincanada", "canworkincanada", "autoriseatravailler", "autoriseatravailleraucanada"},
	rules.FieldProvincialNomination:       {"provincialnomination", "pnp", "nomination", "nominationprovinciale", "provincialnominee", "nominationcertificate", "pnpnomination", "candidatdesprovinces", "designationprovinciale"},
	rules.FieldSiblingInCanada:            {"siblingincanada", "brotherorsisterincanada", "sibling", "freresoeuraucanada", "brothersisterincanada", "siblingsincanada", "frereousoeuraucanada"},
	rules.FieldRelativeInCanada:           {"relativeincanada", "relative", "familyincanada", "parentaucanada", "relativesincanada", "familymemberincanada", "parentsaucanada", "famillecanada"},
	rules.FieldLang2ResultDate:            {"secondlanguageresultdate", "secondtestresultdate"},
	rules.FieldSpouseLangTestDate:         {"spousetestdate", "spouselanguagetestdate"},
	rules.FieldSpouseLangResultDate:       {"spousetestresultdate", "spouseresultdate"},
	rules.FieldSpouseLangReading:          {"spousereading", "spouselanguagereading"},
	rules.FieldSpouseLangWriting:          {"spousewriting", "spouselanguagewriting"},
	rules.FieldSpouseLangListening:        {"spouselistening", "spouselanguagelistening"},
	rules.FieldSpouseLangSpeaking:         {"spousespeaking", "spouselanguagespeaking"},
	rules.FieldSettlementFunds:            {"settlementfunds", "settlementfundscad", "funds", "proofoffunds", "fondsdinstallation", "fonds", "settlementfundsavailable", "availablefunds", "fundsavailable", "fondsdisponibles", "fondsdetablissement", "preuvedefonds"},
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
		f, ok := profileField(squash(h))
		if !ok {
			f, ok = profileField(squash(withoutNote(h)))
		}
		if ok && c.Profile[f] < 0 {
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
