package readers

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/pipeline"
)

// XLSXLimits bound what opening a workbook may unpack, so that a zip bomb
// posing as a client list fails cleanly instead of filling memory or disk.
var XLSXLimits = excelize.Options{
	UnzipSizeLimit:    4 << 30,  // all parts together
	UnzipXMLSizeLimit: 64 << 20, // a worksheet above this is spooled to a temporary file
	// Built-in short-date cells render as ISO dates, so dates come out as
	// dates whatever the author's locale.
	ShortDatePattern: "yyyy-mm-dd",
	LongDatePattern:  "yyyy-mm-dd",
}

// XLSX streams one worksheet row by row with excelize's row iterator; the
// sheet is never held in memory whole. Cells come as the text Excel would
// show, except that short dates are ISO.
type XLSX struct {
	name   string
	f      *excelize.File
	rows   *excelize.Rows
	header []string
	row    int
}

// OpenXLSX opens path and reads the header from sheet (the first sheet when
// empty).
func OpenXLSX(path, sheet string) (x *XLSX, err error) {
	name := filepath.Base(path)
	defer recoverAs(&err, name)
	f, err := excelize.OpenFile(path, XLSXLimits)
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable workbook: %w", name, err)
	}
	isoDates(f)
	x = &XLSX{name: name, f: f}
	if err := x.init(sheet); err != nil {
		f.Close()
		return nil, err
	}
	return x, nil
}

func (x *XLSX) init(sheet string) error {
	sheets := x.f.GetSheetList()
	if sheet == "" {
		if len(sheets) == 0 {
			return fmt.Errorf("%s: workbook has no sheets", x.name)
		}
		sheet = sheets[0]
		for _, s := range sheets { // the first visible sheet
			if v, err := x.f.GetSheetVisible(s); err == nil && v {
				sheet = s
				break
			}
		}
	} else if !slices.Contains(sheets, sheet) {
		return fmt.Errorf("%s: no sheet %q (sheets: %s)", x.name, sheet, strings.Join(sheets, ", "))
	}
	rows, err := x.f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("%s: sheet %q: %w", x.name, sheet, err)
	}
	x.rows = rows
	for {
		cells, err := x.next()
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%s: sheet %q is empty: no header row", x.name, sheet)
		}
		if err != nil {
			return err
		}
		if !blank(cells) {
			for i, h := range cells {
				cells[i] = strings.TrimSpace(h)
			}
			x.header = cells
			return nil
		}
	}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// isoDates makes every date-formatted cell read as YYYY-MM-DD: the serial
// number behind a date is unambiguous, while its display ("3/4/2024" in a
// US format) is not. Custom date formats are rewritten in the loaded style
// sheet (the built-in short date is set by XLSXLimits; the other built-in
// date formats show month names, which ParseDate reads). The workbook is
// only read, never saved.
func isoDates(f *excelize.File) {
	f.GetStyle(0) // loads the style sheet
	st := f.Styles
	if st == nil {
		return
	}
	if st.NumFmts == nil {
		return // no custom formats; the built-in short date is handled by XLSXLimits
	}
	for _, nf := range st.NumFmts.NumFmt {
		code := nf.FormatCode
		if nf.FormatCode16 != "" {
			code = nf.FormatCode16
		}
		if isDateFormat(code) {
			nf.FormatCode, nf.FormatCode16 = "yyyy-mm-dd", ""
		}
	}
}

// isDateFormat reports whether an Excel number format shows a date: after
// quoted text, escapes and [..] sections are removed it has a day, month or
// year code and is not only a time of day.
func isDateFormat(code string) bool {
	var b strings.Builder
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			inQuote = c != '"'
		case inBracket:
			inBracket = c != ']'
		case c == '"':
			inQuote = true
		case c == '[':
			inBracket = true
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal or padding
		default:
			b.WriteByte(c | 0x20)
		}
	}
	t := b.String()
	return strings.ContainsAny(t, "dy") || strings.Contains(t, "m") && !strings.ContainsAny(t, "hs0#")
}

// recoverAs turns a panic inside a third-party decoder, on a file crafted
// or broken in a way it does not expect, into an error naming the file:
// hostile input must not crash a nightly run.
func recoverAs(err *error, name string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: file could not be decoded: %v", name, r)
	}
}

func (x *XLSX) next() (cells []string, err error) {
	defer recoverAs(&err, x.name)
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, fmt.Errorf("%s: %w", x.name, err)
		}
		return nil, io.EOF
	}
	x.row++
	cells, err = x.rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("%s row %d: %w", x.name, x.row, err)
	}
	return cells, nil
}

// Header implements pipeline.Source.
func (x *XLSX) Header() []string { return x.header }

// Read implements pipeline.Source. Empty rows are skipped, as a person
// reading the sheet would; every other row becomes a record.
func (x *XLSX) Read() (*pipeline.Record, error) {
	for {
		cells, err := x.next()
		if err != nil {
			return nil, err
		}
		if blank(cells) {
			continue
		}
		rec := &pipeline.Record{Source: x.name, Row: x.row}
		rec.Fields = fitFields(rec, cells, x.header, " ")
		if len(cells) < len(x.header) && rec.HasProblem("too_few_fields") {
			// Excel drops trailing empty cells: a short row is normal here.
			rec.Problems = rec.Problems[:0]
		}
		return rec, nil
	}
}

// Close implements pipeline.Source.
func (x *XLSX) Close() error {
	var err error
	if x.rows != nil {
		err = x.rows.Close()
	}
	return errors.Join(err, x.f.Close())
}
