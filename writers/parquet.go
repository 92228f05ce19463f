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
// output order: input columns as optional strings, then the annotation
// columns typed (match_score an optional double, needs_review a boolean,
// the rest strings).
type Parquet struct {
	out    committer
	w      *parquet.Writer
	ncols  int
	scoreC int
	rows   []parquet.Row
	group  int // rows in the row group being built
}

// rowGroupRows is the number of rows per row group. parquet-go keeps the
// group being built in memory, so a bounded group keeps memory flat
// however long the input.
const rowGroupRows = 64 << 10

// NewParquet writes to out, which Close commits.
func NewParquet(out committer, header []string) (*Parquet, error) {
	names := uniqueNames(OutputHeader(header))
	fields := make([]reflect.StructField, len(names))
	p := &Parquet{out: out, ncols: len(names)}
	for i, n := range names {
		typ := reflect.TypeOf("")
		opt := ",optional"
		switch {
		case i == len(header)+pipeline.ColMatchScore:
			typ, p.scoreC = reflect.TypeOf(float64(0)), i
		case i == len(header)+pipeline.ColNeedsReview:
			typ, opt = reflect.TypeOf(false), ""
		}
		// Struct fields fix the column order (a parquet.Group would sort by
		// name); the tag carries the real column name.
		clean := strings.NewReplacer(",", " ", "\"", "'", "`", "'").Replace(n)
		fields[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: typ, Tag: reflect.StructTag(fmt.Sprintf("parquet:%q", clean+opt))}
	}
	schema := parquet.SchemaOf(reflect.New(reflect.StructOf(fields)).Elem().Interface())
	p.w = parquet.NewWriter(out, schema, parquet.Compression(&snappy.Codec{}))
	return p, nil
}

// Write implements pipeline.Sink.
func (p *Parquet) Write(recs []*pipeline.Record) error {
	rows := p.rows[:0]
	var vals []string
	for _, r := range recs {
		row := make(parquet.Row, 0, p.ncols)
		for i, f := range r.Fields {
			row = append(row, parquet.ValueOf(f).Level(0, 1, i))
		}
		vals = r.Out.Values(vals[:0])
		for k, v := range vals {
			c := len(r.Fields) + k
			switch {
			case c == p.scoreC:
				if r.Out.HasScore {
					row = append(row, parquet.ValueOf(r.Out.MatchScore).Level(0, 1, c))
				} else {
					row = append(row, parquet.Value{}.Level(0, 0, c))
				}
			case k == pipeline.ColNeedsReview:
				row = append(row, parquet.ValueOf(r.Out.NeedsReview).Level(0, 0, c))
			default:
				row = append(row, parquet.ValueOf(v).Level(0, 1, c))
			}
		}
		rows = append(rows, row)
	}
	p.rows = rows
	if _, err := p.w.WriteRows(rows); err != nil {
		return err
	}
	if p.group += len(rows); p.group >= rowGroupRows {
		p.group = 0
		return p.w.Flush()
	}
	return nil
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
