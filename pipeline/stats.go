package pipeline

import (
	"sort"
	"strings"
	"time"
)

// Stats summarises a run. It is filled by the writer goroutine only, so it
// needs no locks and its counts are deterministic.
type Stats struct {
	RowsRead         int            `json:"rows_read"`
	RowsWritten      int            `json:"rows_written"`
	RowsWithProblems int            `json:"rows_with_problems"`
	RowsInputErrors  int            `json:"rows_with_input_errors"`
	RowsNeedReview   int            `json:"rows_needing_review"`
	Reasons          map[string]int `json:"reasons"`
	Applicants       int            `json:"applicants"`
	// Categories counts applicants per category id and status ("eligible",
	// "review"); not_eligible is the rest of Applicants (NotEligible).
	Categories map[string]map[string]int `json:"categories"`
	Methods    map[string]int            `json:"match_methods"`
	Elapsed    time.Duration             `json:"-"`
}

// NewStats returns empty stats.
func NewStats() *Stats {
	return &Stats{Reasons: map[string]int{}, Categories: map[string]map[string]int{}, Methods: map[string]int{}}
}

func (s *Stats) add(recs []*Record) {
	for _, r := range recs {
		s.RowsRead++
		s.RowsWritten++
		if len(r.Problems) > 0 {
			s.RowsWithProblems++
		}
		if r.HasInputError() {
			s.RowsInputErrors++
		}
		if r.Out.NeedsReview {
			s.RowsNeedReview++
		}
		for rest := r.Out.Reasons; rest != ""; { // distinct codes, ";"-separated
			var code string
			code, rest, _ = strings.Cut(rest, ";")
			s.Reasons[code]++
		}
		s.Methods[r.Out.MatchMethod]++
		if r.First {
			s.Applicants++
			s.countCats(r.Out.Eligible, "eligible")
			s.countCats(r.Out.ReviewCats, "review")
		}
	}
}

func (s *Stats) countCats(ids, status string) {
	for ids != "" {
		var id string
		id, ids, _ = strings.Cut(ids, ";")
		m := s.Categories[id]
		if m == nil {
			m = map[string]int{}
			s.Categories[id] = m
		}
		m[status]++
	}
}

// NotEligible returns the applicants neither eligible nor in review for a
// category.
func (s *Stats) NotEligible(id string) int {
	return s.Applicants - s.Categories[id]["eligible"] - s.Categories[id]["review"]
}

// CategoryIDs returns the category ids seen, sorted.
func (s *Stats) CategoryIDs() []string {
	ids := make([]string, 0, len(s.Categories))
	for id := range s.Categories {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
