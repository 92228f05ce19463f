package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/casescreen/casescreen/rules"
)

func drawsListCommand() *command {
	return &command{name: "list", args: "[flags]", summary: "the rounds of invitations built in (and from --draws FILE), with their cut-offs",
		setup: func(fs *flag.FlagSet) runFunc {
			since := fs.String("since", "", "only rounds on or after this `DATE`, YYYY-MM-DD")
			file := fs.String("draws", "", "IRCC's rounds JSON `FILE` to add to the built-in rounds")
			return func(_ context.Context, pos []string, e *env) (int, error) {
				if len(pos) > 0 {
					return 0, usageErr("draws list takes no arguments")
				}
				var from rules.Date
				if *since != "" {
					d, err := rules.ParseISODate(*since)
					if err != nil {
						return 0, usageErr("--since: %v", err)
					}
					from = d
				}
				d := rules.BuiltinDraws()
				if *file != "" {
					var err error
					if d, err = rules.LoadDrawsFile(*file); err != nil {
						return 0, err
					}
				}
				fmt.Fprintf(e.stdout, "rounds: %s, last on %s\n", d.Origin, d.Last())
				fmt.Fprintf(e.stdout, "%-6s %-10s %-20s %7s %11s  %s\n", "round", "date", "type", "cut-off", "invitations", "name")
				for _, r := range d.List(from) {
					typ := r.Type
					if typ == "" {
						typ = "(not mapped)"
					}
					fmt.Fprintf(e.stdout, "%-6s %-10s %-20s %7d %11d  %s\n", r.Number, r.Date, typ, r.Cutoff, r.Invitations, r.Name)
				}
				if len(d.Unmapped) > 0 {
					fmt.Fprintf(e.stdout, "round names with no round type (listed, never compared): %v\n", d.Unmapped)
				}
				return exitOK, nil
			}
		}}
}
