package readers

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/readers/readertest"
)

// people is a client list whose cells look like personal data: no message
// may ever quote them.
var people = [][]string{
	{"applicant_id", "full_name", "email", "job_title", "hours_per_week"},
	{"A-1", "Priya Raman", "priya.raman@example.com", "Staff RN", "37.5"},
	{"A-2", "Marc Tremblay", "marc.t@example.com", "MARK3", "40"},
	{"A-3", "Olena Kovalenko", "olena.k@example.com", "PSW", "30"},
	{"A-4", "Wei Zhang", "wei.zhang@example.com", "Line cook", "44"},
	{"A-5", "Amara Okafor", "amara.o@example.com", "Welder", "40"},
}

// personal lists the cells of people that are personal data.
func personal() []string {
	var out []string
	for _, r := range people[1:] {
		out = append(out, r[1], r[2])
	}
	return out
}

// checkNoContent fails when text quotes a cell of people.
func checkNoContent(t *testing.T, what, text string) {
	t.Helper()
	for _, p := range personal() {
		if strings.Contains(text, p) {
			t.Errorf("%s quotes a cell (%q): %s", what, p, text)
		}
	}
}

func hasJobTitle(h []string) bool { return slices.Contains(h, "job_title") }

// readRecords reads src to its end and returns the records and the error
// that ended it (nil at io.EOF). Problem details are checked for content.
func readRecords(t *testing.T, src pipeline.Source) ([]*pipeline.Record, error) {
	t.Helper()
	var recs []*pipeline.Record
	for {
		rec, err := src.Read()
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		if len(rec.Fields) != len(src.Header()) {
			t.Errorf("row %d: %d fields for %d columns", rec.Row, len(rec.Fields), len(src.Header()))
		}
		for _, p := range rec.Problems {
			checkNoContent(t, "problem detail", p.Detail+" "+p.Field)
		}
		recs = append(recs, rec)
	}
}

func problem(rec *pipeline.Record, code string) (pipeline.Problem, bool) {
	for _, p := range rec.Problems {
		if p.Code == code {
			return p, true
		}
	}
	return pipeline.Problem{}, false
}

// readWorkbook writes wb, reads it to its end and returns its header and
// records; any error is fatal to the test.
func readWorkbook(t *testing.T, wb readertest.Workbook) ([]string, []*pipeline.Record) {
	t.Helper()
	src, err := Open(writeWorkbook(t, wb), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	recs, err := readRecords(t, src)
	if err != nil {
		t.Fatal(err)
	}
	return src.Header(), recs
}

func writeWorkbook(t *testing.T, wb readertest.Workbook) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "clients.xlsx")
	if err := wb.Write(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func oneSheet(xml string) readertest.Workbook {
	return readertest.Workbook{Sheets: []readertest.Sheet{{Name: "Clients", XML: xml}}}
}

// peopleXML is people as sheet XML with the job title of row 3 ("MARK3")
// replaced by raw markup.
func peopleXML(markup string) string {
	return strings.Replace(readertest.SheetXML(people), "<t>MARK3</t>", markup, 1)
}

// TestXLSXBrokenXMLRecovered (issue 14, item 1): broken markup in one cell
// costs that cell, with a reason; every other cell and row comes out.
// Entities are never expanded: neither an external entity (XXE) nor nested
// ones (billion laughs).
func TestXLSXBrokenXMLRecovered(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("TOP-SECRET-CONTENT"), 0o644)
	laughs := `<!DOCTYPE worksheet [<!ENTITY lol "lol">` +
		`<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">` +
		`<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">` +
		`<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">` +
		`<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">` +
		`<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">` +
		`<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">` +
		`<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>`
	withDTD := func(dtd, markup string) string {
		x := peopleXML(markup)
		i := strings.Index(x, "<worksheet")
		return x[:i] + dtd + x[i:]
	}
	tests := []struct {
		name string
		xml  string
		sst  string // shared strings, when the broken text is there
	}{
		{"undefined entity", peopleXML("<t>Caf&eacute; cook</t>"), ""},
		{"stray <", peopleXML("<t>cook < chef</t>"), ""},
		{"unclosed tag in text", peopleXML("<t>cook <b chef</t>"), ""},
		{"bad character reference", peopleXML("<t>cook &#0; chef</t>"), ""},
		{"XXE external entity", withDTD(`<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://`+secret+`">]>`, "<t>&xxe;</t>"), ""},
		{"billion laughs", withDTD(laughs, "<t>&lol9;</t>"), ""},
		{"undefined entity in a shared string",
			strings.Replace(readertest.SheetXML(people), `t="inlineStr"><is><t>MARK3</t></is>`, `t="s"><v>1</v>`, 1),
			`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>unused</t></si><si><t>Caf&eacute;</t></si><si><t>ok</t></si></sst>`},
		{"billion laughs in the shared strings",
			strings.Replace(readertest.SheetXML(people), `t="inlineStr"><is><t>MARK3</t></is>`, `t="s"><v>0</v>`, 1),
			laughs + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wb := oneSheet(tt.xml)
			wb.SharedStrings = tt.sst
			start := time.Now()
			_, recs := readWorkbook(t, wb)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v: entities expanded?", d)
			}
			if len(recs) != len(people)-1 {
				t.Fatalf("%d rows out of %d", len(recs), len(people)-1)
			}
			for i, rec := range recs {
				want := people[i+1]
				if rec.Row != i+2 {
					t.Errorf("record %d: row %d", i, rec.Row)
				}
				for j, f := range rec.Fields {
					if strings.Contains(f, "SECRET") || strings.Contains(f, "lollol") || len(f) > 100 {
						t.Errorf("row %d: an entity was expanded: %.80q", rec.Row, f)
					}
					if i == 1 && j == 3 {
						continue
					}
					if f != want[j] {
						t.Errorf("row %d col %d: %q, want %q", rec.Row, j+1, f, want[j])
					}
				}
				p, broken := problem(rec, ReasonXMLBroken)
				if (i == 1) != broken || broken && p.Field != "job_title" || broken && p.Kind != pipeline.Input {
					t.Errorf("row %d: problems %+v (want %s on job_title on row 3 only)", rec.Row, rec.Problems, ReasonXMLBroken)
				}
			}
		})
	}
}

// TestXLSXBrokenRowTag: a row whose start tag is broken still comes out,
// numbered from its cells, with a reason.
func TestXLSXBrokenRowTag(t *testing.T) {
	xml := strings.Replace(readertest.SheetXML(people), `<row r="3">`, `<row r="3" spans="1:5>`, 1)
	_, recs := readWorkbook(t, oneSheet(xml))
	if len(recs) != 5 {
		t.Fatalf("%d rows out, want 5", len(recs))
	}
	r := recs[1]
	if _, ok := problem(r, ReasonXMLBroken); !ok || r.Row != 3 || r.Fields[3] != "MARK3" {
		t.Errorf("broken row: %+v", r)
	}
}

// TestXLSXCutShort (issue 14, item 1): a sheet that cannot be read to its
// end is a fatal error naming the file and the last row read, after the rows
// before the break; never a silently shorter output.
func TestXLSXCutShort(t *testing.T) {
	full := readertest.SheetXML(people)
	cut := func(s string) string { return readertest.CutAfter(full, s) }
	tests := []struct {
		name    string
		path    func(t *testing.T) string
		rowsOut int
		words   []string
	}{
		{"XML truncated mid-row", func(t *testing.T) string { return writeWorkbook(t, oneSheet(cut(`<row r="4">`))) },
			2, []string{"clients.xlsx", `sheet "Clients"`, "after row 3", "truncated"}},
		{"XML truncated between rows", func(t *testing.T) string {
			return writeWorkbook(t, oneSheet(full[:strings.Index(full, `<row r="5">`)]))
		}, 3, []string{"after row 4"}},
		{"XML truncated in the header", func(t *testing.T) string { return writeWorkbook(t, oneSheet(cut(`<row r="1">`))) },
			-1, []string{"before its first row"}},
		{"broken zip stream", func(t *testing.T) string {
			rows := append([][]string{people[0]}, slices.Repeat(people[1:], 400)...)
			p := writeWorkbook(t, oneSheet(readertest.SheetXML(rows)))
			if err := readertest.CorruptMember(p, "xl/worksheets/sheet1.xml"); err != nil {
				t.Fatal(err)
			}
			return p
		}, -2, []string{"clients.xlsx", `sheet "Clients"`, "damaged"}},
		{"shared strings truncated", func(t *testing.T) string {
			wb := oneSheet(strings.Replace(full, `t="inlineStr"><is><t>MARK3</t></is>`, `t="s"><v>0</v>`, 1))
			wb.SharedStrings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Staff RN</t></si><si><t>Priya Ra`
			return writeWorkbook(t, wb)
		}, -1, []string{"clients.xlsx", "shared strings", "truncated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Open(tt.path(t), Options{})
			var recs []*pipeline.Record
			if err == nil {
				defer src.Close()
				recs, err = readRecords(t, src)
			}
			if err == nil {
				t.Fatalf("no error after %d rows", len(recs))
			}
			var re *Error
			if !errors.As(err, &re) {
				t.Errorf("error %T, want *Error", err)
			}
			checkNoContent(t, "error", err.Error())
			for _, w := range tt.words {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			switch {
			case tt.rowsOut >= 0 && len(recs) != tt.rowsOut:
				t.Errorf("%d rows before the error, want %d", len(recs), tt.rowsOut)
			case tt.rowsOut == -1 && src != nil:
				t.Errorf("opened; want an error at open")
			}
			if tt.rowsOut > 0 && re != nil && re.Row != recs[len(recs)-1].Row {
				t.Errorf("error at row %d, last row read %d", re.Row, recs[len(recs)-1].Row)
			}
		})
	}
}

// TestXLSXBadReferences (issue 14, item 2): a malformed cell or row
// reference gives a reason; every row comes out.
func TestXLSXBadReferences(t *testing.T) {
	for _, tt := range []struct{ name, from, to, code, field string }{
		{"cell reference with junk", `<c r="D3"`, `<c r="D3x"`, ReasonCellRefInvalid, "job_title"},
		{"cell reference that is an email", `<c r="D3"`, `<c r="marc.t@example.com"`, ReasonCellRefInvalid, "job_title"},
		{"cell reference past XFD", `<c r="D3"`, `<c r="XFE3"`, ReasonCellRefInvalid, "job_title"},
		{"cell reference going backwards", `<c r="D3"`, `<c r="A3"`, ReasonCellRefInvalid, "job_title"},
		{"row number not a number", `<row r="3">`, `<row r="three">`, ReasonRowRefInvalid, ""},
		{"row number past the last row", `<row r="3">`, `<row r="2000000">`, ReasonRowRefInvalid, ""},
		{"row number repeated", `<row r="3">`, `<row r="2">`, ReasonRowRefInvalid, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			xml := strings.Replace(readertest.SheetXML(people), tt.from, tt.to, 1)
			_, recs := readWorkbook(t, oneSheet(xml))
			if len(recs) != 5 {
				t.Fatalf("%d rows out, want 5", len(recs))
			}
			for i, rec := range recs {
				if !reflect.DeepEqual(rec.Fields, people[i+1]) || rec.Row != i+2 {
					t.Errorf("row %d: %q, want row %d %q", rec.Row, rec.Fields, i+2, people[i+1])
				}
				p, ok := problem(rec, tt.code)
				if ok != (i == 1) || ok && (p.Field != tt.field || p.Kind != pipeline.Input) {
					t.Errorf("row %d: problems %+v", rec.Row, rec.Problems)
				}
			}
		})
	}
	// A cell pointing to a shared string the workbook does not have.
	xml := strings.Replace(readertest.SheetXML(people), `t="inlineStr"><is><t>MARK3</t></is>`, `t="s"><v>7</v>`, 1)
	wb := oneSheet(xml)
	wb.SharedStrings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>x</t></si></sst>`
	_, recs := readWorkbook(t, wb)
	if len(recs) != 5 {
		t.Fatalf("%d rows out, want 5", len(recs))
	}
	if p, ok := problem(recs[1], ReasonSharedStringInvalid); !ok || p.Field != "job_title" || recs[1].Fields[3] != "" {
		t.Errorf("shared string out of range: %+v", recs[1])
	}
}

// TestXLSXSheetChoice (issue 14, item 3): the first sheet with a
// recognisable header is read, and the reader says which; when none has
// one, the error lists the sheets.
func TestXLSXSheetChoice(t *testing.T) {
	cover := readertest.Sheet{Name: "Cover", Rows: [][]string{{"Client list, November 2026"}, {}, {"Prepared by the intake team"}}}
	chart := readertest.Sheet{Name: "Chart1", Chart: true}
	clients := readertest.Sheet{Name: "Clients", Rows: people}
	hidden := readertest.Sheet{Name: "Lookup", State: "hidden", Rows: people}
	titled := readertest.Sheet{Name: "Titled", Rows: append([][]string{{"Clients as of 2026-11-01"}, {}}, people...)}
	tests := []struct {
		name      string
		sheets    []readertest.Sheet
		opt       Options
		sheet     string
		headerRow int
		passed    []PassedSheet
		errWords  []string
	}{
		{"chart sheet first", []readertest.Sheet{chart, clients}, Options{HeaderOK: hasJobTitle}, "Clients", 1,
			[]PassedSheet{{"Chart1", "chart sheet"}}, nil},
		{"chart sheet first, no predicate", []readertest.Sheet{chart, clients}, Options{}, "Clients", 1,
			[]PassedSheet{{"Chart1", "chart sheet"}}, nil},
		{"cover sheet first", []readertest.Sheet{cover, hidden, clients}, Options{HeaderOK: hasJobTitle}, "Clients", 1,
			[]PassedSheet{{"Cover", "no recognisable header in its 2 non-empty rows"}, {"Lookup", "hidden"}}, nil},
		{"cover sheet first, no predicate: today's rule", []readertest.Sheet{cover, clients}, Options{}, "Cover", 1, nil, nil},
		{"title rows above the header", []readertest.Sheet{titled}, Options{HeaderOK: hasJobTitle}, "Titled", 3, nil, nil},
		{"--sheet forces a sheet", []readertest.Sheet{clients, cover}, Options{Sheet: "Cover", HeaderOK: hasJobTitle}, "Cover", 1, nil, nil},
		{"--sheet a hidden sheet", []readertest.Sheet{hidden, clients}, Options{Sheet: "Lookup", HeaderOK: hasJobTitle}, "Lookup", 1, nil, nil},
		{"no sheet has a header", []readertest.Sheet{cover, chart, hidden, {Name: "Empty"}}, Options{HeaderOK: hasJobTitle}, "", 0, nil,
			[]string{"clients.xlsx", "no sheet has a recognisable header", `"Cover": no recognisable header`, `"Chart1": chart sheet`, `"Lookup": hidden`, `"Empty": empty`}},
		{"--sheet a chart sheet", []readertest.Sheet{chart, clients}, Options{Sheet: "Chart1"}, "", 0, nil,
			[]string{`sheet "Chart1"`, "chart sheet"}},
		{"--sheet unknown", []readertest.Sheet{clients}, Options{Sheet: "Nope"}, "", 0, nil,
			[]string{`no sheet "Nope"`, `"Clients"`}},
		{"only a chart sheet", []readertest.Sheet{chart}, Options{}, "", 0, nil, []string{"no worksheet", `"Chart1"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Open(writeWorkbook(t, readertest.Workbook{Sheets: tt.sheets}), tt.opt)
			if tt.errWords != nil {
				if err == nil {
					src.Close()
					t.Fatal("opened; want an error")
				}
				for _, w := range tt.errWords {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
				checkNoContent(t, "error", err.Error())
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			x := src.(*XLSX)
			info := x.Info()
			if x.Sheet() != tt.sheet || info.Sheet != tt.sheet || info.HeaderRow != tt.headerRow || !reflect.DeepEqual(info.Passed, tt.passed) {
				t.Errorf("read sheet %q header row %d passed %q; want %q, %d, %q", x.Sheet(), info.HeaderRow, info.Passed, tt.sheet, tt.headerRow, tt.passed)
			}
			recs, err := readRecords(t, src)
			if err != nil {
				t.Fatal(err)
			}
			if tt.sheet != "Cover" {
				if !reflect.DeepEqual(src.Header(), people[0]) || len(recs) != 5 {
					t.Errorf("header %q, %d rows", src.Header(), len(recs))
				}
				if recs[0].Row != tt.headerRow+1 {
					t.Errorf("first data row %d", recs[0].Row)
				}
				_, note := problem(recs[0], ReasonRowsAboveHeader)
				if note != (tt.headerRow > 1) {
					t.Errorf("first record's problems %+v", recs[0].Problems)
				}
			}
		})
	}
}

// TestXLSXSelectiveSharedStrings: with the shared strings kept selectively
// (forced here for a small part), cells read as with the part kept whole,
// broken and missing strings included, whichever sheet is chosen.
func TestXLSXSelectiveSharedStrings(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sst.xlsx")
	if err := readertest.SharedStringsWorkbook(p, people, 5000, 40); err != nil {
		t.Fatal(err)
	}
	read := func() [][]string {
		src, err := Open(p, Options{HeaderOK: hasJobTitle})
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		if !src.(*XLSX).strs.whole == (wholeLimit >= 1<<20) {
			t.Fatalf("whole = %v with limit %d", src.(*XLSX).strs.whole, wholeLimit)
		}
		recs, err := readRecords(t, src)
		if err != nil {
			t.Fatal(err)
		}
		out := [][]string{src.Header()}
		for _, r := range recs {
			out = append(out, r.Fields)
		}
		return out
	}
	whole := read()
	defer func(v int64) { wholeLimit = v }(wholeLimit)
	wholeLimit = 0
	if sel := read(); !reflect.DeepEqual(sel, whole) || !reflect.DeepEqual(whole, people) {
		t.Errorf("selective %q\nwhole %q\nwant %q", sel, whole, people)
	}
}

// TestCSVLineEndsAndUTF16 (issue 14, item 6): old Mac line ends and UTF-16
// with a byte order mark are decoded, with a note on the first record.
func TestCSVLineEndsAndUTF16(t *testing.T) {
	var b strings.Builder
	for _, r := range people {
		b.WriteString(strings.Join(r, ",") + "\r\n")
	}
	crlf := b.String()
	lf := strings.ReplaceAll(crlf, "\r\n", "\n")
	quoted := "id,notes\n1,\"two\nlines\"\n2,plain\n"
	tests := []struct {
		name  string
		data  []byte
		notes []string
		enc   string
		ends  string
		rows  [][]string
	}{
		{"CR only", []byte(readertest.OldMac(lf)), []string{ReasonLineEndsCR}, "UTF-8", "CR", people[1:]},
		{"CR only, no final line end", []byte(strings.TrimSuffix(readertest.OldMac(lf), "\r")), []string{ReasonLineEndsCR}, "UTF-8", "CR", people[1:]},
		{"CR only, quoted line break", []byte(readertest.OldMac(quoted)), []string{ReasonLineEndsCR}, "UTF-8", "CR", [][]string{{"1", "two\nlines"}, {"2", "plain"}}},
		{"UTF-16LE with BOM", readertest.UTF16(crlf, false), []string{ReasonDecodedUTF16}, "UTF-16LE", "CRLF", people[1:]},
		{"UTF-16BE with BOM", readertest.UTF16(lf, true), []string{ReasonDecodedUTF16}, "UTF-16BE", "LF", people[1:]},
		{"UTF-16LE, CR only", readertest.UTF16(readertest.OldMac(lf), false), []string{ReasonDecodedUTF16, ReasonLineEndsCR}, "UTF-16LE", "CR", people[1:]},
		{"UTF-16LE without BOM", readertest.UTF16(lf, false)[2:], []string{ReasonDecodedUTF16}, "UTF-16LE (no byte order mark)", "LF", people[1:]},
		{"UTF-16 accents and tab", readertest.UTF16("id\tpays\n1\tQuébec\n", false), []string{ReasonDecodedUTF16}, "UTF-16LE", "LF", [][]string{{"1", "Québec"}}},
		{"CRLF unchanged", []byte(crlf), nil, "UTF-8", "CRLF", people[1:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := NewCSV(strings.NewReader(string(tt.data)), "list.csv", nil)
			if err != nil {
				t.Fatal(err)
			}
			recs, err := readRecords(t, src)
			if err != nil {
				t.Fatal(err)
			}
			var got [][]string
			for _, r := range recs {
				got = append(got, r.Fields)
			}
			if !reflect.DeepEqual(got, tt.rows) {
				t.Errorf("rows %q\nwant %q", got, tt.rows)
			}
			if len(recs) == 0 {
				return
			}
			if recs[0].Row != 2 || recs[len(recs)-1].Row != len(tt.rows)+1 && tt.name != "CR only, quoted line break" {
				t.Errorf("rows numbered %d..%d", recs[0].Row, recs[len(recs)-1].Row)
			}
			var codes []string
			for _, p := range recs[0].Problems {
				if p.Kind != pipeline.Note {
					t.Errorf("problem %+v", p)
				}
				codes = append(codes, p.Code)
			}
			if !reflect.DeepEqual(codes, tt.notes) {
				t.Errorf("notes %q, want %q", codes, tt.notes)
			}
			for _, r := range recs[1:] {
				if len(r.Problems) > 0 {
					t.Errorf("row %d: problems %+v", r.Row, r.Problems)
				}
			}
			info := src.Info()
			if info.Encoding != tt.enc || info.LineEnds != tt.ends {
				t.Errorf("info %+v, want encoding %s, line ends %s", info, tt.enc, tt.ends)
			}
		})
	}
}

// crReader reads lone CRs as line ends whatever the chunks its source
// returns.
func TestCRReaderChunks(t *testing.T) {
	in := "a\rb\r\nc\r\rd\r"
	for size := 1; size <= len(in); size++ {
		r := &crReader{r: &chunked{s: in, n: size}}
		out, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if want := "a\nb\r\nc\n\nd\n"; string(out) != want {
			t.Errorf("chunks of %d: %q, want %q", size, out, want)
		}
	}
}

type chunked struct {
	s string
	n int
}

func (c *chunked) Read(p []byte) (int, error) {
	if c.s == "" {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.n)], c.s)
	c.s = c.s[n:]
	return n, nil
}

// TestErrorsQuoteNoCells (issue 14, item 7): reader errors name the file,
// sheet and row, never a cell, whatever failed.
func TestErrorsQuoteNoCells(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	rowsXML := readertest.SheetXML(people)
	entityName := strings.Replace(rowsXML, "<t>MARK3</t>", "<t>&priya.raman@example.com;</t>", 1)
	cases := map[string]struct {
		path string
		opt  Options
	}{
		"no header row (HeaderOK rejects every row)": {writeWorkbook(t, oneSheet(rowsXML)), Options{HeaderOK: func([]string) bool { return false }}},
		"empty CSV":                       {write("empty.csv", nil), Options{}},
		"workbook part with an entity":    {write("wb.xlsx", zipOf(t, readertest.Workbook{Sheets: []readertest.Sheet{{Name: "Priya Raman"}}}, "xl/workbook.xml", `<workbook><sheets><sheet name="&priya.raman@example.com;" r:id="rId1"/></sheets></workbook>`)), Options{}},
		"sheet cut short":                 {writeWorkbook(t, oneSheet(readertest.CutAfter(entityName, `<row r="4">`))), Options{}},
		"not a zip":                       {write("fake.xlsx", []byte("Priya Raman,priya.raman@example.com\n")), Options{}},
		"parquet that is not":             {write("fake.parquet", []byte("Priya Raman,priya.raman@example.com\nPAR1")), Options{}},
		"unknown sheet named like a cell": {writeWorkbook(t, oneSheet(rowsXML)), Options{Sheet: "Wei Zhang"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			src, err := Open(c.path, c.opt)
			if err == nil {
				_, err = readRecords(t, src)
				src.Close()
			}
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			checkNoContent(t, "error", strings.ReplaceAll(msg, `"Wei Zhang"`, ""))
			if !strings.Contains(msg, filepath.Base(c.path)) {
				t.Errorf("error %q does not name the file", msg)
			}
			var re *Error
			if !errors.As(err, &re) {
				t.Errorf("error %T, want *Error", err)
			}
		})
	}
	// A file that is not there: the system's error, naming the path.
	for _, ext := range []string{".csv", ".xlsx", ".parquet"} {
		if _, err := Open(filepath.Join(dir, "missing"+ext), Options{}); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "missing"+ext) {
			t.Errorf("missing%s: %v", ext, err)
		}
	}
	// A file name with a newline cannot start a new log line.
	if got := (&Error{File: "a\nERROR forged.csv", Msg: "x"}).Error(); strings.Contains(got, "\n") {
		t.Errorf("message %q holds a newline", got)
	}
}

// zipOf returns wb's package with one part replaced.
func zipOf(t *testing.T, wb readertest.Workbook, name, data string) []byte {
	t.Helper()
	parts := wb.Parts()
	for i := range parts {
		if parts[i].Name == name {
			parts[i].Data = []byte(data)
		}
	}
	p := filepath.Join(t.TempDir(), "z.zip")
	if err := readertest.Zip(p, parts...); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	return b
}

// TestXLSXPartEncodings: sheets written with namespace prefixes, in UTF-16
// or in a declared legacy encoding read as plain ones.
func TestXLSXPartEncodings(t *testing.T) {
	seeds := sheetSeeds()
	for _, name := range []string{"prefixed names", "utf-16 part", "latin-1 declared", "shared strings"} {
		t.Run(name, func(t *testing.T) {
			s := seeds[name]
			wb := oneSheet(s[0])
			wb.SharedStrings = s[1]
			header, recs := readWorkbook(t, wb)
			want := slices.Clone(people[1:])
			switch name {
			case "latin-1 declared":
				want[0] = []string{"A-1", "Priya Raman", "priya.raman@example.com", "Infirmière", "37.5"}
			case "shared strings":
				want[1] = []string{"A-2", "Marc Tremblay", "marc.t@example.com", "Line cook", "40"}
			}
			var got [][]string
			for _, r := range recs {
				got = append(got, r.Fields)
				if len(r.Problems) > 0 {
					t.Errorf("row %d: %+v", r.Row, r.Problems)
				}
			}
			if !reflect.DeepEqual(header, people[0]) || !reflect.DeepEqual(got, want) {
				t.Errorf("header %q rows %q\nwant %q", header, got, want)
			}
		})
	}
}
