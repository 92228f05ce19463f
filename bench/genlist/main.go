// Command genlist writes a generated client list (bench.GenerateList) and
// prints its figures as JSON on stderr.
//
//	genlist [-rows N] [-seed S] [-no-context] [-scattered 0.1] [-coded] [-examples FILE] [-o FILE]
//
// The titles come from the official example titles of -examples (by
// default ../shared/noc/noc_2021_elements_rebuilt.csv beside the checkout).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/casescreen/casescreen/bench"
)

func main() {
	rows := flag.Int("rows", 100_000, "data rows")
	seed := flag.Uint64("seed", 42, "seed: the same options and seed give the same bytes")
	noContext := flag.Bool("no-context", false, "leave out the Employer and Industry columns")
	scattered := flag.Float64("scattered", 0, "share of applicants whose rows are not contiguous (0..1)")
	coded := flag.Bool("coded", false, "add a NOC Code column: the code of the example each title was drawn from")
	examples := flag.String("examples", bench.DefaultElements, "elements file whose example titles are drawn from")
	out := flag.String("o", "-", "output file, - for stdout")
	flag.Parse()
	o := bench.Options{Rows: *rows, Seed: *seed, NoContext: *noContext, Scattered: *scattered, Coded: *coded}
	if err := run(o, *examples, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genlist:", err)
		os.Exit(1)
	}
}

func run(o bench.Options, examples, out string) error {
	ex, err := bench.LoadExamples(examples)
	if err != nil {
		return err
	}
	o.Examples = ex
	var w io.Writer = os.Stdout
	if out != "-" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	st, err := bench.GenerateList(bw, o)
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	js, _ := json.Marshal(st)
	fmt.Fprintln(os.Stderr, string(js))
	return nil
}
