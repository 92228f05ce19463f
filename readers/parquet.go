package readers

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/casescreen/casescreen/pipeline"
)

// Parquet reads a file with a flat schema row group by row group, a few
// hundred rows at a time. Strings, integers, floats, booleans, dates and
// timestamps are rendered as text (dates as YYYY-MM-DD); nulls are empty.
type Parquet struct {
	name   string
	file   *os.File
	pf     *parquet.File
	header []string
	kinds  []leafKind
	groups []parquet.RowGroup
	rows   parquet.Rows
	buf    []parquet.Row
	pos, n int
	rowNum int
	handed atomic.Int64 // rowNum, for Done: read while another goroutine reads
}

type leafKind uint8

const (
	kindPlain leafKind = iota
	kindString
	kindDate
	kindTimestampMillis
	kindTimestampMicros
	kindTimestampNanos
)

// OpenParquet opens path and reads its schema. An error is the
// *fs.PathError of os.Open when the file cannot be opened, else an *Error.
func OpenParquet(path string) (p *Parquet, err error) {
	name := filepath.Base(path)
	defer recoverAs(&err, name)
	f, err := os.Open(path)
	if err != nil {
		return nil, err // an *fs.PathError: the path and the system's reason
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &Error{File: name, Msg: "cannot open: " + describe(err), Err: err}
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		f.Close()
		// parquet-go's messages may quote the file's metadata: not shown.
		return nil, &Error{File: name, Msg: "not a readable Parquet file: " + describe(err), Err: err}
	}
	p = &Parquet{name: name, file: f, pf: pf, groups: pf.RowGroups(), buf: make([]parquet.Row, 256)}
	for i, field := range pf.Schema().Fields() {
		// Columns are named by position: a name is a header cell.
		if !field.Leaf() {
			f.Close()
			return nil, &Error{File: name, Msg: fmt.Sprintf("column %d is nested; only flat schemas are read", i+1)}
		}
		if field.Repeated() {
			f.Close()
			return nil, &Error{File: name, Msg: fmt.Sprintf("column %d is repeated; only flat schemas are read", i+1)}
		}
		p.header = append(p.header, field.Name())
		p.kinds = append(p.kinds, kindOf(field))
	}
	return p, nil
}

func kindOf(n parquet.Node) leafKind {
	lt := n.Type().LogicalType()
	if lt == nil {
		if n.Type().Kind() == parquet.ByteArray {
			return kindString
		}
		return kindPlain
	}
	switch v := lt.Value.(type) {
	case *format.DateType:
		return kindDate
	case *format.TimestampType:
		switch v.Unit.Value.(type) {
		case *format.MilliSeconds:
			return kindTimestampMillis
		case *format.MicroSeconds:
			return kindTimestampMicros
		}
		return kindTimestampNanos
	case *format.StringType, *format.EnumType, *format.JsonType:
		return kindString
	}
	return kindPlain
}

// Header implements pipeline.Source.
func (p *Parquet) Header() []string { return p.header }

// Read implements pipeline.Source.
func (p *Parquet) Read() (*pipeline.Record, error) {
	for p.pos >= p.n {
		if err := p.fill(); err != nil {
			return nil, err
		}
	}
	row := p.buf[p.pos]
	p.pos++
	p.rowNum++
	p.handed.Store(int64(p.rowNum))
	fields := make([]string, len(p.header))
	for _, v := range row {
		c := v.Column()
		if c < 0 || c >= len(fields) || v.IsNull() {
			continue
		}
		fields[c] = p.text(v, p.kinds[c])
	}
	// Row numbers count as a spreadsheet view of the file would: the
	// column names are row 1, so the first record is row 2, as in CSV and XLSX.
	return &pipeline.Record{Source: p.name, Row: p.rowNum + 1, Fields: fields}, nil
}

func (p *Parquet) fill() (err error) {
	defer recoverAs(&err, p.name)
	for p.rows == nil {
		if len(p.groups) == 0 {
			return io.EOF
		}
		p.rows = p.groups[0].Rows()
		p.groups = p.groups[1:]
	}
	n, err := p.rows.ReadRows(p.buf)
	p.pos, p.n = 0, n
	if errors.Is(err, io.EOF) {
		p.rows.Close()
		p.rows = nil
		return nil
	}
	if err != nil {
		return &Error{File: p.name, Row: p.rowNum + 1,
			Msg: fmt.Sprintf("the file cannot be read to its end: rows after row %d cannot be decoded (%s)", p.rowNum+1, describe(err)), Err: err}
	}
	return nil
}

func (p *Parquet) text(v parquet.Value, k leafKind) string {
	switch k {
	case kindDate:
		return time.Unix(int64(v.Int32())*86400, 0).UTC().Format("2006-01-02")
	case kindTimestampMillis:
		return time.UnixMilli(v.Int64()).UTC().Format("2006-01-02")
	case kindTimestampMicros:
		return time.UnixMicro(v.Int64()).UTC().Format("2006-01-02")
	case kindTimestampNanos:
		return time.Unix(0, v.Int64()).UTC().Format("2006-01-02")
	case kindString:
		return string(v.ByteArray())
	}
	switch v.Kind() {
	case parquet.Boolean:
		return strconv.FormatBool(v.Boolean())
	case parquet.Int32:
		return strconv.FormatInt(int64(v.Int32()), 10)
	case parquet.Int64:
		return strconv.FormatInt(v.Int64(), 10)
	case parquet.Float:
		return formatFloat(float64(v.Float()), 32)
	case parquet.Double:
		return formatFloat(v.Double(), 64)
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return string(v.ByteArray())
	}
	return v.String()
}

func formatFloat(f float64, bits int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, bits)
}

// Done returns the share of the file's rows read so far, 0..1.
func (p *Parquet) Done() float64 {
	if n := p.pf.NumRows(); n > 0 {
		return float64(p.handed.Load()) / float64(n)
	}
	return 0
}

// Info implements Describer.
func (p *Parquet) Info() Info { return Info{File: p.name, Format: "parquet", HeaderRow: 1} }

// Close implements pipeline.Source.
func (p *Parquet) Close() error {
	if p.rows != nil {
		p.rows.Close()
	}
	return p.file.Close()
}
