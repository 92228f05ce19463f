package readers

import (
	"archive/zip"
	"bytes"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// XLSXLimits bound what opening a workbook may unpack, so that a zip bomb
// posing as a client list fails cleanly: UnzipSizeLimit caps the sum of the
// parts' unpacked sizes. The date patterns make built-in short-date cells
// read as ISO dates, so dates come out as dates whatever the author's
// locale. (Sheets and shared strings are streamed, never held whole.)
var XLSXLimits = excelize.Options{
	UnzipSizeLimit:    4 << 30,
	UnzipXMLSizeLimit: 64 << 20,
	ShortDatePattern:  "yyyy-mm-dd",
	LongDatePattern:   "yyyy-mm-dd",
}

// formatter shows a numeric cell as Excel would with its style's number
// format, dates as ISO (see isoDates). excelize does the formatting: it is
// given a stand-in workbook that holds the real styles part and one empty
// sheet, and each distinct (style, value) is set in that sheet and read
// back. Cells without a style are shown as excelize shows them
// (generalNumber) without that round trip. (A style with the General
// format is not the same: excelize shows it as Excel's General display
// does, 3.141592654 for 3.14159265358979.)
type formatter struct {
	styles   *zip.File
	date1904 bool
	tried    bool
	failed   bool           // the styles part could not be read: numbers unformatted
	f        *excelize.File // the stand-in workbook
	nstyles  int            // styles the workbook defines
	cellOf   map[int]string // per style: the stand-in cell that carries it
	cache    map[fmtKey]string
}

type fmtKey struct {
	style int
	v     string
}

const fmtCacheSize = 1 << 14

// number returns the text of a numeric cell's stored value v.
func (ft *formatter) number(style int, v string) string {
	if style <= 0 || ft == nil || ft.styles == nil {
		return generalNumber(v)
	}
	ft.init()
	if ft.failed || style >= ft.nstyles {
		return generalNumber(v)
	}
	if ok, _, _ := numeric(v); !ok {
		return v
	}
	k := fmtKey{style, v}
	if s, ok := ft.cache[k]; ok {
		return s
	}
	s := ft.viaExcelize(style, v)
	if len(ft.cache) >= fmtCacheSize {
		clear(ft.cache)
	}
	ft.cache[k] = s
	return s
}

func (ft *formatter) viaExcelize(style int, v string) (s string) {
	defer func() {
		if recover() != nil { // a format code excelize cannot handle
			s = generalNumber(v)
		}
	}()
	cell, ok := ft.cellOf[style]
	if !ok {
		cell, _ = excelize.CoordinatesToCellName(1, len(ft.cellOf)+1)
		if err := ft.f.SetCellStyle("Sheet1", cell, cell, style); err != nil {
			return generalNumber(v)
		}
		ft.cellOf[style] = cell
	}
	if err := ft.f.SetCellDefault("Sheet1", cell, v); err != nil {
		return generalNumber(v)
	}
	out, err := ft.f.GetCellValue("Sheet1", cell)
	if err != nil {
		return generalNumber(v)
	}
	return out
}

// init builds the stand-in workbook on first use.
func (ft *formatter) init() {
	if ft.tried {
		return
	}
	ft.tried = true
	ft.failed = true
	defer func() {
		if recover() != nil {
			ft.failed = true
		}
	}()
	styles, err := readSmall(ft.styles)
	if err != nil {
		return
	}
	pr := ""
	if ft.date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook ` + ns + ` xmlns:r="` + rel + `">` + pr + `<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="` + rel + `/styles" Target="styles.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<worksheet ` + ns + `><sheetData/></worksheet>`},
		{"xl/styles.xml", string(styles)},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, _ := zw.Create(p.name)
		w.Write([]byte(p.data))
	}
	zw.Close()
	f, err := excelize.OpenReader(&buf, XLSXLimits)
	if err != nil || f.Styles == nil || f.Styles.CellXfs == nil {
		return
	}
	isoDates(f)
	ft.nstyles = len(f.Styles.CellXfs.Xf)
	ft.f, ft.failed = f, false
	ft.cellOf, ft.cache = map[int]string{}, map[fmtKey]string{}
}

// numeric reports whether v is a number as excelize reads one, with its
// count of significant digits written out in full.
func numeric(v string) (bool, int, float64) {
	if strings.Contains(v, "_") {
		return false, 0, 0
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return false, 0, 0
	}
	full := strconv.FormatFloat(f, 'f', -1, 64)
	return true, len(full) - strings.Count(full, "."), f
}

// generalNumber shows a stored number as the General format does in
// excelize: written out in full, or with 15 significant digits when it has
// more (Excel's precision) unless it is an integer padded with zeros.
func generalNumber(v string) string {
	ok, prec, f := numeric(v)
	if !ok {
		return v
	}
	if prec > 15 && !zeroPadded(v) {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func zeroPadded(s string) bool {
	if strings.ContainsAny(s, ".Ee") {
		return false
	}
	s = strings.TrimLeft(s, "+-0")
	return len(strings.TrimRight(s, "0")) <= 15
}

// isoDates makes every date-formatted cell read as YYYY-MM-DD: the serial
// number behind a date is unambiguous, while its display ("3/4/2024" in a
// US format) is not. Custom date formats are rewritten in the loaded style
// sheet (the built-in short date is set by XLSXLimits; the other built-in
// date formats show month names, which ParseDate reads). The workbook is
// only read, never saved.
func isoDates(f *excelize.File) {
	st := f.Styles
	if st == nil || st.NumFmts == nil {
		return
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
