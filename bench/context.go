package bench

import (
	"strings"
	"unicode"
)

// The industry and employer columns of a generated list. Written for the
// benchmark: Canadian industries as consultants' clients type them, and
// employers of each (large Canadian employers by their public names, and
// small businesses of the kind that fill the tail of a real list). An
// industry is chosen from the job's title (keywords, or the official
// qualifier such as "- plastic manufacturing") or else from the job's NOC
// broad category, so that context and title agree as they do in life.

// industry is one industry: the spellings people type (the first the most
// common) and its employers (the first the most frequent).
type industry struct {
	names     []string
	employers []string
}

var industries = map[string]industry{
	"hospital": {[]string{"Healthcare", "Hospital", "Health care", "Hospitals", "Acute care"},
		[]string{"Sunnybrook Health Sciences Centre", "Alberta Health Services", "Fraser Health", "Vancouver General Hospital",
			"The Ottawa Hospital", "Hamilton Health Sciences", "Trillium Health Partners", "William Osler Health System",
			"CHU de Québec", "Nova Scotia Health", "Saskatchewan Health Authority", "Humber River Health",
			"Scarborough Health Network", "Interior Health", "Shared Health Manitoba", "Horizon Health Network"}},
	"ltc": {[]string{"Long-term care", "Long term care", "Senior care", "Retirement home", "Nursing home"},
		[]string{"Extendicare", "Sienna Senior Living", "Chartwell Retirement Residences", "Revera", "Schlegel Villages",
			"Park Place Seniors Living", "Sunrise Senior Living", "Verve Senior Living", "Rekai Centres", "Maple Grove Manor"}},
	"homecare": {[]string{"Home care", "Home health care", "Community health", "Home support"},
		[]string{"Bayshore HealthCare", "SE Health", "VHA Home HealthCare", "ParaMed", "CBI Health", "Nurse Next Door",
			"Spectrum Health Care", "We Care Home Health Services", "Closing the Gap Healthcare"}},
	"clinic": {[]string{"Health clinic", "Medical clinic", "Dental office", "Pharmacy", "Physiotherapy clinic"},
		[]string{"Shoppers Drug Mart", "Rexall", "LifeLabs", "Dynacare", "London Drugs", "Jean Coutu", "Lakeshore Family Health Team",
			"Maple Ridge Dental", "Pacific Physiotherapy", "Appletree Medical Group", "Lifemark Health", "Bloor West Dental Centre"}},
	"software": {[]string{"IT", "Software", "Information technology", "Tech", "Software development", "IT services"},
		[]string{"Shopify", "CGI", "OpenText", "Tata Consultancy Services", "Infosys", "Accenture", "Wealthsimple",
			"Lightspeed Commerce", "Kinaxis", "Constellation Software", "Coveo", "Descartes Systems Group", "Ubisoft Montréal",
			"Electronic Arts Vancouver", "Cognizant", "Wipro", "IBM Canada", "Microsoft Canada", "Amazon Web Services", "Nuvei"}},
	"telecom": {[]string{"Telecommunications", "Telecom", "Telecoms"},
		[]string{"Bell Canada", "Rogers Communications", "Telus", "Vidéotron", "Freedom Mobile", "SaskTel", "Cogeco",
			"Eastlink", "Ericsson Canada", "Nokia Canada"}},
	"bank": {[]string{"Banking", "Financial services", "Finance", "Bank", "Credit union"},
		[]string{"RBC Royal Bank", "TD Bank", "Scotiabank", "BMO", "CIBC", "National Bank of Canada", "Desjardins",
			"ATB Financial", "Vancity", "Meridian Credit Union", "EQ Bank", "Tangerine", "HSBC Canada", "Laurentian Bank"}},
	"insurance": {[]string{"Insurance", "Insurance services"},
		[]string{"Manulife", "Sun Life", "Intact Insurance", "Canada Life", "Desjardins Insurance", "Co-operators",
			"Aviva Canada", "Economical Insurance", "Wawanesa", "Industrial Alliance"}},
	"accounting": {[]string{"Accounting", "Professional services", "Consulting", "Accounting firm"},
		[]string{"KPMG", "Deloitte", "PwC Canada", "EY", "MNP", "BDO Canada", "Grant Thornton", "H&R Block", "Baker Tilly",
			"Raymond Chabot Grant Thornton", "Patel & Associates CPA"}},
	"retail": {[]string{"Retail", "Retail trade", "Grocery", "Retail store", "Supermarket"},
		[]string{"Walmart", "Canadian Tire", "Loblaws", "Sobeys", "Metro", "Costco", "Dollarama", "Hudson's Bay",
			"Best Buy Canada", "Home Depot", "Winners", "IKEA", "Giant Tiger", "Save-On-Foods", "No Frills", "FreshCo",
			"Real Canadian Superstore", "Shoppers Drug Mart", "Staples Canada", "Sport Chek"}},
	"wholesale": {[]string{"Wholesale", "Wholesale trade", "Distribution"},
		[]string{"Sysco Canada", "Gordon Food Service", "Core-Mark", "Wajax", "Richelieu Hardware", "Uni-Select",
			"Russel Metals", "Metro Supply Chain", "Bunzl Canada"}},
	"restaurant": {[]string{"Restaurant", "Food service", "Hospitality", "Food and beverage", "Restaurants", "QSR"},
		[]string{"Tim Hortons", "McDonald's", "A&W", "Boston Pizza", "The Keg", "Starbucks", "Subway", "Earls Kitchen + Bar",
			"Cactus Club Cafe", "Swiss Chalet", "Pizza Pizza", "Mary Brown's", "Recipe Unlimited", "Second Cup",
			"Compass Group Canada", "Aramark Canada", "Chez Louis Bistro", "Golden Dragon Restaurant", "Spice Route Kitchen"}},
	"hotel": {[]string{"Hotel", "Hospitality", "Accommodation", "Hotels and resorts", "Tourism"},
		[]string{"Fairmont Hotels & Resorts", "Marriott", "Hilton", "Best Western", "Delta Hotels", "Holiday Inn Express",
			"Sandman Hotel Group", "Coast Hotels", "Banff Lodging Company", "Chateau Lake Louise"}},
	"construction": {[]string{"Construction", "Residential construction", "Commercial construction", "Building", "Renovation"},
		[]string{"PCL Construction", "EllisDon", "Aecon", "Graham Construction", "Bird Construction", "Ledcor", "Pomerleau",
			"Mattamy Homes", "BuildRite Contracting", "Stuart Olson", "Tridel", "Minto", "Broccolini", "Maple Leaf Roofing",
			"Northern Drywall Ltd", "Prairie Concrete", "Singh Brothers Renovations", "Coastal Plumbing & Heating"}},
	"trucking": {[]string{"Transportation", "Trucking", "Logistics", "Transport", "Freight"},
		[]string{"TFI International", "Bison Transport", "Day & Ross", "Purolator", "Canada Post", "Trimac", "Mullen Group",
			"Challenger Motor Freight", "Manitoulin Transport", "Kriska Transportation", "Erb Transport", "Loomis Express",
			"Sidhu Trucking", "Maple Freightways", "Polaris Transport"}},
	"transit": {[]string{"Public transit", "Transit", "Transportation", "Rail", "Airline", "Aviation"},
		[]string{"TTC", "OC Transpo", "TransLink", "STM", "Calgary Transit", "CN Rail", "CPKC", "Via Rail", "Air Canada",
			"WestJet", "Porter Airlines", "Jazz Aviation", "Metrolinx", "Flair Airlines"}},
	"warehouse": {[]string{"Warehousing", "Logistics", "Warehouse", "Distribution centre", "Supply chain"},
		[]string{"Amazon", "UPS Canada", "FedEx", "Walmart Distribution Centre", "Sobeys Distribution", "GoBolt", "Canada Cartage",
			"DHL Supply Chain", "Loblaw Distribution Centre", "Metro Supply Chain", "NFI Canada", "Ryder"}},
	"auto": {[]string{"Automotive", "Auto repair", "Car dealership", "Automotive service", "Heavy equipment"},
		[]string{"Canadian Tire Auto Service", "Mr. Lube", "Midas", "Kal Tire", "OK Tire", "Finning", "Toromont CAT",
			"Strongco", "Steele Ford", "Applewood Nissan", "Brampton Honda", "Speedy Auto Service", "Fountain Tire"}},
	"manufacturing": {[]string{"Manufacturing", "Manufacturing plant", "Factory", "Production", "Industrial"},
		[]string{"Magna International", "Linamar", "Honda of Canada Mfg.", "Toyota Motor Manufacturing Canada", "Bombardier",
			"CAE", "Pratt & Whitney Canada", "Celestica", "Palliser Furniture", "Dorel Industries", "IPEX", "NOVA Chemicals",
			"Stelco", "Algoma Steel", "ArcelorMittal Dofasco", "Gerdau", "Husky Injection Molding", "Martinrea",
			"Canadian General Tower", "Precision Tool & Die Inc."}},
	"food": {[]string{"Food processing", "Food manufacturing", "Meat processing", "Food and beverage processing", "Bakery"},
		[]string{"Maple Leaf Foods", "Cargill", "Olymel", "McCain Foods", "Saputo", "Weston Bakeries", "Canada Bread",
			"Agropur", "High Liner Foods", "JBS Canada", "Maple Lodge Farms", "Sofina Foods", "Ben's Bakery"}},
	"wood": {[]string{"Forestry", "Wood products", "Sawmill", "Pulp and paper", "Forest products"},
		[]string{"West Fraser", "Canfor", "Domtar", "Tolko", "Interfor", "Resolute Forest Products", "Irving Pulp & Paper",
			"Mercer Celgar", "Kruger", "Cascades", "Northern Pine Sawmill"}},
	"utilities": {[]string{"Utilities", "Energy", "Electric utility", "Power generation", "Water and wastewater"},
		[]string{"Hydro-Québec", "Ontario Power Generation", "BC Hydro", "Hydro One", "Enbridge", "FortisBC", "ATCO",
			"Manitoba Hydro", "SaskPower", "Toronto Hydro", "EPCOR", "NB Power", "Alectra Utilities"}},
	"mining": {[]string{"Mining", "Oil and gas", "Energy", "Oil & gas", "Resources"},
		[]string{"Suncor Energy", "Canadian Natural Resources", "Cenovus", "Imperial Oil", "Teck Resources", "Vale Canada",
			"Barrick", "Cameco", "Nutrien", "Syncrude", "Agnico Eagle", "Glencore", "Precision Drilling", "Ensign Energy Services"}},
	"agriculture": {[]string{"Agriculture", "Farming", "Farm", "Greenhouse", "Agri-food"},
		[]string{"Sunterra Farms", "Mucci Farms", "Windset Farms", "Burnbrae Farms", "Nature Fresh Farms", "Rol-Land Farms",
			"Hutterite colony", "Family farm", "Greenbelt Microgreens", "Okanagan Orchards", "Prairie Grain Growers",
			"Clearwater Seafoods", "Cooke Aquaculture"}},
	"education": {[]string{"Education", "School board", "Post-secondary education", "Child care", "Daycare"},
		[]string{"Toronto District School Board", "Peel District School Board", "Vancouver School Board", "University of Toronto",
			"University of British Columbia", "McGill University", "Humber College", "Seneca Polytechnic", "George Brown College",
			"Bow Valley College", "Centre de services scolaire de Montréal", "YMCA Child Care", "Kids & Company",
			"Bright Path Kids", "Little Sprouts Daycare", "Calgary Board of Education"}},
	"government": {[]string{"Government", "Public administration", "Public sector", "Federal government", "Municipal government"},
		[]string{"Government of Canada", "Service Canada", "Canada Revenue Agency", "IRCC", "City of Toronto", "City of Calgary",
			"Province of British Columbia", "Government of Ontario", "Ville de Montréal", "City of Edmonton",
			"Canada Border Services Agency", "Statistics Canada", "RCMP", "Canadian Armed Forces", "City of Winnipeg"}},
	"legal": {[]string{"Legal services", "Law firm", "Legal"},
		[]string{"Osler", "McCarthy Tétrault", "Blakes", "Gowling WLG", "Fasken", "Miller Thomson", "Legal Aid Ontario",
			"Borden Ladner Gervais", "Singh & Associates Law", "Dentons Canada"}},
	"social": {[]string{"Social services", "Non-profit", "Community services", "Charity", "NGO"},
		[]string{"YMCA", "Salvation Army", "Community Living Toronto", "COSTI Immigrant Services", "Children's Aid Society",
			"Boys and Girls Club", "United Way", "MOSAIC", "Options Community Services", "Canadian Red Cross",
			"St. Michael's Outreach", "Immigrant Services Calgary"}},
	"arts": {[]string{"Arts and culture", "Media", "Entertainment", "Recreation", "Sports and recreation", "Film and TV"},
		[]string{"CBC/Radio-Canada", "Cirque du Soleil", "Bell Media", "Corus Entertainment", "Cineplex", "Royal Ontario Museum",
			"Stratford Festival", "National Ballet of Canada", "Canada's Wonderland", "GoodLife Fitness", "Whistler Blackcomb",
			"Lionsgate Studios", "Quebecor Media", "Postmedia"}},
	"engineering": {[]string{"Engineering", "Engineering services", "Consulting engineering", "Architecture"},
		[]string{"AtkinsRéalis", "Stantec", "WSP Canada", "Hatch", "Golder Associates", "Associated Engineering", "Arcadis",
			"Morrison Hershfield", "Dialog", "Parsons Canada", "Tetra Tech Canada", "Wood Canada"}},
	"realestate": {[]string{"Real estate", "Property management", "Real estate services"},
		[]string{"Brookfield Properties", "CAPREIT", "FirstService Residential", "Cadillac Fairview", "RE/MAX", "Royal LePage",
			"Oxford Properties", "Minto Apartments", "Homelife Realty", "Century 21"}},
	"services": {[]string{"Building services", "Security services", "Cleaning services", "Facility services", "Janitorial"},
		[]string{"GardaWorld", "Paladin Security", "Allied Universal", "Commissionaires", "GDI Integrated Facility Services",
			"Bee-Clean", "Dexterra", "Molly Maid", "ServiceMaster", "Sparkle Cleaning Co."}},
	"personal": {[]string{"Personal services", "Beauty", "Salon", "Pet services", "Fitness"},
		[]string{"Magicuts", "First Choice Haircutters", "Chatters Salon", "PetSmart", "Pet Valu", "Elmwood Spa",
			"Dry Cleaning Express", "Anytime Fitness", "Glamour Nails & Spa"}},
	"staffing": {[]string{"Staffing agency", "Employment agency", "Temp agency", "Recruitment"},
		[]string{"Randstad", "Adecco", "ManpowerGroup", "Express Employment Professionals", "Spherion", "Robert Half",
			"The Staffing Connection", "Drake International", "Labour Ready", "Agilus"}},
}

// industryWords choose an industry from a word of the title, official
// qualifier included; the first rule that matches wins.
var industryWords = []struct {
	words []string
	key   string
}{
	{[]string{"nurse", "nursing", "hospital", "surgical", "medical", "medicine", "physician", "surgeon", "clinical", "patient", "radiolog", "anesthes"}, "hospital"},
	{[]string{"personal support", "home support", "home care", "caregiver", "seniors"}, "homecare"},
	{[]string{"dental", "pharmac", "optic", "physiotherap", "chiropract", "massage", "veterinar", "animal"}, "clinic"},
	{[]string{"software", "computer", "web", "data", "network", "systems", "information technology", "cyber", "programmer", "database", "cloud"}, "software"},
	{[]string{"telecommunication", "telephone", "cable", "wireless", "broadcast"}, "telecom"},
	{[]string{"bank", "loan", "mortgage", "credit", "investment", "financial", "securities", "teller"}, "bank"},
	{[]string{"insurance", "claims", "underwrit", "actuar"}, "insurance"},
	{[]string{"account", "audit", "tax", "payroll", "bookkeep"}, "accounting"},
	{[]string{"retail", "store", "cashier", "grocery", "supermarket", "shop"}, "retail"},
	{[]string{"wholesale"}, "wholesale"},
	{[]string{"cook", "chef", "kitchen", "restaurant", "food service", "waiter", "server", "bartender", "barista", "cafeteria", "catering", "fast food"}, "restaurant"},
	{[]string{"hotel", "motel", "resort", "lodging", "front desk"}, "hotel"},
	{[]string{"construction", "carpenter", "mason", "concrete", "roof", "drywall", "plumb", "building", "bricklay", "plaster", "paving", "tile", "glazier", "insulat"}, "construction"},
	{[]string{"truck", "trucking", "freight", "courier", "delivery", "moving"}, "trucking"},
	{[]string{"warehouse", "material handling", "shipping", "receiv", "forklift"}, "warehouse"},
	{[]string{"railway", "bus", "transit", "airline", "aircraft", "pilot", "flight", "marine", "ship", "subway", "avionics"}, "transit"},
	{[]string{"automotive", "motor vehicle repair", "mechanic", "tire", "heavy-duty", "heavy equipment"}, "auto"},
	{[]string{"food", "beverage", "meat", "fish", "bakery", "dairy products", "tobacco", "brewery", "poultry processing"}, "food"},
	{[]string{"wood", "sawmill", "pulp", "paper", "logging", "forestry", "lumber"}, "wood"},
	{[]string{"power", "utilit", "electric power", "water treatment", "gas utility", "nuclear"}, "utilities"},
	{[]string{"mining", "mine", "underground", "oil", "gas", "drilling", "quarry", "petroleum"}, "mining"},
	{[]string{"farm", "crop", "livestock", "greenhouse", "nursery", "orchard", "harvest", "aquaculture", "fishing", "ranch"}, "agriculture"},
	{[]string{"manufactur", "assembl", "textile", "plastic", "rubber", "metal", "foundry", "printing", "chemical", "electronic", "furniture", "garment", "machin", "factory", "plant", "processing", "foreman"}, "manufacturing"},
	{[]string{"school", "teacher", "college", "university", "education", "instructor", "professor", "daycare", "child care", "early childhood", "tutor"}, "education"},
	{[]string{"government", "municipal", "federal", "provincial", "public works", "police", "armed forces", "military", "customs", "immigration"}, "government"},
	{[]string{"legal", "law", "court", "lawyer", "paralegal", "notary", "judge"}, "legal"},
	{[]string{"social", "community", "youth", "counsell", "family services", "shelter", "outreach"}, "social"},
	{[]string{"art", "music", "theatre", "film", "museum", "sport", "recreation", "fitness", "dance", "actor", "broadcast", "journalis", "photograph", "design"}, "arts"},
	{[]string{"engineer", "architect", "survey", "drafting", "draftsperson", "geolog"}, "engineering"},
	{[]string{"real estate", "property", "apartment", "building superintendent"}, "realestate"},
	{[]string{"security", "guard", "janitor", "cleaner", "cleaning", "custodian", "caretaker", "housekeep", "pest"}, "services"},
	{[]string{"hair", "beauty", "esthetic", "salon", "pet", "laundry", "dry cleaning", "spa", "nail"}, "personal"},
}

// categoryIndustries are the industries of each NOC broad category (the
// code's first digit), for titles no keyword places.
var categoryIndustries = [10][]string{
	{"government", "bank", "manufacturing", "retail", "software", "hospital", "construction", "accounting"},
	{"bank", "accounting", "insurance", "government", "software", "retail", "hospital", "realestate", "legal"},
	{"software", "engineering", "telecom", "utilities", "mining", "manufacturing", "government", "construction"},
	{"hospital", "ltc", "clinic", "homecare", "hospital", "clinic"},
	{"education", "social", "government", "legal", "education", "homecare"},
	{"arts", "arts", "education", "government", "software"},
	{"retail", "restaurant", "hotel", "services", "personal", "retail", "restaurant", "warehouse"},
	{"construction", "trucking", "manufacturing", "auto", "utilities", "transit", "warehouse", "mining"},
	{"agriculture", "mining", "wood", "agriculture", "mining"},
	{"manufacturing", "food", "wood", "utilities", "manufacturing", "food"},
}

// industriesFor returns the industries a job with this official title and
// code plausibly sits in, most plausible first: those its words name
// (byWord), then those of its broad category.
func industriesFor(title, code string) (keys []string, byWord bool) {
	low := " " + strings.Map(func(r rune) rune {
		if strings.ContainsRune("-(),/", r) {
			return ' '
		}
		return unicode.ToLower(r)
	}, title)
	var out []string
	for _, r := range industryWords {
		for _, w := range r.words {
			if strings.Contains(low, " "+w) { // at the start of a word
				out = append(out, r.key)
				break
			}
		}
		if len(out) == 2 {
			break
		}
	}
	return append(out, categoryIndustries[digit(code)]...), len(out) > 0
}

// employerSuffixes are the company-form endings people add or leave off.
var employerSuffixes = []string{" Inc.", " Ltd.", " Ltd", " Inc", " Corp.", ", Inc.", " Limited", " Canada"}
