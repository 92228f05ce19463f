package screen

import (
	"strconv"
	"strings"

	"github.com/casescreen/casescreen/rules"
)

// wordsKind says how an annotation value reads for people.
type wordsKind uint8

const (
	asIs       wordsKind = iota
	idList               // "healthcare;trades": names joined by "; "
	idValues             // "healthcare:4697;trades:1825": "Name: 4,697; ..."
	status               // "eligible", "not_eligible", "review"
	reasonList           // reason codes: their wording, one per line
)

// programNames and roundNames are the ids of the output that are not
// categories (those take their names from the rule set).
var programNames = map[string]string{
	"cec": "Canadian Experience Class", "fsw": "Federal Skilled Worker", "fst": "Federal Skilled Trades",
	"general": "General rounds", "pnp": "Provincial Nominee Program",
}

var statusWords = map[string]string{"eligible": "eligible", "not_eligible": "not eligible", "review": "needs review"}

// ColumnTitle is an annotation column's heading for people, or the name
// itself when the column is not an annotation column.
func ColumnTitle(name string) string {
	for _, c := range outputColumns {
		if c.name == name && c.title != "" {
			return c.title
		}
	}
	return name
}

// Name says an id of the output in words: a category by its name in the
// run's rule set, a program or round type by its name; an unknown id as
// it is.
func (j *Job) Name(id string) string {
	if n, ok := programNames[id]; ok {
		return n
	}
	for i := range j.ruleSet.Categories {
		if c := &j.ruleSet.Categories[i]; c.ID == id {
			return c.Name
		}
	}
	return id
}

// Words renders a value of an annotation column for people: ids as names,
// statuses and reason codes in words, numbers with thousands separators.
// Values of other columns come back as they are.
func (j *Job) Words(column, value string) string {
	kind := asIs
	for _, c := range outputColumns {
		if c.name == column {
			kind = c.words
		}
	}
	if value == "" {
		return ""
	}
	switch kind {
	case idList:
		var out []string
		for id := range strings.SplitSeq(value, ";") {
			out = append(out, j.Name(id))
		}
		return strings.Join(out, "; ")
	case idValues:
		var out []string
		for item := range strings.SplitSeq(value, ";") {
			id, v, _ := strings.Cut(item, ":")
			out = append(out, j.Name(id)+": "+Thousands(v))
		}
		return strings.Join(out, "; ")
	case status:
		if w, ok := statusWords[value]; ok {
			return w
		}
	case reasonList:
		return ReasonWords(value)
	}
	return value
}

// Thousands puts separators in a whole number ("4697" -> "4,697"), as
// the explanations do; other text comes back as it is.
func Thousands(s string) string {
	n, err := strconv.Atoi(s)
	if err != nil {
		return s
	}
	return rules.Thousands(n)
}
