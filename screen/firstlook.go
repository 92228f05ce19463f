package screen

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"runtime"
	"slices"
	"strings"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/readers"
)

// The first look at the input, before any row is screened. For files it is
// a pass over the whole input (the readers open a file twice): it settles
// the date order of each date column (--date-order auto), finds the
// applicant ids whose rows are not contiguous and the merged cells of the
// applicant column (XLSX). When it found scattered ids, a second pass
// gathers their compact job facts: the cells of the job and profile
// columns of their rows, nothing else. Memory grows with those rows only
// (and, as in the main pass, a 64-bit hash per distinct applicant id).
//
// Standard input is read once: its first look is the first stdinLookRows
// rows, held and then replayed; its scattered ids are screened separately
// (pipeline.ReasonApplicantNotMerged).

// stdinLookRows is how many rows of standard input settle its date order.
const stdinLookRows = 10_000

// maxGatheredRows bounds the rows of one scattered applicant that are
// gathered: each of its groups is screened with all its rows, so an id on
// thousands of rows apart (a placeholder such as "n/a") would cost the
// square of its rows. Such an id is screened group by group, and its later
// rows need review (pipeline.ReasonApplicantNotMerged).
const maxGatheredRows = 500

// gatheredRow is one row of a scattered applicant: where it is and the
// cells of the columns the stage reads (gatherCols order).
type gatheredRow struct {
	source string
	row    int
	cells  []string
}

// gathered is what the stage needs to screen scattered applicants as one.
type gathered struct {
	cols []int                     // input columns kept, in order
	ids  map[string][]*gatheredRow // applicant id -> its rows in input order
}

// blankRun is a run of rows with a blank applicant id between two rows of
// one id: the id is scattered unless a merged cell covers the run.
type blankRun struct {
	id          string
	source      string
	first, last int
}

// mergeFill is a source that gives a blank applicant id under a merged cell
// of the applicant column the id written in the merge's top row.
type mergeFill struct {
	pipeline.Source
	col    int
	merges map[string][]readers.MergedRange // by source name, ranges over col
	top    string                           // the id of the current merge's top row
	in     *readers.MergedRange
}

func (m *mergeFill) Read() (*pipeline.Record, error) {
	rec, err := m.Source.Read()
	if err != nil || m.col >= len(rec.Fields) {
		return rec, err
	}
	rs := m.merges[rec.Source]
	var cur *readers.MergedRange
	for i := range rs {
		if rs[i].FirstRow <= rec.Row && rec.Row <= rs[i].LastRow {
			cur = &rs[i]
			break
		}
	}
	switch {
	case cur == nil:
		m.in = nil
	case cur.FirstRow == rec.Row:
		m.in, m.top = cur, rec.Fields[m.col]
	case cur == m.in && strings.TrimSpace(rec.Fields[m.col]) == "" && m.top != "":
		rec.Fields[m.col] = m.top
		rec.Add(pipeline.Note, ReasonApplicantIDMerged, ApplicantID.String(), "the id is written once over several rows")
	}
	return rec, nil
}

// Reclaim implements pipeline.Reclaimer: the records go back to the
// source under the fill, if it takes records back.
func (m *mergeFill) Reclaim(recs []*pipeline.Record) {
	if r, ok := m.Source.(pipeline.Reclaimer); ok {
		r.Reclaim(recs)
	}
}

// covered reports whether a merged range over the applicant column holds
// rows first..last of source.
func covered(merges map[string][]readers.MergedRange, source string, first, last int) bool {
	for _, r := range merges[source] {
		if r.FirstRow < first && last <= r.LastRow {
			return true
		}
	}
	return false
}

// firstLook runs the first look for files and sets j.dates, j.merges and
// j.gathered. Errors are the readers'.
func (j *Job) firstLook(opt readers.Options) error {
	appCol := j.cols.Fields[ApplicantID]
	auto := j.cfg.DateOrder == 0
	if !auto {
		j.dates = fixedOrders(j.cfg.DateOrder)
	}
	if !auto && appCol < 0 {
		return nil
	}
	// The pass keeps no record past the next Read (the warm-up gets a
	// copy), so the CSV reader may hand out one record over and over.
	look := opt
	look.Reuse = true
	src, err := readers.OpenAll(j.cfg.Inputs, look)
	if err != nil {
		return err
	}
	defer src.Close()
	warm := j.startWarmUp()
	defer warm.end()
	tallies := map[int]dateTally{}
	dateCols := j.cols.dateColumns()
	seed := maphash.MakeSeed()
	seen := map[uint64]struct{}{}
	scattered := map[string]bool{}
	var runs []blankRun
	var lastID, blankSource string
	blankFirst, blankLast := 0, 0
	for {
		rec, err := src.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("read input: %w", err)
		}
		if auto {
			tallyDates(tallies, dateCols, rec)
		}
		warm.offer(rec)
		if appCol < 0 || appCol >= len(rec.Fields) {
			continue
		}
		id := rec.Fields[appCol]
		if strings.TrimSpace(id) == "" {
			// Blank: its own applicant, or under a merged cell the id
			// above; which is known once the sheet's merges are.
			if lastID != "" {
				switch {
				case blankFirst == 0:
					blankSource, blankFirst, blankLast = rec.Source, rec.Row, rec.Row
				case rec.Source != blankSource:
					blankFirst = -1 // a run over two files is never one merge
				default:
					blankLast = rec.Row
				}
			}
			continue
		}
		if id == lastID {
			if blankFirst != 0 {
				runs = append(runs, blankRun{id: id, source: blankSource, first: blankFirst, last: blankLast})
			}
		} else {
			h := maphash.String(seed, id)
			if _, again := seen[h]; again {
				scattered[id] = true
			}
			seen[h] = struct{}{}
		}
		lastID, blankFirst = id, 0
	}
	seen = nil
	if auto {
		j.dates = settleDateOrders(tallies)
	}
	if appCol < 0 {
		return nil
	}
	for _, s := range src.Sources() {
		if x, ok := s.(*readers.XLSX); ok {
			for _, m := range x.Merges() {
				if m.FirstCol <= appCol+1 && appCol+1 <= m.LastCol && m.LastRow > m.FirstRow {
					if j.merges == nil {
						j.merges = map[string][]readers.MergedRange{}
					}
					name := x.Info().File
					j.merges[name] = append(j.merges[name], m)
				}
			}
		}
	}
	for _, r := range runs {
		if r.first < 0 || !covered(j.merges, r.source, r.first, r.last) {
			scattered[r.id] = true
		}
	}
	if len(scattered) == 0 {
		return nil
	}
	return j.gather(opt, scattered)
}

// gather is the second pass: the compact facts of the scattered ids' rows.
func (j *Job) gather(opt readers.Options, ids map[string]bool) error {
	appCol := j.cols.Fields[ApplicantID]
	g := &gathered{ids: map[string][]*gatheredRow{}}
	used := map[int]bool{}
	for _, jc := range j.cols.Jobs {
		for _, col := range jc {
			if col >= 0 && !used[col] {
				used[col] = true
				g.cols = append(g.cols, col)
			}
		}
	}
	for _, col := range j.cols.Profile {
		if col >= 0 && !used[col] {
			used[col] = true
			g.cols = append(g.cols, col)
		}
	}
	raw, err := readers.OpenAll(j.cfg.Inputs, opt)
	if err != nil {
		return err
	}
	defer raw.Close()
	var src pipeline.Source = raw
	if j.merges != nil {
		src = &mergeFill{Source: raw, col: appCol, merges: j.merges}
	}
	for {
		rec, err := src.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("read input: %w", err)
		}
		if appCol >= len(rec.Fields) || !ids[rec.Fields[appCol]] {
			continue
		}
		gr := &gatheredRow{source: rec.Source, row: rec.Row, cells: make([]string, len(g.cols))}
		for k, col := range g.cols {
			if col < len(rec.Fields) {
				// A cell of a CSV record shares the record's memory: copy it.
				gr.cells[k] = strings.Clone(rec.Fields[col])
			}
		}
		id := strings.Clone(rec.Fields[appCol])
		g.ids[id] = append(g.ids[id], gr)
	}
	tooMany := 0
	for id, rows := range g.ids {
		if len(rows) > maxGatheredRows {
			delete(g.ids, id)
			tooMany++
		}
	}
	if len(g.ids) > 0 {
		j.gathered = g
	}
	j.log.Info().Int("applicants", len(g.ids)).Int("too_many_rows", tooMany).Msg("applicants whose rows are apart are screened as one")
	return nil
}

// record rebuilds a gathered row as a record aligned with the header.
func (g *gathered) record(gr *gatheredRow, width int) *pipeline.Record {
	rec := &pipeline.Record{Source: gr.source, Row: gr.row, Fields: make([]string, width)}
	for k, col := range g.cols {
		rec.Fields[col] = gr.cells[k]
	}
	return rec
}

// stdinLook is the first look at a stream: it reads up to stdinLookRows
// rows from src, settles the date order from them and returns them to be
// read again first.
func (j *Job) stdinLook(src pipeline.Source) ([]*pipeline.Record, error) {
	var held []*pipeline.Record
	tallies := map[int]dateTally{}
	cols := j.cols.dateColumns()
	for len(held) < stdinLookRows {
		rec, err := src.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read input: %w", err)
		}
		held = append(held, rec)
		tallyDates(tallies, cols, rec)
	}
	if j.cfg.DateOrder == 0 {
		j.dates = settleDateOrders(tallies)
	} else {
		j.dates = fixedOrders(j.cfg.DateOrder)
	}
	markFirstGroups(held, j.cols.Fields[ApplicantID])
	return held, nil
}

// markFirstGroups flags the first group of rows of each id that comes back
// later among the held rows of a stream: the batcher flags the later
// groups, and these rows, not yet screened, are just as partial.
func markFirstGroups(held []*pipeline.Record, col int) {
	if col < 0 {
		return
	}
	id := func(r *pipeline.Record) string {
		if col < len(r.Fields) {
			return r.Fields[col]
		}
		return ""
	}
	seen, again := map[string]bool{}, map[string]bool{}
	last := ""
	for _, r := range held {
		if k := id(r); k != last {
			if k != "" && seen[k] {
				again[k] = true
			}
			seen[k], last = true, k
		}
	}
	done := map[string]bool{} // the id's first group has ended
	last = ""
	for _, r := range held {
		k := id(r)
		if k != last && last != "" {
			done[last] = true
		}
		last = k
		if again[k] && !done[k] {
			r.Add(pipeline.Review, pipeline.ReasonApplicantNotMerged, ApplicantID.String(),
				"the applicant's rows are apart in a stream read once; rows not merged")
		}
	}
}

// replay reads held records, then the rest of the source.
type replay struct {
	pipeline.Source
	held []*pipeline.Record
}

func (r *replay) Read() (*pipeline.Record, error) {
	if len(r.held) > 0 {
		rec := r.held[0]
		r.held[0] = nil
		r.held = r.held[1:]
		return rec, nil
	}
	return r.Source.Read()
}

// Reclaim implements pipeline.Reclaimer: the records (held ones too: they
// are the source's) go back to the source, if it takes records back.
func (r *replay) Reclaim(recs []*pipeline.Record) {
	if x, ok := r.Source.(pipeline.Reclaimer); ok {
		x.Reclaim(recs)
	}
}

// warmUp matches, on another goroutine, the titles of the rows the first
// look reads, so that the matcher's caches fill while the first look keeps
// one core busy and the others would wait. Every match is a function of
// the title and its context alone, and noc.Local.Warm does only what the
// caches keep, so what it got through changes no output. It never holds
// the first look up: a row it has no room for is passed over, and end
// stops it where it is.
type warmUp struct {
	rows chan *pipeline.Record
	stop chan struct{}
	done chan struct{}
}

func (j *Job) startWarmUp() *warmUp {
	if runtime.GOMAXPROCS(0) < 2 || j.matcher == nil {
		return nil
	}
	w := &warmUp{rows: make(chan *pipeline.Record, 4096), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		l := j.matcher.Local()
		defer l.Release()
		for {
			select {
			case <-w.stop:
				return
			case rec := <-w.rows:
				for k := range j.cols.Jobs {
					jc := &j.cols.Jobs[k]
					title := cell(rec, jc[JobTitle])
					if title == "" || spreadsheetError(title) || cell(rec, jc[NOCCode]) != "" {
						continue // no title, or a code decides (the stage may rank nothing)
					}
					l.Warm(noc.Query{Title: title, Industry: cell(rec, jc[Industry]), Employer: cell(rec, jc[Employer]), Duties: cell(rec, jc[Duties])})
				}
			}
		}
	}()
	return w
}

// offer hands a copy of a row's cells to the warm-up if it has room; rec
// itself may be overwritten by the next Read (readers.Options.Reuse). The
// first look is the only sender, so room seen is room kept.
func (w *warmUp) offer(rec *pipeline.Record) {
	if w == nil || len(w.rows) == cap(w.rows) {
		return
	}
	w.rows <- &pipeline.Record{Fields: slices.Clone(rec.Fields)}
}

// end stops the warm-up and waits for it.
func (w *warmUp) end() {
	if w == nil {
		return
	}
	close(w.stop)
	<-w.done
}
