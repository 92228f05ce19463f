package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/term"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/readers"
	"github.com/casescreen/casescreen/rules"
	"github.com/casescreen/casescreen/writers"
)

// runOptions are the flags of "casescreen run".
type runOptions struct {
	outputs    multiFlag
	asOf       string
	rules      string
	mapFile    string
	overrides  string
	elements   string
	workers    int
	batch      int
	dateOrder  string
	sheet      string
	summary    string
	logFormat  string
	quiet      bool
	strict     bool
	threshold  float64
	cpuProfile string
	memProfile string
}

func runFlags(o *runOptions, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Var(&o.outputs, "o", "output file (.csv .xlsx .parquet .jsonl; - for CSV on stdout); repeatable")
	fs.StringVar(&o.asOf, "as-of", "", "date the rules and the 3-year window are evaluated at, YYYY-MM-DD (default today)")
	fs.StringVar(&o.rules, "rules", "", "rule set NAME (see 'rules list') or a rules FILE (default: the set in force on --as-of)")
	fs.StringVar(&o.mapFile, "map", "", "column mapping FILE: CSV lines field,column header")
	fs.StringVar(&o.overrides, "overrides", "", "the firm's title -> NOC FILE: CSV job_title,noc_code[,industry]")
	fs.StringVar(&o.elements, "noc-elements", "", "Statistics Canada NOC elements CSV to extend the title index for this run")
	fs.IntVar(&o.workers, "workers", 0, "concurrent workers (default: number of CPUs)")
	fs.IntVar(&o.batch, "batch-size", 0, "rows per batch (default 500)")
	fs.StringVar(&o.dateOrder, "date-order", "dmy", "how to read all-numeric dates: dmy or mdy")
	fs.StringVar(&o.sheet, "sheet", "", "XLSX input sheet (default: the first)")
	fs.StringVar(&o.summary, "summary", "", "write a run summary as JSON to FILE")
	fs.StringVar(&o.logFormat, "log-format", "", "console or json (default: console on a terminal, json otherwise)")
	fs.BoolVar(&o.quiet, "quiet", false, "log warnings and errors only; no progress")
	fs.BoolVar(&o.strict, "strict", false, "stop at the first row with an input error (exit 1)")
	fs.Float64Var(&o.threshold, "threshold", noc.DefaultThreshold, "match score below which a row needs review")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile to FILE (for performance work)")
	fs.StringVar(&o.memProfile, "memprofile", "", "write an allocation profile to FILE at the end (for performance work)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: casescreen run INPUT [INPUT...] -o OUTPUT [-o OUTPUT...] [flags]\n\n")
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\nExit codes: 0 all rows processed; 3 some rows have input errors (all written); 1 fatal; 2 usage.\n")
	}
	return fs
}

func newLogger(format string, quiet bool, stderr io.Writer) (zerolog.Logger, error) {
	isTTY := false
	if f, ok := stderr.(*os.File); ok {
		isTTY = term.IsTerminal(int(f.Fd()))
	}
	var w io.Writer = stderr
	switch format {
	case "":
		if isTTY {
			w = zerolog.ConsoleWriter{Out: stderr, TimeFormat: time.TimeOnly}
		}
	case "console":
		w = zerolog.ConsoleWriter{Out: stderr, TimeFormat: time.TimeOnly, NoColor: !isTTY}
	case "json":
	default:
		return zerolog.Logger{}, usageErr("--log-format %q: want console or json", format)
	}
	lvl := zerolog.InfoLevel
	if quiet {
		lvl = zerolog.WarnLevel
	}
	return zerolog.New(w).Level(lvl).With().Timestamp().Logger(), nil
}

// loadIndex builds the title index: built-in, plus the elements file given
// for this run or, failing that, the one installed by "noc import".
func loadIndex(elements string, log *zerolog.Logger) (*noc.Index, error) {
	start := time.Now()
	ix := noc.NewIndex(noc.Builtin())
	if elements == "" {
		if p, err := noc.ImportedPath(); err == nil {
			if _, err := os.Stat(p); err == nil {
				elements = p
			}
		}
	}
	if elements != "" {
		if _, err := noc.LoadElementsFile(ix, elements); err != nil {
			return nil, err
		}
	}
	ix.Freeze()
	if log != nil {
		log.Info().Str("index", ix.Name).Int("titles", ix.Titles()).Dur("load", time.Since(start)).Msg("NOC index ready")
	}
	return ix, nil
}

// loadRules picks the rule set: a name, a file, or the set in force on asOf.
func loadRules(spec string, asOf rules.Date) (*rules.RuleSet, *rules.Book, error) {
	known := noc.Builtin().Known
	if spec != "" && (strings.HasSuffix(spec, ".json") || strings.ContainsRune(spec, os.PathSeparator)) {
		book, err := rules.LoadFile(spec, known)
		if err != nil {
			return nil, nil, err
		}
		rs, err := book.At(asOf)
		if err != nil && len(book.Sets) == 1 {
			rs, err = book.Sets[0], nil
		}
		return rs, book, err
	}
	book, err := rules.Builtin(known)
	if err != nil {
		return nil, nil, err
	}
	if spec != "" {
		rs, err := book.Named(spec)
		return rs, book, err
	}
	rs, err := book.At(asOf)
	return rs, book, err
}

func parseAsOf(s string) (rules.Date, error) {
	if s == "" {
		t := time.Now()
		return rules.MakeDate(t.Year(), int(t.Month()), t.Day()), nil
	}
	d, err := rules.ParseISODate(s)
	if err != nil {
		return 0, usageErr("--as-of: %v", err)
	}
	return d, nil
}

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	var o runOptions
	fs := runFlags(&o, stderr)
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		return 0, err
	}
	switch {
	case len(inputs) == 0:
		return 0, usageErr("run: no INPUT file")
	case len(o.outputs) == 0:
		return 0, usageErr("run: no -o OUTPUT")
	}
	order, err := rules.ParseDateOrder(o.dateOrder)
	if err != nil {
		return 0, usageErr("--date-order: %v", err)
	}
	asOf, err := parseAsOf(o.asOf)
	if err != nil {
		return 0, err
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return 0, err
		}
		defer pprof.StopCPUProfile()
	}
	log, err := newLogger(o.logFormat, o.quiet, stderr)
	if err != nil {
		return 0, err
	}
	// Configuration first: nothing is read or written if it is broken.
	rs, _, err := loadRules(o.rules, asOf)
	if err != nil {
		return 0, err
	}
	var mapping map[string]string
	if o.mapFile != "" {
		if mapping, err = pipeline.LoadMapping(o.mapFile); err != nil {
			return 0, err
		}
	}
	ix, err := loadIndex(o.elements, &log)
	if err != nil {
		return 0, err
	}
	matcher := noc.NewMatcher(ix)
	matcher.Threshold = o.threshold
	if o.overrides != "" {
		if err := matcher.LoadOverrides(o.overrides); err != nil {
			return 0, err
		}
	}

	src, err := readers.OpenAll(inputs, readers.Options{Sheet: o.sheet})
	if err != nil {
		return 0, err
	}
	defer src.Close()
	cols, err := pipeline.DetectColumns(src.Header(), mapping)
	if err != nil {
		return 0, err
	}
	var sinks []pipeline.Sink
	abort := func() {
		for _, s := range sinks {
			s.Abort()
		}
	}
	info := reportInfo(inputs, rs, asOf, ix, cols, matcher.Threshold)
	for _, out := range o.outputs {
		s, err := writers.Create(out, src.Header(), stdout, info)
		if err != nil {
			abort()
			return 0, err
		}
		sinks = append(sinks, s)
	}
	log.Info().Int("inputs", len(inputs)).Bool("wide", cols.Wide).Int("jobs_per_row", len(cols.Jobs)).
		Str("rule_set", rs.Name).Str("as_of", asOf.String()).Msg("run started")

	screen := &pipeline.Screen{Cols: cols, Matcher: matcher, Rules: rs, AsOf: asOf, DateOrder: order}
	stages := []pipeline.Stage{screen, &rowLogger{log: log, strict: o.strict}}
	popt := pipeline.Options{Workers: o.workers, BatchSize: o.batch, ApplicantColumn: cols.Fields[pipeline.ApplicantID]}
	if f, ok := stderr.(*os.File); ok && !o.quiet && term.IsTerminal(int(f.Fd())) {
		popt.Progress = progress(stderr, src.Done)
	}
	stats, err := pipeline.Run(ctx, src, stages, sinks, popt)
	if popt.Progress != nil {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		abort()
		return 0, err
	}
	for i, s := range sinks {
		if err := s.Close(); err != nil {
			for _, rest := range sinks[i+1:] {
				rest.Abort()
			}
			return 0, fmt.Errorf("output %s: %w", o.outputs[i], err)
		}
	}
	ev := log.Info().Int("rows", stats.RowsWritten).Int("applicants", stats.Applicants).
		Int("rows_with_input_errors", stats.RowsInputErrors).Int("rows_needing_review", stats.RowsNeedReview).
		Dur("elapsed", stats.Elapsed)
	for _, id := range stats.CategoryIDs() {
		ev = ev.Int("eligible_"+id, stats.Categories[id]["eligible"])
	}
	ev.Msg("run finished")
	if o.memProfile != "" {
		if f, err := os.Create(o.memProfile); err == nil {
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
	}
	if o.summary != "" {
		if err := writeSummary(o.summary, inputs, o.outputs, rs, asOf, ix, stats, matcher.Ranked()); err != nil {
			return 0, err
		}
	}
	if stats.RowsInputErrors > 0 {
		return exitRowErrors, nil
	}
	return exitOK, nil
}

func reportInfo(inputs []string, rs *rules.RuleSet, asOf rules.Date, ix *noc.Index, cols *pipeline.Columns, threshold float64) writers.ReportInfo {
	info := writers.ReportInfo{Version: version, Inputs: inputs, AsOf: asOf.String(), RuleSet: rs.Name,
		RulePeriod: rs.Period(), NOCIndex: ix.Name, Threshold: threshold,
		IDColumn: cols.Fields[pipeline.ApplicantID], IndustryCol: cols.Jobs[0][pipeline.Industry]}
	for i := range rs.Categories {
		if c := &rs.Categories[i]; c.Active(asOf) {
			info.Categories = append(info.Categories, c.ID)
		}
	}
	info.TextColumns = append(info.TextColumns, info.IDColumn)
	for _, j := range cols.Jobs {
		info.TitleColumns = append(info.TitleColumns, j[pipeline.JobTitle])
		info.DateColumns = append(info.DateColumns, j[pipeline.StartDate], j[pipeline.EndDate])
		info.TextColumns = append(info.TextColumns, j[pipeline.NOCCode])
	}
	return info
}

// rowLogger logs rows with input errors: position and reason codes only,
// never cell contents. The first maxRowLogs are logged one by one; the run
// summary counts the rest. With strict, the first input error is fatal. It
// runs on the workers, after Screen.
type rowLogger struct {
	log    zerolog.Logger
	strict bool
	logged atomic.Int64
}

const maxRowLogs = 20

func (l *rowLogger) Process(ctx context.Context, recs []*pipeline.Record) error {
	for _, r := range recs {
		if !r.HasInputError() {
			continue
		}
		codes := make([]string, 0, len(r.Problems))
		for _, p := range r.Problems {
			codes = append(codes, p.Code)
		}
		if l.strict {
			return fmt.Errorf("%s: %s (--strict)", r.Position(), strings.Join(codes, ";"))
		}
		switch n := l.logged.Add(1); {
		case n <= maxRowLogs:
			l.log.Warn().Str("file", r.Source).Int("row", r.Row).Strs("reasons", codes).Msg("row has input errors")
		case n == maxRowLogs+1:
			l.log.Warn().Msg("more rows have input errors; see the summary and the review_reasons column")
		}
	}
	return nil
}

// progress draws a progress bar on a terminal: the share of the input
// read when the readers can tell (CSV, Parquet), rows and rows per second
// always. It is called from the writer goroutine only.
func progress(w io.Writer, done func() (float64, bool)) func(int) {
	start := time.Now()
	last := time.Time{}
	return func(rows int) {
		now := time.Now()
		if now.Sub(last) < 200*time.Millisecond {
			return
		}
		last = now
		fmt.Fprint(w, "\r"+progressLine(rows, now.Sub(start), done))
	}
}

func progressLine(rows int, elapsed time.Duration, done func() (float64, bool)) string {
	rate := float64(rows) / max(elapsed.Seconds(), 1e-9)
	stats := fmt.Sprintf("%d rows  %.0f rows/s", rows, rate)
	frac, ok := done()
	if !ok {
		return "  " + stats
	}
	const width = 30
	n := int(frac * width)
	return fmt.Sprintf("  [%s%s] %3.0f%%  %s", strings.Repeat("=", n), strings.Repeat(" ", width-n), frac*100, stats)
}

// summary is the --summary JSON document.
type summary struct {
	Version      string                    `json:"version"`
	Inputs       []string                  `json:"inputs"`
	Outputs      []string                  `json:"outputs"`
	AsOf         string                    `json:"as_of"`
	RuleSet      string                    `json:"rule_set"`
	RulePeriod   string                    `json:"rule_set_effective"`
	NOCIndex     string                    `json:"noc_index"`
	RowsRead     int                       `json:"rows_read"`
	RowsWritten  int                       `json:"rows_written"`
	InputErrors  int                       `json:"rows_with_input_errors"`
	NeedReview   int                       `json:"rows_needing_review"`
	Reasons      map[string]int            `json:"rows_by_reason"`
	Applicants   int                       `json:"applicants"`
	Categories   map[string]map[string]int `json:"applicants_by_category"`
	MatchMethods map[string]int            `json:"rows_by_match_method"`
	TitlesRanked int64                     `json:"distinct_titles_ranked"`
	Seconds      float64                   `json:"elapsed_seconds"`
	RowsPerSec   float64                   `json:"rows_per_second"`
}

func writeSummary(path string, inputs, outputs []string, rs *rules.RuleSet, asOf rules.Date, ix *noc.Index, st *pipeline.Stats, ranked int64) error {
	cats := map[string]map[string]int{}
	for _, c := range rs.Categories {
		if !c.Active(asOf) {
			continue
		}
		cats[c.ID] = map[string]int{"eligible": st.Categories[c.ID]["eligible"],
			"review": st.Categories[c.ID]["review"], "not_eligible": st.NotEligible(c.ID)}
	}
	s := summary{Version: version, Inputs: inputs, Outputs: outputs, AsOf: asOf.String(), RuleSet: rs.Name,
		RulePeriod: rs.Period(), NOCIndex: ix.Name, RowsRead: st.RowsRead, RowsWritten: st.RowsWritten,
		InputErrors: st.RowsInputErrors, NeedReview: st.RowsNeedReview, Reasons: st.Reasons,
		Applicants: st.Applicants, Categories: cats, MatchMethods: st.Methods, TitlesRanked: ranked, Seconds: st.Elapsed.Seconds()}
	if s.Seconds > 0 {
		s.RowsPerSec = float64(s.RowsWritten) / s.Seconds
	}
	sort.Strings(s.Inputs)
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	return nil
}
