package writers

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unsafe"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"

	"github.com/casescreen/casescreen/pipeline"
)

// Parquet writes a Snappy-compressed Parquet file whose columns keep the
// output order: the kept input columns as optional strings, then the
// annotation columns typed as the schema says (Int an optional int64,
// Float an optional double, Bool an optional boolean, Date an optional
// DATE, Text an optional string); a blank cell is null.
type Parquet struct {
	out    Output
	w      *parquet.Writer
	schema pipeline.Schema
	vals   [][]parquet.Value // per column, the chunk being written; reused
	group  int               // rows in the row group being built
}

// rowGroupRows is the number of rows per row group. parquet-go keeps the
// group being built in memory, so a bounded group keeps memory flat
// however long the input.
const rowGroupRows = 64 << 10

var parquetTypes = [...]reflect.Type{
	pipeline.Text:  reflect.TypeFor[string](),
	pipeline.Int:   reflect.TypeFor[int64](),
	pipeline.Float: reflect.TypeFor[float64](),
	pipeline.Bool:  reflect.TypeFor[bool](),
	pipeline.Date:  reflect.TypeFor[int32](),
}

// NewParquet writes to out, which Close commits and Abort discards.
func NewParquet(out Output, schema pipeline.Schema) *Parquet {
	names := uniqueNames(schema.Header())
	fields := make([]reflect.StructField, len(names))
	nk := len(schema.Keep)
	for i, n := range names {
		t, tag := pipeline.Text, ",optional"
		if i >= nk {
			t = schema.Columns[i-nk].Type
		}
		if t == pipeline.Date {
			tag = ",date,optional"
		}
		// Struct fields fix the column order (a parquet.Group would sort by
		// name); the tag carries the real column name.
		clean := strings.NewReplacer(",", " ", "\"", "'", "`", "'").Replace(n)
		fields[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: parquetTypes[t], Tag: reflect.StructTag(fmt.Sprintf("parquet:%q", clean+tag))}
	}
	ps := parquet.SchemaOf(reflect.New(reflect.StructOf(fields)).Elem().Interface())
	return &Parquet{out: out, schema: schema, w: parquet.NewWriter(out, ps, parquet.Compression(&snappy.Codec{}))}
}

// Write implements pipeline.Sink.
//
// The values go straight to the writer's column writers, column by column,
// in chunks of parquetChunkRows rows: the same calls, with the same values,
// that parquet-go's WriteRows makes once it has split rows into columns, so
// the pages break where they would and the file is byte for byte the same,
// without building a parquet.Row per record and copying it apart again.
// The column writers copy the values' bytes and keep no reference to the
// records.
func (p *Parquet) Write(recs []*pipeline.Record) error {
	cols := p.w.ColumnWriters()
	if len(p.vals) < len(cols) {
		p.vals = make([][]parquet.Value, len(cols))
	}
	nk := len(p.schema.Keep)
	for start := 0; start < len(recs); start += parquetChunkRows {
		chunk := recs[start:min(start+parquetChunkRows, len(recs))]
		for c, i := range p.schema.Keep {
			vals := p.vals[c][:0]
			for _, r := range chunk {
				v := ""
				if i < len(r.Fields) {
					v = r.Fields[i]
				}
				vals = append(vals, stringValue(v).Level(0, 1, c))
			}
			p.vals[c] = vals
			if _, err := cols[c].WriteRowValues(vals); err != nil {
				return fmt.Errorf("parquet: writing column %d: %w", c, err)
			}
		}
		for k, col := range p.schema.Columns {
			c := nk + k
			vals := p.vals[c][:0]
			for _, r := range chunk {
				var v pipeline.Value
				if k < len(r.Out) {
					v = r.Out[k]
				}
				def := 1
				if v.Blank() {
					def = 0 // null
				}
				vals = append(vals, parquetValue(col.Type, v).Level(0, def, c))
			}
			p.vals[c] = vals
			if _, err := cols[c].WriteRowValues(vals); err != nil {
				return fmt.Errorf("parquet: writing column %d: %w", c, err)
			}
		}
	}
	// The values point into the records, which are not ours past Write.
	for c := range p.vals {
		clear(p.vals[c])
	}
	if p.group += len(recs); p.group >= rowGroupRows {
		p.group = 0
		return p.w.Flush()
	}
	return nil
}

// parquetChunkRows is the number of rows parquet-go's WriteRows hands each
// column writer at a time (maxRowsPerWrite in its writer.go, v0.32.0). A
// column writer may end a page after any call, so Write must cut a batch
// into the same chunks for the pages, and so the file, to be the same.
const parquetChunkRows = 64

// stringValue is parquet.ValueOf(s) for a string without boxing s in an
// interface (an allocation per cell): a BYTE_ARRAY value over s's bytes.
func stringValue(s string) parquet.Value {
	return parquet.ByteArrayValue(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// parquetValue converts one annotation cell; the caller sets its levels
// (a null keeps definition level 0).
func parquetValue(t pipeline.Type, v pipeline.Value) parquet.Value {
	if v.Blank() {
		return parquet.Value{}
	}
	switch t {
	case pipeline.Int:
		return parquet.Int64Value(int64(v.Num))
	case pipeline.Float:
		return parquet.DoubleValue(v.Num)
	case pipeline.Bool:
		return parquet.BooleanValue(v.Num != 0)
	case pipeline.Date:
		return parquet.Int32Value(int32(v.Num))
	}
	return stringValue(v.Text)
}

// Close implements pipeline.Sink: it writes the footer and commits.
func (p *Parquet) Close() error {
	if err := p.w.Close(); err != nil {
		p.out.Abort()
		return err
	}
	return p.out.Commit()
}

// Abort implements pipeline.Sink.
func (p *Parquet) Abort() error { return p.out.Abort() }
