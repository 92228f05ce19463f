package readers

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/casescreen/casescreen/pipeline"
)

// Options configures Open.
type Options struct {
	Sheet string // XLSX sheet; the first visible sheet when empty
}

// Open opens one input by its extension: .csv, .tsv, .txt, .xlsx, .parquet.
func Open(path string, opt Options) (pipeline.Source, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv", ".tsv", ".txt", "":
		return OpenCSV(path)
	case ".xlsx", ".xlsm":
		return OpenXLSX(path, opt.Sheet)
	case ".parquet", ".pq":
		return OpenParquet(path)
	default:
		return nil, fmt.Errorf("%s: unknown input format %q (want .csv, .xlsx or .parquet)", filepath.Base(path), ext)
	}
}

// Concat reads several sources one after another as one stream. Its
// header is the union of theirs: the first source's columns in order, then
// columns that later sources add. Each record's fields are re-aligned to
// that header. Concat owns the sources and closes them.
type Concat struct {
	srcs   []pipeline.Source
	maps   [][]int // per source: union index of each of its columns; nil if identical
	header []string
	cur    int
	sizes  []int64 // input file sizes, for Done; nil when unknown
}

// OpenAll opens every path and concatenates them. On error, everything
// opened so far is closed.
func OpenAll(paths []string, opt Options) (*Concat, error) {
	var srcs []pipeline.Source
	for _, p := range paths {
		s, err := Open(p, opt)
		if err != nil {
			for _, o := range srcs {
				o.Close()
			}
			return nil, err
		}
		srcs = append(srcs, s)
	}
	c := NewConcat(srcs)
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			c.sizes = nil
			break
		}
		c.sizes = append(c.sizes, st.Size())
	}
	return c, nil
}

// NewConcat concatenates sources.
func NewConcat(srcs []pipeline.Source) *Concat {
	c := &Concat{srcs: srcs}
	pos := map[string]int{}
	for k, s := range srcs {
		if k == 0 {
			c.header = append(c.header, s.Header()...)
			for i, h := range c.header {
				if _, ok := pos[h]; !ok {
					pos[h] = i
				}
			}
			c.maps = append(c.maps, nil)
			continue
		}
		if equal(s.Header(), srcs[0].Header()) {
			c.maps = append(c.maps, nil)
			continue
		}
		m := make([]int, len(s.Header()))
		for i, h := range s.Header() {
			j, ok := pos[h]
			if !ok {
				j = len(c.header)
				pos[h] = j
				c.header = append(c.header, h)
			}
			m[i] = j
		}
		c.maps = append(c.maps, m)
	}
	return c
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Header implements pipeline.Source.
func (c *Concat) Header() []string { return c.header }

// Read implements pipeline.Source.
func (c *Concat) Read() (*pipeline.Record, error) {
	for c.cur < len(c.srcs) {
		rec, err := c.srcs[c.cur].Read()
		if errors.Is(err, io.EOF) {
			c.cur++
			continue
		}
		if err != nil {
			return nil, err
		}
		if m := c.maps[c.cur]; m != nil {
			f := make([]string, len(c.header))
			for i, v := range rec.Fields {
				if i < len(m) {
					f[m[i]] = v
				}
			}
			rec.Fields = f
		} else if len(rec.Fields) < len(c.header) {
			f := make([]string, len(c.header))
			copy(f, rec.Fields)
			rec.Fields = f
		}
		return rec, nil
	}
	return nil, io.EOF
}

// Done estimates the share of the input read so far, 0..1, from the
// sources that can tell (CSV by bytes, Parquet by rows), weighting each
// input by its size; ok is false when none can.
func (c *Concat) Done() (frac float64, ok bool) {
	if c.sizes == nil {
		return 0, false
	}
	var total, done float64
	for i, s := range c.srcs {
		size := float64(c.sizes[i])
		total += size
		switch {
		case i < c.cur:
			done += size
		case i > c.cur:
		default:
			switch r := s.(type) {
			case *CSV:
				done += float64(r.Offset())
			case *Parquet:
				done += r.Done() * size
			default:
				return 0, false
			}
		}
	}
	if total == 0 {
		return 0, false
	}
	return min(1, done/total), true
}

// Close implements pipeline.Source; it closes every source.
func (c *Concat) Close() error {
	var errs []error
	for _, s := range c.srcs {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}
