package readers

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/casescreen/casescreen/pipeline"
)

// readCopies reads path to its end and returns a deep copy of every
// record, taken before the next Read.
func readCopies(t *testing.T, path string, opt Options) (recs []pipeline.Record, ptrs map[*pipeline.Record]bool) {
	t.Helper()
	src, err := OpenAll([]string{path}, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	ptrs = map[*pipeline.Record]bool{}
	for {
		rec, err := src.Read()
		if err == io.EOF {
			return recs, ptrs
		}
		if err != nil {
			t.Fatal(err)
		}
		ptrs[rec] = true
		c := *rec
		c.Fields = slices.Clone(rec.Fields)
		c.Problems = slices.Clone(rec.Problems)
		recs = append(recs, c)
	}
}

// With Options.Reuse the CSV reader hands out one record, and every row
// reads as it does without Reuse: cells, position and problems, through
// short and long rows, a cell that is not UTF-8, a quoted
// cell over two lines and a stray quote.
func TestCSVReuseReadsTheSame(t *testing.T) {
	data := "\xef\xbb\xbfid,title,start\n" +
		"1,Welder,2024-01-01\n" +
		"2,Caf\xe9 cook\n" +
		"3,Nurse,2023-05-01,extra,cells\n" +
		"4,\"Chef,\nsous\",2022-02-02\n" +
		"5,a \"quoted\" word,x\n" +
		"6,Driver,2021-01-01\n"
	path := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	want, wantPtrs := readCopies(t, path, Options{})
	got, gotPtrs := readCopies(t, path, Options{Reuse: true})
	problems := 0
	for _, r := range want {
		problems += len(r.Problems)
	}
	if len(want) != 6 || problems < 3 {
		t.Fatalf("%d records and %d problems without Reuse, want 6 and at least 3", len(want), problems)
	}
	if len(got) != len(want) {
		t.Fatalf("%d records with Reuse, %d without", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("record %d with Reuse:\n%+v\nwithout:\n%+v", i, got[i], want[i])
		}
	}
	if len(gotPtrs) != 1 || len(wantPtrs) != len(want) {
		t.Errorf("%d distinct records with Reuse (want 1), %d without (want %d)", len(gotPtrs), len(wantPtrs), len(want))
	}
}

// Without Reuse, records' fields share a slab, but each record's slice
// ends at its own cells: appending to one leaves the next as read, and
// a record keeps its cells after later reads.
func TestCSVRecordsKeepTheirCells(t *testing.T) {
	src, err := NewCSV(strings.NewReader("a,b\n1,2\n3,4\n5,6\n"), "r.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	first, err := src.Read()
	if err != nil {
		t.Fatal(err)
	}
	second, err := src.Read()
	if err != nil {
		t.Fatal(err)
	}
	first.Fields = append(first.Fields, "x")
	if _, err := src.Read(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(first.Fields, ","); got != "1,2,x" {
		t.Errorf("first record %q, want 1,2,x", got)
	}
	if got := strings.Join(second.Fields, ","); got != "3,4" {
		t.Errorf("second record %q after an append to the first, want 3,4", got)
	}
}

// Reclaimed records are handed out again, and every row reads as it does
// from a reader that reclaims nothing: cells, position and problems. A
// record the caller kept (not reclaimed) is never overwritten.
func TestCSVReclaimedRecordsReadTheSame(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,title,start\n")
	for i := range 2_000 {
		switch i % 7 {
		case 3:
			fmt.Fprintf(&b, "%d,short\n", i) // too few fields: a problem
		case 5:
			fmt.Fprintf(&b, "%d,long,2024-01-01,x,y\n", i) // too many: a problem
		default:
			fmt.Fprintf(&b, "%d,\"Cook, %d\",2024-01-%02d\n", i, i, i%28+1)
		}
	}
	data := b.String()
	plain, err := NewCSV(strings.NewReader(data), "r.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []pipeline.Record
	for {
		rec, err := plain.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, *rec)
	}
	src, err := NewCSV(strings.NewReader(data), "r.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	kept := map[int]*pipeline.Record{} // by index into want
	seen := map[*pipeline.Record]int{}
	var batch []*pipeline.Record
	check := func(i int, rec *pipeline.Record) {
		t.Helper()
		w := want[i]
		if rec.Row != w.Row || !slices.Equal(rec.Fields, w.Fields) || !slices.Equal(rec.Problems, w.Problems) {
			t.Fatalf("record %d: %+v, want %+v", i, *rec, w)
		}
	}
	for i := 0; ; i++ {
		rec, err := src.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		seen[rec]++
		for k, r := range kept {
			if r == rec {
				t.Fatalf("record %d kept by the caller handed out again at %d", k, i)
			}
		}
		check(i, rec)
		rec.Fields[0] = "overwritten by the consumer" // the record is the caller's until reclaimed
		rec.Problems = append(rec.Problems, pipeline.Problem{Code: "stage"})
		if i%100 == 0 {
			kept[i] = rec // never reclaimed
			continue
		}
		batch = append(batch, rec)
		if len(batch) == 50 {
			src.Reclaim(batch)
			batch = nil
		}
	}
	reused := 0
	for _, n := range seen {
		if n > 1 {
			reused++
		}
	}
	if reused == 0 {
		t.Fatal("no reclaimed record was handed out again")
	}
	for i, rec := range kept {
		w := want[i]
		if rec.Fields[0] != "overwritten by the consumer" || !slices.Equal(rec.Fields[1:], w.Fields[1:]) ||
			!slices.Equal(rec.Problems[:len(rec.Problems)-1], w.Problems) {
			t.Errorf("kept record %d changed by later reads: %+v", i, *rec)
		}
	}
}
