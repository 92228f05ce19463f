package screen

import (
	"testing"

	"github.com/casescreen/casescreen/rules"
)

// Every header spelling names one field: none is listed twice, and no
// profile spelling is one a job field takes first.
func TestSynonymsAreUnique(t *testing.T) {
	seen := map[string]string{}
	for f, names := range synonyms {
		for _, n := range names {
			if o, ok := seen[n]; ok {
				t.Errorf("%q is both %s and %s", n, o, f)
			}
			seen[n] = f.String()
		}
	}
	for f, names := range profileSynonyms {
		for _, n := range names {
			if o, ok := seen[n]; ok {
				t.Errorf("%q is both %s and %s", n, o, f)
			}
			seen[n] = f.String()
		}
	}
}

// A French client list, with the accents, capitals and notes people type.
func TestFrenchHeaders(t *testing.T) {
	header := []string{"Numéro de dossier", "Poste occupé", "Employeur", "Secteur d'activité", "Code CNP", "Pays",
		"Date de début", "Date de fin (jj/mm/aaaa)", "Heures par semaine", "Tâches",
		"Date de naissance", "État civil", "Niveau d'études", "Test de langue", "Date du test",
		"Lecture", "Écriture", "Compréhension de l'oral", "Expression orale",
		"Offre d'emploi", "Fonds d'installation", "Province visée", "Enfants à charge", "EXPÉRIENCE CANADIENNE (mois)"}
	c, err := DetectColumns(header, nil)
	if err != nil {
		t.Fatal(err)
	}
	job := c.Jobs[0]
	for f, want := range map[Field]int{ApplicantID: 0, JobTitle: 1, Employer: 2, Industry: 3, NOCCode: 4, Country: 5,
		StartDate: 6, EndDate: 7, HoursPerWeek: 8, Duties: 9} {
		got := c.Fields[f]
		if f.jobField() {
			got = job[f]
		}
		if got != want {
			t.Errorf("%s: column %d, want %d (%q)", f, got, want, header[want])
		}
	}
	for f, want := range map[rules.Field]int{rules.FieldDateOfBirth: 10, rules.FieldMaritalStatus: 11, rules.FieldEducationLevel: 12,
		rules.FieldLang1Test: 13, rules.FieldLang1TestDate: 14, rules.FieldLang1Reading: 15, rules.FieldLang1Writing: 16,
		rules.FieldLang1Listening: 17, rules.FieldLang1Speaking: 18, rules.FieldJobOffer: 19, rules.FieldSettlementFunds: 20,
		rules.FieldIntendedProvince: 21, rules.FieldDependentChildren: 22, rules.FieldCanadianWorkMonths: 23} {
		if c.Profile[f] != want {
			t.Errorf("%s: column %d, want %d (%q)", f, c.Profile[f], want, header[want])
		}
	}
	if m := c.Missing(); len(m) != 0 {
		t.Errorf("missing %v, want none", m)
	}
	// Other spellings of the same fields.
	for h, f := range map[string]Field{"Titre du poste": JobTitle, "TITRE DE POSTE": JobTitle, "Emploi": JobTitle,
		"Date d'entrée": StartDate, "Du": StartDate, "Au": EndDate, "Date de sortie": EndDate, "Heures/semaine": HoursPerWeek,
		"Pays de l'emploi": Country, "CNP 2021": NOCCode, "NCLC Lecture": FrenchReading, "NCLC Expression orale": FrenchSpeaking,
		"Identifiant client": ApplicantID} {
		if got, ok := synonymIndex[squash(h)]; !ok || got != f {
			t.Errorf("%q -> %v (%v), want %s", h, got, ok, f)
		}
	}
}

// English spellings of the profile columns of profile-columns.md.
func TestEnglishProfileHeaders(t *testing.T) {
	for h, f := range map[string]rules.Field{"DOB": rules.FieldDateOfBirth, "Relationship status": rules.FieldMaritalStatus,
		"Highest Degree": rules.FieldEducationLevel, "ECA completed?": rules.FieldECA, "Number of children": rules.FieldDependentChildren,
		"Canadian Work Experience (months)": rules.FieldCanadianWorkMonths, "Foreign work experience": rules.FieldForeignWorkMonths,
		"Spouse Reading": rules.FieldSpouseLangReading, "Proof of Funds": rules.FieldSettlementFunds, "Valid job offer": rules.FieldJobOffer,
		"Provincial nominee": rules.FieldProvincialNomination, "Siblings in Canada": rules.FieldSiblingInCanada,
		"Work permit": rules.FieldAuthorizedToWork, "Primary NOC code": rules.FieldPrimaryNOC, "Test date": rules.FieldLang1TestDate} {
		c, err := DetectColumns([]string{"Job Title", h}, nil)
		if err != nil || c.Profile[f] != 1 {
			t.Errorf("%q: not %s (%v)", h, f, err)
		}
	}
}
