// Command casescreen screens immigration client lists: it maps job titles
// to NOC 2021 codes, applies the Express Entry category rules in force on a
// date, and writes the rows back annotated.
//
// Exit codes: 0 all rows processed; 3 finished, but some rows have input
// errors (all rows still written); 1 fatal error; 2 usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"syscall"
	"time"

	"github.com/casescreen/casescreen/web"
)

// Exit codes (spec section 2).
const (
	exitOK        = 0
	exitFatal     = 1
	exitUsage     = 2
	exitRowErrors = 3
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	// A run allocates many short-lived rows while its live heap stays small
	// (batches in flight and the title index); collecting less often trades
	// some tens of MB for a large cut in GC work, and a soft limit that
	// follows the live heap (followHeap) keeps the peak bounded. GOGC and
	// GOMEMLIMIT still win. Not for the web page: it lives long and screens
	// lists one after another.
	if os.Getenv("GOGC") == "" && !servesPage(os.Args[1:]) {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" && !servesPage(os.Args[1:]) {
		go followHeap(time.Tick(heapPoll))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: tests call it directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	root := commands()
	root.fullName = root.name
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
		args = []string{"version"}
	}
	if len(args) == 0 && web.StartedFromDesktop(stdin) {
		args = []string{"serve", "--open"} // a double-click: the web page
	}
	code, err := root.dispatch(ctx, nil, args, e)
	var (
		help  errHelp
		inCmd usageInErr
		ue    errUsage
		rep   reported
	)
	switch {
	case errors.As(err, &help):
		help.cmd.printHelp(stdout)
		return exitOK
	case errors.As(err, &inCmd):
		fmt.Fprintf(stderr, "casescreen: %s\n\n", printable(err.Error()))
		inCmd.cmd.printHelp(stderr)
		return exitUsage
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "casescreen: %s\n\nRun \"casescreen -h\" for help.\n", printable(err.Error()))
		return exitUsage
	case errors.As(err, &rep):
		return exitFatal
	case err != nil:
		fmt.Fprintf(stderr, "casescreen: %s\n", printable(err.Error()))
		return exitFatal
	}
	return code
}

// The soft memory limit of a run follows its live heap (the title index,
// loaded first, the matching caches and the batches in flight): limitShare
// of it, at least limitRoom more, at most maxLimit. A fixed limit below the
// live heap plus some room makes the collector run almost continuously; no
// limit at all lets GOGC=400 grow the heap to five times the index. On the
// benchmark's 1,000,000-row list, 1.3x / 96 MiB peaked at 281 MB for 4 %
// more CPU than 1.5x / 128 MiB (318 MB); the caches hold few pointers, so
// the collector's extra cycles are cheap.
const (
	heapPoll   = 200 * time.Millisecond
	limitShare = 1.3
	limitRoom  = 96 << 20
	maxLimit   = 1 << 30
)

// followHeap sets the soft memory limit from the live heap each time tick
// fires, for the life of the process.
func followHeap(tick <-chan time.Time) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	for range tick {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		debug.SetMemoryLimit(memoryLimit(sample[0].Value.Uint64()))
	}
}

// memoryLimit is the soft memory limit for a live heap of live bytes.
func memoryLimit(live uint64) int64 {
	l := max(int64(float64(live)*limitShare), int64(live)+limitRoom)
	return min(l, maxLimit)
}

// servesPage reports whether the command line runs the web page: serve,
// or no arguments (a double-click starts serve; from a terminal it is a
// usage error and the setting does not matter).
func servesPage(args []string) bool { return len(args) == 0 || args[0] == "serve" }

// reported is a fatal error the run has already logged (as a JSON record).
type reported struct{ err error }

func (r reported) Error() string { return r.err.Error() }
func (r reported) Unwrap() error { return r.err }

// printable escapes control characters, so that a file name holding a
// newline cannot start what looks like another log line.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' {
			return -1
		}
		return r
	}, strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s))
}

func versionCommand() *command {
	return &command{name: "version", summary: "print the version", setup: func(*flag.FlagSet) func(context.Context, []string, *env) (int, error) {
		return func(_ context.Context, pos []string, e *env) (int, error) {
			if len(pos) > 0 {
				return 0, usageErr("version takes no arguments")
			}
			fmt.Fprintln(e.stdout, "casescreen", version)
			return exitOK, nil
		}
	}}
}
