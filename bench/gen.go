// Package bench holds the benchmark suite: a generator of large, messy
// client lists and end-to-end benchmarks that report casescreen's time and
// peak memory as ratios to floors measured in the same run.
package bench

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
)

// Header is the generated client list's header: the long shape, with
// personal columns that must pass through untouched.
var Header = []string{"Client ID", "Full Name", "Email", "Job Title", "Employer", "Industry", "Country",
	"Start Date", "End Date", "Hours/Week", "French Reading", "French Writing", "French Listening", "French Speaking", "Notes"}

var (
	titles = []string{"Registered Nurse", "Staff RN - ICU", "RN", "LPN", "PSW - nights", "Personal Support Worker",
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
	prefixes  = []string{"", "", "", "Senior ", "Jr. ", "Lead ", "Casual ", "PT ", "Temp "}
	suffixes  = []string{"", "", "", "", " II", " - nights", " (contract)", " @ Walmart", " at RBC", ", Toronto"}
	employers = []string{"Sunnybrook", "Shopify", "Walmart", "RBC", "Tim Hortons", "Extendicare", "Finning", "BuildRite", "Self", "Apollo Hospitals", "TCS", "Infosys"}
	inds      = []string{"Hospital", "Software", "Retail", "Banking", "Restaurant", "Long-term care", "Mining", "Construction", "", "Education"}
	countries = []string{"Canada", "Canada", "Canada", "CA", "India", "Philippines", "", "Nigeria", "Ontario", "Brazil"}
	firsts    = []string{"Priya", "Marc", "Olena", "Wei", "Ahmed", "Maria", "John", "Fatima", "Diego", "Sophie", "Rahul", "Grace"}
	lasts     = []string{"Raman", "Tremblay", "Kovalenko", "Zhang", "Hassan", "Santos", "O'Brien", "Noor", "Alvarez", "Dubois"}
)

// Generate writes a messy client list of n rows in the long shape, one to
// three rows per applicant, deterministic for a seed: titles with
// seniority and employer noise, dates in ISO, d/m/y, "Jan 2024" and Excel
// serial form, hours as numbers and words, a few blank and bad cells.
func Generate(w io.Writer, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	cw := csv.NewWriter(w)
	if err := cw.Write(Header); err != nil {
		return err
	}
	row := make([]string, len(Header))
	id, left := 0, 0
	for i := 0; i < n; i++ {
		if left == 0 {
			id++
			left = 1 + rng.IntN(3)
			name := firsts[rng.IntN(len(firsts))] + " " + lasts[rng.IntN(len(lasts))]
			row[0] = "C-" + strconv.Itoa(100000+id)
			row[1] = name
			row[2] = fmt.Sprintf("client%d@example.com", id)
			fr := rng.IntN(10) == 0
			for k := 10; k < 14; k++ {
				row[k] = ""
				if fr {
					row[k] = strconv.Itoa(5 + rng.IntN(6))
				}
			}
		}
		left--
		row[3] = prefixes[rng.IntN(len(prefixes))] + titles[rng.IntN(len(titles))] + suffixes[rng.IntN(len(suffixes))]
		row[4] = employers[rng.IntN(len(employers))]
		row[5] = inds[rng.IntN(len(inds))]
		row[6] = countries[rng.IntN(len(countries))]
		start := 2018*365 + rng.IntN(8*365)
		row[7] = date(rng, start)
		row[8] = ""
		if rng.IntN(3) > 0 {
			row[8] = date(rng, start+30+rng.IntN(1500))
		}
		switch r := rng.IntN(20); {
		case r == 0:
			row[9] = ""
		case r == 1:
			row[9] = "FT"
		case r == 2:
			row[9] = "PT"
		case r == 3:
			row[9] = "20-25"
		default:
			row[9] = strconv.Itoa(15 + rng.IntN(35))
		}
		row[14] = ""
		if rng.IntN(8) == 0 {
			row[14] = "call " + row[1] + " re: documents"
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

var monthNames = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func date(rng *rand.Rand, days int) string {
	y := days / 365
	doy := days % 365
	m := 1 + doy/31
	if m > 12 {
		m = 12
	}
	d := 1 + doy%28
	switch rng.IntN(10) {
	case 0:
		return fmt.Sprintf("%02d/%02d/%d", d, m, y)
	case 1:
		return monthNames[m-1] + " " + strconv.Itoa(y)
	case 2:
		return strconv.Itoa(45000 + rng.IntN(800)) // an Excel serial
	case 3:
		return fmt.Sprintf("%d-%02d", y, m)
	}
	return fmt.Sprintf("%d-%02d-%02d", y, m, d)
}
