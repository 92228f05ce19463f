// Package rules holds the Express Entry rules as dated data and evaluates
// applicants against them: the category rule sets and their
// work-experience arithmetic; the language tests (raw scores to CLB/NCLC);
// the applicant profile and its vocabularies; the three programs (CEC, FSW
// with its 67-point grid, FST); the CRS; the rounds of invitations and
// their cut-offs; the dates on which eligibility starts or lapses; and the
// parsing of the dates and hours they depend on. It imports no other
// package of the project.
//
// The screening stage calls it once per applicant:
//
//	// Once per run.
//	rs, _ := book.At(asOf)                 // or book.Named(name)
//	draws := rules.BuiltinDraws()          // or rules.LoadDrawsFile(path) for --draws
//	ev := &rules.Evaluator{Rules: rs, Draws: draws, Title: nocTitle}
//
//	// Per applicant (a worker keeps cells, profile, reasons and out).
//	cells.Reset()
//	for each row of the applicant, for each detected profile column f:
//		if !cells.Set(f, cell) { note rules.ReasonApplicantValuesDiffer for f }
//	why = cells.ParseInto(&profile, &orders, why[:0]) // <column>_unreadable ...
//	app := rules.Applicant{Jobs: jobs}                 // as today
//	ev.AssessInto(&out, &app, &profile, asOf)
//	cols := out.Columns()                              // rules.ColumnNames order
//	out.Categories, out.Reasons ...                    // as Decision and Reason
//
// Every reason code is a Reason* constant (reasons.go) or made from a
// column name (UnreadableCode, JobReasonCode); KindOf gives its kind.
// Where the facts leave a choice, the choice is named in
// interpretations.go.
package rules

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
)

//go:embed data/rulesets.json
var builtinJSON []byte

// Location says where work experience must have been gained.
type Location string

const (
	Anywhere Location = "any"
	Canada   Location = "canada"
)

// File is the documented rule-file format (docs/rules-format.md): the
// built-in rule sets use it, and a firm's own file must too.
type File struct {
	Format   string    `json:"format"`
	RuleSets []RuleSet `json:"rule_sets"`
}

// RuleSet is the set of categories in force between two dates. Fields of the
// set are defaults that a Category may override.
type RuleSet struct {
	Name          string     `json:"name"`
	Title         string     `json:"title"`
	EffectiveFrom Date       `json:"effective_from"`
	EffectiveTo   *Date      `json:"effective_to"` // nil: still in force
	Source        string     `json:"source,omitempty"`
	WindowYears   int        `json:"window_years"`
	MinHours      float64    `json:"min_hours"`
	Continuous    bool       `json:"continuous"`
	MaxGapDays    int        `json:"max_gap_days"`
	Location      Location   `json:"location"`
	Categories    []Category `json:"categories"`
}

// Category is one Express Entry category: either an occupation list or a
// language requirement.
type Category struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	NOCCodes      []string  `json:"noc_codes,omitempty"`
	Language      *Language `json:"language,omitempty"`
	EffectiveFrom *Date     `json:"effective_from,omitempty"`
	MinHours      *float64  `json:"min_hours,omitempty"`
	Continuous    *bool     `json:"continuous,omitempty"`
	Location      Location  `json:"location,omitempty"`
	// ExtraRequirements are conditions the client list cannot show (the
	// military category's job offer); a category with any is at best review.
	ExtraRequirements []string `json:"extra_requirements,omitempty"`

	// codes has bit n set when the 5-digit code n is on NOCCodes (its
	// 100,000 bits are 12.5 KB): a job's code is looked up for every
	// category, and a bit is cheaper than a map's hash of the string.
	codes []uint64
}

// Language is a language requirement: MinLevel or more in all four abilities.
type Language struct {
	Language string `json:"language"` // "french" or "english"
	Scale    string `json:"scale"`    // "NCLC" or "CLB"
	MinLevel int    `json:"min_level"`
}

// Rule is a category's effective experience rule within its set.
type Rule struct {
	MinHours   float64
	Continuous bool
	MaxGapDays int
	Location   Location
	Window     int // years
}

// Rule resolves the category's overrides against the set's defaults.
func (rs *RuleSet) Rule(c *Category) Rule {
	r := Rule{MinHours: rs.MinHours, Continuous: rs.Continuous, MaxGapDays: rs.MaxGapDays, Location: rs.Location, Window: rs.WindowYears}
	if c.MinHours != nil {
		r.MinHours = *c.MinHours
	}
	if c.Continuous != nil {
		r.Continuous = *c.Continuous
	}
	if c.Location != "" {
		r.Location = c.Location
	}
	return r
}

// Active reports whether the category is in force on day (a category may
// start after its set, as physicians did on 2025-12-08).
func (c *Category) Active(day Date) bool {
	return c.EffectiveFrom == nil || !day.Before(*c.EffectiveFrom)
}

// Lists reports whether code is on the category's occupation list.
func (c *Category) Lists(code string) bool {
	n, ok := nocNumber(code)
	return ok && c.codes != nil && c.codes[n>>6]&(1<<(n&63)) != 0
}

// nocNumber reads a 5-digit code as its number; ok is false for any other
// string (NOCCodes holds 5-digit codes only, so such a code is on no list).
func nocNumber(code string) (n uint32, ok bool) {
	if len(code) != 5 {
		return 0, false
	}
	for i := range 5 {
		d := code[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + uint32(d)
	}
	return n, true
}

// InForce reports whether the set applies on day.
func (rs *RuleSet) InForce(day Date) bool {
	return !day.Before(rs.EffectiveFrom) && (rs.EffectiveTo == nil || !rs.EffectiveTo.Before(day))
}

// Period renders the effective dates, e.g. "2026-02-18 to (in force)".
func (rs *RuleSet) Period() string {
	to := "(in force)"
	if rs.EffectiveTo != nil {
		to = rs.EffectiveTo.String()
	}
	return rs.EffectiveFrom.String() + " to " + to
}

// Book is an ordered collection of rule sets, oldest first.
type Book struct {
	Sets   []*RuleSet
	Origin string // "built-in" or the file it was loaded from
}

// Builtin returns the rule sets compiled into the binary. known checks NOC
// codes; it may be nil to skip that check.
func Builtin(known func(code string) bool) (*Book, error) {
	b, err := parse(builtinJSON, known)
	if err != nil {
		return nil, fmt.Errorf("built-in rules: %w", err)
	}
	b.Origin = "built-in"
	return b, nil
}

// LoadFile reads a rule file in the documented format. Every problem is
// reported with the rule set and category it is in.
func LoadFile(path string, known func(code string) bool) (*Book, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules file: %w", err)
	}
	b, err := parse(data, known)
	if err != nil {
		return nil, fmt.Errorf("rules file %s: %w", path, err)
	}
	b.Origin = path
	return b, nil
}

func parse(data []byte, known func(string) bool) (*Book, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	if len(f.RuleSets) == 0 {
		return nil, errors.New("no rule_sets")
	}
	b := &Book{}
	for i := range f.RuleSets {
		rs := &f.RuleSets[i]
		if err := rs.validate(known); err != nil {
			return nil, fmt.Errorf("rule set %q: %w", rs.Name, err)
		}
		b.Sets = append(b.Sets, rs)
	}
	sort.SliceStable(b.Sets, func(i, j int) bool { return b.Sets[i].EffectiveFrom.Before(b.Sets[j].EffectiveFrom) })
	names := map[string]bool{}
	for i, rs := range b.Sets {
		if names[rs.Name] {
			return nil, fmt.Errorf("rule set name %q used twice", rs.Name)
		}
		names[rs.Name] = true
		if i > 0 {
			prev := b.Sets[i-1]
			if prev.EffectiveTo == nil || !prev.EffectiveTo.Before(rs.EffectiveFrom) {
				return nil, fmt.Errorf("rule sets %q and %q have overlapping dates", prev.Name, rs.Name)
			}
		}
	}
	return b, nil
}

func (rs *RuleSet) validate(known func(string) bool) error {
	switch {
	case rs.Name == "":
		return errors.New("name is empty")
	case rs.EffectiveFrom.IsZero():
		return errors.New("effective_from is missing")
	case rs.EffectiveTo != nil && rs.EffectiveTo.Before(rs.EffectiveFrom):
		return errors.New("effective_to is before effective_from")
	case rs.WindowYears <= 0:
		return errors.New("window_years must be positive")
	case rs.MinHours <= 0:
		return errors.New("min_hours must be positive")
	case rs.MaxGapDays < 0:
		return errors.New("max_gap_days must not be negative")
	}
	if err := checkLocation(rs.Location, false); err != nil {
		return err
	}
	ids := map[string]bool{}
	for i := range rs.Categories {
		c := &rs.Categories[i]
		if c.ID == "" {
			return fmt.Errorf("category %d has no id", i+1)
		}
		if ids[c.ID] {
			return fmt.Errorf("category %q listed twice", c.ID)
		}
		ids[c.ID] = true
		if err := c.validate(known); err != nil {
			return fmt.Errorf("category %q: %w", c.ID, err)
		}
	}
	return nil
}

func (c *Category) validate(known func(string) bool) error {
	if (c.Language == nil) == (len(c.NOCCodes) == 0) {
		return errors.New("needs either noc_codes or language, not both")
	}
	if err := checkLocation(c.Location, true); err != nil {
		return err
	}
	if c.MinHours != nil && *c.MinHours <= 0 {
		return errors.New("min_hours must be positive")
	}
	if l := c.Language; l != nil {
		if l.MinLevel < 1 || l.MinLevel > 12 {
			return fmt.Errorf("language min_level %d outside 1..12", l.MinLevel)
		}
		if l.Language != "french" && l.Language != "english" {
			return fmt.Errorf("unknown language %q", l.Language)
		}
	}
	c.codes = make([]uint64, 100_000/64+1)
	for _, code := range c.NOCCodes {
		if len(code) != 5 || strings.Trim(code, "0123456789") != "" {
			return fmt.Errorf("NOC code %q is not 5 digits", code)
		}
		if known != nil && !known(code) {
			return fmt.Errorf("unknown NOC 2021 code %s", code)
		}
		n, _ := nocNumber(code)
		c.codes[n>>6] |= 1 << (n & 63)
	}
	return nil
}

func checkLocation(l Location, blankOK bool) error {
	if l == Anywhere || l == Canada || (blankOK && l == "") {
		return nil
	}
	return fmt.Errorf("location %q: want %q or %q", l, Anywhere, Canada)
}

// At returns the rule set in force on day.
func (b *Book) At(day Date) (*RuleSet, error) {
	for _, rs := range b.Sets {
		if rs.InForce(day) {
			return rs, nil
		}
	}
	return nil, fmt.Errorf("no rule set in force on %s (rule sets cover %s onwards)", day, b.Sets[0].EffectiveFrom)
}

// Named returns the rule set with the given name.
func (b *Book) Named(name string) (*RuleSet, error) {
	var names []string
	for _, rs := range b.Sets {
		if rs.Name == name {
			return rs, nil
		}
		names = append(names, rs.Name)
	}
	return nil, fmt.Errorf("no rule set named %q (have %s)", name, strings.Join(names, ", "))
}
