// Package pipeline moves client-list records from a reader through the
// screening stages to the writers, keeping input order with concurrent
// workers. Run (run.go) is the whole architecture in one function.
package pipeline

import "fmt"

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
// stage ran, its annotation.
//
// Fields is aligned with the run's input header (see Source.Header); a
// reader owns the slice until Read returns it, then the pipeline does.
// Out is aligned with the run's Schema.Columns; the stage fills it.
type Record struct {
	Source   string   // file the row came from (base name)
	Row      int      // 1-based row number in that file, header included
	Fields   []string // cells aligned with the header
	Problems []Problem
	Out      []Value

	// Applicant numbers the applicant groups in input order; rows of one
	// group are contiguous and always in the same batch. First marks the
	// first row of an applicant's first group (an id whose rows are apart
	// has several groups): counting First rows counts each applicant once.
	// Both are set by Run before the stages see the row.
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

// NeedsReview reports whether any problem is more than a note: the row
// needs a person.
func (r *Record) NeedsReview() bool {
	for _, p := range r.Problems {
		if p.Kind != Note {
			return true
		}
	}
	return false
}
