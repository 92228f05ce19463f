package noc

import (
	_ "embed"
	"strings"
)

//go:embed data/curated.txt
var curatedTxt string

// curatedTitle is a common title written for casescreen with its code.
type curatedTitle struct {
	title, code string
	// differs says why the code is not one the official classification
	// gives the same title; then the curated code is the default and the
	// official codes are alternatives. Empty: the curated code agrees with
	// the classification or the classification lacks the title.
	differs string
}

// curated is the built-in list of common titles (data/curated.txt:
// title|code[|why], "#" comments), indexed with method "alias".
var curated = func() []curatedTitle {
	var out []curatedTitle
	for _, line := range strings.Split(curatedTxt, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		title, rest, ok := strings.Cut(line, "|")
		if !ok {
			panic("noc: data/curated.txt: bad line " + line)
		}
		code, why, _ := strings.Cut(rest, "|")
		out = append(out, curatedTitle{strings.TrimSpace(title), strings.TrimSpace(code), strings.TrimSpace(why)})
	}
	return out
}()
