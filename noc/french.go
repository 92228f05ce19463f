package noc

import "strings"

// French titles ("Analyste de données", "Technicien en informatique") are
// read in English: each word the table knows is translated and the order is
// reversed, since a French title names its head first ("analyste" in
// "analyste de données") and an English one last ("data analyst"). Written
// for casescreen; words are keyed as Tokens leaves them (folded, singular,
// gendered forms unified).
var frenchWords = map[string]string{
	"analyste": "analyst", "donnee": "data", "scientifique": "scientist", "specialiste": "specialist",
	"ingenieur": "engineer", "technicien": "technician", "technologue": "technologist", "developpeur": "developer",
	"programmeur": "programmer", "gestionnaire": "manager", "directeur": "director", "conseiller": "advisor",
	"adjoint": "assistant", "infirmier": "nurse", "enseignant": "teacher", "professeur": "professor",
	"commis": "clerk", "caissier": "cashier", "cuisinier": "cook", "soudeur": "welder", "electricien": "electrician",
	"mecanicien": "mechanic", "comptable": "accountant", "vendeur": "salesperson", "chauffeur": "driver",
	"camionneur": "truck driver", "camion": "truck", "serveur": "server", "plombier": "plumber",
	"charpentier": "carpenter", "menuisier": "carpenter", "boulanger": "baker", "boucher": "butcher",
	"coiffeur": "hairstylist", "educateur": "educator", "garderie": "daycare", "clientele": "customer",
	"securite": "security", "entretien": "maintenance", "menager": "housekeeping", "prepose": "attendant",
	"informatique": "computer", "logiciel": "software", "reseau": "network", "systeme": "system",
	"qualite": "quality", "coordonnateur": "coordinator", "coordinateur": "coordinator",
	"administratif": "administrative", "bureau": "office", "comptabilite": "accounting", "paie": "payroll",
	"ressource": "resource", "humaine": "human", "humain": "human", "vente": "sales", "representant": "representative",
	"secretaire": "secretary", "receptionniste": "receptionist", "magasinier": "storekeeper",
	"manutentionnaire": "material handler", "journalier": "labourer", "ouvrier": "labourer", "operateur": "operator",
	"machiniste": "machinist", "usine": "plant", "entrepot": "warehouse", "livreur": "delivery driver",
	"facteur": "letter carrier", "pharmacien": "pharmacist", "medecin": "physician", "dentiste": "dentist",
	"avocat": "lawyer", "notaire": "notary", "juge": "judge", "policier": "police officer", "pompier": "firefighter",
	"travailleur": "worker", "sociale": "social", "psychologue": "psychologist", "physiotherapeute": "physiotherapist",
	"ergotherapeute": "occupational therapist", "inhalotherapeute": "respiratory therapist", "hygieniste": "hygienist",
	"dentaire": "dental", "architecte": "architect", "dessinateur": "drafter", "arpenteur": "surveyor",
	"chimiste": "chemist", "biologiste": "biologist", "economiste": "economist", "traducteur": "translator",
	"interprete": "interpreter", "redacteur": "writer", "journaliste": "journalist", "graphiste": "graphic designer",
	"photographe": "photographer", "musicien": "musician", "acteur": "actor", "entraineur": "coach",
	"sauveteur": "lifeguard", "conducteur": "operator", "grutier": "crane operator", "peintre": "painter",
	"couvreur": "roofer", "briqueteur": "bricklayer", "macon": "mason", "carreleur": "tilesetter",
	"platrier": "plasterer", "vitrier": "glazier", "ferblantier": "sheet metal worker", "tuyauteur": "pipefitter",
	"frigoriste": "refrigeration mechanic", "debosseleur": "auto body repairer", "carrossier": "auto body repairer",
	"agriculteur": "farmer", "fermier": "farmer", "agricole": "farm", "pecheur": "fisherman", "mineur": "miner",
	"bucheron": "logger", "nettoyeur": "cleaner", "gardien": "guard", "surveillant": "monitor",
	"superviseur": "supervisor", "contremaitre": "foreman", "genie": "engineering", "civil": "civil",
	"electrique": "electrical", "mecanique": "mechanical", "industriel": "industrial", "batiment": "building",
	"construction": "construction", "financier": "financial", "financiere": "financial", "banque": "bank",
	"assurance": "insurance", "immobilier": "real estate", "courtier": "broker", "caisse": "cash",
	"magasin": "store", "epicerie": "grocery", "restaurant": "restaurant", "cuisine": "kitchen", "aide": "helper",
	"soin": "care", "sante": "health", "hopital": "hospital", "laboratoire": "laboratory", "medical": "medical",
	"medicale": "medical", "pharmacie": "pharmacy", "ecole": "school", "primaire": "elementary",
	"secondaire": "secondary", "enfant": "child", "petite": "early", "enfance": "childhood", "projet": "project",
	"chargee": "officer", "charge": "officer", "affaire": "business", "intelligence": "intelligence",
	"strategique": "strategic", "principal": "senior", "general": "general", "generale": "general",
	"marketing": "marketing", "communication": "communications", "recherche": "research", "politique": "policy",
	"programme": "program", "commercial": "sales", "client": "customer", "service": "service", "agent": "officer",
	"transport": "transportation", "logistique": "logistics", "achat": "purchasing", "approvisionnement": "supply",
}

// frenchFunctionWords mark a title as French even when its first word is
// also English ("agent de sécurité", "service à la clientèle").
var frenchFunctionWords = []string{" de ", " des ", " du ", " en ", " au ", " aux ", " la ", " le ", " l'", " d'", " à "}

// frenchTitle returns toks read in English, or nil when the title does not
// look French: its first word must be a French word of the table, and
// either not an English word too or followed by French function words.
func frenchTitle(title string, toks []string) []string {
	if len(toks) == 0 {
		return nil
	}
	first, ok := frenchWords[toks[0]]
	if !ok {
		return nil
	}
	if first == toks[0] || englishToo[toks[0]] {
		low := " " + strings.ToLower(title) + " "
		french := false
		for _, w := range frenchFunctionWords {
			french = french || strings.Contains(low, w)
		}
		if !french {
			return nil
		}
	}
	out := make([]string, 0, len(toks)+2)
	for i := len(toks) - 1; i >= 0; i-- {
		w := toks[i]
		if e, ok := frenchWords[w]; ok {
			out = append(out, strings.Fields(e)...)
		} else {
			out = append(out, w)
		}
	}
	return out
}

// englishToo are words of the table that are also English words.
var englishToo = set("agent", "service", "commercial", "construction", "restaurant", "marketing", "civil",
	"medical", "general", "principal", "intelligence", "aide", "programme", "client", "transport", "caisse")
