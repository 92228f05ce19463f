package pipeline

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"runtime"
	"time"

	"golang.org/x/sync/errgroup"
)

// Source yields records in input order. It has the shape of encoding/csv's
// Reader: Read returns io.EOF after the last record. Any other error is
// fatal to the run (broken I/O); bad data is reported on the record
// instead. The caller closes the Source.
type Source interface {
	// Header returns the column names every Record's Fields is aligned with.
	Header() []string
	Read() (*Record, error)
	Close() error
}

// Stage is the work done on every batch. Run calls NewWorker once for each
// worker goroutine; a Worker is used by that goroutine only, so it may keep
// caches and scratch memory without locks. Workers of one Stage run
// concurrently on different batches.
type Stage interface {
	NewWorker() Worker
}

// Worker processes a batch of records in place. The rows of one applicant
// are never split across batches. Process returns an error only for fatal
// conditions (context cancelled, broken configuration); a bad record gets
// a Problem attached and the batch goes on.
type Worker interface {
	Process(ctx context.Context, recs []*Record) error
}

// Recycler is a Stage that takes back what it attached to a batch's
// records: Run calls Recycle, from the writer goroutine, once every sink
// has written the batch (sinks keep nothing of it past Write), so that the
// stage can reuse that memory for a later batch. The records themselves
// stay Run's.
type Recycler interface {
	Recycle(recs []*Record)
}

// Reclaimer is a Source that takes back the records it gave: Run calls
// Reclaim from the writer goroutine once every sink has written a batch and
// the stage, if it is a Recycler, took back its values. From the call on,
// the records, and the backing arrays of their Fields and Problems slices,
// are the source's again: a later Read may hand them out again,
// overwritten. The cell strings themselves are never reused, so a string
// kept by a stage or a sink stays valid; a *Record or a Fields or Problems
// slice kept past the batch's Write does not. Reclaim may run concurrently
// with Read.
type Reclaimer interface {
	Reclaim(recs []*Record)
}

// StageFunc is a stateless Stage: every worker calls the function.
type StageFunc func(ctx context.Context, recs []*Record) error

// NewWorker implements Stage.
func (f StageFunc) NewWorker() Worker { return f }

// Process implements Worker.
func (f StageFunc) Process(ctx context.Context, recs []*Record) error { return f(ctx, recs) }

// Sink receives batches of finished records in input order from a single
// goroutine; the records are only valid during Write. Close completes the
// output (footer, summary sheets, rename into place); Abort discards it and
// leaves any earlier file untouched. An error from Write is fatal to the
// run.
type Sink interface {
	Write(recs []*Record) error
	Close() error
	Abort() error
}

// Options tunes Run. The zero value is the default.
type Options struct {
	// Workers is the number of batches screened at once. Default
	// GOMAXPROCS: the stages are CPU-bound.
	Workers int
	// BatchSize is the number of records per batch. Default 500: channel
	// traffic per record drops about 8x from single records, and a batch
	// stays small enough to keep memory flat.
	BatchSize int
	// ApplicantColumn is the index of the applicant_id column in the header,
	// or -1 when each row is its own applicant.
	ApplicantColumn int
	// Gathered, if set, reports the ids whose rows are apart in the input
	// and that the stage screens together (a first pass over the input
	// found them). Their rows still come in separate groups, in input
	// order.
	Gathered func(id string) bool
	// Progress, if set, is called from the writer goroutine after each batch
	// with the number of rows written so far.
	Progress func(rows int)
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 500
	}
	return o
}

// batch is one unit of work; done is closed when the stages finished it.
type batch struct {
	recs []*Record
	done chan struct{}
}

// Run is casescreen in one function:
//
//	src.Read ──> batcher ──┬──> worker 1 ─┐
//	 (1 goroutine,         ├──> worker 2 ─┤  the stage on whole batches
//	  cuts at applicant    └──> worker N ─┘
//	  boundaries)     │                   │
//	                  └──── order queue ──┴──> writer (1 goroutine): sinks, stats
//
// The batcher puts each batch on the order queue before handing it to a
// worker, and the writer takes batches off that queue in order, waiting for
// each to be done, so output order is input order while N batches are
// screened at once. Sinks and stats see the rows in input order, from the
// writer goroutine, so anything decided there (which rows are logged, where
// a strict run stops) does not depend on scheduling. The first fatal error
// cancels everything; every goroutine returns before Run does. Run does not
// close src or the sinks: on success the caller Closes the sinks, on error
// it Aborts them. A nil stage leaves records as read.
func Run(ctx context.Context, src Source, stage Stage, sinks []Sink, opt Options) (*Stats, error) {
	opt = opt.withDefaults()
	stats := newStats()
	start := time.Now()
	g, ctx := errgroup.WithContext(ctx)
	work := make(chan *batch, opt.Workers)
	order := make(chan *batch, 8*opt.Workers)

	g.Go(func() error { // batcher
		defer close(work)
		defer close(order)
		return readBatches(ctx, src, opt, func(b *batch) error {
			for _, ch := range []chan *batch{order, work} {
				select {
				case ch <- b:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			return nil
		})
	})
	for range opt.Workers {
		var w Worker
		if stage != nil {
			w = stage.NewWorker()
		}
		g.Go(func() error {
			for b := range work {
				if w != nil {
					if err := w.Process(ctx, b.recs); err != nil {
						return err
					}
				}
				close(b.done)
			}
			return nil
		})
	}
	recycler, _ := stage.(Recycler)
	reclaimer, _ := src.(Reclaimer)
	g.Go(func() error { // writer
		for b := range order {
			select {
			case <-b.done:
			case <-ctx.Done():
				return ctx.Err()
			}
			for _, s := range sinks {
				if err := s.Write(b.recs); err != nil {
					return err
				}
			}
			stats.add(b.recs)
			if opt.Progress != nil {
				opt.Progress(stats.RowsWritten)
			}
			if recycler != nil {
				recycler.Recycle(b.recs)
			}
			if reclaimer != nil {
				reclaimer.Reclaim(b.recs)
			}
		}
		return nil
	})
	err := g.Wait()
	stats.Elapsed = time.Since(start)
	return stats, err
}

// Reasons the batcher attaches.
const (
	// ReasonApplicantNotContiguous notes the rows of an applicant id whose
	// rows are apart in the input and that the stage screens together
	// (Options.Gathered).
	ReasonApplicantNotContiguous = "applicant_not_contiguous"
	// ReasonApplicantNotMerged marks the rows of an applicant id that comes
	// back after other applicants when its rows cannot be gathered (a list
	// read once, from stdin): they are screened as a group of their own.
	ReasonApplicantNotMerged = "applicant_not_merged"
	// ReasonApplicantSplit marks a row where one applicant's rows were cut
	// into two batches (more than maxApplicantRows rows).
	ReasonApplicantSplit = "applicant_split"
)

// maxApplicantRows bounds a batch when one applicant has very many rows, so
// a file with one id on every row cannot hold the whole input in memory.
const maxApplicantRows = 50_000

// readBatches reads src into batches cut at applicant boundaries and passes
// each to emit. Rows of one id that are apart form separate groups; those
// of an id opt.Gathered names are noted ReasonApplicantNotContiguous (the
// stage screens them together), any other id that reappears after other
// applicants is flagged ReasonApplicantNotMerged on its later rows. First
// is set on the first row of an id's first group only, so that counting
// First rows counts each applicant once.
func readBatches(ctx context.Context, src Source, opt Options, emit func(*batch) error) error {
	seed := maphash.MakeSeed()
	var seen idSet
	var cur []*Record
	var lastKey string
	group := 0 // distinguishes rows of separate applicants with no id
	var mark Problem
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := src.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("read input: %w", err)
		}
		id := ""
		if opt.ApplicantColumn >= 0 && opt.ApplicantColumn < len(rec.Fields) {
			id = rec.Fields[opt.ApplicantColumn]
		}
		newApplicant := id == "" || id != lastKey || len(cur) == 0
		first := newApplicant
		if newApplicant {
			group++
			mark = Problem{}
			if id != "" {
				again := seen.add(maphash.String(seed, id))
				first = !again
				switch {
				case opt.Gathered != nil && opt.Gathered(id):
					mark = Problem{Kind: Note, Code: ReasonApplicantNotContiguous, Field: "applicant_id",
						Detail: "the applicant's rows are apart in the input; screened together"}
				case again:
					mark = Problem{Kind: Review, Code: ReasonApplicantNotMerged, Field: "applicant_id",
						Detail: "applicant id seen earlier in the input; rows not merged"}
				}
			}
			if len(cur) >= opt.BatchSize {
				if err := emit(&batch{recs: cur, done: make(chan struct{})}); err != nil {
					return err
				}
				cur = make([]*Record, 0, opt.BatchSize)
			}
		} else if len(cur) >= maxApplicantRows {
			rec.Add(Note, ReasonApplicantSplit, "applicant_id", "applicant has too many rows to screen together")
			if err := emit(&batch{recs: cur, done: make(chan struct{})}); err != nil {
				return err
			}
			cur = make([]*Record, 0, opt.BatchSize)
		}
		if mark.Code != "" {
			rec.Problems = append(rec.Problems, mark)
		}
		lastKey = id
		rec.Applicant = group
		rec.First = first
		cur = append(cur, rec)
	}
	if len(cur) > 0 {
		return emit(&batch{recs: cur, done: make(chan struct{})})
	}
	return nil
}
