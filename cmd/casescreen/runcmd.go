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
	"sync"
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
	excelCSV   bool
	draws      string
	carry      string
	perApp     string
	cpuProfile string
	memProfile string
}

func runCommand() *command {
	return &command{name: "run", args: "INPUT [INPUT...] -o OUTPUT [-o OUTPUT...] [flags]",
		summary: "screen client lists (CSV, XLSX, Parquet; - reads the list from stdin) into annotated outputs and the report",
		detail:  "Output format follows the extension: .csv .xlsx (the report) .parquet .jsonl; -o - writes CSV to stdout.\n\n" + exitCodesHelp,
		hidden:  []string{"batch-size", "cpuprofile", "memprofile"},
		setup: func(fs *flag.FlagSet) func(context.Context, []string, *env) (int, error) {
			o := &runOptions{}
			runFlags(o, fs)
			return func(ctx context.Context, inputs []string, e *env) (int, error) {
				return runCmd(ctx, o, inputs, e)
			}
		}}
}

func runFlags(o *runOptions, fs *flag.FlagSet) {
	fs.Var(&o.outputs, "o", "output `FILE` (.csv .xlsx .parquet .jsonl; - for CSV on stdout); repeatable")
	fs.StringVar(&o.asOf, "as-of", "", "`DATE` the rules, windows and ages are evaluated at, YYYY-MM-DD (default today)")
	fs.StringVar(&o.rules, "rules", "", "rule set `NAME` (see 'rules list') or a rules FILE (default: the set in force on --as-of)")
	fs.StringVar(&o.mapFile, "map", "", "column mapping `FILE`: CSV lines field,column header")
	fs.StringVar(&o.overrides, "overrides", "", "the firm's title -> NOC `FILE`: CSV job_title,noc_code[,industry]")
	fs.StringVar(&o.elements, "noc-elements", "", "Statistics Canada NOC elements CSV `FILE` to extend the title index for this run")
	fs.IntVar(&o.workers, "workers", 0, "`N` concurrent workers (default: number of CPUs)")
	fs.IntVar(&o.batch, "batch-size", 0, "rows per batch (default 500)")
	fs.StringVar(&o.dateOrder, "date-order", "auto", "how to read all-numeric dates: auto (settled from the file's unambiguous dates), dmy, mdy or ymd")
	fs.StringVar(&o.sheet, "sheet", "", "XLSX input `SHEET` (default: the first with a recognisable header)")
	fs.StringVar(&o.summary, "summary", "", "write a run summary as JSON to `FILE`")
	fs.StringVar(&o.logFormat, "log-format", "", "`FORMAT` console or json (default: console on a terminal, json otherwise)")
	fs.BoolVar(&o.quiet, "quiet", false, "print nothing on stderr but fatal errors")
	fs.StringVar(&o.draws, "draws", "", "IRCC's rounds JSON `FILE` with rounds newer than the built-in ones (see 'draws list')")
	fs.StringVar(&o.carry, "carry", "", "input `COLUMNS` the report's Applicants sheet repeats, comma-separated (default: none, so personal columns stay off)")
	fs.StringVar(&o.perApp, "per-applicant", "", "also write one workbook per applicant into `DIR`, for sending to that client alone")
	fs.BoolVar(&o.excelCSV, "excel-csv", false, "start CSV outputs with a UTF-8 byte-order mark, so Excel on Windows shows accents")
	fs.BoolVar(&o.strict, "strict", false, "stop at the first row with an input error (exit 1)")
	fs.Float64Var(&o.threshold, "threshold", noc.DefaultThreshold, "match score `P` below which a row needs review")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile to FILE (for performance work)")
	fs.StringVar(&o.memProfile, "memprofile", "", "write an allocation profile to FILE at the end (for performance work)")
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

// newLogger makes the run's logger writing to out; tty says whether stderr
// is a terminal (the default format and colours follow it).
func newLogger(format string, quiet bool, out io.Writer, tty bool) (zerolog.Logger, error) {
	isTTY, stderr := tty, out
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
		lvl = zerolog.ErrorLevel // fatal errors only
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

func runCmd(ctx context.Context, o *runOptions, inputs []string, e *env) (int, error) {
	stdout, stderr := e.stdout, e.stderr
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
	var bar *progressBar
	logOut := stderr
	if showProgress(o, stdout, stderr) {
		bar = &progressBar{w: stderr, start: time.Now()}
		logOut = barClearing{bar} // log lines clear the bar and redraw it
	}
	log, err := newLogger(o.logFormat, o.quiet, logOut, isTerminal(stderr))
	if err != nil {
		return 0, err
	}
	code, err := screenRun(ctx, o, inputs, order, asOf, &log, bar, e.stdin, stdout)
	if err != nil && logsJSON(o.logFormat, stderr) {
		// A batch job reading JSON logs gets the fatal error as a record too.
		log.Error().Str("error", err.Error()).Msg("run failed")
		return 0, reported{err}
	}
	return code, err
}

// screenRun is the run itself, once the flags are read.
func screenRun(ctx context.Context, o *runOptions, inputs []string, order rules.DateOrder, asOf rules.Date,
	log *zerolog.Logger, bar *progressBar, stdin io.Reader, stdout io.Writer) (int, error) {
	cfg := screen.Config{Inputs: inputs, AsOf: asOf, Rules: o.rules, MapFile: o.mapFile, Overrides: o.overrides,
		NOCElements: o.elements, Draws: o.draws, Threshold: o.threshold, DateOrder: order, Sheet: o.sheet,
		Workers: o.workers, BatchSize: o.batch, Strict: o.strict, Version: version, Log: log, Now: now, Stdin: stdin}
	if bar != nil {
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
	var carry []string
	if o.carry != "" {
		carry = strings.Split(o.carry, ",")
	}
	sinks, err := report.Outputs(job, o.outputs, stdout, report.Options{ExcelCSV: o.excelCSV, Carry: carry, PerApplicant: o.perApp})
	var ce *report.CarryError
	if errors.As(err, &ce) {
		return 0, usageErr("%v", err)
	}
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

// showProgress reports whether to draw a progress bar: on a terminal,
// unless quiet, and never while CSV goes to the same terminal (-o -).
func showProgress(o *runOptions, stdout, stderr io.Writer) bool {
	if o.quiet || !isTerminal(stderr) {
		return false
	}
	for _, out := range o.outputs {
		if out == "-" && isTerminal(stdout) {
			return false
		}
	}
	return true
}

// progressBar draws a progress bar on a terminal: the share of the input
// read when the readers can tell (CSV, Parquet), rows and rows per second
// always, and what the run is doing once every row is screened. update is
// called from the run's writer goroutine; log lines go through logWriter.
type progressBar struct {
	mu    sync.Mutex
	w     io.Writer
	start time.Time
	last  time.Time
	line  string
	phase string
}

func (p *progressBar) update(pr screen.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if pr.Phase == p.phase && now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last, p.phase = now, pr.Phase
	p.line = progressLine(pr, now.Sub(p.start))
	fmt.Fprint(p.w, "\r\033[K"+p.line)
}

// done ends the bar's line; a nil bar does nothing.
func (p *progressBar) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.line != "" {
		fmt.Fprintln(p.w)
		p.line = ""
	}
}

// barClearing is the log's writer while a bar is drawn: a log line first
// clears the bar, and the bar is drawn again after it.
type barClearing struct{ p *progressBar }

func (b barClearing) Write(line []byte) (int, error) {
	b.p.mu.Lock()
	defer b.p.mu.Unlock()
	if b.p.line != "" {
		fmt.Fprint(b.p.w, "\r\033[K")
	}
	n, err := b.p.w.Write(line)
	if b.p.line != "" {
		fmt.Fprint(b.p.w, b.p.line)
	}
	return n, err
}

func progressLine(pr screen.Progress, elapsed time.Duration) string {
	rate := float64(pr.Rows) / max(elapsed.Seconds(), 1e-9)
	stats := fmt.Sprintf("%d rows  %.0f rows/s", pr.Rows, rate)
	if pr.Phase == screen.PhaseFinishing || pr.Phase == screen.PhaseDone {
		stats = fmt.Sprintf("%d rows  %s", pr.Rows, pr.Phase)
	}
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
