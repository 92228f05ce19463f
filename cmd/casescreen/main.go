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
	"strings"
	"syscall"
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
	// some tens of MB for a large cut in GC work. GOGC and GOMEMLIMIT still win.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(120 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `casescreen screens client lists for Express Entry categories.

Usage:
  casescreen run INPUT [INPUT...] -o OUTPUT [-o OUTPUT...] [flags]
  casescreen noc match "job title" [--industry TEXT] [--noc-elements FILE]
  casescreen noc show CODE
  casescreen noc import FILE
  casescreen rules list
  casescreen rules show NAME | --as-of DATE
  casescreen version

Run "casescreen run -h" for the run flags.

Exit codes: 0 all rows processed; 3 finished, but some rows have input
errors (all rows still written); 1 fatal error; 2 usage error.
`

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

// errUsage marks an error in the command line.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usageErr(format string, a ...any) error { return errUsage{fmt.Sprintf(format, a...)} }

// run is main without the process: tests call it directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var code int
	var err error
	switch args[0] {
	case "run":
		code, err = runCmd(ctx, args[1:], stdout, stderr)
	case "noc":
		err = nocCmd(args[1:], stdout, stderr)
	case "rules":
		err = rulesCmd(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "casescreen", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		err = usageErr("unknown command %q", args[0])
	}
	var ue errUsage
	var rep reported
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "casescreen: %s\n\n%s", printable(err.Error()), usage)
		return exitUsage
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &rep):
		return exitFatal
	case err != nil:
		fmt.Fprintf(stderr, "casescreen: %s\n", printable(err.Error()))
		return exitFatal
	}
	return code
}

// parseInterspersed parses flags that may come before, between or after
// positional arguments, as users type them ("run in.csv -o out.csv").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageErr("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// multiFlag collects a repeated flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
