package noc

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/jszwec/csvutil"
)

// The firm's overrides file: CSV with a header naming job_title and
// noc_code, and optionally industry (also "title"; "code" or "noc"; any
// case, with or without a BOM). Each row says that a title, or a title in
// one industry, is that NOC 2021 unit group. A row with an empty noc_code
// is a suggestion the firm has not filled in (the report's Unmatched titles
// sheet is laid out this way) and is skipped.

// overrideRow is one row of an overrides file.
type overrideRow struct {
	Title    string `csv:"job_title"`
	Code     string `csv:"noc_code"`
	Industry string `csv:"industry,omitempty"`
}

// overrideHeader maps the header names an overrides file may use to the
// fields of overrideRow.
var overrideHeader = map[string]string{
	"job_title": "job_title", "title": "job_title",
	"noc_code": "noc_code", "code": "noc_code", "noc": "noc_code",
	"industry": "industry",
}

// override is a loaded row: a code, and the normalised industry it is
// limited to ("" for any).
type override struct{ code, industry string }

// fieldCounter is a csv.Reader that remembers how many fields the last
// record had, so that a short row is an error rather than blanks.
type fieldCounter struct {
	*csv.Reader
	fields int
}

func (r *fieldCounter) Read() ([]string, error) {
	rec, err := r.Reader.Read()
	r.fields = len(rec)
	return rec, err
}

// LoadOverrides reads the firm's overrides file at path (format above).
// Titles are compared normalised; a row with an industry applies only to
// rows whose industry normalises the same. Codes must be NOC 2021 unit
// groups. An error names the file and, for a bad row, its line; on error
// no row of the file is kept. Overrides from several calls add up.
func (m *Matcher) LoadOverrides(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("overrides: %w", err)
	}
	defer f.Close()
	loaded, err := readOverrides(f, m.Index.cls)
	if err != nil {
		return fmt.Errorf("overrides %s: %w", path, err)
	}
	if m.overrides == nil {
		m.overrides = map[string][]override{}
	}
	for _, o := range loaded {
		m.overrides[o.key] = append(m.overrides[o.key], o.override)
	}
	m.overIdx, m.overList = map[string]int32{}, nil
	for k, os := range m.overrides {
		m.overIdx[k] = int32(len(m.overList))
		m.overList = append(m.overList, os)
	}
	return nil
}

type keyedOverride struct {
	key string // the normalised title
	override
}

// readOverrides decodes an overrides file; errors carry the line.
func readOverrides(r io.Reader, cls *Classification) ([]keyedOverride, error) {
	cr := &fieldCounter{Reader: csv.NewReader(r)}
	cr.FieldsPerRecord = -1
	dec, err := csvutil.NewDecoder(cr)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty file: want a header naming job_title and noc_code")
		}
		return nil, fmt.Errorf("header: %w", err)
	}
	head := dec.Header()
	width := len(head)
	need := map[string]int{}
	if err := dec.NormalizeHeader(func(h string) string {
		k := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if f, ok := overrideHeader[k]; ok {
			need[f]++
			return f
		}
		return h
	}); err != nil || need["job_title"] != 1 || need["noc_code"] != 1 {
		return nil, fmt.Errorf("header %q needs one job_title and one noc_code column", head)
	}
	dec.AlignRecord = true
	var out []keyedOverride
	for {
		var row overrideRow
		err := dec.Decode(&row)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d: %w", pe.StartLine, pe.Err)
			}
			return nil, err // csvutil's decode errors name the line and column
		}
		line, _ := cr.FieldPos(0)
		if cr.fields < width && cr.fields <= lastNeeded(dec.Header()) {
			return nil, fmt.Errorf("line %d: %d fields, the header has %d", line, cr.fields, width)
		}
		code := strings.TrimSpace(row.Code)
		if code == "" {
			continue // a suggestion row the firm has not filled in yet
		}
		if !cls.Known(code) {
			return nil, fmt.Errorf("line %d: %q is not a NOC 2021 unit group", line, code)
		}
		out = append(out, keyedOverride{Normalize(row.Title), override{code, Normalize(row.Industry)}})
	}
}

// lastNeeded is the position of the last of the job_title and noc_code
// columns in a normalised header: a row must reach it.
func lastNeeded(head []string) int {
	last := 0
	for i, h := range head {
		if h == "job_title" || h == "noc_code" {
			last = i
		}
	}
	return last
}
