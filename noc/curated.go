package noc

import (
	_ "embed"
	"strings"
)

//go:embed data/curated.txt
var curatedTxt []byte

type curatedTitle struct {
	title, code string
	differs     string // why the code differs from the elements file's for this title, if it does
}

// curated is the built-in list of common titles (data/curated.txt),
// indexed with method "alias".
var curated = func() []curatedTitle {
	var out []curatedTitle
	each(curatedTxt, func(title, rest string) {
		code, why, _ := strings.Cut(rest, "|")
		out = append(out, curatedTitle{strings.TrimSpace(title), strings.TrimSpace(code), strings.TrimSpace(why)})
	})
	return out
}()
