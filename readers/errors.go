package readers

import (
	"archive/zip"
	"compress/flate"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"syscall"
	"unicode"
)

// Error is a reader failure that stops the run: a file that cannot be
// opened, decoded or read to its end. Its message names the file and, where
// known, the sheet and the row, and says what went wrong in the reader's
// own words. It never quotes the input: cells hold names and emails, and
// the messages of the libraries underneath (encoding/xml, excelize,
// parquet-go) may quote them, so Err, the underlying cause kept for
// errors.Is and errors.As, must not be logged.
type Error struct {
	File  string // base name of the file
	Sheet string // XLSX: the sheet, when the failure is inside one
	Row   int    // the last row read before the failure; 0 when none or not applicable
	Msg   string // what went wrong; no input content
	Err   error  // underlying cause, possibly nil; its text may quote the input
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(fileLabel(e.File))
	if e.Sheet != "" {
		b.WriteString(": sheet ")
		b.WriteString(strconv.Quote(e.Sheet))
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// fileLabel returns a file name fit for a message: as is when it is plain
// text, quoted when it holds control characters (a name with a newline must
// not be able to forge a log line).
func fileLabel(name string) string {
	if strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) >= 0 || name == "" {
		return strconv.Quote(name)
	}
	return name
}

// describe says what err is in words that cannot carry input content: the
// text of errors from the standard library whose messages are known to be
// fixed, a fixed phrase for everything else.
func describe(err error) string {
	var (
		syn   *xml.SyntaxError
		parse *csv.ParseError
		path  *fs.PathError
		errno syscall.Errno
		flt   flate.CorruptInputError
	)
	switch {
	case err == nil:
		return "no error"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "unexpected end of data (file truncated?)"
	case errors.Is(err, zip.ErrChecksum):
		return "checksum mismatch (damaged file)"
	case errors.Is(err, zip.ErrFormat):
		return "not a valid zip archive"
	case errors.Is(err, zip.ErrAlgorithm):
		return "unsupported zip compression method"
	case errors.As(err, &flt):
		return "damaged compressed data"
	case errors.As(err, &syn):
		return "XML syntax error on line " + strconv.Itoa(syn.Line)
	case errors.As(err, &parse):
		// csv.ParseError's text is positions and one of csv's fixed errors.
		if errors.Is(parse.Err, csv.ErrQuote) || errors.Is(parse.Err, csv.ErrBareQuote) || errors.Is(parse.Err, csv.ErrFieldCount) {
			return parse.Error()
		}
		return fmt.Sprintf("parse error on line %d: %s", parse.Line, describe(parse.Err))
	case errors.As(err, &path):
		return path.Op + ": " + describe(path.Err)
	case errors.As(err, &errno):
		return errno.Error()
	case errors.Is(err, fs.ErrNotExist):
		return "file does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return "the decoder rejected it"
}
