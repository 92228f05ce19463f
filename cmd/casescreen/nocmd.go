package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/screen"
)

func nocCmd(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageErr("noc: want match, show or import")
	}
	fs := flag.NewFlagSet("noc "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	industry := fs.String("industry", "", "industry or employer context")
	elements := fs.String("noc-elements", "", "Statistics Canada NOC elements CSV to extend the index")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	switch args[0] {
	case "match":
		if len(pos) == 0 {
			return usageErr("noc match: want a job title")
		}
		ix, err := screen.LoadIndex(*elements)
		if err != nil {
			return err
		}
		r := noc.NewMatcher(ix).Match(noc.Query{Title: strings.Join(pos, " "), Industry: *industry}, "")
		fmt.Fprintf(stdout, "index: %s\n", ix.Name)
		if r.Method == noc.MethodNone {
			fmt.Fprintln(stdout, "no match")
			return nil
		}
		fmt.Fprintf(stdout, "%s  %s  %-6s %s  (TEER %d)\n", r.Code, pipeline.FloatValue(r.Score).Text, r.Method, r.Title, r.TEER)
		for _, a := range r.Alts {
			u := ix.Classification().Unit(a.Code)
			fmt.Fprintf(stdout, "%s  %s  alt    %s\n", a.Code, pipeline.FloatValue(a.Score).Text, u.Title)
		}
		if len(r.Reasons) > 0 {
			fmt.Fprintf(stdout, "notes: %s\n", strings.Join(r.Reasons, ";"))
		}
		return nil
	case "show":
		if len(pos) != 1 {
			return usageErr("noc show: want one CODE")
		}
		cls := noc.Builtin()
		u := cls.Unit(pos[0])
		if u == nil && len(pos[0]) <= 4 && strings.Trim(pos[0], "0123456789") == "" {
			// A NOC 2016 code: say what it became.
			code := strings.Repeat("0", 4-len(pos[0])) + pos[0]
			if to := noc.From2016(code); len(to) > 0 {
				fmt.Fprintf(stdout, "NOC 2016 %s is now, in NOC 2021 (the title decides; the first when it does not):\n", code)
				for _, c := range to {
					fmt.Fprintf(stdout, "  %s %s\n", c, cls.Unit(c).Title)
				}
				return nil
			}
		}
		if u == nil {
			return fmt.Errorf("noc show: %q is not a NOC 2021 unit group (nor a NOC 2016 one)", pos[0])
		}
		fmt.Fprintf(stdout, "%s %s\nTEER %d\n", u.Code, u.Title, u.TEER)
		for _, g := range cls.Hierarchy(u.Code) {
			fmt.Fprintf(stdout, "  %-5s %s\n", g.Code, g.Title)
		}
		ix, err := screen.LoadIndex(*elements)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "index: %s\nexample titles:\n", ix.Name)
		for _, t := range ix.TitlesOf(u.Code, 40) {
			fmt.Fprintf(stdout, "  %s\n", t)
		}
		return nil
	case "import":
		if len(pos) != 1 {
			return usageErr("noc import: want one FILE")
		}
		ix := noc.NewIndex(noc.Builtin())
		n, err := noc.LoadElementsFile(ix, pos[0])
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("noc import: %s holds no example titles", pos[0])
		}
		dst, err := noc.ImportedPath()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(pos[0])
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		tmp := dst + ".tmp"
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, dst); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "installed %d titles from %s as %s\n", n, pos[0], dst)
		return nil
	}
	return usageErr("noc: unknown subcommand %q", args[0])
}
