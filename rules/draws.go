package rules

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Rounds of invitations: the rounds from 2023 on built in as dated data
// (data/rounds.json, generated from ../shared/rules by
// TestBuiltinRoundsMatchShared -update-rounds), a reader for IRCC's rounds
// feed (ee_rounds_123_en.json) for --draws, and the latest cut-off of each
// round type before a date.

//go:embed data/rounds.json
var roundsJSON []byte

// Round types besides the category ids.
const (
	RoundGeneral = "general"
	RoundCEC     = "cec"
	RoundFSW     = "fsw"
	RoundFST     = "fst"
	RoundPNP     = "pnp"
)

// roundTypeOrder is the order of draw_margins: the program round types,
// then the category ids of spec section 4.
var roundTypeOrder = [...]string{RoundGeneral, RoundCEC, RoundFSW, RoundFST, RoundPNP,
	"french", "healthcare", "stem", "trades", "transport", "agriculture", "education",
	"physicians_cwe", "senior_managers_cwe", "researchers_cwe", "military"}

// Round is one round of invitations.
type Round struct {
	Number      string `json:"n"` // IRCC's drawNumber ("447"; "91a" for a split round)
	Date        Date   `json:"date"`
	Type        string `json:"type"` // round type id; "" when the name could not be mapped
	Name        string `json:"name"` // IRCC's drawName
	Invitations int    `json:"invitations"`
	Cutoff      int    `json:"cutoff"` // lowest CRS score invited
	// Source says where the round comes from: "A" IRCC's feed (verbatim
	// mirror, 2026-08-07), "B"/"C" secondary mirrors of it (see the
	// sources of data/rounds.json), "feed" a --draws file.
	Source string `json:"source"`
}

// RoundTypeOf maps IRCC's round name (drawName) to a round type id. The
// program names come first ("Federal Skilled Trades" is fst, "Trade
// occupations (Version 2)" is trades); "No Program Specified" and
// "General" are general rounds. ok is false for a name it does not know.
func RoundTypeOf(name string) (string, bool) {
	n := strings.ToLower(name)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(n, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("no program specified") || strings.TrimSpace(n) == "general":
		return RoundGeneral, true
	case has("canadian experience class"):
		return RoundCEC, true
	case has("federal skilled worker"):
		return RoundFSW, true
	case has("federal skilled trades"):
		return RoundFST, true
	case has("provincial nominee"):
		return RoundPNP, true
	case has("french"):
		return "french", true
	case has("physician"):
		return "physicians_cwe", true
	case has("senior manager"):
		return "senior_managers_cwe", true
	case has("researcher"):
		return "researchers_cwe", true
	case has("military"):
		return "military", true
	case has("healthcare", "health care"):
		return "healthcare", true
	case has("stem occupations", "science, technology"):
		return "stem", true
	case has("trade occupations", "trades occupations"):
		return "trades", true
	case has("transport"):
		return "transport", true
	case has("agriculture"):
		return "agriculture", true
	case has("education occupations"):
		return "education", true
	}
	return "", false
}

// Draws is a set of rounds, oldest first. It is read-only once built and
// safe for concurrent use.
type Draws struct {
	rounds []Round
	byType map[string][]int // indexes into rounds, oldest first
	// Origin is "built-in" or "built-in + FILE".
	Origin string
	// Unmapped lists the round names (sorted, once each) that no round type
	// could be given; their rounds are listed but never compared.
	Unmapped []string
}

func newDraws(rs []Round, origin string) *Draws {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Date != rs[j].Date {
			return rs[i].Date < rs[j].Date
		}
		return roundLess(rs[i].Number, rs[j].Number)
	})
	d := &Draws{rounds: rs, byType: map[string][]int{}, Origin: origin}
	for i, r := range rs {
		if r.Type == "" {
			if !slices.Contains(d.Unmapped, r.Name) {
				d.Unmapped = append(d.Unmapped, r.Name)
			}
			continue
		}
		d.byType[r.Type] = append(d.byType[r.Type], i)
	}
	sort.Strings(d.Unmapped)
	return d
}

// roundLess orders round numbers numerically ("91a" before "91b", "99"
// before "100").
func roundLess(a, b string) bool {
	na, _ := strconv.Atoi(strings.TrimRight(a, "abcdefghijklmnopqrstuvwxyz"))
	nb, _ := strconv.Atoi(strings.TrimRight(b, "abcdefghijklmnopqrstuvwxyz"))
	if na != nb {
		return na < nb
	}
	return a < b
}

var builtinDraws = sync.OnceValue(func() *Draws {
	var f struct {
		Rounds []Round `json:"rounds"`
	}
	if err := json.Unmarshal(roundsJSON, &f); err != nil {
		panic("built-in rounds: " + err.Error()) // a build defect, caught by the tests
	}
	return newDraws(f.Rounds, "built-in")
})

// BuiltinDraws returns the rounds compiled into the binary (2023 onwards).
func BuiltinDraws() *Draws { return builtinDraws() }

// feedInt reads a number that IRCC's feed writes as a string with
// thousands separators ("5,000"), or as a JSON number.
type feedInt struct {
	v  int
	ok bool
}

func (f *feedInt) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) >= 2 && s[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" || s == "null" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("not a whole number: %q", s)
	}
	f.v, f.ok = n, true
	return nil
}

// ParseRoundsFeed reads IRCC's rounds feed, the JSON of
// https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json
// (an object with a "rounds" array of drawNumber, drawDate, drawName,
// drawSize, drawCRS, ...; other fields are ignored). Every round needs a
// number, an ISO date and a cut-off; a round that lacks one is an error
// naming it, since a half-read feed would give wrong margins. Names that
// map to no round type keep Type "".
func ParseRoundsFeed(r io.Reader) ([]Round, error) {
	var f struct {
		Rounds *[]struct {
			Number string  `json:"drawNumber"`
			Date   string  `json:"drawDate"`
			Name   string  `json:"drawName"`
			Size   feedInt `json:"drawSize"`
			CRS    feedInt `json:"drawCRS"`
		} `json:"rounds"`
	}
	dec := json.NewDecoder(r)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("rounds feed: %w", err)
	}
	if f.Rounds == nil {
		return nil, fmt.Errorf("rounds feed: no \"rounds\" array")
	}
	out := make([]Round, 0, len(*f.Rounds))
	seen := map[string]bool{}
	for i, fr := range *f.Rounds {
		num := strings.TrimSpace(fr.Number)
		where := fmt.Sprintf("rounds feed, round %d (drawNumber %q)", i+1, num)
		if num == "" {
			return nil, fmt.Errorf("%s: no drawNumber", where)
		}
		if seen[num] {
			return nil, fmt.Errorf("%s: listed twice", where)
		}
		seen[num] = true
		d, err := ParseISODate(strings.TrimSpace(fr.Date))
		if err != nil {
			return nil, fmt.Errorf("%s: drawDate: %w", where, err)
		}
		if !fr.CRS.ok || fr.CRS.v < 0 || fr.CRS.v > 1200 {
			return nil, fmt.Errorf("%s: drawCRS is not a score from 0 to 1,200", where)
		}
		typ, _ := RoundTypeOf(fr.Name)
		out = append(out, Round{Number: num, Date: d, Type: typ, Name: strings.TrimSpace(fr.Name),
			Invitations: fr.Size.v, Cutoff: fr.CRS.v, Source: "feed"})
	}
	return out, nil
}

// WithFeed returns the rounds of d and of feed: a round of the feed
// replaces the built-in round of the same number (the feed is IRCC's own).
func (d *Draws) WithFeed(feed []Round, name string) *Draws {
	byNum := map[string]bool{}
	for _, r := range feed {
		byNum[r.Number] = true
	}
	rs := slices.Clone(feed)
	for _, r := range d.rounds {
		if !byNum[r.Number] {
			rs = append(rs, r)
		}
	}
	return newDraws(rs, d.Origin+" + "+name)
}

// LoadDrawsFile reads a rounds feed file (--draws) over the built-in
// rounds.
func LoadDrawsFile(path string) (*Draws, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("draws file: %w", err)
	}
	feed, err := ParseRoundsFeed(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("draws file %s: %w", path, err)
	}
	return BuiltinDraws().WithFeed(feed, path), nil
}

// List returns the rounds on or after since (zero: all), oldest first,
// for "casescreen draws list". The slice is the caller's.
func (d *Draws) List(since Date) []Round {
	i := sort.Search(len(d.rounds), func(i int) bool { return !d.rounds[i].Date.Before(since) })
	return slices.Clone(d.rounds[i:])
}

// Last is the date of the latest round in the data.
func (d *Draws) Last() Date {
	if len(d.rounds) == 0 {
		return 0
	}
	return d.rounds[len(d.rounds)-1].Date
}

// EndedBefore reports whether asOf is after the last round in the data:
// the margins then compare with rounds that may have been followed by
// others (errata 3; the note ReasonDrawDataEnded).
func (d *Draws) EndedBefore(asOf Date) bool { return len(d.rounds) > 0 && d.Last().Before(asOf) }

// Latest returns the latest round of a type held strictly before the day
// (DrawCutoffBefore).
func (d *Draws) Latest(typ string, before Date) (Round, bool) {
	idx := d.byType[typ]
	k := sort.Search(len(idx), func(i int) bool { return !d.rounds[idx[i]].Date.Before(before) })
	if k == 0 {
		return Round{}, false
	}
	return d.rounds[idx[k-1]], true
}

// DrawMargin is an applicant's CRS against the latest round of one type.
type DrawMargin struct {
	Type   string
	Round  Round
	Margin int // CRS minus the round's cut-off
}

// margins appends, in the order of draw_margins, a margin for each type in
// types (a set) that has a round before asOf.
func (d *Draws) margins(dst []DrawMargin, types func(string) bool, extra []string, crs int, asOf Date) []DrawMargin {
	add := func(t string) {
		if r, ok := d.Latest(t, asOf); ok {
			dst = append(dst, DrawMargin{Type: t, Round: r, Margin: crs - r.Cutoff})
		}
	}
	for _, t := range roundTypeOrder {
		if types(t) {
			add(t)
		}
	}
	for _, t := range extra { // category ids of a firm's own rule file
		add(t)
	}
	return dst
}

// FormatMargins renders draw_margins: "cec:12;healthcare:-34".
func FormatMargins(ms []DrawMargin) string {
	var b strings.Builder
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(m.Type)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(m.Margin))
	}
	return b.String()
}
