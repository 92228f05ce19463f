package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/casescreen/casescreen/screen"
)

func columnsCommand() *command {
	return &command{name: "columns", args: "FILE... [flags]",
		summary: "which column becomes which field, what is missing, and the --map lines that fix it",
		detail: `It reads only the header (no data row, no rules, no NOC index). Exit code 0 when a run
can start on every FILE; 1 when one has no job title or NOC code column, or a
--map line names a column it does not have.`,
		setup: func(fs *flag.FlagSet) runFunc {
			mapFile := fs.String("map", "", "column mapping `FILE`, as for run: CSV lines field,column header")
			sheet := fs.String("sheet", "", "XLSX input `SHEET` (default: the first with a recognisable header)")
			return func(_ context.Context, pos []string, e *env) (int, error) {
				if len(pos) == 0 {
					return 0, usageErr("columns: want a FILE")
				}
				ins, err := screen.Inspect(screen.Config{Inputs: pos, MapFile: *mapFile, Sheet: *sheet})
				if err != nil {
					return 0, err
				}
				ready := true
				for k, in := range ins {
					if k > 0 {
						fmt.Fprintln(e.stdout)
					}
					printInspection(e.stdout, pos[k], in)
					ready = ready && in.Ready()
				}
				if !ready {
					return 0, errors.New("a run cannot start on this header: see above")
				}
				return exitOK, nil
			}
		}}
}

// printInspection writes what a run would make of one input's header.
func printInspection(w io.Writer, path string, in *screen.Inspection) {
	where := in.Input.Format
	if in.Input.Sheet != "" {
		where += fmt.Sprintf(", sheet %q", in.Input.Sheet)
	}
	if in.Input.HeaderRow > 0 {
		where += fmt.Sprintf(", header on row %d", in.Input.HeaderRow)
	}
	shape := "one job per row"
	if in.Columns != nil && in.Columns.Wide {
		shape = fmt.Sprintf("one applicant per row, %d jobs side by side", len(in.Columns.Jobs))
	}
	fmt.Fprintf(w, "%s (%s): %s\n", path, strings.TrimPrefix(where, ", "), shape)
	for _, p := range in.Input.Passed {
		fmt.Fprintf(w, "  sheet %q passed over: %s\n", p.Name, p.Why)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "  column\theader\tfield")
	for _, u := range in.Uses {
		f := u.Field
		switch {
		case f == "" && u.Note != "":
			f = "- (" + u.Note + ")"
		case f == "":
			f = "-"
		case u.Mapped:
			f += " (--map)"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", u.Letter, printable(u.Header), f)
	}
	tw.Flush()
	if in.MapErr != nil {
		fmt.Fprintf(w, "\nThe --map file does not fit this input: %s\n", printable(in.MapErr.Error()))
		return
	}
	if len(in.Missing) == 0 {
		fmt.Fprintln(w, "\nEvery field a run reads was found.")
		return
	}
	fmt.Fprintln(w, "\nNot found:")
	tw = tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	for _, m := range in.Missing {
		fmt.Fprintf(tw, "  %s\t%s\n", m.Field, m.Effect)
	}
	tw.Flush()
	var lines, perJob []string
	for _, m := range in.Missing {
		if m.PerJob {
			perJob = append(perJob, fmt.Sprintf("Job1 %s, Job2 %s ...", headerWords(m.Field), headerWords(m.Field)))
		}
	}
	if len(perJob) > 0 {
		fmt.Fprintln(w, "\nThe jobs are side by side, so their columns are found by their headers; name them")
		for _, l := range perJob {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	for _, pass := range []bool{true, false} { // the likely columns first
		for _, m := range in.Missing {
			if m.Field != "profile columns" && !m.PerJob && (m.Candidate != "") == pass {
				lines = append(lines, m.MapLine())
			}
		}
	}
	if len(lines) > 0 {
		fmt.Fprintln(w, "\nIf your list has these columns under other names, put lines like these in a file")
		fmt.Fprintln(w, "(with your own headers) and pass it with --map FILE:")
		fmt.Fprintln(w, "  field,column")
		for _, l := range lines {
			fmt.Fprintf(w, "  %s\n", printable(l))
		}
	}
}

// headerWords spells a field as a header: "hours_per_week" -> "Hours Per Week".
func headerWords(field string) string {
	ws := strings.Split(field, "_")
	for i, w := range ws {
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}
