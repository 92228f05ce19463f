package noc

import (
	_ "embed"
	"strings"
)

//go:embed data/curated.txt
var curatedTxt []byte

type curatedTitle struct{ title, code string }

// curated is the built-in list of common titles (data/curated.txt),
// indexed with method "alias".
var curated = func() []curatedTitle {
	var out []curatedTitle
	each(curatedTxt, func(title, code string) {
		out = append(out, curatedTitle{strings.TrimSpace(title), strings.TrimSpace(code)})
	})
	return out
}()
