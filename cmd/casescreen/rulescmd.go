package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/rules"
)

func rulesCmd(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageErr("rules: want list or show")
	}
	fs := flag.NewFlagSet("rules "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	asOf := fs.String("as-of", "", "show the rule set in force on this date (YYYY-MM-DD)")
	file := fs.String("rules", "", "a rules FILE instead of the built-in rule sets")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	var book *rules.Book
	if *file != "" {
		book, err = rules.LoadFile(*file, noc.Builtin().Known)
	} else {
		book, err = rules.Builtin(noc.Builtin().Known)
	}
	if err != nil {
		return err
	}
	switch args[0] {
	case "list":
		for _, rs := range book.Sets {
			var ids []string
			for _, c := range rs.Categories {
				ids = append(ids, c.ID)
			}
			fmt.Fprintf(stdout, "%-6s %-26s %s\n       %s\n", rs.Name, rs.Period(), rs.Title, strings.Join(ids, ", "))
		}
		return nil
	case "show":
		var rs *rules.RuleSet
		switch {
		case len(pos) == 1:
			rs, err = book.Named(pos[0])
		case *asOf != "":
			d, perr := rules.ParseISODate(*asOf)
			if perr != nil {
				return usageErr("--as-of: %v", perr)
			}
			rs, err = book.At(d)
		default:
			return usageErr("rules show: want NAME or --as-of DATE")
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %s\neffective %s\nsource %s\n", rs.Name, rs.Title, rs.Period(), rs.Source)
		cls := noc.Builtin()
		for i := range rs.Categories {
			c := &rs.Categories[i]
			r := rs.Rule(c)
			fmt.Fprintf(stdout, "\n[%s] %s\n", c.ID, c.Name)
			if c.EffectiveFrom != nil {
				fmt.Fprintf(stdout, "  from %s\n", c.EffectiveFrom)
			}
			if c.Language != nil {
				fmt.Fprintf(stdout, "  %s %d or more in all four abilities (%s)\n", c.Language.Scale, c.Language.MinLevel, c.Language.Language)
				continue
			}
			cont := "not necessarily continuous"
			if r.Continuous {
				cont = fmt.Sprintf("continuous (gaps up to %d days)", r.MaxGapDays)
			}
			where := "in Canada or abroad"
			if r.Location == rules.Canada {
				where = "in Canada only"
			}
			fmt.Fprintf(stdout, "  %.0f hours in one occupation within %d years, %s, %s\n", r.MinHours, r.Window, cont, where)
			for _, x := range c.ExtraRequirements {
				fmt.Fprintf(stdout, "  also: %s\n", x)
			}
			for _, code := range c.NOCCodes {
				fmt.Fprintf(stdout, "  %s %s\n", code, cls.Unit(code).Title)
			}
		}
		return nil
	}
	return usageErr("rules: unknown subcommand %q", args[0])
}
