package report

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sort"
)

// sortedZip is the zip writer excelize writes the workbook package through.
// excelize writes some parts in map order and lists the content types'
// defaults in map order, so the same workbook could come out as different
// bytes. sortedZip deflates each part as it arrives (spooling large ones to
// a temporary file in dir), then writes all parts to dst in a fixed order,
// with [Content_Types].xml's defaults sorted: the same workbook is the same
// bytes. Close writes the archive and removes the spool files; abort
// removes them without writing.
type sortedZip struct {
	dst   io.Writer
	dir   string
	parts []*zipPart
	cur   *zipPart
	err   error
}

// spoolLimit is the compressed size above which a part moves from memory
// to a temporary file.
const spoolLimit = 8 << 20

type zipPart struct {
	name  string
	dir   string // where a large part spools
	crc   hash.Hash32
	size  uint64
	mem   bytes.Buffer // the deflated bytes, while small
	file  *os.File     // the deflated bytes, once large
	comp  countWriter
	fw    *flate.Writer
	plain *bytes.Buffer // [Content_Types].xml is kept plain, to be sorted
}

type countWriter struct {
	p *zipPart
	n int64
}

func newSortedZip(dst io.Writer, dir string) *sortedZip { return &sortedZip{dst: dst, dir: dir} }

// Create implements excelize.ZipWriter.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	p := &zipPart{name: name, dir: z.dir, crc: crc32.NewIEEE()}
	z.parts = append(z.parts, p)
	z.cur = p
	if name == "[Content_Types].xml" {
		p.plain = &bytes.Buffer{}
		return p.plain, nil
	}
	p.comp.p = p
	fw, err := flate.NewWriter(&p.comp, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	p.fw = fw
	return partWriter{p: p, z: z}, nil
}

// AddFS implements excelize.ZipWriter; excelize does not call it for the
// packages the report writes.
func (z *sortedZip) AddFS(fs.FS) error { return errors.New("report: AddFS not supported") }

type partWriter struct {
	p *zipPart
	z *sortedZip
}

func (w partWriter) Write(b []byte) (int, error) {
	w.p.crc.Write(b)
	w.p.size += uint64(len(b))
	return w.p.fw.Write(b)
}

func (c *countWriter) Write(b []byte) (int, error) {
	p := c.p
	c.n += int64(len(b))
	if p.file != nil {
		return p.file.Write(b)
	}
	if p.mem.Len()+len(b) <= spoolLimit {
		return p.mem.Write(b)
	}
	f, err := os.CreateTemp(p.dir, "zip-part-*")
	if err != nil {
		return 0, fmt.Errorf("report: spool %s: %w", p.name, err)
	}
	p.file = f
	if _, err := f.Write(p.mem.Bytes()); err != nil {
		return 0, err
	}
	p.mem = bytes.Buffer{}
	return f.Write(b)
}

// finish completes the part being written.
func (z *sortedZip) finish() error {
	p := z.cur
	if p == nil || p.fw == nil {
		return nil
	}
	z.cur = nil
	return p.fw.Close()
}

var contentDefault = regexp.MustCompile(`<Default [^>]*></Default>|<Default [^>]*/>`)

// sortDefaults orders the <Default> entries of [Content_Types].xml, each
// sorted entry taking the place of one found.
func sortDefaults(b []byte) []byte {
	locs := contentDefault.FindAllIndex(b, -1)
	items := make([]string, len(locs))
	for i, l := range locs {
		items[i] = string(b[l[0]:l[1]])
	}
	sort.Strings(items)
	var out bytes.Buffer
	prev := 0
	for i, l := range locs {
		out.Write(b[prev:l[0]])
		out.WriteString(items[i])
		prev = l[1]
	}
	out.Write(b[prev:])
	return out.Bytes()
}

// rank orders parts: content types first, then the package relationships,
// then by name.
func rank(name string) int {
	switch name {
	case "[Content_Types].xml":
		return 0
	case "_rels/.rels":
		return 1
	}
	return 2
}

// Close implements excelize.ZipWriter: it writes every part, in order, to
// dst.
func (z *sortedZip) Close() error {
	defer z.abort()
	if err := z.finish(); err != nil {
		return err
	}
	sort.Slice(z.parts, func(i, j int) bool {
		a, b := z.parts[i], z.parts[j]
		if ra, rb := rank(a.name), rank(b.name); ra != rb {
			return ra < rb
		}
		return a.name < b.name
	})
	zw := zip.NewWriter(z.dst)
	for _, p := range z.parts {
		if p.plain != nil {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
			if err != nil {
				return err
			}
			if _, err := w.Write(sortDefaults(p.plain.Bytes())); err != nil {
				return err
			}
			continue
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: p.crc.Sum32(),
			CompressedSize64: uint64(p.comp.n), UncompressedSize64: p.size})
		if err != nil {
			return err
		}
		var src io.Reader = &p.mem
		if p.file != nil {
			if _, err := p.file.Seek(0, io.SeekStart); err != nil {
				return err
			}
			src = p.file
		}
		if _, err := io.Copy(w, src); err != nil {
			return err
		}
	}
	return zw.Close()
}

// abort removes the spool files.
func (z *sortedZip) abort() {
	for _, p := range z.parts {
		if p.file != nil {
			p.file.Close()
			os.Remove(p.file.Name())
			p.file = nil
		}
	}
}
