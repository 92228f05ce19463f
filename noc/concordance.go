package noc

import (
	_ "embed"
	"strings"
)

//go:embed data/noc2016.txt
var noc2016Txt []byte

// concordance2016 maps NOC 2016 V1.3 unit groups to NOC 2021 V1.0 unit
// groups (data/noc2016.txt, typed for casescreen).
var concordance2016 = parseConcordance()

func parseConcordance() map[string][]string {
	m := map[string][]string{}
	each(noc2016Txt, func(code, targets string) {
		m[code] = strings.Split(targets, ",")
	})
	return m
}

// From2016 returns the NOC 2021 codes a four-digit NOC 2016 code maps to:
// one for a one-to-one change, several when the 2016 unit group was split,
// none when the code is not a NOC 2016 unit group. The slice is shared:
// callers must not modify it.
func From2016(code string) []string { return concordance2016[code] }
