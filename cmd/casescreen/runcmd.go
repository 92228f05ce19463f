package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/term"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/report"
	"github.com/casescreen/casescreen/rules"
	"github.com/casescreen/casescreen/screen"
	"github.com/casescreen/casescreen/writers"
)

// now is the clock for elapsed times; tests fix it to compare logs byte for
// byte.
var now = time.Now

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

// logsJSON reports whether the log is JSON: asked for, or the default when
// stderr is not a terminal.
func logsJSON(format string, stderr io.Writer) bool {
	return format == "json" || format == "" && !isTerminal(stderr)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newLogger(format string, quiet bool, stderr io.Writer) (zerolog.Logger, error) {
	isTTY := isTerminal(stderr)
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
	var target *writers.TargetError
	if err := writers.CheckTargets(inputs, o.outputs); errors.As(err, &target) {
		return 0, usageErr("%v", err)
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
	code, err := screenRun(ctx, &o, inputs, order, asOf, &log, stdout, stderr)
	if err != nil && logsJSON(o.logFormat, stderr) {
		// A batch job reading JSON logs gets the fatal error as a record too.
		log.Error().Str("error", err.Error()).Msg("run failed")
		return 0, reported{err}
	}
	return code, err
}

// screenRun is the run itself, once the flags are read.
func screenRun(ctx context.Context, o *runOptions, inputs []string, order rules.DateOrder, asOf rules.Date,
	log *zerolog.Logger, stdout, stderr io.Writer) (int, error) {
	cfg := screen.Config{Inputs: inputs, AsOf: asOf, Rules: o.rules, MapFile: o.mapFile, Overrides: o.overrides,
		NOCElements: o.elements, Threshold: o.threshold, DateOrder: order, Sheet: o.sheet,
		Workers: o.workers, BatchSize: o.batch, Strict: o.strict, Version: version, Log: log, Now: now}
	bar := (*progressBar)(nil)
	if f, ok := stderr.(*os.File); ok && !o.quiet && term.IsTerminal(int(f.Fd())) {
		bar = &progressBar{w: stderr, start: time.Now()}
		cfg.Progress = bar.update
	}
	job, err := screen.Open(cfg)
	var unknown *screen.UnknownRuleSetError
	if errors.As(err, &unknown) {
		return 0, usageErr("--rules: %v", err)
	}
	if err != nil {
		return 0, err
	}
	defer job.Close()
	sinks, err := report.Outputs(job, o.outputs, stdout)
	if err != nil {
		return 0, err
	}
	sum, err := job.Run(ctx, sinks...)
	bar.done()
	if err != nil {
		return 0, err
	}
	if o.memProfile != "" {
		if f, err := os.Create(o.memProfile); err == nil {
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
	}
	if o.summary != "" {
		if err := writeSummary(o.summary, sum, o.outputs); err != nil {
			return 0, err
		}
	}
	if sum.RowsInputErrors > 0 {
		return exitRowErrors, nil
	}
	return exitOK, nil
}

// progressBar draws a progress bar on a terminal: the share of the input
// read when the readers can tell (CSV, Parquet), rows and rows per second
// always. update is called from the run's writer goroutine only.
type progressBar struct {
	w     io.Writer
	start time.Time
	last  time.Time
	drawn bool
}

func (p *progressBar) update(pr screen.Progress) {
	now := time.Now()
	if now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last, p.drawn = now, true
	fmt.Fprint(p.w, "\r"+progressLine(pr, now.Sub(p.start)))
}

// done ends the bar's line; a nil bar does nothing.
func (p *progressBar) done() {
	if p != nil && p.drawn {
		fmt.Fprintln(p.w)
	}
}

func progressLine(pr screen.Progress, elapsed time.Duration) string {
	rate := float64(pr.Rows) / max(elapsed.Seconds(), 1e-9)
	stats := fmt.Sprintf("%d rows  %.0f rows/s", pr.Rows, rate)
	if !pr.Known {
		return "  " + stats
	}
	const width = 30
	n := int(pr.Fraction * width)
	return fmt.Sprintf("  [%s%s] %3.0f%%  %s", strings.Repeat("=", n), strings.Repeat(" ", width-n), pr.Fraction*100, stats)
}

// summaryFile is the --summary JSON document: the run's Summary and the
// outputs written.
type summaryFile struct {
	*screen.Summary
	Outputs []string `json:"outputs"`
}

func writeSummary(path string, sum *screen.Summary, outputs []string) error {
	data, err := json.MarshalIndent(summaryFile{Summary: sum, Outputs: outputs}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	return nil
}
