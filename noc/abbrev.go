package noc

// abbrev expands abbreviations and short forms used in Canadian client
// lists and job postings. Written for casescreen; multi-word expansions are
// split into tokens. Ambiguous forms live in ambiguous instead.
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
	"r&d": "research development", "rnd": "research development", "ehs": "environment health safety",
	"hse": "health safety environment", "ohs": "occupational health safety",
	// trades and transport
	"az": "truck driver", "dz": "truck driver", "cdl": "truck driver", "owner_operator": "",
	"lic": "licensed", "cert": "certified", "journeyman": "journeyperson", "jman": "journeyperson",
	"appr": "apprentice", "app": "apprentice", "mill": "millwright", "auto": "automotive",
	"hd": "heavy duty", "hdet": "heavy duty equipment technician", "ast": "automotive service technician",
	"pl": "plumber", "elect": "electrician", "sparky": "electrician", "cnc": "computer numerical control",
	"fork": "forklift", "forklift": "forklift operator", "wh": "warehouse", "whse": "warehouse",
	"mfg": "manufacturing", "prod": "production", "maint": "maintenance", "mtce": "maintenance",
	"const": "construction", "constr": "construction", "gen": "general", "labour": "labourer",
	"labor": "labourer", "helper": "helper", "drvr": "driver", "dvr": "driver",
	"trk": "truck", "transp": "transport",
	// sales, food and services
	"sa": "sales associate", "fsa": "food service attendant", "fsw": "food service worker",
	"foh": "front house", "boh": "back house", "qsr": "quick service restaurant",
	"cust": "customer", "svc": "service", "serv": "service", "svcs": "service", "srv": "service", "sg": "security guard", "cook": "cook", "dishwasher": "dishwasher",
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

// expandAbbrev returns the expansion of w, which stands at index i of the
// title's words ws.
func expandAbbrev(w string, ws []string, i int) (string, bool) {
	if e, ok := ambiguous[w]; ok {
		if len(ws) == 1 {
			return e, true
		}
		return "", true // employment noise beside a real title
	}
	e, ok := abbrev[w]
	return e, ok
}
