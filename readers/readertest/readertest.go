// Package readertest writes the input files that reader tests and the
// end-to-end malformed-input suite need: XLSX packages built part by part,
// so that a test can break exactly one part (an entity in one cell, a
// truncated sheet, a chart sheet first), a workbook with a huge shared-
// strings part written as a stream, and CSV text in UTF-16 or with old Mac
// line ends. It is test support: nothing in the program imports it.
package readertest

import (
	"archive/zip"
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Part is one named member of a zip package.
type Part struct {
	Name string
	Data []byte
}

// Zip writes parts, in order, as a zip archive at path.
func Zip(path string, parts ...Part) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	for _, p := range parts {
		w, err := zw.Create(p.Name)
		if err != nil {
			f.Close()
			return err
		}
		if _, err := w.Write(p.Data); err != nil {
			f.Close()
			return err
		}
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Sheet is one sheet of a hand-built workbook.
type Sheet struct {
	Name  string
	Chart bool       // a chart sheet: a drawing, no cells
	State string     // "", "hidden" or "veryHidden"
	XML   string     // the part as written; when empty, SheetXML(Rows)
	Rows  [][]string // cells as inline strings, row 1 first
}

// Workbook is a minimal XLSX package: content types, relationships, the
// workbook part, its sheets and, when set, raw shared-strings and styles
// parts.
type Workbook struct {
	Sheets        []Sheet
	SharedStrings string // raw xl/sharedStrings.xml; none when empty
	Styles        string // raw xl/styles.xml; none when empty
}

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg  = "http://schemas.openxmlformats.org/package/2006/relationships"
)

// Parts returns the package's members in the order Write stores them.
func (w Workbook) Parts() []Part {
	var ct, rels, sheets strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="` + nsPkg + `">`)
	var parts []Part
	for i, s := range w.Sheets {
		n := strconv.Itoa(i + 1)
		kind, dir := "worksheet", "worksheets"
		if s.Chart {
			kind, dir = "chartsheet", "chartsheets"
		}
		name := "xl/" + dir + "/sheet" + n + ".xml"
		ct.WriteString(`<Override PartName="/` + name + `" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.` + kind + `+xml"/>`)
		rels.WriteString(`<Relationship Id="rId` + n + `" Type="` + nsRel + `/` + kind + `" Target="` + dir + `/sheet` + n + `.xml"/>`)
		sheets.WriteString(`<sheet name="` + Escape(s.Name) + `" sheetId="` + n + `"`)
		if s.State != "" {
			sheets.WriteString(` state="` + s.State + `"`)
		}
		sheets.WriteString(` r:id="rId` + n + `"/>`)
		data := s.XML
		switch {
		case data != "":
		case s.Chart:
			data = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
				`<chartsheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`
		default:
			data = SheetXML(s.Rows)
		}
		parts = append(parts, Part{name, []byte(data)})
	}
	k := len(w.Sheets)
	if w.SharedStrings != "" {
		k++
		ct.WriteString(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
		rels.WriteString(`<Relationship Id="rId` + strconv.Itoa(k) + `" Type="` + nsRel + `/sharedStrings" Target="sharedStrings.xml"/>`)
		parts = append(parts, Part{"xl/sharedStrings.xml", []byte(w.SharedStrings)})
	}
	if w.Styles != "" {
		k++
		ct.WriteString(`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
		rels.WriteString(`<Relationship Id="rId` + strconv.Itoa(k) + `" Type="` + nsRel + `/styles" Target="styles.xml"/>`)
		parts = append(parts, Part{"xl/styles.xml", []byte(w.Styles)})
	}
	ct.WriteString(`</Types>`)
	rels.WriteString(`</Relationships>`)
	head := []Part{
		{"[Content_Types].xml", []byte(ct.String())},
		{"_rels/.rels", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="` + nsPkg + `">` +
			`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{"xl/workbook.xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets>` + sheets.String() + `</sheets></workbook>`)},
		{"xl/_rels/workbook.xml.rels", []byte(rels.String())},
	}
	return append(head, parts...)
}

// Write stores the workbook at path.
func (w Workbook) Write(path string) error { return Zip(path, w.Parts()...) }

// SheetXML renders rows as worksheet XML, every non-empty cell an inline
// string with its reference (A1, B1 ...). Text is escaped, so a test can
// put a marker in a cell and replace it in the XML with broken markup.
func SheetXML(rows [][]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns="` + nsMain + `"><sheetData>`)
	for i, r := range rows {
		fmt.Fprintf(&b, `<row r="%d">`, i+1)
		for j, c := range r {
			if c == "" {
				continue
			}
			fmt.Fprintf(&b, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, Column(j+1), i+1, Escape(c))
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

// Column returns the spreadsheet name of column n (1 = A, 27 = AA).
func Column(n int) string {
	var s []byte
	for n > 0 {
		n--
		s = append([]byte{byte('A' + n%26)}, s...)
		n /= 26
	}
	return string(s)
}

// Escape escapes text for XML character data and attribute values.
func Escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// SharedStringsWorkbook writes at path a one-sheet workbook whose cells
// are shared strings. Before the strings the rows use, the shared-strings
// part holds unused strings of padLen bytes each: with a large unused, a
// part of hundreds of MB that the sheet barely uses. Everything is
// streamed, so writing it takes little memory.
func SharedStringsWorkbook(path string, rows [][]string, unused, padLen int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	wb := Workbook{Sheets: []Sheet{{Name: "Clients", XML: "-"}}, SharedStrings: "-"}
	index := map[string]int{}
	var used []string
	for _, r := range rows {
		for _, c := range r {
			if _, ok := index[c]; !ok && c != "" {
				index[c] = unused + len(used)
				used = append(used, c)
			}
		}
	}
	for _, p := range wb.Parts() {
		w, err := zw.Create(p.Name)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(w, 1<<16)
		switch p.Name {
		case "xl/worksheets/sheet1.xml":
			bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns="` + nsMain + `"><sheetData>`)
			for i, r := range rows {
				fmt.Fprintf(bw, `<row r="%d">`, i+1)
				for j, c := range r {
					if c != "" {
						fmt.Fprintf(bw, `<c r="%s%d" t="s"><v>%d</v></c>`, Column(j+1), i+1, index[c])
					}
				}
				bw.WriteString(`</row>`)
			}
			bw.WriteString(`</sheetData></worksheet>`)
		case "xl/sharedStrings.xml":
			n := unused + len(used)
			fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst xmlns="%s" count="%d" uniqueCount="%d">`, nsMain, n, n)
			pad := strings.Repeat("x", max(0, padLen-8))
			for i := 0; i < unused; i++ {
				fmt.Fprintf(bw, `<si><t>%08d%s</t></si>`, i, pad)
			}
			for _, s := range used {
				bw.WriteString(`<si><t xml:space="preserve">` + Escape(s) + `</t></si>`)
			}
			bw.WriteString(`</sst>`)
		default:
			bw.Write(p.Data)
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

// UTF16 encodes s as UTF-16 with a byte order mark, little-endian unless
// big is set: what Excel's "Unicode text" export writes.
func UTF16(s string, big bool) []byte {
	var order binary.ByteOrder = binary.LittleEndian
	if big {
		order = binary.BigEndian
	}
	u := utf16.Encode([]rune("\ufeff" + s))
	out := make([]byte, 2*len(u))
	for i, c := range u {
		order.PutUint16(out[2*i:], c)
	}
	return out
}

// OldMac turns line ends into lone carriage returns, as Excel for classic
// Mac OS wrote CSV.
func OldMac(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r")
}

// CorruptMember damages the compressed bytes of the zip member name in
// the archive at path, in the middle of its data, so that unpacking it
// fails part-way (a broken zip stream). The archive's directory is intact.
func CorruptMember(path, name string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	var off, size int64 = -1, 0
	for _, f := range zr.File {
		if f.Name == name {
			off, err = f.DataOffset()
			size = int64(f.CompressedSize64)
		}
	}
	zr.Close()
	if err != nil {
		return err
	}
	if off < 0 || size < 16 {
		return fmt.Errorf("%s: no member %s of 16 bytes or more", path, name)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	junk := make([]byte, min(64, size/4))
	for i := range junk {
		junk[i] = byte(0x5a ^ i*37)
	}
	if _, err := f.WriteAt(junk, off+size/2); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// CutAfter returns xml cut half-way between the first occurrence of
// prefix (for example `<row r="4"`) and the next "</row>": a part
// truncated mid-row.
func CutAfter(xml, prefix string) string {
	i := strings.Index(xml, prefix)
	if i < 0 {
		panic("readertest.CutAfter: no " + prefix)
	}
	j := strings.Index(xml[i:], "</row>")
	if j < 0 {
		j = len(xml) - i
	}
	return xml[:i+j/2]
}
