package readers

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/readers/readertest"
)

// csvSeeds are the seed inputs of FuzzCSVReader, by name.
func csvSeeds() map[string]string {
	s := map[string]string{}
	for i, v := range []string{
		"a,b\n1,2\n", "\ufeffa;b\r\n1;2\r\n", "a\tb\n\"x\ny\"\tz\n", "a,b\n1,2,3\n1\n", "a,b\n\"open,2\n",
		"a|b\n\xe9t\xe9|2\n", "", "a\n", "a,a,a\n1,2,3\n", "=cmd,b\n@x,+y\n",
	} {
		s[fmt.Sprintf("basic-%d", i)] = v
	}
	// Issue 14, item 6: old Mac line ends and UTF-16.
	s["issue14-cr-only"] = readertest.OldMac("id,title\n1,cook\n2,\"two\nlines\"\n")
	s["issue14-cr-and-crlf"] = "id,title\r1,cook\r\n2,baker\r"
	s["issue14-utf16le-bom"] = string(readertest.UTF16("id,titre\r\n1,Électricien\r\n", false))
	s["issue14-utf16be-bom"] = string(readertest.UTF16("id;titre\n1;Soudeur\n", true))
	s["issue14-utf16le-cr"] = string(readertest.UTF16("id,t\r1,x\r", false))
	s["issue14-utf16-odd-length"] = string(readertest.UTF16("id,t\n1,x", false)[:13])
	s["issue14-utf16-no-bom"] = string(readertest.UTF16("id,t\n1,x\n", false)[2:])
	s["issue14-utf16-lone-surrogate"] = "\xff\xfei\x00d\x00\n\x00\x00\xd8\n\x00"
	return s
}

// FuzzCSVReader: any input either fails at the header with an error, or
// reads to io.EOF without panicking; every record is aligned with the
// header and its cells are valid UTF-8.
func FuzzCSVReader(f *testing.F) {
	for _, s := range csvSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := NewCSV(strings.NewReader(s), "fuzz.csv", nil)
		if err != nil {
			wantReaderError(t, err)
			return
		}
		n := len(r.Header())
		r.Info()
		for i := 0; i < 1_000_000; i++ {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if len(rec.Fields) != n {
				t.Fatalf("record has %d fields, header %d", len(rec.Fields), n)
			}
			for _, c := range rec.Fields {
				if !utf8.ValidString(c) {
					t.Fatalf("invalid UTF-8 cell %q", c)
				}
			}
		}
		t.Fatal("reader did not reach EOF")
	})
}

// sheetSeeds are worksheet and shared-strings XML for FuzzXLSXParts: the
// broken sheets of issue 14 (items 1 and 2) among well-formed ones.
func sheetSeeds() map[string][2]string {
	rows := readertest.SheetXML(people)
	sst := `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Staff RN</t></si><si><r><t>Line </t></r><r><rPr><b/></rPr><t>cook</t></r><rPh><t>x</t></rPh></si><si><t>_x000D_a</t></si></sst>`
	shared := strings.Replace(rows, `t="inlineStr"><is><t>MARK3</t></is>`, `t="s"><v>1</v>`, 1)
	bomb := `<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`
	at := strings.Index(rows, "<worksheet")
	return map[string][2]string{
		"well-formed":              {rows, ""},
		"shared strings":           {shared, sst},
		"issue14-undefined-entity": {peopleXML("<t>Caf&eacute;</t>"), ""},
		"issue14-stray-lt":         {peopleXML("<t>a < b</t>"), ""},
		"issue14-truncated":        {readertest.CutAfter(rows, `<row r="4">`), ""},
		"issue14-xxe":              {rows[:at] + `<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + peopleXML("<t>&x;</t>")[at:], ""},
		"issue14-billion-laughs":   {rows[:at] + bomb + peopleXML("<t>&c;</t>")[at:], ""},
		"issue14-bad-cell-ref":     {strings.Replace(rows, `<c r="D3"`, `<c r="D3x"`, 1), ""},
		"issue14-bad-row-ref":      {strings.Replace(rows, `<row r="3">`, `<row r="-3">`, 1), ""},
		"issue14-broken-row-tag":   {strings.Replace(rows, `<row r="3">`, `<row r="3" <`, 1), ""},
		"issue14-sst-entity":       {shared, strings.Replace(sst, "Line ", "&nbsp;", 1)},
		"issue14-sst-truncated":    {shared, sst[:len(sst)/2]},
		"issue14-sst-out-of-range": {strings.Replace(shared, "<v>1</v>", "<v>99</v>", 1), sst},
		"prefixed names":           {strings.NewReplacer("<row", "<x:row", "</row", "</x:row", "<c ", "<x:c ", "</c>", "</x:c>", "worksheet xmlns=", "x:worksheet xmlns:x=", "</worksheet", "</x:worksheet", "sheetData", "x:sheetData").Replace(rows), ""},
		"utf-16 part":              {string(readertest.UTF16(strings.Replace(rows, `encoding="UTF-8"`, `encoding="UTF-16"`, 1), false)), ""},
		"latin-1 declared":         {strings.Replace(strings.Replace(rows, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1), "Staff RN", "Infirmi\xe8re", 1), ""},
	}
}

// FuzzXLSXParts fuzzes the worksheet and shared-strings XML inside a valid
// workbook: whatever they hold, Open fails with an *Error or the sheet reads
// to its end or to an *Error, every record aligned with the header and
// numbered after the previous one, and xml_broken is reported only when the
// XML is indeed not well-formed.
func FuzzXLSXParts(f *testing.F) {
	for _, s := range sheetSeeds() {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		p := filepath.Join(t.TempDir(), "f.xlsx")
		wb := readertest.Workbook{Sheets: []readertest.Sheet{{Name: "S", XML: sheet}}, SharedStrings: sst}
		if sheet == "" {
			wb.Sheets[0].XML = " "
		}
		if err := wb.Write(p); err != nil {
			t.Fatal(err)
		}
		x, err := OpenXLSX(p, "")
		if err != nil {
			wantReaderError(t, err)
			return
		}
		defer x.Close()
		wellFormed := isWellFormed(sheet) && (sst == "" || isWellFormed(sst))
		last := x.headerRow
		fuzzRead(t, x, func(rec *pipeline.Record) {
			if rec.Row <= last || rec.Row > maxRows+100_000 {
				t.Fatalf("row %d after row %d", rec.Row, last)
			}
			last = rec.Row
			if _, broken := problem(rec, ReasonXMLBroken); broken && wellFormed {
				t.Fatalf("row %d: %s on well-formed XML", rec.Row, ReasonXMLBroken)
			}
		})
	})
}

// wantReaderError fails unless err is an *Error.
func wantReaderError(t *testing.T, err error) {
	t.Helper()
	var re *Error
	if !errors.As(err, &re) {
		t.Fatalf("error %T %v, want *Error", err, err)
	}
}

// fuzzRead reads src to its end, or to an error that must be an *Error,
// or 100,000 records; each record must be aligned with the header, and is
// then given to check (may be nil).
func fuzzRead(t *testing.T, src pipeline.Source, check func(*pipeline.Record)) {
	t.Helper()
	for i := 0; i < 100_000; i++ {
		rec, err := src.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			wantReaderError(t, err)
			return
		}
		if len(rec.Fields) != len(src.Header()) {
			t.Fatalf("row %d: %d fields, header %d", rec.Row, len(rec.Fields), len(src.Header()))
		}
		if check != nil {
			check(rec)
		}
	}
}

// isWellFormed reports whether s parses as XML without error.
func isWellFormed(s string) bool {
	d := xml.NewDecoder(strings.NewReader(s))
	d.CharsetReader = func(string, io.Reader) (io.Reader, error) { return nil, errors.New("no") }
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// xlsxSeeds are whole workbooks for FuzzXLSXReader.
func xlsxSeeds(t testing.TB) map[string][]byte {
	dir := t.TempDir()
	out := map[string][]byte{}
	if b, err := os.ReadFile(writeXLSX(t, dir)); err == nil {
		out["excelize"] = b
		out["excelize-half"] = b[:len(b)/2]
	}
	out["not-a-zip"] = []byte("PK\x03\x04not really a zip")
	out["csv"] = []byte("a,b\n1,2\n")
	add := func(name string, wb readertest.Workbook) {
		p := filepath.Join(dir, name+".xlsx")
		if err := wb.Write(p); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(p)
		out[name] = b
	}
	for name, s := range sheetSeeds() {
		if strings.HasPrefix(name, "issue14-") {
			add(name, readertest.Workbook{Sheets: []readertest.Sheet{{Name: "Clients", XML: s[0]}}, SharedStrings: s[1]})
		}
	}
	add("issue14-chart-sheet-first", readertest.Workbook{Sheets: []readertest.Sheet{{Name: "Chart", Chart: true}, {Name: "Clients", Rows: people}}})
	add("issue14-cover-sheet-first", readertest.Workbook{Sheets: []readertest.Sheet{{Name: "Cover", Rows: [][]string{{"Client list"}}}, {Name: "Clients", Rows: people}}})
	p := filepath.Join(dir, "corrupt.xlsx")
	rows := append([][]string{people[0]}, people[1:]...)
	for i := 0; i < 50; i++ {
		rows = append(rows, people[1:]...)
	}
	readertest.Workbook{Sheets: []readertest.Sheet{{Name: "Clients", Rows: rows}}}.Write(p)
	if readertest.CorruptMember(p, "xl/worksheets/sheet1.xml") == nil {
		out["issue14-broken-zip-stream"], _ = os.ReadFile(p)
	}
	return out
}

// FuzzXLSXReader: arbitrary bytes in a .xlsx never panic the reader; they
// open with an *Error or read to the end (or to an *Error).
func FuzzXLSXReader(f *testing.F) {
	for _, b := range xlsxSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "f.xlsx")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		x, err := Open(p, Options{HeaderOK: func(h []string) bool { return len(h) > 1 }})
		if err != nil {
			wantReaderError(t, err)
			return
		}
		defer x.Close()
		fuzzRead(t, x, nil)
	})
}

// TestWriteFuzzCorpus writes the named seeds into testdata/fuzz, so that
// the corpora hold every case of issue 14 as a file. It runs only with
// CASESCREEN_WRITE_CORPUS=1.
func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("CASESCREEN_WRITE_CORPUS") == "" {
		t.Skip("set CASESCREEN_WRITE_CORPUS=1 to rewrite the seed files")
	}
	write := func(target, name, body string) {
		dir := filepath.Join("testdata", "fuzz", target)
		os.MkdirAll(dir, 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte("go test fuzz v1\n"+body+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file := func(name string) string { return strings.NewReplacer(" ", "-", "/", "-").Replace(name) }
	for name, s := range csvSeeds() {
		if strings.HasPrefix(name, "issue14-") {
			write("FuzzCSVReader", file(name), fmt.Sprintf("string(%q)", s))
		}
	}
	for name, s := range sheetSeeds() {
		write("FuzzXLSXParts", file(name), fmt.Sprintf("string(%q)\nstring(%q)", s[0], s[1]))
	}
	for name, b := range xlsxSeeds(t) {
		if strings.HasPrefix(name, "issue14-") {
			write("FuzzXLSXReader", file(name), fmt.Sprintf("[]byte(%q)", b))
		}
	}
}
