// Command genlist writes a generated client list (bench.GenerateList) and
// prints its figures as JSON on stderr.
//
//	genlist [-rows N] [-seed S] [-no-context] [-scattered 0.1] [-examples FILE] [-o FILE]
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
	examples := flag.String("examples", bench.DefaultElements, "elements file whose example titles are drawn from")
	out := flag.String("o", "-", "output file, - for stdout")
	flag.Parse()
	if err := run(*rows, *seed, *noContext, *scattered, *examples, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genlist:", err)
		os.Exit(1)
	}
}

func run(rows int, seed uint64, noContext bool, scattered float64, examples, out string) error {
	ex, err := bench.LoadExamples(examples)
	if err != nil {
		return err
	}
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
	st, err := bench.GenerateList(bw, bench.Options{Rows: rows, Seed: seed, Examples: ex, NoContext: noContext, Scattered: scattered})
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
