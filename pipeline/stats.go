package pipeline

import "time"

// Stats counts what a run wrote. It is filled by the writer goroutine only,
// in input order, so it needs no locks and its counts are deterministic.
type Stats struct {
	RowsRead        int
	RowsWritten     int
	RowsInputErrors int // rows with a problem of kind Input
	RowsNeedReview  int // rows with a problem that is more than a note
	Applicants      int // applicant groups (rows with First set)
	// Reasons counts rows per problem code; a code that appears twice on a
	// row counts once.
	Reasons map[string]int
	// Files lists the sources rows came from, in order of their first row,
	// with the rows each gave.
	Files   []FileRows
	Elapsed time.Duration
}

// FileRows is the number of rows one source file gave.
type FileRows struct {
	Name string
	Rows int
}

func newStats() *Stats { return &Stats{Reasons: map[string]int{}} }

func (s *Stats) add(recs []*Record) {
	for _, r := range recs {
		s.RowsRead++
		s.RowsWritten++
		if n := len(s.Files); n == 0 || s.Files[n-1].Name != r.Source {
			s.Files = append(s.Files, FileRows{Name: r.Source})
		}
		s.Files[len(s.Files)-1].Rows++
		if r.First {
			s.Applicants++
		}
		input, review := false, false
		for i, p := range r.Problems {
			input = input || p.Kind == Input
			review = review || p.Kind != Note
			if !seenCode(r.Problems[:i], p.Code) {
				s.Reasons[p.Code]++
			}
		}
		if input {
			s.RowsInputErrors++
		}
		if review {
			s.RowsNeedReview++
		}
	}
}

func seenCode(ps []Problem, code string) bool {
	for _, p := range ps {
		if p.Code == code {
			return true
		}
	}
	return false
}
