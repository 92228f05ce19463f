package readers

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"sync/atomic"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// xmlStream tokenizes one XML part of a workbook as it is unpacked. Unlike
// a bare xml.Decoder it survives a syntax error (an undefined entity, a
// stray '<'): resync skips to the next tag of given names and tokenizing
// goes on from there with a fresh decoder. Entities are never expanded
// beyond XML's five and character references: encoding/xml does not read
// DTDs, so a declared entity (external, or nested as in "billion laughs")
// is a syntax error like any undefined one. Failures of the bytes
// underneath (damaged compressed data, a checksum mismatch) are not
// survivable and are kept in ioErr.
type xmlStream struct {
	src   io.Reader
	buf   []byte
	r, w  int   // unread bytes are buf[r:w]
	eof   bool  // src is exhausted
	ioErr error // the first read error other than io.EOF
	given int64 // bytes handed to the decoder
	dec   *xml.Decoder
	read  atomic.Int64 // bytes taken from src, for progress: read while another goroutine reads the stream
}

func newXMLStream(src io.Reader) (*xmlStream, error) {
	s := &xmlStream{src: src, buf: make([]byte, 64<<10)}
	if err := s.transcode(); err != nil {
		return nil, err
	}
	s.newDecoder()
	return s, nil
}

func (s *xmlStream) newDecoder() {
	s.dec = xml.NewDecoder(s)
	s.dec.Strict = true
	// The bytes are UTF-8 already (transcode); the declaration may still
	// name the original encoding.
	s.dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	s.given = 0
}

// transcode puts a decoder to UTF-8 under the buffer when the part is
// UTF-16 (by its byte order mark) or declares another encoding, so that
// resynchronising works on UTF-8 bytes whatever the part's encoding.
func (s *xmlStream) transcode() error {
	s.fill(512)
	head := s.buf[s.r:s.w]
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		s.r += 3
		return nil
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	default:
		label := declaredEncoding(head)
		if label == "" || strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "utf8") {
			return nil
		}
		e, err := ianaindex.IANA.Encoding(label)
		if err != nil || e == nil {
			return errors.New("its XML declares an encoding this reader does not know")
		}
		enc = e
	}
	rest := io.MultiReader(bytes.NewReader(append([]byte(nil), head...)), s.src)
	s.src = enc.NewDecoder().Reader(rest)
	s.r, s.w, s.eof = 0, 0, false
	return nil
}

// declaredEncoding returns the encoding named by an XML declaration at the
// start of head, if any.
func declaredEncoding(head []byte) string {
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := string(head[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || rest[0] != '"' && rest[0] != '\'' {
		return ""
	}
	q := rest[0]
	j := strings.IndexByte(rest[1:], q)
	if j < 0 {
		return ""
	}
	return rest[1 : 1+j]
}

// fill makes at least n unread bytes available unless the input ends or
// fails first. It keeps one byte already read before buf[r], for unread.
func (s *xmlStream) fill(n int) {
	for s.w-s.r < n && !s.eof && s.ioErr == nil {
		if s.r > 1 && s.w+n > len(s.buf) {
			keep := s.r - 1
			copy(s.buf, s.buf[keep:s.w])
			s.r, s.w = s.r-keep, s.w-keep
		}
		if s.w == len(s.buf) {
			s.buf = append(s.buf, make([]byte, len(s.buf))...)
		}
		m, err := s.src.Read(s.buf[s.w:])
		s.w += m
		s.read.Add(int64(m))
		if errors.Is(err, io.EOF) {
			s.eof = true
		} else if err != nil {
			s.ioErr = err
		}
	}
}

// ReadByte implements io.ByteReader for the decoder.
func (s *xmlStream) ReadByte() (byte, error) {
	if s.r == s.w {
		s.fill(1)
		if s.r == s.w {
			if s.ioErr != nil {
				return 0, s.ioErr
			}
			return 0, io.EOF
		}
	}
	b := s.buf[s.r]
	s.r++
	s.given++
	return b, nil
}

// Read implements io.Reader; the decoder only uses ReadByte.
func (s *xmlStream) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	b, err := s.ReadByte()
	if err != nil {
		return 0, err
	}
	p[0] = b
	return 1, nil
}

// token returns the next raw token (names keep their prefixes in Space;
// start and end tags are not matched: callers track their own state).
func (s *xmlStream) token() (xml.Token, error) { return s.dec.RawToken() }

// broken reports whether err, from token, is a defect of the XML that
// resync can step over, rather than the end of the input or a failure of
// the bytes underneath.
func (s *xmlStream) broken(err error) bool {
	var syn *xml.SyntaxError
	if s.ioErr != nil || !errors.As(err, &syn) && !strings.HasPrefix(err.Error(), "xml: ") {
		return false
	}
	// A syntax error at the very end of the input is a part cut short.
	s.fill(1)
	return s.r < s.w
}

// resync skips to the next '<' that opens, or with a leading '/' in the
// name closes, an element whose local name is in names, and restarts the
// decoder there. It returns the name found ("row", "/row" ...), or "" when
// the input ends (or fails) first.
func (s *xmlStream) resync(names ...string) string {
	// The decoder may hold back a byte it has read (its one-byte unread);
	// give it back so that a tag starting there is found.
	if back := s.given - s.dec.InputOffset(); back > 0 && int64(s.r) >= back {
		s.r -= int(back)
	}
	for {
		s.fill(80)
		i := bytes.IndexByte(s.buf[s.r:s.w], '<')
		if i < 0 {
			s.r = s.w
			if s.eof || s.ioErr != nil {
				return ""
			}
			continue
		}
		s.r += i
		s.fill(80)
		if name, ok := tagAt(s.buf[s.r:s.w], names); ok {
			s.newDecoder()
			return name
		}
		s.r++
	}
}

// tagAt reports whether b starts with a tag of one of names: '<', an
// optional '/', an optional prefix and ':', the name, then a space, '>' or
// '/'.
func tagAt(b []byte, names []string) (string, bool) {
	if len(b) < 2 || b[0] != '<' {
		return "", false
	}
	b = b[1:]
	closing := b[0] == '/'
	if closing {
		b = b[1:]
	}
	if i := bytes.IndexByte(b, ':'); i >= 0 && i < 32 && bytes.IndexAny(b[:i], " \t\r\n<>/\"'=") < 0 {
		b = b[i+1:]
	}
	for _, n := range names {
		want, isClose := strings.CutPrefix(n, "/")
		if isClose != closing || len(b) <= len(want) || string(b[:len(want)]) != want {
			continue
		}
		switch b[len(want)] {
		case ' ', '\t', '\r', '\n', '>', '/':
			return n, true
		}
	}
	return "", false
}

// drain reads the rest of the part, so that the zip checksum is verified,
// and returns the failure of the bytes underneath, if any.
func (s *xmlStream) drain() error {
	for s.ioErr == nil && !s.eof {
		s.r = s.w
		s.fill(len(s.buf) / 2)
	}
	return s.ioErr
}

// attr returns the value of the unprefixed attribute name.
func attr(se *xml.StartElement, name string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}
