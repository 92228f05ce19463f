package writers

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/casescreen/casescreen/pipeline"
)

// writeRowsReference is the Parquet writer's Write as it was before it
// wrote columns directly: one parquet.Row per record through WriteRows.
func writeRowsReference(p *Parquet, recs []*pipeline.Record) error {
	nk := len(p.schema.Keep)
	rows := make([]parquet.Row, len(recs))
	for n, r := range recs {
		var row parquet.Row
		for c, i := range p.schema.Keep {
			v := ""
			if i < len(r.Fields) {
				v = r.Fields[i]
			}
			row = append(row, parquet.ValueOf(v).Level(0, 1, c))
		}
		for k, col := range p.schema.Columns {
			var v pipeline.Value
			if k < len(r.Out) {
				v = r.Out[k]
			}
			def := 1
			if v.Blank() {
				def = 0
			}
			pv := parquet.Value{}
			if !v.Blank() {
				switch col.Type {
				case pipeline.Int:
					pv = parquet.Int64Value(int64(v.Num))
				case pipeline.Float:
					pv = parquet.DoubleValue(v.Num)
				case pipeline.Bool:
					pv = parquet.BooleanValue(v.Num != 0)
				case pipeline.Date:
					pv = parquet.Int32Value(int32(v.Num))
				default:
					pv = parquet.ValueOf(v.Text)
				}
			}
			row = append(row, pv.Level(0, def, nk+k))
		}
		rows[n] = row
	}
	if _, err := p.w.WriteRows(rows); err != nil {
		return err
	}
	if p.group += len(rows); p.group >= rowGroupRows {
		p.group = 0
		return p.w.Flush()
	}
	return nil
}

// parquetRecords makes n records of the contract schema with texts of
// varied length, blanks in every column, short rows and rows missing
// annotation cells, so that pages fill at uneven points.
func parquetRecords(n int) []*pipeline.Record {
	rng := rand.New(rand.NewPCG(7, 11))
	text := func() string {
		if rng.IntN(5) == 0 {
			return ""
		}
		return strings.Repeat(strconv.Itoa(rng.IntN(100000)), 1+rng.IntN(6))
	}
	recs := make([]*pipeline.Record, n)
	for i := range recs {
		r := &pipeline.Record{Fields: []string{strconv.Itoa(i), text(), text(), text()}}
		if rng.IntN(50) == 0 {
			r.Fields = r.Fields[:2] // a short row
		}
		r.Out = []pipeline.Value{pipeline.TextValue(text()), pipeline.IntValue(rng.IntN(6)),
			pipeline.FloatValue(float64(rng.IntN(100)) / 100), pipeline.BoolValue(rng.IntN(2) == 0),
			pipeline.DateValue(19000+rng.IntN(3000), "2024-01-01")}
		if rng.IntN(7) == 0 {
			r.Out[1], r.Out[2], r.Out[4] = pipeline.Value{}, pipeline.Value{}, pipeline.Value{}
		}
		if rng.IntN(40) == 0 {
			r.Out = r.Out[:1] // annotation cut short
		}
		recs[i] = r
	}
	return recs
}

// The column-direct Write produces the very bytes that row writes did,
// across page breaks, a row group break and batches of every size around
// the 64-row chunk.
func TestParquetBytesMatchRowWrites(t *testing.T) {
	recs := parquetRecords(rowGroupRows + 9000)
	sizes := []int{1, 63, 64, 65, 500, 7, 130, 2000}
	write := func(w func(*Parquet, []*pipeline.Record) error) []byte {
		var buf bytes.Buffer
		p := NewParquet(Stream(&buf), contractSchema())
		for i, k := 0, 0; i < len(recs); k++ {
			j := min(i+sizes[k%len(sizes)], len(recs))
			if err := w(p, recs[i:j]); err != nil {
				t.Fatal(err)
			}
			i = j
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	got := write((*Parquet).Write)
	want := write(writeRowsReference)
	if !bytes.Equal(got, want) {
		t.Fatalf("column writes gave %d bytes, row writes %d: the files differ", len(got), len(want))
	}
	f, err := parquet.OpenFile(bytes.NewReader(got), int64(len(got)))
	if err != nil {
		t.Fatal(err)
	}
	if f.NumRows() != int64(len(recs)) || len(f.RowGroups()) != 2 {
		t.Fatalf("%d rows in %d row groups, want %d in 2", f.NumRows(), len(f.RowGroups()), len(recs))
	}
}
