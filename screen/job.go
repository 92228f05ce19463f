// Package screen is a screening run: its configuration, the detection of
// the input's columns, the screening stage and the run's summary. The
// command line and the web page both run a screening through it:
//
//	job, err := screen.Open(cfg) // all configuration loaded and checked, inputs opened
//	sinks := ...                 // one per output, following job.Schema()
//	sum, err := job.Run(ctx, sinks...)
package screen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/readers"
	"github.com/casescreen/casescreen/rules"
)

// Config is everything a screening run needs. The zero value of each
// optional field is the documented default.
type Config struct {
	// Inputs are the client lists, read in order as one stream; "-" is
	// standard input (Stdin), read once.
	Inputs []string
	// Stdin is what the input "-" reads; nil is os.Stdin.
	Stdin io.Reader
	// AsOf is the day the rules, windows and ages are evaluated at.
	// Required.
	AsOf rules.Date
	// Rules is a rule set name ("2026"), a rule file (.json or a path), or
	// "" for the built-in set in force on AsOf.
	Rules string
	// MapFile is a --map file (field,column header lines), or "".
	MapFile string
	// Overrides is the firm's title -> NOC file, or "".
	Overrides string
	// Draws is a rounds feed in IRCC's JSON layout (--draws) whose rounds
	// are added to the built-in ones; "" uses the built-in rounds alone.
	Draws string
	// Index, if set, is the frozen NOC index to match against (a server
	// builds it once for all its runs); NOCElements is then ignored.
	Index *noc.Index
	// NOCElements is a Statistics Canada elements CSV to use for this run;
	// "" uses the one installed by "noc import", if any, else the built-in
	// index alone.
	NOCElements string
	// Threshold is the match score below which a row needs review; 0 means
	// noc.DefaultThreshold.
	Threshold float64
	// DateOrder says how all-numeric dates read. The zero value,
	// rules.Auto, settles the order from the input's first look: the
	// unambiguous values of all its date columns (see settleDateOrders).
	DateOrder rules.DateOrder
	// Sheet names the XLSX sheet to read; "" picks the first one.
	Sheet string
	// Workers is the number of batches screened at once (default: the
	// number of CPUs); BatchSize the rows per batch (default 500).
	Workers, BatchSize int
	// Strict stops the run at the first row with an input error (in input
	// order); Run then returns an error naming the row.
	Strict bool
	// Version is the tool's version, as the summary reports it.
	Version string
	// Log receives the run's log lines: row numbers and reason codes,
	// never cell contents. Nil logs nothing.
	Log *zerolog.Logger
	// Progress, if set, is called from one goroutine as rows are written.
	Progress func(Progress)
	// Now is the clock for elapsed times; nil is time.Now. Tests fix it.
	Now func() time.Time
}

// Progress is how far a run is.
type Progress struct {
	Rows int // rows written so far
	// Fraction is the share of the input read, 0..1, when Known.
	Fraction float64
	Known    bool
	// Phase says what the run is doing: PhaseScreening, PhaseFinishing
	// (every row is screened; the outputs are being completed: the report's
	// sheets, the renames) or PhaseDone.
	Phase string
}

// The phases of a run, as Progress reports them.
const (
	PhaseScreening = "screening"
	PhaseFinishing = "writing the outputs"
	PhaseDone      = "done"
)

// Job is one screening run, ready to go: configuration loaded, inputs open,
// columns detected. Run it once; Close releases the inputs if it is never
// run.
type Job struct {
	cfg      Config
	ruleSet  *rules.RuleSet
	draws    *rules.Draws
	index    *noc.Index
	matcher  *noc.Matcher
	src      *readers.Concat
	cols     *Columns
	out      *outputTable
	schema   pipeline.Schema
	replaced []string
	inputs   []readers.Info
	log      zerolog.Logger
	ran      bool

	// The first look at the input (firstlook.go).
	dates    *dateOrders
	merges   map[string][]readers.MergedRange // by input name: merged cells over the applicant column
	gathered *gathered                        // scattered applicants' job facts; nil when none
	held     []*pipeline.Record               // stdin: the rows read by the first look
}

// ConfigError is a broken configuration: a rule set, map, overrides or
// index file that cannot be used, or a value out of range. File names the
// file at fault, if any.
type ConfigError struct {
	File string
	Err  error
}

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

func configErr(file string, err error) error { return &ConfigError{File: file, Err: err} }

// Open checks and loads all configuration (rules, column map, NOC index,
// overrides) before any input is read, then opens the inputs and detects
// their columns. A broken configuration file is a *ConfigError naming the
// file; an input that cannot be opened is an error naming the input.
func Open(cfg Config) (*Job, error) {
	if len(cfg.Inputs) == 0 {
		return nil, configErr("", errors.New("no input"))
	}
	if cfg.AsOf.IsZero() {
		return nil, configErr("", errors.New("no as-of date"))
	}
	if cfg.Threshold == 0 {
		cfg.Threshold = noc.DefaultThreshold
	}
	if cfg.Threshold < 0 || cfg.Threshold > 1 {
		return nil, configErr("", fmt.Errorf("threshold %v: want a score between 0 and 1", cfg.Threshold))
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	j := &Job{cfg: cfg, log: zerolog.Nop()}
	if cfg.Log != nil {
		j.log = *cfg.Log
	}
	var err error
	if j.ruleSet, err = LoadRules(cfg.Rules, cfg.AsOf); err != nil {
		return nil, err
	}
	j.draws = rules.BuiltinDraws()
	if cfg.Draws != "" {
		if j.draws, err = rules.LoadDrawsFile(cfg.Draws); err != nil {
			return nil, configErr(cfg.Draws, err)
		}
	}
	var mapping map[string]string
	if cfg.MapFile != "" {
		if mapping, err = LoadMapping(cfg.MapFile); err != nil {
			return nil, configErr(cfg.MapFile, err)
		}
	}
	start := cfg.Now()
	if j.index = cfg.Index; j.index == nil {
		if j.index, err = LoadIndex(cfg.NOCElements); err != nil {
			return nil, err
		}
	}
	j.log.Info().Str("index", j.index.Name).Int("titles", j.index.Titles()).
		Str("load", Duration(cfg.Now().Sub(start))).Msg("NOC index ready")
	j.matcher = noc.NewMatcher(j.index)
	j.matcher.Threshold = cfg.Threshold
	if cfg.Overrides != "" {
		if err := j.matcher.LoadOverrides(cfg.Overrides); err != nil {
			return nil, configErr(cfg.Overrides, err)
		}
	}

	// A sheet is the list when its header has what the run needs: the
	// first sheet of a workbook may be a cover page or a chart.
	headerOK := func(h []string) bool { _, err := DetectColumns(h, mapping); return err == nil }
	ropt := readers.Options{Sheet: cfg.Sheet, HeaderOK: headerOK, Stdin: cfg.Stdin}
	if j.src, err = readers.OpenAll(cfg.Inputs, ropt); err != nil {
		return nil, err
	}
	for _, in := range j.src.Infos() {
		ev := j.log.Info().Str("file", in.File).Str("format", in.Format).Int("header_row", in.HeaderRow)
		if in.Sheet != "" {
			ev = ev.Str("sheet", in.Sheet)
		}
		for _, p := range in.Passed {
			ev = ev.Str("passed_"+p.Name, p.Why)
		}
		if in.Encoding != "" {
			ev = ev.Str("encoding", in.Encoding).Str("line_ends", in.LineEnds).Str("delimiter", in.Delimiter)
		}
		ev.Msg("input opened")
		j.inputs = append(j.inputs, in)
	}
	if j.cols, err = DetectColumns(j.src.Header(), mapping); err != nil {
		j.src.Close()
		if me := (*MapError)(nil); errors.As(err, &me) {
			err = configErr(cfg.MapFile, fmt.Errorf("column map %s: %w", cfg.MapFile, err))
		}
		return nil, err
	}
	if missing := j.cols.Missing(); len(missing) > 0 {
		j.log.Warn().Strs("fields", missing).Msg("fields not found in the header: each row says what this leaves unknown (name a column with --map)")
	}
	if slices.Contains(cfg.Inputs, "-") {
		j.held, err = j.stdinLook(j.src)
	} else {
		err = j.firstLook(ropt)
	}
	if err != nil {
		j.src.Close()
		return nil, err
	}
	j.out = newOutputTable(j.cols.Wide)
	j.schema, j.replaced = pipeline.NewSchema(j.src.Header(), j.out.Columns())
	return j, nil
}

// LoadRules picks the rule set: a name, a file, or the built-in set in
// force on asOf. A file that cannot be used is a *ConfigError naming it.
func LoadRules(spec string, asOf rules.Date) (*rules.RuleSet, error) {
	known := noc.Builtin().Known
	if spec != "" && (strings.HasSuffix(spec, ".json") || strings.ContainsRune(spec, os.PathSeparator)) {
		book, err := rules.LoadFile(spec, known)
		if err != nil {
			return nil, configErr(spec, err)
		}
		rs, err := book.At(asOf)
		if err != nil && len(book.Sets) == 1 {
			rs, err = book.Sets[0], nil
		}
		if err != nil {
			return nil, configErr(spec, err)
		}
		return rs, nil
	}
	book, err := rules.Builtin(known)
	if err != nil {
		return nil, err
	}
	if spec != "" {
		rs, err := book.Named(spec)
		if err != nil {
			return nil, &UnknownRuleSetError{Name: spec, Err: err}
		}
		return rs, nil
	}
	return book.At(asOf)
}

// UnknownRuleSetError is a rule set name that is neither built in nor a
// file: a usage error.
type UnknownRuleSetError struct {
	Name string
	Err  error
}

func (e *UnknownRuleSetError) Error() string { return e.Err.Error() }
func (e *UnknownRuleSetError) Unwrap() error { return e.Err }

// LoadIndex builds the title index: the built-in one, plus the elements
// file given or, failing that, the one installed by "noc import". The
// index is frozen (ready for matching).
func LoadIndex(elements string) (*noc.Index, error) {
	ix := noc.NewIndex(noc.Builtin())
	given := elements != ""
	if !given {
		if p, err := noc.ImportedPath(); err == nil {
			if _, err := os.Stat(p); err == nil {
				elements = p
			}
		}
	}
	if elements != "" {
		if _, err := noc.LoadElementsFile(ix, elements); err != nil {
			return nil, configErr(elements, err)
		}
	}
	ix.Freeze()
	return ix, nil
}

// Schema is the output layout every sink must follow: the input columns
// kept, then the annotation columns.
func (j *Job) Schema() pipeline.Schema { return j.schema }

// Columns says which input column became which field.
func (j *Job) Columns() *Columns { return j.cols }

// RuleSet is the rule set the run applies.
func (j *Job) RuleSet() *rules.RuleSet { return j.ruleSet }

// Draws are the rounds of invitations the run compares with.
func (j *Job) Draws() *rules.Draws { return j.draws }

// Index is the NOC index the run matches against.
func (j *Job) Index() *noc.Index { return j.index }

// Config returns the run's configuration with defaults filled in.
func (j *Job) Config() Config { return j.cfg }

// Close releases the inputs. Run closes them itself; Close after Run does
// nothing.
func (j *Job) Close() error {
	if j.src == nil {
		return nil
	}
	err := j.src.Close()
	j.src = nil
	return err
}

// SummarySink is a sink that shows the run's summary (the report's Summary
// sheet): Run calls Summarize with the final summary before Close.
type SummarySink interface {
	pipeline.Sink
	Summarize(*Summary)
}

// Run screens every input row into the sinks and returns the summary.
// Run owns the sinks: on success it closes each one (after Summarize, for
// a SummarySink); on any error it aborts those not closed, so no output is
// left half-written. The error is fatal (broken I/O, a cancelled context,
// the first input error under Strict); bad rows are never errors.
func (j *Job) Run(ctx context.Context, sinks ...pipeline.Sink) (*Summary, error) {
	if j.ran {
		return nil, errors.New("screen: job already run")
	}
	j.ran = true
	defer j.Close()
	abort := func(from int) {
		for _, s := range sinks[from:] {
			s.Abort()
		}
	}
	j.log.Info().Int("inputs", len(j.cfg.Inputs)).Bool("wide", j.cols.Wide).Int("jobs_per_row", len(j.cols.Jobs)).
		Str("rule_set", j.ruleSet.Name).Str("as_of", j.cfg.AsOf.String()).Msg("run started")
	if len(j.replaced) > 0 {
		j.log.Warn().Strs("replaced_columns", j.replaced).Msg("input columns carry annotation names; the new annotation replaces them")
	}
	t := newTally(j)
	popt := pipeline.Options{Workers: j.cfg.Workers, BatchSize: j.cfg.BatchSize,
		ApplicantColumn: j.cols.Fields[ApplicantID]}
	if g := j.gathered; g != nil {
		popt.Gathered = func(id string) bool { _, ok := g.ids[id]; return ok }
	}
	var src pipeline.Source = j.src
	if len(j.held) > 0 {
		src = &replay{Source: src, held: j.held}
		j.held = nil
	}
	if j.merges != nil {
		src = &mergeFill{Source: src, col: j.cols.Fields[ApplicantID], merges: j.merges}
	}
	progress := func(Progress) {}
	if j.cfg.Progress != nil {
		progress = j.cfg.Progress
		popt.Progress = func(rows int) {
			f, ok := j.src.Done()
			progress(Progress{Rows: rows, Fraction: f, Known: ok, Phase: PhaseScreening})
		}
	}
	cls := j.index.Classification()
	title := func(code string) string {
		if u := cls.Unit(code); u != nil {
			return u.Title
		}
		return ""
	}
	eval := &rules.Evaluator{Rules: j.ruleSet, Draws: j.draws, Title: title}
	st := &stage{cols: j.cols, matcher: j.matcher, rules: j.ruleSet, eval: eval, asOf: j.cfg.AsOf, dates: j.dates, out: j.out,
		gathered: j.gathered, width: len(j.src.Header())}
	start := j.cfg.Now()
	stats, err := pipeline.Run(ctx, src, st, append([]pipeline.Sink{t}, sinks...), popt)
	if err != nil {
		abort(0)
		return nil, err
	}
	sum, err := j.summary(stats, t, j.cfg.Now().Sub(start))
	if err != nil {
		abort(0)
		return nil, err
	}
	progress(Progress{Rows: sum.RowsWritten, Fraction: 1, Known: true, Phase: PhaseFinishing})
	for i, s := range sinks {
		if ss, ok := s.(SummarySink); ok {
			ss.Summarize(sum)
		}
		if err := s.Close(); err != nil {
			abort(i + 1)
			return nil, fmt.Errorf("output %d: %w", i+1, err)
		}
	}
	progress(Progress{Rows: sum.RowsWritten, Fraction: 1, Known: true, Phase: PhaseDone})
	sum.log(j.log.Info()).Msg("run finished")
	return sum, nil
}

// inputName is how logs and the summary name an input: its base name.
func inputName(path string) string {
	if path == "-" {
		return readers.StdinName
	}
	return filepath.Base(path)
}

// Duration renders a duration for people and logs: "1.7s", "250ms".
func Duration(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond).String()
	case d >= time.Second:
		return d.Round(10 * time.Millisecond).String()
	default:
		return d.Round(time.Millisecond).String()
	}
}

var _ io.Closer = (*Job)(nil)
