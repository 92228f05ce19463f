package writers

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

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
	rows   []parquet.Row
	group  int // rows in the row group being built
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
func (p *Parquet) Write(recs []*pipeline.Record) error {
	// The rows are reused from batch to batch: WriteRows copies their
	// values into the writer's column buffers and keeps no row.
	if len(p.rows) < len(recs) {
		p.rows = append(p.rows, make([]parquet.Row, len(recs)-len(p.rows))...)
	}
	rows := p.rows[:len(recs)]
	nk := len(p.schema.Keep)
	for n, r := range recs {
		row := rows[n][:0]
		for c, i := range p.schema.Keep {
			v := ""
			if i < len(r.Fields) {
				v = r.Fields[i]
			}
			row = append(row, parquet.ValueOf(v).Level(0, 1, c))
		}
		for k, col := range p.schema.Columns {
			c := nk + k
			var v pipeline.Value
			if k < len(r.Out) {
				v = r.Out[k]
			}
			def := 1
			if v.Blank() {
				def = 0 // null
			}
			row = append(row, parquetValue(col.Type, v).Level(0, def, c))
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
	return parquet.ValueOf(v.Text)
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
