package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/rules"
)

// loadBook reads a rules FILE, or the built-in rule sets.
func loadBook(file string) (*rules.Book, error) {
	if file != "" {
		return rules.LoadFile(file, noc.Builtin().Known)
	}
	return rules.Builtin(noc.Builtin().Known)
}

func rulesListCommand() *command {
	return &command{name: "list", summary: "the rule sets with their effective dates and categories",
		setup: func(fs *flag.FlagSet) runFunc {
			file := fs.String("rules", "", "a rules FILE instead of the built-in rule sets")
			return func(_ context.Context, pos []string, e *env) (int, error) {
				if len(pos) > 0 {
					return 0, usageErr("rules list takes no arguments")
				}
				book, err := loadBook(*file)
				if err != nil {
					return 0, err
				}
				for _, rs := range book.Sets {
					var ids []string
					for _, c := range rs.Categories {
						ids = append(ids, c.ID)
					}
					fmt.Fprintf(e.stdout, "%-6s %-26s %s\n       %s\n", rs.Name, rs.Period(), rs.Title, strings.Join(ids, ", "))
				}
				return exitOK, nil
			}
		}}
}

func rulesShowCommand() *command {
	return &command{name: "show", args: "[NAME] [flags]", summary: "the categories and NOC lists of one rule set (default: the set in force today)",
		setup: func(fs *flag.FlagSet) runFunc {
			asOf := fs.String("as-of", "", "show the rule set in force on this date, YYYY-MM-DD")
			file := fs.String("rules", "", "a rules FILE instead of the built-in rule sets")
			return func(_ context.Context, pos []string, e *env) (int, error) {
				book, err := loadBook(*file)
				if err != nil {
					return 0, err
				}
				var rs *rules.RuleSet
				switch {
				case len(pos) > 1 || len(pos) == 1 && *asOf != "":
					return 0, usageErr("rules show: want one NAME or --as-of DATE")
				case len(pos) == 1:
					if rs, err = book.Named(pos[0]); err != nil {
						return 0, usageErr("rules show: %v", err)
					}
				default:
					d, err := parseAsOf(*asOf)
					if err != nil {
						return 0, err
					}
					if rs, err = book.At(d); err != nil {
						return 0, err
					}
				}
				rulesShow(e, rs)
				return exitOK, nil
			}
		}}
}

func rulesShow(e *env, rs *rules.RuleSet) {
	stdout := e.stdout
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
}
