package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// genSource yields n records; applicant ids repeat in runs of 1-4 rows.
type genSource struct {
	n, i int
	rng  *rand.Rand
	id   int
	left int
}

func (g *genSource) Header() []string { return []string{"applicant_id", "job_title"} }
func (g *genSource) Close() error     { return nil }
func (g *genSource) Read() (*Record, error) {
	if g.i == g.n {
		return nil, io.EOF
	}
	if g.left == 0 {
		g.id++
		g.left = 1 + g.rng.IntN(4)
	}
	g.left--
	g.i++
	return &Record{Source: "gen", Row: g.i + 1, Fields: []string{strconv.Itoa(g.id), "cook"}}, nil
}

// jitter marks each record with its row and sleeps a random time per
// batch, so batches finish out of order.
type jitter struct{ fail int } // fail at this batch's first row, if > 0

func (j jitter) NewWorker() Worker { return j }

func (j jitter) Process(ctx context.Context, recs []*Record) error {
	time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
	for _, r := range recs {
		if j.fail > 0 && r.Row == j.fail {
			return fmt.Errorf("broken at row %d", r.Row)
		}
		r.Out = []Value{TextValue(strconv.Itoa(r.Row))}
	}
	// Applicants are never split across batches.
	if len(recs) > 0 && !recs[0].First {
		return errors.New("batch starts inside an applicant")
	}
	return nil
}

type collect struct {
	mu   sync.Mutex
	rows []*Record
}

func (c *collect) Write(recs []*Record) error {
	c.mu.Lock()
	c.rows = append(c.rows, recs...)
	c.mu.Unlock()
	return nil
}
func (c *collect) Close() error { return nil }
func (c *collect) Abort() error { return nil }

func TestRunKeepsOrder(t *testing.T) {
	for _, workers := range []int{1, 3, 8, 32} {
		src := &genSource{n: 20_000, rng: rand.New(rand.NewPCG(uint64(workers), 9))}
		sink := &collect{}
		st, err := Run(context.Background(), src, jitter{}, []Sink{sink}, Options{Workers: workers, BatchSize: 97, ApplicantColumn: 0})
		if err != nil {
			t.Fatal(err)
		}
		if len(sink.rows) != 20_000 || st.RowsWritten != 20_000 {
			t.Fatalf("workers=%d: %d rows out (stats %d), want 20000", workers, len(sink.rows), st.RowsWritten)
		}
		for i, r := range sink.rows {
			if r.Row != i+2 || r.Out[0].Text != strconv.Itoa(i+2) {
				t.Fatalf("workers=%d: position %d holds row %d (%q)", workers, i, r.Row, r.Out[0].Text)
			}
		}
	}
}

func TestRunStopsOnFatalError(t *testing.T) {
	before := runtime.NumGoroutine()
	src := &genSource{n: 100_000, rng: rand.New(rand.NewPCG(1, 1))}
	sink := &collect{}
	_, err := Run(context.Background(), src, jitter{fail: 17 * 50}, []Sink{sink}, Options{Workers: 4, BatchSize: 50, ApplicantColumn: -1})
	if err == nil || err.Error() != "broken at row 850" {
		t.Fatalf("err = %v, want the stage's error", err)
	}
	if len(sink.rows) >= 100_000 {
		t.Fatal("run went on after a fatal error")
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines left running after Run returned (had %d)", n, before)
	}
}

func TestRunCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, &genSource{n: 10_000, rng: rand.New(rand.NewPCG(2, 2))}, jitter{}, []Sink{&collect{}}, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// An applicant id that comes back after other applicants is flagged, and
// its rows form a group of their own.
func TestRunFlagsReappearingApplicant(t *testing.T) {
	ids := []string{"a", "a", "b", "a", "a", "c"}
	src := &sliceSource{}
	for i, id := range ids {
		src.recs = append(src.recs, &Record{Row: i + 2, Fields: []string{id}})
	}
	sink := &collect{}
	if _, err := Run(context.Background(), src, nil, []Sink{sink}, Options{ApplicantColumn: 0}); err != nil {
		t.Fatal(err)
	}
	wantFlag := []bool{false, false, false, true, true, false}
	wantFirst := []bool{true, false, true, false, false, true} // "a" counts once
	for i, r := range sink.rows {
		if r.HasProblem("applicant_not_merged") != wantFlag[i] || r.First != wantFirst[i] || r.NeedsReview() != wantFlag[i] {
			t.Errorf("row %d: flagged=%v first=%v, want %v %v", r.Row, r.HasProblem("applicant_not_merged"), r.First, wantFlag[i], wantFirst[i])
		}
	}
	if sink.rows[0].Applicant == sink.rows[3].Applicant {
		t.Error("reappearing applicant merged with its first group")
	}
}

type sliceSource struct {
	recs []*Record
	i    int
}

func (s *sliceSource) Header() []string { return []string{"applicant_id"} }
func (s *sliceSource) Close() error     { return nil }
func (s *sliceSource) Read() (*Record, error) {
	if s.i == len(s.recs) {
		return nil, io.EOF
	}
	s.i++
	return s.recs[s.i-1], nil
}

func TestIDSet(t *testing.T) {
	var s idSet
	for i := uint64(1); i <= 100_000; i++ {
		if s.add(i * 0x9e3779b97f4a7c15) {
			t.Fatalf("%d reported present before it was added", i)
		}
	}
	for i := uint64(1); i <= 100_000; i++ {
		if !s.add(i * 0x9e3779b97f4a7c15) {
			t.Fatalf("%d not found after it was added", i)
		}
	}
	if s.n != 100_000 {
		t.Fatalf("%d entries, want 100000", s.n)
	}
}

// countingStage makes workers that record the goroutine-local state they
// saw: a worker is never used by two goroutines at once.
type countingStage struct {
	mu      sync.Mutex
	workers int
}

type countingWorker struct {
	busy atomicFlag
	rows *int
}

type atomicFlag struct{ mu sync.Mutex }

func (s *countingStage) NewWorker() Worker {
	s.mu.Lock()
	s.workers++
	s.mu.Unlock()
	return &countingWorker{rows: new(int)}
}

func (w *countingWorker) Process(ctx context.Context, recs []*Record) error {
	if !w.busy.mu.TryLock() {
		return errors.New("worker used by two goroutines at once")
	}
	defer w.busy.mu.Unlock()
	time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
	*w.rows += len(recs) // a data race here if a worker were shared (go test -race)
	return nil
}

func TestRunMakesOneWorkerPerGoroutine(t *testing.T) {
	for _, n := range []int{1, 4, 9} {
		st := &countingStage{}
		src := &genSource{n: 5_000, rng: rand.New(rand.NewPCG(3, uint64(n)))}
		if _, err := Run(context.Background(), src, st, []Sink{&collect{}}, Options{Workers: n, BatchSize: 10, ApplicantColumn: 0}); err != nil {
			t.Fatal(err)
		}
		if st.workers != n {
			t.Errorf("Workers %d: NewWorker called %d times", n, st.workers)
		}
	}
}

func TestStatsCount(t *testing.T) {
	src := &sliceSource{recs: []*Record{
		{Source: "a.csv", Row: 2, Fields: []string{"1"}},
		{Source: "a.csv", Row: 3, Fields: []string{"1"}},
		{Source: "b.csv", Row: 2, Fields: []string{"2"}},
	}}
	src.recs[0].Add(Input, "x_bad", "f", "")
	src.recs[0].Add(Input, "x_bad", "g", "") // twice on one row: counted once
	src.recs[1].Add(Note, "y_note", "", "")
	src.recs[2].Add(Review, "z_look", "", "")
	st, err := Run(context.Background(), src, nil, nil, Options{ApplicantColumn: 0})
	if err != nil {
		t.Fatal(err)
	}
	if st.RowsWritten != 3 || st.Applicants != 2 || st.RowsInputErrors != 1 || st.RowsNeedReview != 2 {
		t.Errorf("stats %+v", st)
	}
	if st.Reasons["x_bad"] != 1 || st.Reasons["y_note"] != 1 || st.Reasons["z_look"] != 1 {
		t.Errorf("reasons %v", st.Reasons)
	}
	if len(st.Files) != 2 || st.Files[0] != (FileRows{"a.csv", 2}) || st.Files[1] != (FileRows{"b.csv", 1}) {
		t.Errorf("files %v", st.Files)
	}
}

func TestNewSchemaReplacesAnnotationNames(t *testing.T) {
	s, replaced := NewSchema([]string{"id", "noc_code", "title", "needs_review"},
		[]Column{{Name: "noc_code"}, {Name: "match_score", Type: Float}, {Name: "needs_review", Type: Bool}})
	if got := s.Header(); strings.Join(got, ",") != "id,title,noc_code,match_score,needs_review" {
		t.Errorf("header %q", got)
	}
	if strings.Join(replaced, ",") != "noc_code,needs_review" || s.KeepsAll() {
		t.Errorf("replaced %q, keeps all %v", replaced, s.KeepsAll())
	}
	if s.Column("match_score") != 1 || s.Column("nope") != -1 {
		t.Error("Column index")
	}
}

func TestValues(t *testing.T) {
	for _, c := range []struct {
		v    Value
		text string
		num  float64
	}{
		{FloatValue(0.97), "0.97", 0.97}, {FloatValue(1), "1.00", 1}, {FloatValue(0.125), "0.12", 0.12}, {FloatValue(2.5), "2.50", 2.5},
		{IntValue(3), "3", 3}, {IntValue(1234), "1234", 1234}, {BoolValue(true), "true", 1}, {BoolValue(false), "false", 0},
	} {
		if c.v.Text != c.text || c.v.Num != c.num {
			t.Errorf("%+v, want %q %v", c.v, c.text, c.num)
		}
	}
}

// An id the first pass found scattered is noted on all its rows, in its
// separate groups, and counted once.
func TestRunNotesGatheredApplicant(t *testing.T) {
	ids := []string{"a", "b", "a", "c"}
	src := &sliceSource{}
	for i, id := range ids {
		src.recs = append(src.recs, &Record{Row: i + 2, Fields: []string{id}})
	}
	sink := &collect{}
	gathered := func(id string) bool { return id == "a" }
	st, err := Run(context.Background(), src, nil, []Sink{sink}, Options{ApplicantColumn: 0, Gathered: gathered})
	if err != nil {
		t.Fatal(err)
	}
	wantNote := []bool{true, false, true, false}
	wantFirst := []bool{true, true, false, true}
	for i, r := range sink.rows {
		if r.HasProblem("applicant_not_contiguous") != wantNote[i] || r.First != wantFirst[i] || r.NeedsReview() {
			t.Errorf("row %d: noted=%v first=%v review=%v, want %v %v false", r.Row,
				r.HasProblem("applicant_not_contiguous"), r.First, r.NeedsReview(), wantNote[i], wantFirst[i])
		}
	}
	if st.Applicants != 3 {
		t.Errorf("applicants %d, want 3", st.Applicants)
	}
}

// recycling records what Run hands back and checks that every sink had
// written the batch first.
type recycling struct {
	jitter
	sink     *collect
	mu       sync.Mutex
	recycled int
	early    bool
}

func (r *recycling) NewWorker() Worker { return r.jitter }

func (r *recycling) Recycle(recs []*Record) {
	r.sink.mu.Lock()
	written := len(r.sink.rows)
	last := r.sink.rows[written-1]
	r.sink.mu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	if last != recs[len(recs)-1] {
		r.early = true // handed back before the sink had it, or out of order
	}
	r.recycled += len(recs)
}

// A Stage that is a Recycler gets every batch back once, after the sinks.
func TestRunRecyclesAfterSinks(t *testing.T) {
	sink := &collect{}
	st := &recycling{sink: sink}
	src := &genSource{n: 5_000, rng: rand.New(rand.NewPCG(3, 4))}
	if _, err := Run(context.Background(), src, st, []Sink{sink}, Options{Workers: 4, BatchSize: 50, ApplicantColumn: 0}); err != nil {
		t.Fatal(err)
	}
	if st.recycled != 5_000 || st.early {
		t.Errorf("%d of 5000 rows recycled; handed back before being written: %v", st.recycled, st.early)
	}
}

// reclaiming is a genSource that takes its records back and checks that
// the stage had recycled each batch first, and the sink written it.
type reclaiming struct {
	genSource
	st        *recycling
	reclaimed int
	early     bool
}

func (r *reclaiming) Reclaim(recs []*Record) {
	r.st.mu.Lock()
	recycled := r.st.recycled
	r.st.mu.Unlock()
	if recycled != r.reclaimed+len(recs) {
		r.early = true // before the stage had the batch back
	}
	r.reclaimed += len(recs)
}

// A Source that is a Reclaimer gets every batch back once, after the sinks
// and the stage's Recycle.
func TestRunReclaimsAfterRecycle(t *testing.T) {
	sink := &collect{}
	st := &recycling{sink: sink}
	src := &reclaiming{genSource: genSource{n: 5_000, rng: rand.New(rand.NewPCG(5, 6))}, st: st}
	if _, err := Run(context.Background(), src, st, []Sink{sink}, Options{Workers: 4, BatchSize: 50, ApplicantColumn: 0}); err != nil {
		t.Fatal(err)
	}
	if src.reclaimed != 5_000 || src.early || st.early {
		t.Errorf("%d of 5000 rows reclaimed; before the stage's Recycle: %v; before the sink: %v", src.reclaimed, src.early, st.early)
	}
}
