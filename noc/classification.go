// Package noc holds the NOC 2021 classification built into casescreen, the
// NOC 2016 -> 2021 correspondence, title normalisation, and the matcher that
// turns free-text job titles into unit groups with a calibrated score.
package noc

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
)

//go:embed data/units.txt
var unitsTxt []byte

//go:embed data/groups.txt
var groupsTxt []byte

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

// Classification is the NOC 2021 structure. It is read-only after Builtin
// returns and safe for concurrent use.
type Classification struct {
	Units  []Unit // in code order
	byCode map[string]*Unit
	index  map[string]int // code -> position in Units
	groups map[string]string
}

var builtin = mustParse()

// Builtin returns the classification compiled into the binary.
func Builtin() *Classification { return builtin }

func mustParse() *Classification {
	c := &Classification{byCode: map[string]*Unit{}, index: map[string]int{}, groups: map[string]string{}}
	each(unitsTxt, func(code, title string) {
		c.Units = append(c.Units, Unit{Code: code, Title: title, TEER: int(code[1] - '0')})
	})
	sort.Slice(c.Units, func(i, j int) bool { return c.Units[i].Code < c.Units[j].Code })
	for i := range c.Units {
		c.byCode[c.Units[i].Code] = &c.Units[i]
		c.index[c.Units[i].Code] = i
	}
	each(groupsTxt, func(code, title string) { c.groups[code] = title })
	return c
}

func each(data []byte, f func(code, title string)) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		code, title, ok := strings.Cut(line, "|")
		if !ok {
			panic(fmt.Sprintf("noc data: bad line %q", line))
		}
		f(code, title)
	}
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
