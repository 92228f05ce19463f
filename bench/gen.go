// Package bench holds the benchmark suite: a generator of large, messy
// client lists shaped like real ones and end-to-end benchmarks that report
// casescreen's time and peak memory as ratios to floors measured in the
// same run.
package bench

import (
	"container/heap"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/casescreen/casescreen/noc"
)

// Header is the generated client list's header: the long shape, with
// personal columns that must pass through untouched. Without context
// (Options.NoContext) the Employer and Industry columns are left out.
var Header = []string{"Client ID", "Full Name", "Email", "Job Title", "Employer", "Industry", "Country",
	"Start Date", "End Date", "Hours/Week", "French Reading", "French Writing", "French Listening", "French Speaking", "Notes"}

const colEmployer, colIndustry = 4, 5

// CodeHeader is the header of the column Options.Coded adds, after the
// others. In the generator's rows the code is the cell after Header's.
const CodeHeader = "NOC Code"

var colCode = len(Header)

// personCols are the applicant's columns, the same on all their rows.
var personCols = []int{0, 1, 2, 10, 11, 12, 13}

// Example is an official example title of the NOC 2021 classification.
type Example struct {
	Code  string // the unit group, five digits
	Title string // as Statistics Canada writes it
}

// LoadExamples reads the example titles (element type "All examples") of
// an elements file in Statistics Canada's layout, such as
// ../shared/noc/noc_2021_elements_rebuilt.csv, in file order.
func LoadExamples(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	code, ok1 := col["Code - NOC 2021 V1.0"]
	kind, ok2 := col["Element Type Label English"]
	text, ok3 := col["Element Description English"]
	if !ok1 || !ok2 || !ok3 {
		return nil, fmt.Errorf("%s: not an elements file in the official layout", path)
	}
	var out []Example
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if len(rec) <= max(code, kind, text) || rec[kind] != "All examples" || strings.TrimSpace(rec[text]) == "" {
			continue
		}
		out = append(out, Example{Code: rec[code], Title: strings.TrimSpace(rec[text])})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no example titles", path)
	}
	return out, nil
}

// Options says what list GenerateList writes.
type Options struct {
	Rows int    // data rows, header excluded
	Seed uint64 // the same options and seed give the same bytes
	// Examples are the titles drawn from, roughened; LoadExamples reads
	// them from the official elements file. Without them the titles come
	// from a short built-in list of common spellings (a list for tests
	// that need volume, not realism).
	Examples []Example
	// NoContext leaves out the Employer and Industry columns. The rows are
	// otherwise those of the list with context: the same titles, dates
	// and applicants.
	NoContext bool
	// Scattered is the share of applicants (0..1) whose rows are not
	// contiguous: each has two or three rows, the later ones placed a few
	// to a few thousand rows further down.
	Scattered float64
	// Coded adds a last column, CodeHeader, holding on every row the code
	// of the example its title was drawn from: a list that arrives coded,
	// which casescreen reads by its codes, not its titles. The rows are
	// otherwise those of the list without it.
	Coded bool
}

// Stats describes a generated list. "Normalised" is noc.Normalize.
type Stats struct {
	Rows       int `json:"rows"`
	Applicants int `json:"applicants"`
	Scattered  int `json:"scattered_applicants"` // applicants whose rows are not contiguous
	// DistinctTitles is the number of distinct normalised job titles.
	DistinctTitles int `json:"distinct_titles"`
	// DistinctPairs is the number of distinct (normalised title, context)
	// pairs, the context being the normalised text of the industry and
	// employer cells and of the qualifiers typed in the title ("@ Shopify",
	// "(oil industry)"), as noc.SplitQualifiers separates them.
	DistinctPairs int `json:"distinct_title_context_pairs"`
}

// Generate writes a messy client list of n rows with the built-in titles
// (no reference data needed); see GenerateList.
func Generate(w io.Writer, n int, seed uint64) error {
	_, err := generateList(w, Options{Rows: n, Seed: seed}, false)
	return err
}

// GenerateList writes a client list in the long shape as CSV, one to three
// rows per applicant, deterministic for its options. Titles are drawn
// from the examples, a few common ones often and the rest rarely (a
// Zipf-like law), and roughened as people type them: case, seniority and
// employment words, qualifiers, employers after "@", abbreviations, typos,
// inverted and doubled titles. Every row has an industry and an employer
// that fit the title. Dates come in ISO, d/m/y, "Jan 2024", y-m and Excel
// serial form; hours as numbers, ranges, "FT", "PT" and blanks.
func GenerateList(w io.Writer, o Options) (Stats, error) { return generateList(w, o, true) }

// generateList is GenerateList; without count it leaves out the distinct
// titles and pairs, which cost a normalisation per row.
func generateList(w io.Writer, o Options, count bool) (Stats, error) {
	g := newGenerator(o)
	cw := csv.NewWriter(w)
	out := make([]string, 0, len(Header)+1)
	write := func(row []string) error {
		out = out[:0]
		for i, c := range row {
			if o.NoContext && (i == colEmployer || i == colIndustry) || i == colCode && !o.Coded {
				continue
			}
			out = append(out, c)
		}
		return cw.Write(out)
	}
	if err := write(append(slices.Clip(Header), CodeHeader)); err != nil {
		return Stats{}, err
	}
	for g.next() {
		if err := write(g.row); err != nil {
			return Stats{}, err
		}
		g.stats.Rows++
		if count {
			g.count(o.NoContext)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return Stats{}, err
	}
	g.stats.DistinctTitles = len(g.titles)
	g.stats.DistinctPairs = len(g.pairs)
	return g.stats, nil
}

// generator makes the rows one at a time.
type generator struct {
	o        Options
	rng      *rand.Rand
	examples []Example
	cum      []float64 // cumulative draw weights of examples
	byCode   map[string][]int
	ind      [][]string // industry keys per example, the first preferred
	variants map[[2]int]string

	row     []string
	person  []string // the applicant's cells (personCols), the rest unused
	id      int
	left    int // rows left of the current applicant in sequence
	done    int // rows handed out
	planned int // rows handed out or deferred
	late    lateRows

	stats  Stats
	titles map[string]struct{}
	pairs  map[string]struct{}
}

func newGenerator(o Options) *generator {
	g := &generator{o: o, rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15)),
		variants: map[[2]int]string{}, row: make([]string, colCode+1), person: make([]string, len(Header)),
		titles: map[string]struct{}{}, pairs: map[string]struct{}{}}
	g.examples = o.Examples
	if len(g.examples) == 0 {
		for _, t := range builtinTitles {
			g.examples = append(g.examples, Example{Title: t})
		}
	}
	g.byCode = map[string][]int{}
	for i, e := range g.examples {
		g.byCode[e.Code] = append(g.byCode[e.Code], i)
	}
	g.weigh()
	g.ind = make([][]string, len(g.examples))
	for i, e := range g.examples {
		c, byWord := industriesFor(e.Title, e.Code)
		if !byWord { // one of the category's industries, fixed per title
			c = append([]string{c[hash(uint64(i))%uint64(len(c))]}, c...)
		}
		g.ind[i] = c
	}
	return g
}

// weigh sets the draw weights. The common titles of commonTitles share
// headShare of the rows, the r-th (from 0) with weight 1/(r+5); the other
// examples, in an order shuffled by the seed, share the rest, the r-th
// with weight (r+20)^-titleSkew times its broad category's weight.
func (g *generator) weigh() {
	order := make([]int, len(g.examples))
	for i := range order {
		order[i] = i
	}
	sh := rand.New(rand.NewPCG(g.o.Seed^0x51a7, 3))
	sh.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	rank := map[string]int{}
	for i, t := range commonTitles {
		rank[t] = i
	}
	head := 0
	for _, e := range g.examples {
		if _, ok := rank[e.Title]; ok {
			head++
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		ra, oka := rank[g.examples[order[a]].Title]
		rb, okb := rank[g.examples[order[b]].Title]
		if !oka {
			ra = len(commonTitles)
		}
		if !okb {
			rb = len(commonTitles)
		}
		return ra < rb
	})
	// The common titles take headShare of the rows, the others the rest.
	w := make([]float64, len(g.examples))
	var headSum, tailSum float64
	for r, i := range order {
		if r < head {
			w[i] = 1 / float64(r+5)
			headSum += w[i]
			continue
		}
		w[i] = math.Pow(float64(r-head+20), -titleSkew) * categoryWeight[digit(g.examples[i].Code)]
		tailSum += w[i]
	}
	for r, i := range order {
		if r < head {
			w[i] *= headShare / headSum
		} else {
			w[i] *= (1 - headShare) / tailSum
		}
	}
	g.cum = make([]float64, len(w))
	sum := 0.0
	for i, x := range w {
		sum += x
		g.cum[i] = sum
	}
}

// titleSkew is the exponent of the other examples' Zipf-like law, chosen
// so that a 1,000,000-row list has about 40,000 distinct normalised titles.
const titleSkew = 1.65

// headShare is the share of rows whose title is one of commonTitles.
const headShare = 0.2

// categoryWeight is how often each NOC broad category turns up in an
// immigration consultancy's list compared with its share of examples:
// health, trades, services and technology often; the many manufacturing
// examples rarely.
var categoryWeight = [10]float64{0.8, 1.6, 1.8, 2.5, 1.4, 0.7, 1.6, 1.4, 0.8, 0.35}

func digit(code string) int {
	if code != "" && code[0] >= '0' && code[0] <= '9' {
		return int(code[0] - '0')
	}
	return 0
}

// hash is splitmix64: a fixed scramble for choices made once per title.
func hash(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// next fills g.row with the next row; false after the last.
func (g *generator) next() bool {
	if g.done == g.o.Rows {
		return false
	}
	// A deferred row goes in between two applicants, never inside one.
	if len(g.late) > 0 && g.left == 0 && (g.late[0].due <= g.done || g.planned == g.o.Rows) {
		lr := heap.Pop(&g.late).(lateRow)
		copy(g.row, lr.row)
		g.done++
		return true
	}
	if g.left == 0 {
		g.applicant()
	}
	g.left--
	g.job()
	g.done++
	g.planned++
	return true
}

// applicant starts the next applicant; a scattered one has its later rows
// made now and deferred.
func (g *generator) applicant() {
	g.id++
	g.stats.Applicants++
	g.left = 1 + g.rng.IntN(3)
	scattered := g.o.Scattered > 0 && g.rng.Float64() < g.o.Scattered
	if scattered {
		g.left = 2 + g.rng.IntN(2)
	}
	g.left = min(g.left, g.o.Rows-g.planned)
	name := firsts[g.rng.IntN(len(firsts))] + " " + lasts[g.rng.IntN(len(lasts))]
	g.person[0] = "C-" + strconv.Itoa(100000+g.id)
	g.person[1] = name
	g.person[2] = fmt.Sprintf("client%d@example.com", g.id)
	fr := g.rng.IntN(10) == 0
	for k := 10; k < 14; k++ {
		g.person[k] = ""
		if fr {
			g.person[k] = strconv.Itoa(5 + g.rng.IntN(6))
		}
	}
	// The later rows land up to 3,000 rows further down, less near the end.
	gap := min(3000, (g.o.Rows-g.planned)/4)
	if !scattered || g.left < 2 || gap < 2 {
		return
	}
	g.stats.Scattered++
	// The first row comes now; the others later, in order.
	due := g.done
	for k := 1; k < g.left; k++ {
		g.job()
		due += 2 + g.rng.IntN(gap-1)
		heap.Push(&g.late, lateRow{due: due, seq: g.planned, row: slices.Clone(g.row)})
		g.planned++
	}
	g.left = 1
}

// job fills the job cells of g.row.
func (g *generator) job() {
	rng := g.rng
	for _, k := range personCols {
		g.row[k] = g.person[k]
	}
	e := sort.SearchFloat64s(g.cum, rng.Float64()*g.cum[len(g.cum)-1])
	e = min(e, len(g.examples)-1)
	ex := g.examples[e]
	ind, indCell := g.industry(e)
	emp := g.employer(ind)
	g.row[3] = g.title(e, emp)
	g.row[colCode] = ex.Code
	g.row[colEmployer] = employerCell(rng, emp)
	g.row[colIndustry] = indCell
	if q := qualifier(ex.Title); q != "" && rng.IntN(4) == 0 {
		g.row[colIndustry] = capitalize(q) // the official qualifier is an industry: "Plastic manufacturing"
	}
	g.row[6] = countries[rng.IntN(len(countries))]
	start := 2018*365 + rng.IntN(8*365)
	g.row[7] = date(rng, start)
	g.row[8] = ""
	if rng.IntN(3) > 0 {
		g.row[8] = date(rng, start+30+rng.IntN(1500))
	}
	switch r := rng.IntN(20); {
	case r == 0:
		g.row[9] = ""
	case r == 1:
		g.row[9] = "FT"
	case r == 2:
		g.row[9] = "PT"
	case r == 3:
		g.row[9] = "20-25"
	default:
		g.row[9] = strconv.Itoa(15 + rng.IntN(35))
	}
	g.row[14] = ""
	if rng.IntN(8) == 0 {
		g.row[14] = "call " + g.row[1] + " re: documents"
	}
}

// industry chooses the industry of a job with example e: its preferred
// industry most of the time, another plausible one or a staffing agency
// otherwise. It returns the key and the cell as typed.
func (g *generator) industry(e int) (string, string) {
	rng := g.rng
	cands := g.ind[e]
	key := cands[0]
	switch r := rng.IntN(100); {
	case r < 15:
		key = cands[rng.IntN(len(cands))]
	case r < 18:
		key = "staffing"
	case r < 20:
		key = industryKeys[rng.IntN(len(industryKeys))]
	}
	names := industries[key].names
	cell := names[0]
	if rng.IntN(100) < 15 {
		cell = names[rng.IntN(len(names))]
	}
	switch rng.IntN(20) {
	case 0:
		cell = strings.ToLower(cell)
	case 1:
		cell = strings.ToUpper(cell)
	case 2:
		cell += " "
	}
	return key, cell
}

var industryKeys = func() []string {
	var k []string
	for key := range industries {
		k = append(k, key)
	}
	slices.Sort(k)
	return k
}()

// employer chooses an employer of the industry, the k-th (from 0) with
// weight (k+1)^-1.5: the large employers of an industry fill most rows.
func (g *generator) employer(ind string) string {
	emps := industries[ind].employers
	cum := employerWeights[ind]
	k := sort.SearchFloat64s(cum, g.rng.Float64()*cum[len(cum)-1])
	return emps[min(k, len(emps)-1)]
}

var employerWeights = func() map[string][]float64 {
	m := map[string][]float64{}
	for key, ind := range industries {
		cum, sum := make([]float64, len(ind.employers)), 0.0
		for k := range cum {
			sum += math.Pow(float64(k+1), -1.5)
			cum[k] = sum
		}
		m[key] = cum
	}
	return m
}()

// employerCell is the employer as typed.
func employerCell(rng *rand.Rand, emp string) string {
	switch r := rng.IntN(100); {
	case r < 8:
		return emp + employerSuffixes[rng.IntN(len(employerSuffixes))]
	case r < 13:
		return strings.ToUpper(emp)
	case r < 18:
		return strings.ToLower(emp)
	case r < 20:
		return " " + emp
	}
	return emp
}

// count adds the row just made to the statistics.
func (g *generator) count(noContext bool) {
	title := noc.Normalize(g.row[3])
	g.titles[title] = struct{}{}
	_, q := noc.SplitQualifiers(g.row[3])
	ctx := q
	if !noContext {
		ctx = g.row[colIndustry] + " " + g.row[colEmployer] + " " + q
	}
	g.pairs[title+"\x00"+noc.Normalize(ctx)] = struct{}{}
}

// lateRows are the deferred rows of scattered applicants, a heap by due
// position, then by the order they were made.
type lateRow struct {
	due, seq int
	row      []string
}

type lateRows []lateRow

func (h lateRows) Len() int { return len(h) }
func (h lateRows) Less(i, j int) bool {
	return h[i].due < h[j].due || h[i].due == h[j].due && h[i].seq < h[j].seq
}
func (h lateRows) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *lateRows) Push(x any)   { *h = append(*h, x.(lateRow)) }
func (h *lateRows) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

var (
	countries = []string{"Canada", "Canada", "Canada", "CA", "India", "Philippines", "", "Nigeria", "Ontario", "Brazil"}
	firsts    = []string{"Priya", "Marc", "Olena", "Wei", "Ahmed", "Maria", "John", "Fatima", "Diego", "Sophie", "Rahul", "Grace"}
	lasts     = []string{"Raman", "Tremblay", "Kovalenko", "Zhang", "Hassan", "Santos", "O'Brien", "Noor", "Alvarez", "Dubois"}
)

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

// DefaultElements is the official elements file beside a checkout, as a
// path from the checkout's top directory; the benchmarks (run in bench/)
// read it as "../" + DefaultElements.
const DefaultElements = "../shared/noc/noc_2021_elements_rebuilt.csv"
