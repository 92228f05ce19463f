package bench

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// How a title is roughened. Each example has a few spellings of its own
// (variants), made once from the seed and the example: a typo, the
// official qualifier dropped or moved, a word dropped or added, the head
// written first, two roles in one cell. Variant 0 is the official title.
// Each row then dresses its variant the way people type, which the
// normalisation undoes: case, seniority and employment words, the employer
// after "@", a city, abbreviations ("Sr.", "Mgr", "Asst", "RN", "PSW",
// "Dev").

const (
	// officialShare is the share of rows whose title is the official
	// example title (variant 0), dressed.
	officialShare = 0.1
	// variantsPerTitle bounds the spellings of one example; variant k >= 1
	// is drawn with weight 1/k.
	variantsPerTitle = 12
)

var variantWeights = func() []float64 {
	cum, sum := make([]float64, variantsPerTitle-1), 0.0
	for k := range cum {
		sum += 1 / float64(k+1)
		cum[k] = sum
	}
	return cum
}()

// title returns the job title cell for a job of example e at employer emp.
func (g *generator) title(e int, emp string) string {
	rng := g.rng
	v := 0
	if rng.Float64() >= officialShare {
		v = 1 + searchCum(variantWeights, rng.Float64())
	}
	t := g.variant(e, v)
	t = abbreviate(rng, t)
	t = recase(rng, t)
	return dress(rng, t, emp)
}

func searchCum(cum []float64, u float64) int {
	x := u * cum[len(cum)-1]
	lo, hi := 0, len(cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// variant returns spelling v of example e, made once.
func (g *generator) variant(e, v int) string {
	ex := g.examples[e]
	if v == 0 {
		return ex.Title
	}
	key := [2]int{e, v}
	if t, ok := g.variants[key]; ok {
		return t
	}
	rng := rand.New(rand.NewPCG(hash(uint64(e)^g.o.Seed), uint64(v)))
	b, q := splitQualifier(ex.Title)
	n := 1
	if r := rng.IntN(20); r >= 13 {
		n = 2
		if r == 19 {
			n = 3
		}
	}
	for done, tries := 0, 0; done < n && tries < 20; tries++ {
		var ok bool
		b, q, ok = g.roughen(rng, e, b, q)
		if ok {
			done++
		}
	}
	t := b
	if q != "" {
		t += " - " + q
	}
	g.variants[key] = t
	return t
}

// roughen applies one change to a title's base and qualifier; ok is false
// when the change drawn does not apply.
func (g *generator) roughen(rng *rand.Rand, e int, b, q string) (string, string, bool) {
	w := strings.Fields(b)
	switch r := rng.IntN(100); {
	case r < 16: // a typo in one word
		var long []int
		for i, x := range w {
			if len(x) >= 4 && isASCIIWord(x) {
				long = append(long, i)
			}
		}
		if len(long) == 0 {
			return b, q, false
		}
		i := long[rng.IntN(len(long))]
		w[i] = typo(rng, w[i])
		return strings.Join(w, " "), q, true
	case r < 34: // the official qualifier dropped
		if q == "" {
			return b, q, false
		}
		return b, "", true
	case r < 42: // the qualifier's first word moved in front: "electronic assembler"
		if q == "" {
			return b, q, false
		}
		qw := strings.Fields(q)
		return qw[0] + " " + b, "", true
	case r < 50: // the first word dropped
		if len(w) < 3 || strings.ContainsAny(b, "()") {
			return b, q, false
		}
		return strings.Join(w[1:], " "), q, true
	case r < 66: // a word added in front
		p := prefixWords[digit(g.examples[e].Code)]
		if techTitle(b) {
			p = techPrefixes
		}
		return p[rng.IntN(len(p))] + " " + b, q, true
	case r < 76: // a word added behind
		return b + " " + suffixWords[rng.IntN(len(suffixWords))], q, true
	case r < 86: // the head written first: "engineer, civil"
		if len(w) < 2 || strings.ContainsAny(b, "(),") {
			return b, q, false
		}
		return w[len(w)-1] + ", " + strings.Join(w[:len(w)-1], " "), q, true
	case r < 90: // a plural
		if strings.HasSuffix(b, "s") || strings.HasSuffix(b, ")") {
			return b, q, false
		}
		return b + "s", q, true
	case r < 94: // two words run together
		if len(w) < 2 {
			return b, q, false
		}
		i := rng.IntN(len(w) - 1)
		w[i] += w[i+1]
		return strings.Join(append(w[:i+1], w[i+2:]...), " "), q, true
	default: // two roles in one cell: another title of the same unit group
		same := g.byCode[g.examples[e].Code]
		if len(same) < 2 {
			return b, q, false
		}
		o, _ := splitQualifier(g.examples[same[rng.IntN(len(same))]].Title)
		if o == b {
			return b, q, false
		}
		return b + " / " + o, q, true
	}
}

// prefixWords are words people add in front of a title, by NOC broad
// category; several name a specialty that changes the normalised title.
var prefixWords = [10][]string{
	{"Regional", "Assistant", "Acting", "Interim", "Deputy", "Associate"},
	{"Assistant", "Associate", "Lead", "Corporate", "Bilingual", "Head", "Payroll", "Junior"},
	{"Lead", "Principal", "Field", "Project", "Research", "Staff", "Consulting", "Junior"},
	{"ICU", "ER", "Pediatric", "Surgical", "Geriatric", "Home care", "Community", "Clinical", "Charge", "Float"},
	{"Bilingual", "Lead", "Community", "Youth", "Head", "French immersion", "Substitute", "Supply"},
	{"Freelance", "Lead", "Assistant", "Senior", "Digital", "Head"},
	{"Head", "Lead", "Assistant", "Night", "Bilingual", "Front", "Store", "Shift"},
	{"Residential", "Commercial", "Industrial", "Journeyman", "Licensed", "Mobile", "Lead", "Red Seal", "Long haul", "Local"},
	{"General", "Seasonal", "Lead", "Greenhouse", "Dairy", "Head"},
	{"Production", "Line", "Plant", "Machine", "Lead", "Shift", "General"},
}

// techPrefixes are the words added in front of software titles.
var techPrefixes = []string{"Cloud", "Backend", "Java", "Python", "Lead", "Principal", ".NET", "Embedded", "Full stack", "Mobile"}

func techTitle(t string) bool {
	low := asciiLower(t)
	for _, w := range []string{"software", "developer", "programmer", "web", "data", "computer", "systems", "network", "database"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// suffixWords are words people add behind a title.
var suffixWords = []string{"specialist", "helper", "lead hand", "trainee", "apprentice", "team lead", "supervisor",
	"assistant", "coordinator", "1st class", "level A", "in charge", "and driver", "/ labourer", "lead"}

func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// neighbours are the keys beside each letter on a QWERTY keyboard.
var neighbours = map[byte]string{
	'a': "qsz", 'b': "vgn", 'c': "xdv", 'd': "sfe", 'e': "wrd", 'f': "dgr", 'g': "fht", 'h': "gjy", 'i': "uok",
	'j': "hku", 'k': "jli", 'l': "ko", 'm': "nj", 'n': "bm", 'o': "ipl", 'p': "o", 'q': "wa", 'r': "etf",
	's': "adw", 't': "ryg", 'u': "yij", 'v': "cb", 'w': "qes", 'x': "zc", 'y': "tuh", 'z': "xa",
}

// typo makes one typing error in an ASCII word of four letters or more,
// never in its first letter: two letters swapped, one dropped, one
// doubled or a neighbouring key struck.
func typo(rng *rand.Rand, w string) string {
	b := []byte(w)
	i := 1 + rng.IntN(len(b)-2)
	switch rng.IntN(4) {
	case 0:
		b[i], b[i+1] = b[i+1], b[i]
	case 1:
		b = append(b[:i], b[i+1:]...)
	case 2:
		b = append(b[:i+1], b[i:]...)
	default:
		if n := neighbours[b[i]|0x20]; n != "" {
			b[i] = n[rng.IntN(len(n))]
		} else {
			b = append(b[:i], b[i+1:]...)
		}
	}
	return string(b)
}

// abbreviations are the short forms people type, longest phrases first.
var abbreviations = []struct {
	long  string
	short []string
}{
	{"registered practical nurse", []string{"RPN"}},
	{"licensed practical nurse", []string{"LPN", "L.P.N."}},
	{"personal support worker", []string{"PSW"}},
	{"early childhood educator", []string{"ECE"}},
	{"information technology", []string{"IT"}},
	{"customer service", []string{"Cust. Service", "Customer Svc"}},
	{"registered nurse", []string{"RN", "R.N."}},
	{"human resources", []string{"HR"}},
	{"administrative", []string{"Admin", "Admin."}},
	{"representative", []string{"Rep", "Rep."}},
	{"maintenance", []string{"Maint.", "Maint"}},
	{"coordinator", []string{"Coord.", "Co-ordinator"}},
	{"technician", []string{"Tech", "Tech."}},
	{"accountant", []string{"Acct"}},
	{"apprentice", []string{"Appr."}},
	{"electrical", []string{"Elec."}},
	{"mechanical", []string{"Mech."}},
	{"supervisor", []string{"Supv", "Supvr", "Supervisor."}},
	{"department", []string{"Dept."}},
	{"assistant", []string{"Asst", "Asst.", "Assist."}},
	{"associate", []string{"Assoc."}},
	{"developer", []string{"Dev", "Dev."}},
	{"executive", []string{"Exec."}},
	{"warehouse", []string{"Whse"}},
	{"labourer", []string{"laborer"}},
	{"director", []string{"Dir."}},
	{"engineer", []string{"Eng.", "Engr"}},
	{"operator", []string{"Opr", "Oper."}},
	{"manager", []string{"Mgr", "Mgr.", "Mngr"}},
	{"general", []string{"Gen."}},
	{"senior", []string{"Sr."}},
	{"centre", []string{"center"}},
	{"colour", []string{"color"}},
}

// abbreviate shortens some of the phrases of t (a row in two).
func abbreviate(rng *rand.Rand, t string) string {
	if rng.IntN(2) != 0 {
		return t
	}
	low := asciiLower(t)
	for _, a := range abbreviations {
		i := wordIndex(low, a.long)
		if i < 0 || rng.IntN(3) == 0 {
			continue
		}
		short := a.short[rng.IntN(len(a.short))]
		t = t[:i] + short + t[i+len(a.long):]
		low = low[:i] + strings.Repeat("#", len(short)) + low[i+len(a.long):]
	}
	return t
}

// asciiLower lower-cases the ASCII letters of s, leaving its length.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// wordIndex is the index of phrase, lower case, in low, a lower-cased
// title, at word boundaries; -1 if absent.
func wordIndex(low, phrase string) int {
	for off := 0; ; {
		i := strings.Index(low[off:], phrase)
		if i < 0 {
			return -1
		}
		i += off
		j := i + len(phrase)
		if (i == 0 || !isLetter(low[i-1])) && (j == len(low) || !isLetter(low[j])) {
			return i
		}
		off = i + 1
	}
}

func isLetter(c byte) bool { c |= 0x20; return c >= 'a' && c <= 'z' }

// recase writes t as people do: Title Case most often, as written, with a
// capital first letter, in capitals or in lower case.
func recase(rng *rand.Rand, t string) string {
	switch r := rng.IntN(100); {
	case r < 42:
		return titleCase(t)
	case r < 67:
		return t
	case r < 87:
		return capitalize(t)
	case r < 94:
		return strings.ToUpper(t)
	}
	return strings.ToLower(t)
}

func titleCase(t string) string {
	var b strings.Builder
	b.Grow(len(t))
	start := true
	for _, r := range t {
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(r)
		}
		start = r == ' ' || r == '-' || r == '/' || r == '('
	}
	return b.String()
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// seniority are words typed in front that the normalisation drops.
var seniority = []string{"Senior ", "Sr. ", "Sr ", "Jr. ", "Junior ", "Casual ", "Temp ", "Part-time ", "PT ", "Full-time ", "FT "}

// tails are what people type behind a title that the normalisation drops
// or reads as context; "%s" is the employer.
var tails = []string{"%s", "%s", "%s", "%s", "%s", " II", " III", " - nights", " (contract)", " (part-time)", " - FT",
	", Toronto", " - Vancouver", " (temp)", " Level 2", " - permanent", " (casual)", " \u2013 nights", " - evenings",
	" 2", " (seasonal)", " - Remote", " - Calgary", " (Ottawa)"}

var employerForms = []string{" @ ", " @", " at ", " with ", " (", " - "}

// dress adds what a row types around its title: seniority in front (one
// row in seven) and an employer, a shift or a place behind (one in three).
func dress(rng *rand.Rand, t, emp string) string {
	if rng.IntN(7) == 0 {
		t = seniority[rng.IntN(len(seniority))] + t
	}
	if rng.IntN(3) == 0 {
		tail := tails[rng.IntN(len(tails))]
		if tail == "%s" {
			f := employerForms[rng.IntN(len(employerForms)-1)] // " - Employer" stays in the title: rare
			if rng.IntN(40) == 0 {
				f = employerForms[len(employerForms)-1]
			}
			tail = f + emp
			if f == " (" {
				tail += ")"
			}
		}
		t += tail
	}
	switch rng.IntN(40) {
	case 0:
		t += " "
	case 1:
		t = strings.Replace(t, " ", "  ", 1)
	}
	return t
}

// splitQualifier separates an official title's qualifier, the text after
// " - " ("butcher - retail or wholesale").
func splitQualifier(t string) (base, q string) {
	if i := strings.Index(t, " - "); i > 0 {
		return t[:i], t[i+3:]
	}
	return t, ""
}

func qualifier(t string) string { _, q := splitQualifier(t); return q }

// builtinTitles are used without examples: common spellings, for tests
// that need volume rather than realism.
var builtinTitles = []string{"Registered Nurse", "Staff RN - ICU", "RN", "LPN", "PSW - nights", "Personal Support Worker",
	"Sr. Software Dev @ Shopify", "software engineer", "Full Stack Developer", "Data Scientist", "Data Analyst",
	"Welder", "Welder/Fitter", "Electrician", "Industrial Electrician", "Plumber", "Carpenter apprentice",
	"Heavy Duty Mechanic", "Truck Driver (AZ)", "OWNER/OPERATOR TRUCKING", "Cook", "Line cook", "Sous chef",
	"Cashier", "Retail Sales Associate", "Customer Service Rep", "Account mgr", "Accountant", "Bookkeeper",
	"Admin Assistant", "Office Manager", "Receptionist", "Early Childhood Educator", "ECE assistant",
	"Elementary teacher", "High school teacher", "Professor of Chemistry", "Research Associate",
	"Pharmacist", "Pharmacy Technician", "Dental hygienist", "Physiotherapist", "Family Doctor",
	"Civil Engineer", "Mechanical Engineer", "Project Manager", "Warehouse associate", "Forklift operator",
	"Security guard", "Janitor", "Housekeeper", "Butcher", "Baker", "Farm worker", "Aircraft mechanic",
	"Pilot", "Social worker", "Caregiver", "Nanny", "Server", "Bartender", "Barista", "Store manager",
	"Marketing coordinator", "HR generalist", "Payroll clerk", "IT support tech", "Network administrator",
	"Électricien", "Infirmière", "Soudeur", "Enseignante", "Préposée aux bénéficiaires", "Cuisinier"}

// commonTitles are official example titles of the occupations that fill
// most of an immigration consultancy's list, most common first; they are
// drawn far more often than the other examples.
var commonTitles = []string{
	"registered nurse (R.N.)", "personal support worker - home support", "cook", "truck driver", "software developer",
	"cashier", "licensed practical nurse (L.P.N.)", "early childhood educator (ECE)", "food service supervisor",
	"retail sales associate", "administrative assistant", "accountant", "welder", "electrician", "line cook",
	"personal support worker - nursing care", "software engineer", "long haul truck driver", "registered practical nurse (R.P.N.)",
	"nurse aide", "home support worker", "live-in caregiver", "carpenter", "delivery driver", "restaurant manager",
	"chef", "customer service representative - airline", "Web developer", "programmer analyst", "data scientist",
	"business data analyst", "information technology (IT) business analyst", "cybersecurity analyst", "help desk technician",
	"network administrator", "systems analyst", "software tester", "database administrator (DBA)", "industrial electrician",
	"plumber", "millwright", "machinist", "heavy-duty equipment mechanic", "automotive service technician", "refrigeration mechanic",
	"bus driver", "taxi driver", "forklift operator", "material handler", "warehouse shipper", "construction labourer",
	"general labourer - manufacturing", "bookkeeper", "financial analyst", "accounting clerk", "payroll clerk", "office manager",
	"receptionist", "data entry clerk", "human resources generalist", "marketing coordinator", "elementary school teacher",
	"secondary school teacher", "educational assistant", "daycare worker", "social worker", "pharmacist", "pharmacy technician",
	"dental hygienist", "physiotherapist", "family physician", "medical laboratory technologist", "paramedic", "civil engineer",
	"mechanical engineer", "electrical engineer", "security guard", "janitor", "cleaner", "housekeeper", "room attendant",
	"butcher - retail or wholesale", "retail meat cutter", "baker", "dairy farm worker", "general farm worker - livestock",
	"fruit picker", "fish plant worker", "aircraft mechanic", "airline pilot", "bartender", "barista", "kitchen helper",
	"dishwasher", "sous-chef", "food and beverage server", "store clerk", "grocery clerk", "retail store supervisor",
	"hairstylist", "real estate agent", "insurance agent", "bank teller", "sales associate - retail", "landscaper", "painter",
	"roofer", "nanny", "graphic designer", "construction manager", "human resources manager", "marketing manager", "lawyer",
	"paralegal", "translator", "patient care aide",
}
