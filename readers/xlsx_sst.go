package readers

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// sharedStrings holds the strings of the shared-strings part that a sheet
// uses. A part up to wholeLimit is kept whole, as one byte slice and an
// offset per string. A larger one (hundreds of MB, most of it unused by the
// sheet read: a workbook that once held other data) is kept selectively: a
// first pass over the sheet lists the strings its cells use, and only those
// are kept, so memory follows what the sheet uses, not the part's size.
type sharedStrings struct {
	part   *zip.File
	whole  bool
	need   []uint64 // selective: bit i set = string i kept
	rank   []uint32 // selective: kept strings before each word of need
	loaded bool
	count  int      // strings in the part
	data   []byte   // the kept strings, in order
	ends   []uint32 // kept string k is data[ends[k-1]:ends[k]]
	broken map[int]bool
}

// wholeLimit is the unpacked size up to which a shared-strings part is
// kept whole: a list of tens of thousands of rows stays well under it.
var wholeLimit int64 = 32 << 20

// sharedStatus says what a shared-string lookup found.
type sharedStatus uint8

const (
	sharedOK      sharedStatus = iota
	sharedMissing              // no such string in the part
	sharedBroken               // the string's XML is broken
)

func newSharedStrings(part *zip.File, sheetsSize int64) *sharedStrings {
	if part == nil {
		return nil
	}
	size := int64(part.UncompressedSize64)
	return &sharedStrings{part: part, whole: size <= wholeLimit || size <= sheetsSize}
}

// maxIndex bounds the string indexes a part can hold: every item takes at
// least the five bytes of "<si/>".
func (ss *sharedStrings) maxIndex() int { return int(min(ss.part.UncompressedSize64/5, 1<<31)) }

// want marks string i as used; ensure loads what is marked. It does nothing
// for a part kept whole.
func (ss *sharedStrings) want(i int) {
	if ss.whole || i < 0 || i >= ss.maxIndex() {
		return
	}
	w := i / 64
	if w >= len(ss.need) {
		ss.need = append(ss.need, make([]uint64, w+1-len(ss.need))...)
	}
	if ss.need[w]&(1<<(i%64)) == 0 {
		ss.need[w] |= 1 << (i % 64)
		ss.loaded = false
	}
}

func (ss *sharedStrings) kept(i int) (int, bool) {
	if ss.whole {
		return i, true
	}
	w := i / 64
	if w >= len(ss.need) || ss.need[w]&(1<<(i%64)) == 0 {
		return 0, false
	}
	return int(ss.rank[w]) + bits.OnesCount64(ss.need[w]&(1<<(i%64)-1)), true
}

// get returns string i.
func (ss *sharedStrings) get(i int) (string, sharedStatus) {
	if i < 0 || i >= ss.count {
		return "", sharedMissing
	}
	k, ok := ss.kept(i)
	if !ok || k >= len(ss.ends) {
		// Not marked in the first pass: cannot happen when both passes
		// read the same bytes; reported rather than shown empty.
		return "", sharedMissing
	}
	if ss.broken[i] {
		return "", sharedBroken
	}
	start := uint32(0)
	if k > 0 {
		start = ss.ends[k-1]
	}
	return string(ss.data[start:ss.ends[k]]), sharedOK
}

// ensure loads the part (whole, or the strings marked by want) unless
// that is done already. An error means the part cannot be read to its end.
func (ss *sharedStrings) ensure() error {
	if ss.loaded {
		return nil
	}
	if !ss.whole {
		ss.rank = make([]uint32, len(ss.need))
		n := uint32(0)
		for w, word := range ss.need {
			ss.rank[w] = n
			n += uint32(bits.OnesCount64(word))
		}
	}
	if ss.part.UncompressedSize64 >= 1<<32 {
		return errors.New("the part is over 4 GiB")
	}
	ss.data, ss.ends, ss.broken, ss.count = nil, nil, nil, 0
	if err := ss.load(); err != nil {
		return err
	}
	ss.loaded = true
	return nil
}

func (ss *sharedStrings) load() error {
	rc, err := ss.part.Open()
	if err != nil {
		return errors.New("they cannot be unpacked (" + describe(err) + ")")
	}
	defer rc.Close()
	s, err := newXMLStream(rc)
	if err != nil {
		return err
	}
	cutShort := errors.New("they end early (file truncated or damaged)")
	var (
		in, keep, inT bool
		phonetic      int
		text          []byte
	)
	closeItem := func() {
		if keep {
			text = unescapeBSTR(text)
			ss.data = append(ss.data, text...)
			ss.ends = append(ss.ends, uint32(len(ss.data)))
		}
		in, inT, phonetic = false, false, 0
	}
	for {
		tok, err := s.token()
		if err != nil {
			if s.ioErr != nil {
				return errors.New("they cannot be unpacked to their end (" + describe(s.ioErr) + ")")
			}
			if errors.Is(err, io.EOF) || !s.broken(err) {
				return cutShort
			}
			if in {
				if ss.broken == nil {
					ss.broken = map[int]bool{}
				}
				ss.broken[ss.count-1] = true
				text = text[:0]
				closeItem()
			}
			if s.resync("si", "/sst") == "" {
				return cutShort
			}
			continue
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				if in {
					closeItem()
				}
				in = true
				ss.count++
				_, keep = ss.kept(ss.count - 1)
				text = text[:0]
			case "t":
				inT = in && keep && phonetic == 0
			case "rPh":
				phonetic++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if in {
					closeItem()
				}
			case "t":
				inT = false
			case "rPh":
				phonetic = max(0, phonetic-1)
			case "sst":
				if in {
					closeItem()
				}
				if err := s.drain(); err != nil {
					return errors.New("they cannot be unpacked to their end (" + describe(err) + ")")
				}
				return nil
			}
		case xml.CharData:
			if inT {
				text = append(text, t...)
			}
		}
	}
}

// unescapeBSTR decodes the _xHHHH_ escapes Excel writes for characters XML
// 1.0 cannot hold (_x000D_ is a carriage return; _x005F_ is a literal
// underscore, so "_x005F_x000D_" reads "_x000D_"), as Excel shows them.
// An escape of a code that is not a character is dropped, as excelize does.
func unescapeBSTR(b []byte) []byte {
	i := indexEscape(b, 0)
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	from := 0
	for i >= 0 {
		out = append(out, b[from:i]...)
		v, _ := strconv.ParseUint(string(b[i+2:i+6]), 16, 32)
		if r := rune(v); utf8.ValidRune(r) {
			out = utf8.AppendRune(out, r)
		}
		from = i + 7
		i = indexEscape(b, from)
	}
	return append(out, b[from:]...)
}

// indexEscape returns the index of the first _xHHHH_ at or after from, or -1.
func indexEscape(b []byte, from int) int {
	for i := from; i+7 <= len(b); i++ {
		if b[i] == '_' && b[i+1] == 'x' && b[i+6] == '_' && isHex(b[i+2]) && isHex(b[i+3]) && isHex(b[i+4]) && isHex(b[i+5]) {
			return i
		}
	}
	return -1
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
