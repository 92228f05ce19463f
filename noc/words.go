package noc

// The word lists of the matcher, written for casescreen. Every word is
// written in the form the code that reads the list sees it: lower-case
// ASCII letters and digits, and (for the lists read after singular) in the
// singular. TestWordLists checks that.

// fold maps accented Latin letters to their base letter (é -> e).
var fold = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ç': 'c', 'è': 'e', 'é': 'e', 'ê': 'e',
	'ë': 'e', 'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ñ': 'n', 'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o',
	'ö': 'o', 'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ý': 'y', 'ÿ': 'y', 'œ': 'o',
}

// fillerWords never name part of an occupation: seniority and levels,
// articles and prepositions, company suffixes, places, hiring words. They
// are dropped from every title.
//
// Words that do change the occupation (assistant, supervisor, manager,
// technician, apprentice, chief, contractor, intern, trainee, certified,
// worker, job ...) are deliberately absent from both this list and
// employmentWords.
var fillerWords = set("senior", "sr", "snr", "junior", "jr", "jnr", "i", "ii", "iii", "iv", "v", "1", "2", "3", "4",
	"one", "two", "three", "lvl", "level", "grade",
	"the", "a", "an", "of", "and", "in", "for", "to", "with", "at", "de", "du", "des", "la", "le", "les", "et", "en",
	"etc", "ltd", "inc", "co", "corp",
	"canada", "canadian", "ontario", "toronto", "vancouver", "montreal", "calgary", "ottawa", "edmonton", "india",
	"experienced", "current", "currently", "former", "new", "urgent", "hiring", "needed", "wanted", "immediate")

// employmentWords are terms of employment, shifts and places of work. They
// are dropped beside an occupation ("contract nurse", "night shift cook")
// but kept before a bare generic head, where they name the role
// ("contract manager", "staff officer"). "hr" is reached through "hrs"
// (singular): "hr" alone is the abbreviation of human resources.
var employmentWords = set("part", "time", "parttime", "fulltime", "full", "ft", "casual", "temporary", "temp",
	"permanent", "perm", "contract", "seasonal", "night", "day", "evening", "weekend", "shift", "relief", "float",
	"on", "oncall", "pool", "staff", "hr", "hour", "position", "role", "work", "various", "self", "employed",
	"selfemployed", "remote", "hybrid", "onsite", "start")

// isNoise reports a word that Tokens drops from a title (or keeps only
// before a bare generic head).
func isNoise(w string) bool { return fillerWords[w] || employmentWords[w] }

// keepS are words ending in s that are not plurals, left alone by singular.
// Plurals that the classification's titles also use in the singular
// (services, systems, mechanics, arts, goods, papers, claims) are
// deliberately absent: they meet "service", "system" ... when singularised.
var keepS = set("sales", "operations", "logistics", "analytics", "physics", "economics", "mathematics",
	"statistics", "electronics", "aeronautics", "aesthetics", "athletics", "dynamics", "news", "series", "species",
	"lens", "bus", "gas", "glass", "grass", "press", "class", "atlas", "canvas", "chassis", "diabetes", "affairs",
	"relations", "communications", "means", "premises", "parts", "customs", "sports", "arms", "sans")

// genderless maps gendered forms to one form, applied to titles and
// queries alike, so "waitress", "chairwoman" and "fishermen" meet
// "waiter", "chairman" and "fisherman". It is looked up before and after
// singular, so a plural such as "waitresses" meets it too.
var genderless = map[string]string{
	"waitress": "waiter", "hostess": "host", "stewardess": "steward", "actress": "actor",
	"seamstress": "sewer", "mistress": "master", "headmistress": "headmaster", "governess": "governor",
	"businesswoman": "businessman", "chairwoman": "chairman", "chairperson": "chairman",
	"chairmen": "chairman", "chairwomen": "chairman", "fisherwoman": "fisherman", "fishermen": "fisherman",
	"fisherwomen": "fisherman", "forewoman": "foreman", "foremen": "foreman",
	"forewomen": "foreman", "foreperson": "foreman", "tradeswoman": "tradesman", "tradesmen": "tradesman",
	"tradesperson": "tradesman", "salesman": "salesperson", "saleswoman": "salesperson", "salesmen": "salesperson",
	"repairman": "repairer", "repairwoman": "repairer", "repairmen": "repairer",
	"deliveryman": "delivery driver", "cameraman": "camera operator", "camerawoman": "camera operator",
	"policeman": "police officer", "policewoman": "police officer", "fireman": "firefighter",
	"craftsman": "craftsperson", "craftswoman": "craftsperson", "handyman": "handyperson",
	"man": "worker", "men": "worker", "woman": "worker", "women": "worker", "guy": "worker", "lady": "worker",
	"brakewoman": "brakeman", "brakemen": "brakeman", "carwoman": "carman", "carmen": "carman",
	"linesman": "lineman", "lineswoman": "lineman", "lineworker": "lineman", "linemen": "lineman",
	"longshoreman": "longshore worker", "longshoremen": "longshore worker",
	"journeyman": "journeyperson", "journeywoman": "journeyperson", "jman": "journeyperson", "husbandman": "farmer",
	"barmaid": "bartender", "barman": "bartender", "busboy": "busser", "busgirl": "busser", "paperboy": "carrier",
	"masseuse": "masseur", "coiffeuse": "coiffeur", "serveuse": "serveur",
	"vendeuse": "vendeur", "caissiere": "caissier", "infirmiere": "infirmier", "directrice": "directeur",
	"conseillere": "conseiller", "ouvriere": "ouvrier", "cuisiniere": "cuisinier",
	"boulangere": "boulanger", "couturiere": "couturier", "educatrice": "educateur", "preposee": "prepose",
	"technicienne": "technicien", "mecanicienne": "mecanicien", "electricienne": "electricien",
	"agente": "agent", "adjointe": "adjoint", "enseignante": "enseignant",
}

// canadian spells words as the classification does: "counselor" is a
// counsellor, "center" a centre.
var canadian = map[string]string{
	"center": "centre", "theater": "theatre", "counselor": "counsellor", "counseling": "counselling",
	"jewelry": "jewellery", "jeweler": "jeweller", "catalog": "catalogue", "defense": "defence",
	"color": "colour", "mold": "mould", "molder": "moulder", "molding": "moulding", "adviser": "advisor",
	"behavior": "behaviour", "laborer": "labourer", "harbor": "harbour",
	"neighborhood": "neighbourhood", "aluminium": "aluminum",
}

// abbrev expands abbreviations and short forms used in Canadian client
// lists and job postings; multi-word expansions are split into tokens.
// Ambiguous forms are in ambiguous instead.
var abbrev = map[string]string{
	// health
	"rn": "registered nurse", "rpn": "registered psychiatric nurse", "lpn": "licensed practical nurse", "np": "nurse practitioner", "psw": "personal support worker",
	"hca": "health care aide", "hcw": "health care worker", "cna": "nursing assistant", "pca": "personal care aide",
	"cca": "continuing care assistant", "rmt": "registered massage therapist", "slp": "speech language pathologist",
	"mlt": "medical laboratory technologist", "mla": "medical laboratory assistant", "mrt": "medical radiation technologist",
	"rvt": "registered veterinary technician", "vet": "veterinarian", "gp": "general practitioner", "md": "physician",
	"dr": "doctor", "doc": "doctor", "emt": "paramedic", "pcp": "primary care paramedic", "acp": "advanced care paramedic",
	"rrt": "respiratory therapist", "rdh": "registered dental hygienist", "cda": "certified dental assistant",
	"rd": "registered dietitian", "pharm": "pharmacist", "pharmd": "pharmacist", "physio": "physiotherapist",
	"rph": "pharmacist", "dds": "dentist", "dmd": "dentist", "rpt": "registered physiotherapist",
	"ota": "occupational therapist assistant", "pta": "physiotherapist assistant", "msw": "social worker",
	"rsw": "registered social worker", "cyw": "child youth worker", "dsw": "developmental service worker",
	"ssw": "social service worker", "ea": "educational assistant", "ece": "early childhood educator",
	"rece": "registered early childhood educator", "ecea": "early childhood educator assistant",
	// business and finance
	"cpa": "chartered professional accountant", "ca": "chartered accountant", "cga": "certified general accountant",
	"cma": "certified management accountant", "acct": "accountant", "acctg": "accounting", "accts": "accounts",
	"ap": "accounts payable", "ar": "accounts receivable", "ba": "business analyst", "bi": "business intelligence",
	"pm": "project manager", "pmo": "project management officer", "hr": "human resources", "hrbp": "human resources business partner",
	"csr": "customer service representative", "cs": "customer service", "bdm": "business development manager",
	"bdr": "business development representative", "sdr": "sales development representative",
	"ae": "account executive", "am": "account manager", "cfo": "chief financial officer", "ceo": "chief executive officer",
	"coo": "chief operating officer", "cto": "chief technology officer", "cio": "chief information officer",
	"cmo": "chief marketing officer", "vp": "vice president", "svp": "vice president", "evp": "vice president",
	"avp": "vice president", "gm": "general manager", "admin": "administrative", "adm": "administrative",
	"asst": "assistant", "assist": "assistant", "assoc": "associate", "coord": "coordinator", "coordr": "coordinator",
	"supv": "supervisor", "supvr": "supervisor", "supvsr": "supervisor", "sup": "supervisor",
	"mgr": "manager", "mngr": "manager", "mgmt": "management", "dir": "director", "exec": "executive",
	"rep": "representative", "reps": "representative", "repr": "representative", "rec": "receptionist",
	"recept": "receptionist", "off": "officer", "ofcr": "officer", "offr": "officer", "dept": "department",
	"ops": "operations", "oper": "operator", "opr": "operator", "qa": "quality assurance", "qc": "quality control",
	"sme": "subject matter expert", "fin": "financial", "mktg": "marketing", "mkt": "marketing",
	"pr": "public relations", "it": "information technology", "ict": "information technology",
	"ui": "user interface", "ux": "user experience", "seo": "search engine optimization",
	// science, tech, engineering
	"swe": "software engineer", "sde": "software development engineer", "dev": "developer", "devs": "developer",
	"devops": "devops engineer", "sre": "site reliability engineer", "eng": "engineer", "engr": "engineer",
	"engg": "engineering", "eit": "engineer in training", "peng": "professional engineer", "p": "",
	"tech": "technician", "techn": "technician", "techs": "technician", "technol": "technologist",
	"sys": "systems", "sysadmin": "systems administrator", "dba": "database administrator", "db": "database",
	"ml": "machine learning", "ai": "artificial intelligence", "fe": "front end", "be": "back end",
	"fullstack": "full stack", "frontend": "front end", "backend": "back end", "js": "javascript",
	"net": "network", "netwk": "network", "infosec": "information security", "sec": "security",
	"cad": "computer aided design", "gis": "geographic information system", "hvac": "heating ventilation air conditioning",
	"hvacr": "heating refrigeration air conditioning", "elec": "electrical", "mech": "mechanical", "civ": "civil",
	"chem": "chemical", "env": "environmental", "enviro": "environmental", "lab": "laboratory",
	"rnd": "research development", "ehs": "environment health safety",
	"hse": "health safety environment", "ohs": "occupational health safety",
	// trades and transport
	"az": "truck driver", "dz": "truck driver", "cdl": "truck driver",
	"lic": "licensed", "cert": "certified",
	"appr": "apprentice", "app": "apprentice", "mill": "millwright", "auto": "automotive",
	"hd": "heavy duty", "hdet": "heavy duty equipment technician", "ast": "automotive service technician",
	"pl": "plumber", "elect": "electrician", "sparky": "electrician", "cnc": "computer numerical control",
	"fork": "forklift", "forklift": "forklift operator", "wh": "warehouse", "whse": "warehouse",
	"mfg": "manufacturing", "prod": "production", "maint": "maintenance", "mtce": "maintenance",
	"const": "construction", "constr": "construction", "gen": "general", "labour": "labourer",
	"labor": "labourer", "drvr": "driver", "dvr": "driver",
	"trk": "truck", "transp": "transport",
	// sales, food and services
	"sa": "sales associate", "fsa": "food service attendant", "fsw": "food service worker",
	"foh": "front house", "boh": "back house", "qsr": "quick service restaurant",
	"cust": "customer", "svc": "service", "serv": "service", "svcs": "service", "srv": "service", "sg": "security guard",
	// education and social
	"prof": "professor", "lect": "lecturer", "ta": "teaching assistant", "ra": "research assistant",
	"tchr": "teacher", "pdf": "postdoctoral fellow", "postdoc": "postdoctoral fellow", "phd": "doctoral",
	"govt": "government", "gov": "government",
}

// ambiguous abbreviations read differently by context: when the cell holds
// nothing else they are the occupation; beside other words they are
// employment noise ("PT cashier" is a part-time cashier).
var ambiguous = map[string]string{
	"pt": "physiotherapist", "ot": "occupational therapist", "rt": "respiratory therapist",
	"ma": "medical assistant", "pa": "physician assistant", "da": "dental assistant",
}

// notOccupations are answers that name no paid occupation, as Normalize
// leaves them: a person must look, and no code is guessed (Cascot's
// uncodable answers).
var notOccupations = set("student", "unemployed", "retired", "homemaker", "housewife", "stay home parent",
	"stay home mom", "volunteer", "none", "na", "n", "nil", "not applicable", "not working", "disabled",
	"disability", "maternity leave", "parental leave", "job seeker", "looking", "between job",
	"self", "casual", "temp", "contract", "various", "unknown", "tbd", "etudiant", "sans emploi", "retraite")

// genericHeads are head words that name a role in any industry: with
// them, the row's industry and employer weigh more ("owner" in farming is
// a farm manager, in a restaurant a restaurant manager).
var genericHeads = set("manager", "owner", "proprietor", "supervisor", "director", "operator", "clerk",
	"helper", "labourer", "worker", "assistant", "associate", "officer", "coordinator", "administrator",
	"specialist", "consultant", "representative", "agent", "technician", "partner", "president", "lead", "head",
	"boss", "foreman")

// invertedHeads are the role words written first in inverted titles
// ("Manager, Human Resources", "Analyst, Data"): the generic heads and a
// few professional ones.
var invertedHeads = union(genericHeads, set("analyst", "engineer", "developer", "scientist", "advisor"))

// genderEndings are the parts a slash leaves of a gendered pair
// ("chairman/woman", "waiter/ess"): not roles of their own.
var genderEndings = set("man", "men", "woman", "women", "ess")

// ownerWords name the owner or a partner of a business, read as its
// manager (the NOC convention: "farming partner" is a farm manager).
// "operator" is deliberately absent: an operator runs a machine or a
// plant; beside an owner word ("owner operator") it is part of the owner.
var ownerWords = set("owner", "proprietor", "proprietress", "coowner", "partner", "copartner")

// rankWords name a rank in a business, not the business: a title of these
// words alone ("assistant manager", "owner operator", "president and
// owner") says who the person is in whatever business the row's context
// names (Index.managerOf). Such a title holds at least one of rankHeads;
// "operator" or "assistant" alone names no rank, and neither does a senior
// rank alone ("president", "chief executive officer"): senior managers
// are a sector's, which the context decides among.
var rankWords = set("manager", "owner", "proprietor", "proprietress", "coowner", "partner", "copartner", "co",
	"president", "vice", "chief", "executive", "officer", "general", "assistant", "deputy", "managing", "operator")

// rankHeads are the words of rankWords that make a title a rank.
var rankHeads = set("manager", "owner", "proprietor", "proprietress", "coowner", "partner", "copartner")

// authorityWords name a rank over other people or a business: a manager,
// a supervisor, a contractor. A title holding none of them is a worker's,
// and ranking or its context does not make it a manager's, a
// supervisor's or a contractor's (Index.authorityGroup): "maintenance" at a
// school is a janitor's work, not that of a facility maintenance manager;
// "janitor custodian" is not a cleaning supervisor.
var authorityWords = set("manager", "management", "managing", "supervisor", "supervising", "supervision",
	"foreman", "director", "head", "chief", "lead", "leader", "superintendent", "owner", "proprietor",
	"proprietress", "coowner", "partner", "copartner", "president", "executive", "contractor", "boss",
	"administrator", "principal", "dean", "chair", "chairman", "chairperson", "commissioner", "controller",
	"comptroller", "captain", "master", "chef", "mayor", "overseer", "steward", "leadhand")

// personWords stand for the person doing an activity ("housekeeping
// worker", "cleaning staff"): with an activity of agentNouns before them,
// the two read as its agent.
var personWords = set("worker", "staff", "personnel", "person", "employee")

// agentNouns turns an activity at the head of a title into the person who
// does it: "WELDING" -> welder, "general cleaning" -> general cleaner.
var agentNouns = map[string][]string{
	"cleaning": {"cleaner"}, "housekeeping": {"housekeeper"}, "housecleaning": {"housecleaner"},
	"welding": {"welder"}, "farming": {"farmer"}, "ranching": {"rancher"}, "bookkeeping": {"bookkeeper"},
	"nursing": {"nurse"}, "teaching": {"teacher"}, "tutoring": {"tutor"}, "accounting": {"accountant"},
	"plumbing": {"plumber"}, "roofing": {"roofer"}, "landscaping": {"landscaper"}, "painting": {"painter"},
	"trucking": {"truck", "driver"}, "driving": {"driver"}, "babysitting": {"babysitter"}, "cooking": {"cook"},
	"baking": {"baker"}, "carpentry": {"carpenter"}, "framing": {"framer"}, "drywalling": {"drywaller"},
	"consulting": {"consultant"}, "logging": {"logger"}, "fishing": {"fisherman"}, "mining": {"miner"},
	"hairdressing": {"hairdresser"}, "hairstyling": {"hairstylist"}, "machining": {"machinist"},
	"cashiering": {"cashier"}, "bartending": {"bartender"}, "waitressing": {"waiter"}, "serving": {"server"},
	"janitorial": {"janitor"}, "caretaking": {"caretaker"}, "gardening": {"gardener"}, "nannying": {"nanny"},
	"programming": {"programmer"}, "drafting": {"drafter"}, "surveying": {"surveyor"}, "editing": {"editor"},
	"translation": {"translator"}, "translating": {"translator"}, "interpreting": {"interpreter"},
	"photography": {"photographer"}, "counselling": {"counsellor"},
	"bricklaying": {"bricklayer"}, "masonry": {"mason"}, "upholstery": {"upholsterer"}, "tailoring": {"tailor"},
	"sewing": {"sewing", "machine", "operator"}, "dispatching": {"dispatcher"}, "receiving": {"receiver"},
	"shipping": {"shipper"}, "purchasing": {"purchaser"}, "auditing": {"auditor"}, "lifeguarding": {"lifeguard"},
	"coaching": {"coach"}, "trapping": {"trapper"}, "hunting": {"hunter"}, "butchering": {"butcher"},
	"housesitting": {"house", "sitter"}, "reception": {"receptionist"},
	"pharmacy": {"pharmacist"}, "dentistry": {"dentist"}, "physiotherapy": {"physiotherapist"},
	"homecare": {"home", "care", "worker"}, "childcare": {"child", "care", "worker"},
	"daycare": {"daycare", "worker"}, "esthetics": {"esthetician"}, "millwrighting": {"millwright"},
	"engineering": {"engineer"},
}

// expertWords name a role by what the person knows, not a rank: with a
// profession's field before them ("engineering expert", "accounting
// specialist"), or the profession itself ("engineer consultant"), they
// read as one of the profession (Index.professional).
var expertWords = set("advisor", "adviser", "consultant", "coordinator", "specialist", "associate", "expert")

// frenchWords read French titles ("Analyste de données", "Technicien en
// informatique") in English, keyed as Tokens leaves them (folded, singular,
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
// also English ("agent de sécurité", "service à la clientèle"). They are
// looked for in the lower-cased title with spaces around it.
var frenchFunctionWords = []string{" de ", " des ", " du ", " en ", " au ", " aux ", " la ", " le ", " l'", " d'", " à "}

// englishToo are words of frenchWords that are also English words: a
// title starting with one is read as French only beside French function
// words.
var englishToo = set("agent", "service", "commercial", "construction", "restaurant", "marketing", "civil",
	"medical", "general", "principal", "intelligence", "aide", "programme", "client", "transport", "caisse")

// set makes a word list. Entries are taken as written: a list is what the
// code that reads it looks up (TestWordLists checks their form).
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func union(a, b map[string]bool) map[string]bool {
	m := make(map[string]bool, len(a)+len(b))
	for w := range a {
		m[w] = true
	}
	for w := range b {
		m[w] = true
	}
	return m
}

// contextPhrases read workplace phrases of a row's industry, employer or
// duties in the words the classification uses for them, keyed as Tokens
// leaves them: a long-term care home is a nursing home, home care is care
// in the client's home.
var contextPhrases = map[string]string{
	"long term care": "nursing home", "longterm care": "nursing home", "ltc": "nursing home",
	"ltch": "nursing home", "care home": "nursing home", "retirement home": "nursing home",
	"retirement residence": "nursing home", "senior home": "nursing home", "seniors home": "nursing home",
	"personal care home": "nursing home", "assisted living": "nursing home", "continuing care": "nursing home",
	"acute care": "hospital", "icu": "hospital", "emergency room": "hospital",
	"home care": "home care residence", "homecare": "home care residence", "home health": "home care residence",
	"client home": "home care residence", "private home": "home care residence", "in home": "home care residence",
	"community care": "home care residence", "home support": "home care residence",
	"oilfield": "oil field", "oil patch": "oil field", "oilpatch": "oil field", "petrochemical": "petroleum chemical",
	"dealership": "automotive dealer", "car dealer": "automotive dealer",
}
