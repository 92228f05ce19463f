package writers

import (
	"bufio"
	"strconv"
	"unicode/utf8"

	"github.com/casescreen/casescreen/pipeline"
)

// JSONL writes one JSON object per row: input columns as strings, keyed by
// their header (a repeated header gets a _2, _3 suffix), then the
// annotation columns, with match_score a number (null when blank) and
// needs_review a boolean.
type JSONL struct {
	out  committer
	bw   *bufio.Writer
	keys []string
	buf  []byte
}

// NewJSONL writes to out, which Close commits.
func NewJSONL(out committer, header []string) *JSONL {
	return &JSONL{out: out, bw: bufio.NewWriterSize(out, 256<<10), keys: uniqueNames(header)}
}

// uniqueNames suffixes repeated names so that every key is distinct.
func uniqueNames(header []string) []string {
	seen := map[string]int{}
	out := make([]string, len(header))
	for i, h := range header {
		seen[h]++
		out[i] = h
		if n := seen[h]; n > 1 {
			out[i] = h + "_" + strconv.Itoa(n)
		}
	}
	return out
}

// Write implements pipeline.Sink.
func (j *JSONL) Write(recs []*pipeline.Record) error {
	for _, r := range recs {
		b := append(j.buf[:0], '{')
		for i, k := range j.keys {
			if i > 0 {
				b = append(b, ',')
			}
			v := ""
			if i < len(r.Fields) {
				v = r.Fields[i]
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendString(b, v)
		}
		vals := r.Out.Values(nil)
		for i, name := range pipeline.AnnotationColumns {
			if len(j.keys) > 0 || i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, name)
			b = append(b, ':')
			switch i {
			case pipeline.ColMatchScore:
				if r.Out.HasScore {
					b = append(b, vals[i]...)
				} else {
					b = append(b, "null"...)
				}
			case pipeline.ColNeedsReview:
				b = strconv.AppendBool(b, r.Out.NeedsReview)
			default:
				b = appendString(b, vals[i])
			}
		}
		b = append(b, '}', '\n')
		j.buf = b
		if _, err := j.bw.Write(b); err != nil {
			return err
		}
	}
	return nil
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

// Close implements pipeline.Sink.
func (j *JSONL) Close() error {
	if err := j.bw.Flush(); err != nil {
		j.out.Abort()
		return err
	}
	return j.out.Commit()
}

// Abort implements pipeline.Sink.
func (j *JSONL) Abort() error { return j.out.Abort() }
