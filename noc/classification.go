// Package noc holds the NOC 2021 classification built into casescreen
// (generated from Statistics Canada's and ESDC's files), the NOC 2016 ->
// 2021 correspondence, title normalisation, and the matcher that turns
// free-text job titles into unit groups with a calibrated score.
package noc

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:generate go run ./internal/gen/nocgen -shared ../../shared/noc -out data/noc2021.txt

// nocData is the generated classification (format: package
// noc/internal/gen).
//
//go:embed data/noc2021.txt
var nocData string

// Unit is a NOC 2021 unit group.
type Unit struct {
	Code  string // five digits, e.g. "31301"
	Title string
	TEER  int // the code's second digit
}

// Group is a level above the unit groups: broad category (1 digit), major
// (2), sub-major (3) or minor group (4).
type Group struct {
	Code  string
	Title string
}

// TitleKind says where an official title of a unit group comes from.
type TitleKind uint8

const (
	KindExample   TitleKind = iota // an example title of the elements file
	KindInclusion                  // an inclusion
	KindExclusion                  // a title another unit group's exclusions send here
	KindOaSIS                      // an OaSIS 2023 title or profile label the elements file lacks
)

// Title is an official title of a unit group, as published.
type Title struct {
	Text string
	Kind TitleKind
}

// wordStat is a content word of a unit group's definition and duties and
// how often it occurs there.
type wordStat struct {
	word  string
	count int
}

// Classification is the NOC 2021 structure with its official titles. It is
// read-only after Builtin returns and safe for concurrent use.
type Classification struct {
	Units  []Unit // in code order
	byCode map[string]*Unit
	index  map[string]int // code -> position in Units
	groups map[string]string
	titles [][]Title    // per unit, in Units order
	words  [][]wordStat // per unit
	from   map[string][]string
}

var builtin = sync.OnceValue(func() *Classification {
	c, err := parseClassification(nocData)
	if err != nil {
		panic("noc: built-in data: " + err.Error())
	}
	return c
})

// Builtin returns the classification compiled into the binary: NOC 2021
// V1.0 with its example titles, inclusions and exclusions, the OaSIS 2023
// titles it lacks, and the NOC 2016 V1.3 correspondence.
func Builtin() *Classification { return builtin() }

// parseClassification reads the generated format. Titles are substrings of
// data.
func parseClassification(data string) (*Classification, error) {
	c := &Classification{byCode: map[string]*Unit{}, index: map[string]int{}, groups: map[string]string{},
		from: map[string][]string{}}
	cur := -1
	for n := 1; data != ""; n++ {
		var line string
		line, data, _ = strings.Cut(data, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		if len(line) < 2 || line[1] != '|' {
			return nil, fmt.Errorf("line %d: no record tag", n)
		}
		tag, rest := line[0], line[2:]
		switch tag {
		case 'C':
			code, title, ok := strings.Cut(rest, "|")
			if !ok || code == "" || strings.Trim(code, "0123456789") != "" || len(code) > 5 || title == "" {
				return nil, fmt.Errorf("line %d: bad classification record", n)
			}
			if len(code) < 5 {
				c.groups[code] = title
				cur = -1
				continue
			}
			if len(c.Units) > 0 && c.Units[len(c.Units)-1].Code >= code {
				return nil, fmt.Errorf("line %d: unit group %s out of order", n, code)
			}
			cur = len(c.Units)
			c.Units = append(c.Units, Unit{Code: code, Title: title, TEER: int(code[1] - '0')})
			c.titles = append(c.titles, nil)
			c.words = append(c.words, nil)
		case 'e', 'i', 'x', 'o':
			if cur < 0 {
				return nil, fmt.Errorf("line %d: title outside a unit group", n)
			}
			kind := map[byte]TitleKind{'e': KindExample, 'i': KindInclusion, 'x': KindExclusion, 'o': KindOaSIS}[tag]
			c.titles[cur] = append(c.titles[cur], Title{rest, kind})
		case 'w':
			if cur < 0 {
				return nil, fmt.Errorf("line %d: words outside a unit group", n)
			}
			for _, f := range strings.Fields(rest) {
				w, cnt, ok := strings.Cut(f, ":")
				k := 1
				if ok {
					var err error
					if k, err = strconv.Atoi(cnt); err != nil {
						return nil, fmt.Errorf("line %d: word count %q", n, f)
					}
				}
				c.words[cur] = append(c.words[cur], wordStat{w, k})
			}
		case 'c':
			from, to, ok := strings.Cut(rest, "|")
			if !ok || len(from) != 4 {
				return nil, fmt.Errorf("line %d: bad correspondence record", n)
			}
			c.from[from] = strings.Split(to, ",")
		default:
			return nil, fmt.Errorf("line %d: unknown record tag %q", n, tag)
		}
	}
	for i := range c.Units {
		c.byCode[c.Units[i].Code] = &c.Units[i]
		c.index[c.Units[i].Code] = i
	}
	for from, tos := range c.from {
		for _, to := range tos {
			if c.byCode[to] == nil {
				return nil, fmt.Errorf("NOC 2016 %s maps to %s, not a unit group", from, to)
			}
		}
	}
	if len(c.Units) == 0 {
		return nil, fmt.Errorf("no unit groups")
	}
	return c, nil
}

// Unit returns the unit group with the given five-digit code, or nil.
func (c *Classification) Unit(code string) *Unit { return c.byCode[code] }

// Known reports whether code is a NOC 2021 unit group.
func (c *Classification) Known(code string) bool { return c.byCode[code] != nil }

// Group returns the title of a broad category, major, sub-major or minor
// group by code ("3", "31", "313", "3130"), or "".
func (c *Classification) Group(code string) string { return c.groups[code] }

// Hierarchy returns the codes and titles above a unit group, broad first.
func (c *Classification) Hierarchy(code string) []Group {
	var out []Group
	for n := 1; n < len(code) && n <= 4; n++ {
		if t, ok := c.groups[code[:n]]; ok {
			out = append(out, Group{Code: code[:n], Title: t})
		}
	}
	return out
}

// Titles returns the official titles of a unit group (nil for an unknown
// code). The slice is shared: callers must not modify it.
func (c *Classification) Titles(code string) []Title {
	if i, ok := c.index[code]; ok {
		return c.titles[i]
	}
	return nil
}

// From2016 returns the NOC 2021 codes a four-digit NOC 2016 code maps to,
// in the built-in classification: one for a one-to-one change, several
// when the 2016 unit group was split (the first is the code it continues
// as), none when the code is not a NOC 2016 unit group. The slice is
// shared: callers must not modify it.
func (c *Classification) From2016(code string) []string { return c.from[code] }

// From2016 is Builtin().From2016.
func From2016(code string) []string { return Builtin().From2016(code) }
