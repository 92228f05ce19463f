// Command nocgen writes casescreen's built-in NOC 2021 index (see package
// gen): go run ./internal/gen/nocgen -shared ../../shared/noc -out data/noc2021.txt
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/casescreen/casescreen/noc/internal/gen"
)

func main() {
	shared := flag.String("shared", "../../shared/noc", "folder holding the published NOC files")
	out := flag.String("out", "data/noc2021.txt", "file to write")
	flag.Parse()
	var b bytes.Buffer
	if err := gen.Generate(*shared, &b); err != nil {
		fmt.Fprintln(os.Stderr, "nocgen:", err)
		os.Exit(1)
	}
	tmp := *out + ".tmp"
	err := os.WriteFile(tmp, b.Bytes(), 0o644)
	if err == nil {
		err = os.Rename(tmp, *out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "nocgen:", err)
		os.Exit(1)
	}
}
