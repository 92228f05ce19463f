// Package pipeline moves client-list records from a reader through the
// screening stages to the writers, keeping input order with concurrent
// workers. Run (run.go) is the whole architecture in one function.
package pipeline

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind says how serious a Problem is.
type Kind uint8

const (
	// Input marks a defect in the input data (unreadable date, missing
	// hours, ragged row). A run with any Input problem exits with code 3.
	Input Kind = iota
	// Review marks a doubt a person must resolve (low-confidence title match).
	Review
	// Note is informational (a date that reads both ways); it does not set
	// needs_review.
	Note
)

// Problem is a reason attached to a record. Records are never dropped for
// bad data: they carry their problems to the output.
type Problem struct {
	Kind   Kind
	Code   string // machine-readable reason, e.g. "end_before_start"
	Field  string // column or canonical field the reason is about, if any
	Detail string // short human explanation, never personal data
}

// Record is one input row with its source position, its cells and, once the
// stages ran, its annotation.
//
// Fields is aligned with the run's input header (see Source.Header); a
// reader owns the slice until Read returns it, then the pipeline does.
type Record struct {
	Source   string   // file the row came from (base name)
	Row      int      // 1-based row number in that file, header included
	Fields   []string // cells aligned with the header
	Problems []Problem
	Out      Annotation

	// Applicant numbers the applicant groups in input order; rows of one
	// group are contiguous and always in the same batch. First marks the
	// group's first row. Both are set by Run before the stages see the row.
	Applicant int
	First     bool
}

// Add attaches a problem to the record.
func (r *Record) Add(k Kind, code, field, detail string) {
	r.Problems = append(r.Problems, Problem{Kind: k, Code: code, Field: field, Detail: detail})
}

// HasInputError reports whether any problem is of kind Input.
func (r *Record) HasInputError() bool {
	for _, p := range r.Problems {
		if p.Kind == Input {
			return true
		}
	}
	return false
}

// HasProblem reports whether a problem with the given code is attached.
func (r *Record) HasProblem(code string) bool {
	for _, p := range r.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

// Position is "file row N", the form every log line and message uses.
func (r *Record) Position() string { return fmt.Sprintf("%s row %d", r.Source, r.Row) }

// Annotation holds the output columns of spec section 4 for one row.
type Annotation struct {
	NOCCode      string
	NOCTitle     string
	TEER         string
	MatchMethod  string
	MatchScore   float64
	HasScore     bool // false when no title was matched (score column left blank)
	Alternatives string
	Eligible     string
	ReviewCats   string
	Hours        string
	RuleSet      string
	NeedsReview  bool
	Reasons      string
}

// AnnotationColumns are the names of the output columns appended to every
// row, in order. They are a contract (spec section 4).
var AnnotationColumns = []string{
	"noc_code", "noc_title", "teer", "match_method", "match_score", "match_alternatives",
	"eligible_categories", "review_categories", "qualifying_hours", "rule_set",
	"needs_review", "review_reasons",
}

// Positions in AnnotationColumns of the columns that writers store typed.
const (
	ColTEER        = 2  // teer: a number when one job
	ColMatchScore  = 4  // match_score: a number, blank when unmatched
	ColNeedsReview = 10 // needs_review: a boolean
)

// Values renders the annotation as strings in AnnotationColumns order,
// appending to dst.
func (a *Annotation) Values(dst []string) []string {
	score := ""
	if a.HasScore {
		score = FormatScore(a.MatchScore)
	}
	review := "false"
	if a.NeedsReview {
		review = "true"
	}
	return append(dst, a.NOCCode, a.NOCTitle, a.TEER, a.MatchMethod, score, a.Alternatives,
		a.Eligible, a.ReviewCats, a.Hours, a.RuleSet, review, a.Reasons)
}

// FormatScore prints a score with two decimals, the precision scores are
// comparable at across runs.
func FormatScore(s float64) string {
	if c := s * 100; c >= 0 && c <= 100 && c == float64(int(c)) {
		return scoreText[int(c)]
	}
	return strconv.FormatFloat(s, 'f', 2, 64)
}

// scoreText holds "0.00" .. "1.00": scores are rounded to two decimals, so
// the hot path formats none.
var scoreText = func() (t [101]string) {
	for i := range t {
		t[i] = strconv.FormatFloat(float64(i)/100, 'f', 2, 64)
	}
	return
}()

// reasons joins the distinct problem codes of a record, then extra codes,
// in first-seen order. It reports whether any is more than a note.
func reasons(ps []Problem, extra []string) (string, bool) {
	if len(ps) == 0 && len(extra) == 0 {
		return "", false
	}
	var b strings.Builder
	var seen [16]string
	codes := seen[:0]
	review := false
	add := func(code string) {
		for _, c := range codes {
			if c == code {
				return
			}
		}
		codes = append(codes, code)
		if b.Len() > 0 {
			b.WriteByte(';')
		}
		b.WriteString(code)
	}
	for _, p := range ps {
		if p.Kind != Note {
			review = true
		}
		add(p.Code)
	}
	for _, e := range extra {
		review = true
		add(e)
	}
	return b.String(), review
}
