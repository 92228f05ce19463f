package screen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/readers"
)

// Summary is what a run did, in one set of names: the --summary JSON, the
// report's Summary sheet and the log's closing line all read it.
type Summary struct {
	Version          string      `json:"version"`
	Inputs           []InputFile `json:"inputs"`
	AsOf             string      `json:"as_of"`
	RuleSet          string      `json:"rule_set"`
	RuleSetEffective string      `json:"rule_set_effective"`
	NOCIndex         string      `json:"noc_index"`
	Threshold        float64     `json:"threshold"`
	// ReplacedColumns are input columns named like an annotation column:
	// the new annotation took their place in the output.
	ReplacedColumns []string `json:"replaced_columns,omitempty"`
	// FieldsNotFound are the fields the run needs that no input column
	// gave (Columns.Missing): said once here and in the log, besides the
	// reason on each row it leaves unknown.
	FieldsNotFound []string `json:"fields_not_found,omitempty"`

	RowsRead        int `json:"rows_read"`
	RowsWritten     int `json:"rows_written"`
	RowsInputErrors int `json:"rows_with_input_errors"`
	RowsNeedReview  int `json:"rows_needing_review"`
	Applicants      int `json:"applicants"`
	// RowsByReason counts rows per reason code (a code counts once a row).
	RowsByReason map[string]int `json:"rows_by_reason"`
	// Categories counts applicants per category in force, in rule-set
	// order.
	Categories []CategoryCount `json:"applicants_by_category"`
	// Programs counts applicants per program (cec, fsw, fst) by status;
	// InPool those who meet at least one.
	Programs []CategoryCount `json:"applicants_by_program"`
	InPool   int             `json:"applicants_in_pool"`
	// CRS counts applicants with a CRS score by band; Rounds compares them
	// with the latest round of each type before the as-of date.
	CRS    []CRSBand       `json:"crs_distribution"`
	Rounds []RoundStanding `json:"rounds"`
	// DrawsData names the rounds data and its last round.
	DrawsData     string `json:"draws_data"`
	DrawsLastDate string `json:"draws_last_round"`
	// RowsByMatchMethod counts jobs per match method.
	RowsByMatchMethod    map[string]int `json:"rows_by_match_method"`
	DistinctTitlesRanked int64          `json:"distinct_titles_ranked"`

	Elapsed       time.Duration `json:"-"`
	Seconds       float64       `json:"elapsed_seconds"`
	RowsPerSecond float64       `json:"rows_per_second"`
}

// ReasonCount is the rows a reason was given on.
type ReasonCount struct {
	Code string
	Rows int
}

// ReviewReasons returns the reasons that make a person look (not the
// notes), commonest first, at most n.
func (s *Summary) ReviewReasons(n int) []ReasonCount {
	var rs []ReasonCount
	for code, rows := range s.RowsByReason {
		if r, ok := LookupReason(code); ok && r.Kind == pipeline.Note {
			continue
		}
		rs = append(rs, ReasonCount{code, rows})
	}
	slices.SortFunc(rs, func(a, b ReasonCount) int {
		if a.Rows != b.Rows {
			return b.Rows - a.Rows
		}
		return strings.Compare(a.Code, b.Code)
	})
	return rs[:min(n, len(rs))]
}

// CRSBand is the applicants whose CRS is in [From, To].
type CRSBand struct {
	From       int `json:"from"`
	To         int `json:"to"`
	Applicants int `json:"applicants"`
}

// RoundStanding is one round type's latest round before the as-of date and
// how the applicants who could be invited in it stand against its cut-off.
type RoundStanding struct {
	Type       string `json:"type"`
	Name       string `json:"name"`
	Round      string `json:"round"`
	Date       string `json:"date"`
	Cutoff     int    `json:"cutoff"`
	Applicants int    `json:"applicants"`  // could be invited in a round of this type
	AtOrAbove  int    `json:"at_or_above"` // of those, with a CRS at or above the cut-off
}

// crsBands are the bands of the CRS distribution.
var crsBands = []CRSBand{{0, 349, 0}, {350, 399, 0}, {400, 449, 0}, {450, 499, 0}, {500, 549, 0}, {550, 599, 0}, {600, 1200, 0}}

// InputFile is one input of the run.
type InputFile struct {
	Path   string `json:"path"`
	Name   string `json:"name"`
	SHA256 string `json:"sha256,omitempty"`
	Rows   int    `json:"rows"`
	// Sheet is the worksheet read from a workbook; Passed the sheets before
	// it that were not the list, and why.
	Sheet  string                `json:"sheet,omitempty"`
	Passed []readers.PassedSheet `json:"sheets_passed_over,omitempty"`
}

// CategoryCount is the applicants of one category by status.
type CategoryCount struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Eligible    int    `json:"eligible"`
	Review      int    `json:"review"`
	NotEligible int    `json:"not_eligible"`
}

// log adds the summary's headline figures to a log event, under the same
// names as the JSON.
func (s *Summary) log(ev *zerolog.Event) *zerolog.Event {
	ev = ev.Int("rows_written", s.RowsWritten).Int("applicants", s.Applicants).
		Int("rows_with_input_errors", s.RowsInputErrors).Int("rows_needing_review", s.RowsNeedReview)
	ev = ev.Int("applicants_in_pool", s.InPool)
	for _, c := range s.Programs {
		ev = ev.Int("eligible_"+c.ID, c.Eligible)
	}
	for _, c := range s.Categories {
		ev = ev.Int("eligible_"+c.ID, c.Eligible)
	}
	return ev.Str("elapsed", Duration(s.Elapsed))
}

// rank is the place of id in order, after it when absent.
func rank(order []string, id string) int {
	if i := slices.Index(order, id); i >= 0 {
		return i
	}
	return len(order)
}

// summary builds the run's Summary from the pipeline's counts and the
// tally's.
func (j *Job) summary(st *pipeline.Stats, t *tally, elapsed time.Duration) (*Summary, error) {
	rs := j.ruleSet
	s := &Summary{Version: j.cfg.Version, AsOf: j.cfg.AsOf.String(), RuleSet: rs.Name, RuleSetEffective: rs.Period(),
		NOCIndex: j.index.Name, Threshold: j.cfg.Threshold, ReplacedColumns: j.replaced, FieldsNotFound: j.cols.Missing(),
		RowsRead: st.RowsRead, RowsWritten: st.RowsWritten, RowsInputErrors: st.RowsInputErrors,
		RowsNeedReview: st.RowsNeedReview, Applicants: st.Applicants, RowsByReason: st.Reasons,
		RowsByMatchMethod: t.methods, DistinctTitlesRanked: j.matcher.Ranked(),
		Elapsed: elapsed, Seconds: elapsed.Seconds()}
	if s.Seconds > 0 {
		s.RowsPerSecond = float64(s.RowsWritten) / s.Seconds
	}
	for i := range rs.Categories {
		c := &rs.Categories[i]
		if !c.Active(j.cfg.AsOf) {
			continue
		}
		e, r := t.cats[c.ID]["eligible"], t.cats[c.ID]["review"]
		s.Categories = append(s.Categories, CategoryCount{ID: c.ID, Name: c.Name, Eligible: e, Review: r, NotEligible: st.Applicants - e - r})
	}
	for _, p := range programIDs {
		e, r := t.programs[p]["eligible"], t.programs[p]["review"]
		s.Programs = append(s.Programs, CategoryCount{ID: p, Name: j.Name(p), Eligible: e, Review: r, NotEligible: st.Applicants - e - r})
	}
	s.InPool = t.inPool
	s.CRS = append([]CRSBand(nil), crsBands...)
	for i := range s.CRS {
		s.CRS[i].Applicants = t.bands[i]
	}
	s.DrawsData = j.draws.Origin
	if last := j.draws.Last(); !last.IsZero() {
		s.DrawsLastDate = last.String()
	}
	order := []string{"general", "cec", "fsw", "fst", "pnp"}
	for i := range rs.Categories {
		order = append(order, rs.Categories[i].ID)
	}
	slices.SortStableFunc(t.roundOrder, func(a, b string) int { return rank(order, a) - rank(order, b) })
	for _, typ := range t.roundOrder {
		r, ok := j.draws.Latest(typ, j.cfg.AsOf)
		if !ok {
			continue
		}
		c := t.rounds[typ]
		s.Rounds = append(s.Rounds, RoundStanding{Type: typ, Name: j.Name(typ), Round: r.Number, Date: r.Date.String(),
			Cutoff: r.Cutoff, Applicants: c[0], AtOrAbove: c[1]})
	}
	rows := map[string]int{}
	for _, f := range st.Files {
		rows[f.Name] += f.Rows
	}
	for _, in := range j.cfg.Inputs {
		sum, err := "", error(nil)
		if in != "-" { // standard input is gone once read
			if sum, err = fileSum(in); err != nil {
				return nil, fmt.Errorf("checksum of %s: %w", inputName(in), err)
			}
		}
		f := InputFile{Path: in, Name: inputName(in), SHA256: sum, Rows: rows[inputName(in)]}
		for _, info := range j.inputs {
			if info.File == f.Name {
				f.Sheet, f.Passed = info.Sheet, info.Passed
			}
		}
		s.Inputs = append(s.Inputs, f)
	}
	return s, nil
}

func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// tally is the run's first sink: from the writer goroutine, in input order,
// it counts what the summary needs beyond the pipeline's stats, logs the
// first rows with input errors and, under Strict, stops the run at the
// first one. Deciding these here, not on the workers, makes them the same
// whatever the worker count.
type tally struct {
	log      zerolog.Logger
	strict   bool
	logged   int
	methods  map[string]int
	cats     map[string]map[string]int
	programs map[string]map[string]int
	inPool   int
	bands    []int
	rounds   map[string]*[2]int // round type -> applicants, at or above
	// roundOrder is the round types in the order first seen.
	roundOrder []string
	// Annotation columns read.
	colEligible, colReview, colMethod, colCRS, colMargins int
	colProgram                                            [3]int
}

// programIDs are the programs, in the order of the output columns.
var programIDs = [...]string{"cec", "fsw", "fst"}

// maxRowLogs is the number of rows with input errors logged one by one;
// the summary counts the rest.
const maxRowLogs = 20

func newTally(j *Job) *tally {
	t := &tally{log: j.log, strict: j.cfg.Strict, methods: map[string]int{}, cats: map[string]map[string]int{},
		programs: map[string]map[string]int{}, bands: make([]int, len(crsBands)), rounds: map[string]*[2]int{},
		colEligible: j.schema.Column("eligible_categories"), colReview: j.schema.Column("review_categories"),
		colMethod: j.schema.Column("match_method"), colCRS: j.schema.Column("crs_score"), colMargins: j.schema.Column("draw_margins")}
	for i, p := range programIDs {
		t.colProgram[i] = j.schema.Column(p + "_status")
	}
	return t
}

// Write implements pipeline.Sink.
func (t *tally) Write(recs []*pipeline.Record) error {
	for _, r := range recs {
		for m := range strings.SplitSeq(r.Out[t.colMethod].Text, " | ") {
			t.methods[m]++
		}
		if r.First {
			t.count(r.Out[t.colEligible].Text, "eligible")
			t.count(r.Out[t.colReview].Text, "review")
			t.applicant(r)
		}
		if !r.HasInputError() {
			continue
		}
		codes := make([]string, 0, len(r.Problems))
		for _, p := range r.Problems {
			codes = append(codes, p.Code)
		}
		if t.strict {
			return fmt.Errorf("%s: %s (--strict)", r.Position(), strings.Join(codes, ";"))
		}
		t.logged++
		switch {
		case t.logged <= maxRowLogs:
			t.log.Warn().Str("file", r.Source).Int("row", r.Row).Strs("reasons", codes).Msg("row has input errors")
		case t.logged == maxRowLogs+1:
			t.log.Warn().Msg("more rows have input errors; see the summary and the review_reasons column")
		}
	}
	return nil
}

// applicant counts an applicant's programs, CRS and standing in rounds.
func (t *tally) applicant(r *pipeline.Record) {
	in := false
	for i, p := range programIDs {
		st := r.Out[t.colProgram[i]].Text
		m := t.programs[p]
		if m == nil {
			m = map[string]int{}
			t.programs[p] = m
		}
		m[st]++
		in = in || st == "eligible"
	}
	if in {
		t.inPool++
	}
	crs := r.Out[t.colCRS]
	if crs.Blank() {
		return
	}
	for i, b := range crsBands {
		if n := int(crs.Num); n >= b.From && n <= b.To {
			t.bands[i]++
		}
	}
	for item := range strings.SplitSeq(r.Out[t.colMargins].Text, ";") {
		typ, margin, ok := strings.Cut(item, ":")
		if !ok {
			continue
		}
		c := t.rounds[typ]
		if c == nil {
			c = &[2]int{}
			t.rounds[typ] = c
			t.roundOrder = append(t.roundOrder, typ)
		}
		c[0]++
		if !strings.HasPrefix(margin, "-") {
			c[1]++
		}
	}
}

func (t *tally) count(ids, status string) {
	for id := range strings.SplitSeq(ids, ";") {
		if id == "" {
			continue
		}
		m := t.cats[id]
		if m == nil {
			m = map[string]int{}
			t.cats[id] = m
		}
		m[status]++
	}
}

// Close implements pipeline.Sink.
func (t *tally) Close() error { return nil }

// Abort implements pipeline.Sink.
func (t *tally) Abort() error { return nil }
