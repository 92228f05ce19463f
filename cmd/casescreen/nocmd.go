package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/rules"
	"github.com/casescreen/casescreen/screen"
)

type runFunc = func(context.Context, []string, *env) (int, error)

func nocMatchCommand() *command {
	return &command{name: "match", args: `"JOB TITLE" [flags]`, summary: "the NOC 2021 candidates for a job title, with scores",
		setup: func(fs *flag.FlagSet) runFunc {
			industry := fs.String("industry", "", "the job's industry, as context")
			employer := fs.String("employer", "", "the employer, as context")
			duties := fs.String("duties", "", "the main duties, as context")
			elements := fs.String("noc-elements", "", "a Statistics Canada NOC elements CSV to match against as well")
			return func(_ context.Context, pos []string, e *env) (int, error) {
				if len(pos) == 0 {
					return 0, usageErr("noc match: want a job title")
				}
				ix, err := screen.LoadIndex(*elements)
				if err != nil {
					return 0, err
				}
				q := noc.Query{Title: strings.Join(pos, " "), Industry: *industry, Employer: *employer, Duties: *duties}
				r := noc.NewMatcher(ix).Match(q, "")
				fmt.Fprintf(e.stdout, "index: %s\n", ix.Name)
				if r.Method == noc.MethodNone {
					fmt.Fprintln(e.stdout, "no match")
				} else {
					fmt.Fprintf(e.stdout, "%s  %s  %-6s %s  (TEER %d)\n", r.Code, pipeline.FloatValue(r.Score).Text, r.Method, r.Title, r.TEER)
					for _, a := range r.Alts {
						u := ix.Classification().Unit(a.Code)
						fmt.Fprintf(e.stdout, "%s  %s  alt    %s\n", a.Code, pipeline.FloatValue(a.Score).Text, u.Title)
					}
				}
				if len(r.Reasons) > 0 {
					fmt.Fprintf(e.stdout, "notes: %s\n", strings.Join(r.Reasons, ";"))
				}
				return exitOK, nil
			}
		}}
}

func nocShowCommand() *command {
	return &command{name: "show", args: "CODE [flags]",
		summary: "a unit group: title, TEER, hierarchy, example titles and the categories that list it; or what a NOC 2016 code became",
		setup: func(fs *flag.FlagSet) runFunc {
			elements := fs.String("noc-elements", "", "a Statistics Canada NOC elements CSV whose titles to show as well")
			return func(_ context.Context, pos []string, e *env) (int, error) {
				if len(pos) != 1 {
					return 0, usageErr("noc show: want one CODE")
				}
				return exitOK, nocShow(e, pos[0], *elements)
			}
		}}
}

func nocShow(e *env, code, elements string) error {
	cls := noc.Builtin()
	u := cls.Unit(code)
	if u == nil && len(code) <= 4 && strings.Trim(code, "0123456789") == "" {
		// A NOC 2016 code: say what it became.
		code4 := strings.Repeat("0", 4-len(code)) + code
		if to := noc.From2016(code4); len(to) > 0 {
			fmt.Fprintf(e.stdout, "NOC 2016 %s is now, in NOC 2021 (the title decides; the first when it does not):\n", code4)
			for _, c := range to {
				fmt.Fprintf(e.stdout, "  %s %s\n", c, cls.Unit(c).Title)
			}
			return nil
		}
	}
	if u == nil {
		return fmt.Errorf("noc show: %q is not a NOC 2021 unit group (nor a NOC 2016 one)", code)
	}
	fmt.Fprintf(e.stdout, "%s %s\nTEER %d\n\nhierarchy:\n", u.Code, u.Title, u.TEER)
	for _, g := range cls.Hierarchy(u.Code) {
		fmt.Fprintf(e.stdout, "  %-5s %s\n", g.Code, g.Title)
	}
	book, err := rules.Builtin(cls.Known)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\ncategories that list it:\n")
	for _, rs := range book.Sets {
		var in []string
		for i := range rs.Categories {
			if c := &rs.Categories[i]; c.Lists(u.Code) {
				in = append(in, c.Name)
			}
		}
		list := "none"
		if len(in) > 0 {
			list = strings.Join(in, "; ")
		}
		fmt.Fprintf(e.stdout, "  %-5s %s\n", rs.Name, list)
	}
	groups := []struct {
		kind  noc.TitleKind
		label string
	}{{noc.KindExample, "example titles"}, {noc.KindInclusion, "also included"}, {noc.KindOaSIS, "OaSIS 2023 titles (ESDC)"},
		{noc.KindExclusion, "titles other unit groups exclude and send here"}}
	titles := cls.Titles(u.Code)
	for _, g := range groups {
		first := true
		for _, t := range titles {
			if t.Kind != g.kind {
				continue
			}
			if first {
				fmt.Fprintf(e.stdout, "\n%s:\n", g.label)
				first = false
			}
			fmt.Fprintf(e.stdout, "  %s\n", t.Text)
		}
	}
	if elements != "" {
		ix, err := screen.LoadIndex(elements)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\ntitles in %s (normalised):\n", ix.Name)
		for _, t := range ix.TitlesOf(u.Code, 40) {
			fmt.Fprintf(e.stdout, "  %s\n", t)
		}
	}
	return nil
}

func nocImportCommand() *command {
	return &command{name: "import", args: "FILE", summary: "install a newer Statistics Canada elements CSV as the index for later runs",
		setup: func(fs *flag.FlagSet) runFunc {
			return func(_ context.Context, pos []string, e *env) (int, error) {
				if len(pos) != 1 {
					return 0, usageErr("noc import: want one FILE")
				}
				return exitOK, nocImport(e, pos[0])
			}
		}}
}

func nocImport(e *env, path string) error {
	ix := noc.NewIndex(noc.Builtin())
	n, err := noc.LoadElementsFile(ix, path)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("noc import: %s holds no example titles", path)
	}
	dst, err := noc.ImportedPath()
	if err != nil {
		return err
	}
	data, err := os.ReadFile(path)
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
	fmt.Fprintf(e.stdout, "installed %d titles from %s as %s\n", n, path, dst)
	return nil
}
