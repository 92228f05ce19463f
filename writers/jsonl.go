package writers

import (
	"bufio"
	"strconv"
	"unicode/utf8"

	"github.com/casescreen/casescreen/pipeline"
)

// JSONL writes one JSON object per row: the kept input columns as strings,
// keyed by their header, then the annotation columns by type: Int and Float
// as numbers, Bool as true/false, Text and Date (ISO) as strings, a blank
// cell of a typed column as null. Keys are unique: a repeated header gets a _2, _3 suffix.
type JSONL struct {
	out    Output
	bw     *bufio.Writer
	schema pipeline.Schema
	keys   [][]byte // `"key":` per output column, pre-encoded
	buf    []byte
}

// NewJSONL writes to out, which Close commits and Abort discards.
func NewJSONL(out Output, schema pipeline.Schema) *JSONL {
	j := &JSONL{out: out, bw: bufio.NewWriterSize(out, 256<<10), schema: schema}
	for _, k := range uniqueNames(schema.Header()) {
		j.keys = append(j.keys, append(appendString(nil, k), ':'))
	}
	return j
}

// uniqueNames suffixes repeated names (_2, _3 ...) so that every name is
// distinct: the first of a name keeps it, and a suffix never takes a name
// the header has elsewhere.
func uniqueNames(header []string) []string {
	taken := make(map[string]bool, len(header))
	for _, h := range header {
		taken[h] = true
	}
	used := make(map[string]bool, len(header))
	out := make([]string, len(header))
	for i, h := range header {
		name := h
		if used[h] {
			for n := 2; ; n++ {
				name = h + "_" + strconv.Itoa(n)
				if !taken[name] && !used[name] {
					break
				}
			}
		}
		used[name] = true
		out[i] = name
	}
	return out
}

// Write implements pipeline.Sink.
func (j *JSONL) Write(recs []*pipeline.Record) error {
	nk := len(j.schema.Keep)
	for _, r := range recs {
		b := append(j.buf[:0], '{')
		for k, i := range j.schema.Keep {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, j.keys[k]...)
			v := ""
			if i < len(r.Fields) {
				v = r.Fields[i]
			}
			b = appendString(b, v)
		}
		for i, c := range j.schema.Columns {
			if nk+i > 0 {
				b = append(b, ',')
			}
			b = append(b, j.keys[nk+i]...)
			var v pipeline.Value
			if i < len(r.Out) {
				v = r.Out[i]
			}
			b = appendValue(b, c.Type, v)
		}
		b = append(b, '}', '\n')
		j.buf = b
		if _, err := j.bw.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// appendValue appends one annotation cell as JSON.
func appendValue(b []byte, t pipeline.Type, v pipeline.Value) []byte {
	switch {
	case t == pipeline.Text:
		return appendString(b, v.Text)
	case v.Blank():
		return append(b, "null"...)
	case t == pipeline.Date:
		return appendString(b, v.Text)
	case t == pipeline.Bool:
		return strconv.AppendBool(b, v.Num != 0)
	default:
		return strconv.AppendFloat(b, v.Num, 'f', -1, 64)
	}
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = append(b, `\ufffd`...)
		} else if r == '\u2028' || r == '\u2029' {
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}

// Close implements pipeline.Sink: it flushes and commits the file.
func (j *JSONL) Close() error {
	if err := j.bw.Flush(); err != nil {
		j.out.Abort()
		return err
	}
	return j.out.Commit()
}

// Abort implements pipeline.Sink.
func (j *JSONL) Abort() error { return j.out.Abort() }
