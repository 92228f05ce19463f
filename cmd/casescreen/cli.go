package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// env is what a command reads and writes besides its arguments.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is a command or a group of subcommands ("noc" holds "match",
// "show", "import"). A command with flags defines them in setup; run gets
// the positional arguments after the flags are parsed.
type command struct {
	name    string
	args    string // the positional arguments, for the usage line
	summary string
	detail  string // more help, printed under the flags
	setup   func(fs *flag.FlagSet) func(ctx context.Context, pos []string, e *env) (int, error)
	subs    []*command
	// hidden flags are for developers (profiles, batch size): they work but
	// the help does not list them.
	hidden []string
	// fullName is the command line that reached it ("casescreen noc
	// match"), set by dispatch.
	fullName string
}

// commands is casescreen's command line (spec section 2).
func commands() *command {
	return &command{
		name:    "casescreen",
		summary: "screens client lists for Express Entry programs and categories",
		detail:  exitCodesHelp,
		subs: []*command{
			runCommand(),
			columnsCommand(),
			{name: "noc", summary: "look up NOC 2021 codes and titles", subs: []*command{nocMatchCommand(), nocShowCommand(), nocImportCommand()}},
			{name: "rules", summary: "the category rule sets and their dates", subs: []*command{rulesListCommand(), rulesShowCommand()}},
			{name: "draws", summary: "the rounds of invitations and their cut-offs", subs: []*command{drawsListCommand()}},
			serveCommand(),
			versionCommand(),
		},
	}
}

const exitCodesHelp = `Exit codes: 0 all rows processed; 3 finished, but some rows have input
errors (all rows still written); 1 fatal error; 2 usage error.`

// errUsage marks an error in the command line.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usageErr(format string, a ...any) error { return errUsage{fmt.Sprintf(format, a...)} }

// errHelp asks for a command's help: printed to stdout, exit 0.
type errHelp struct{ cmd *command }

func (errHelp) Error() string { return "help requested" }

// dispatch finds the command args name and runs it. path is the command
// line so far ("casescreen noc").
func (c *command) dispatch(ctx context.Context, path []string, args []string, e *env) (int, error) {
	path = append(path, c.name)
	c.fullName = strings.Join(path, " ")
	if len(c.subs) > 0 {
		if len(args) == 0 {
			return 0, usageIn(c, path, "want a command: %s", c.subNames())
		}
		switch args[0] {
		case "-h", "-help", "--help":
			return 0, errHelp{c}
		case "help":
			return c.help(path, args[1:])
		}
		for _, s := range c.subs {
			if s.name == args[0] {
				return s.dispatch(ctx, path, args[1:], e)
			}
		}
		return 0, usageIn(c, path, "unknown command %q (commands: %s)", strings.Join(append(path[1:], args[0]), " "), c.subNames())
	}
	fs := flag.NewFlagSet(strings.Join(path, " "), flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are ours to print; help goes to stdout
	var run func(context.Context, []string, *env) (int, error)
	if c.setup != nil {
		run = c.setup(fs)
	}
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0, errHelp{c}
	}
	if err != nil {
		return 0, usageIn(c, path, "%v", err)
	}
	return run(ctx, pos, e)
}

// help runs "help [COMMAND...]": the help of that command.
func (c *command) help(path, names []string) (int, error) {
	cur := c
	for _, n := range names {
		var next *command
		for _, s := range cur.subs {
			if s.name == n {
				next = s
			}
		}
		if next == nil {
			return 0, usageIn(c, path, "help: no command %q", strings.Join(names, " "))
		}
		next.fullName = cur.fullName + " " + n
		cur = next
	}
	return 0, errHelp{cur}
}

func (c *command) subNames() string {
	var ns []string
	for _, s := range c.subs {
		ns = append(ns, s.name)
	}
	return strings.Join(ns, ", ")
}

// usageInErr is a usage error with the command whose usage explains it.
type usageInErr struct {
	errUsage
	cmd *command
}

func usageIn(c *command, path []string, format string, a ...any) error {
	return usageInErr{errUsage{fmt.Sprintf(format, a...)}, c}
}

// printHelp writes the command's usage, summary, subcommands or flags.
func (c *command) printHelp(w io.Writer) {
	name := c.fullName
	if len(c.subs) > 0 {
		fmt.Fprintf(w, "%s: %s.\n\nUsage:\n", name, c.summary)
		var list func(prefix string, cs []*command)
		list = func(prefix string, cs []*command) {
			for _, s := range cs {
				if len(s.subs) > 0 {
					list(prefix+" "+s.name, s.subs)
					continue
				}
				fmt.Fprintf(w, "  %s %s", prefix, s.name)
				if s.args != "" {
					fmt.Fprintf(w, " %s", s.args)
				}
				fmt.Fprintf(w, "\n      %s\n", s.summary)
			}
		}
		list(name, c.subs)
		fmt.Fprintf(w, "\nRun \"%s COMMAND -h\" for a command's flags.\n", name)
		if c.detail != "" {
			fmt.Fprintf(w, "\n%s\n", c.detail)
		}
		return
	}
	fmt.Fprintf(w, "Usage: %s", name)
	if c.args != "" {
		fmt.Fprintf(w, " %s", c.args)
	}
	fmt.Fprintf(w, "\n\n%s.\n", strings.ToUpper(c.summary[:1])+c.summary[1:])
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	if c.setup != nil {
		c.setup(fs)
	}
	hidden := map[string]bool{}
	for _, h := range c.hidden {
		hidden[h] = true
	}
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if hidden[f.Name] {
			return
		}
		if first {
			fmt.Fprintf(w, "\nFlags:\n")
			first = false
		}
		typ, usage := flag.UnquoteUsage(f)
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-"
		}
		line := "  " + dash + f.Name
		if typ != "" {
			line += " " + typ
		}
		fmt.Fprintf(w, "%s\n      %s", line, usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
	if c.detail != "" {
		fmt.Fprintf(w, "\n%s\n", c.detail)
	}
}

// parseInterspersed parses flags that may come before, between or after
// positional arguments, as users type them ("run in.csv -o out.csv"). A
// lone "-" is a positional argument (stdin).
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
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
