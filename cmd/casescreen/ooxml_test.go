package main

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// worksheetOrder is the sequence of CT_Worksheet's children (ECMA-376
// part 1, 18.3.1.99); Excel refuses a sheet whose parts are out of order.
var worksheetOrder = []string{"sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
	"sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews",
	"mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins",
	"pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
	"drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
	"tableParts", "extLst"}

var badSheetName = regexp.MustCompile(`[\[\]:*?/\\]`)

// checkOOXML reads the parts of a workbook and checks the rules of the
// format that Excel enforces and that can be stated: worksheet parts in
// schema order, columns ascending and not overlapping, rows and cells in
// ascending order, no formula written with a leading "=", sheet names
// valid and unique, defined names unique in their scope and naming the
// sheet they belong to.
func checkOOXML(t *testing.T, path string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	read := func(name string) []byte {
		for _, f := range zr.File {
			if f.Name == name {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				return b
			}
		}
		return nil
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"sheetId,attr"`
		} `xml:"sheets>sheet"`
		Names []struct {
			Name  string `xml:"name,attr"`
			Local *int   `xml:"localSheetId,attr"`
			Value string `xml:",chardata"`
		} `xml:"definedNames>definedName"`
	}
	if err := xml.Unmarshal(read("xl/workbook.xml"), &wb); err != nil {
		t.Fatal(err)
	}
	names, ids := map[string]bool{}, map[string]bool{}
	for _, s := range wb.Sheets {
		low := strings.ToLower(s.Name)
		if names[low] || ids[s.ID] {
			t.Errorf("%s: sheet %q or id %s repeated", path, s.Name, s.ID)
		}
		names[low], ids[s.ID] = true, true
		if n := len([]rune(s.Name)); n == 0 || n > 31 || badSheetName.MatchString(s.Name) || strings.HasPrefix(s.Name, "'") || strings.HasSuffix(s.Name, "'") {
			t.Errorf("%s: sheet name %q is not valid in Excel", path, s.Name)
		}
	}
	scoped := map[string]bool{}
	for _, n := range wb.Names {
		scope := "workbook"
		if n.Local != nil {
			if *n.Local < 0 || *n.Local >= len(wb.Sheets) {
				t.Errorf("%s: defined name %s scoped to sheet %d of %d", path, n.Name, *n.Local, len(wb.Sheets))
				continue
			}
			scope = wb.Sheets[*n.Local].Name
			if strings.HasPrefix(n.Name, "_xlnm.Print") || n.Name == "_xlnm._FilterDatabase" {
				for _, part := range strings.Split(n.Value, ",") {
					sheet, _, _ := strings.Cut(part, "!")
					sheet = strings.ReplaceAll(strings.Trim(sheet, "'"), "''", "'")
					if sheet != scope {
						t.Errorf("%s: %s of sheet %q refers to sheet %q", path, n.Name, scope, sheet)
					}
				}
			}
		}
		key := scope + "\x00" + strings.ToLower(n.Name)
		if scoped[key] {
			t.Errorf("%s: defined name %s twice in %s", path, n.Name, scope)
		}
		scoped[key] = true
		if strings.HasPrefix(strings.TrimSpace(n.Value), "=") {
			t.Errorf("%s: defined name %s starts with '=': %q", path, n.Name, n.Value)
		}
	}
	for _, f := range zr.File {
		switch {
		case strings.HasPrefix(f.Name, "xl/worksheets/sheet"):
			checkWorksheet(t, path+":"+f.Name, read(f.Name))
		case strings.HasPrefix(f.Name, "xl/charts/"):
			for _, m := range regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`).FindAllSubmatch(read(f.Name), -1) {
				if strings.HasPrefix(string(m[1]), "=") {
					t.Errorf("%s: chart reference %q starts with '='", f.Name, m[1])
				}
			}
		}
	}
}

// errorer is the part of testing.T the checks use, so a test can check
// the checker.
type errorer interface {
	Helper()
	Errorf(format string, args ...any)
}

type fakeT struct{ errors int }

func (*fakeT) Helper()                 {}
func (f *fakeT) Errorf(string, ...any) { f.errors++ }

func checkWorksheet(t *testing.T, where string, data []byte) { checkWorksheetInto(t, where, data) }

func checkWorksheetInto(t errorer, where string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	depth, lastPart := 0, -1
	lastRow, lastColMax := 0, 0
	row, lastCell := 0, 0
	var text strings.Builder
	inFormula := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("%s: %v", where, err)
			return
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			attr := func(name string) string {
				for _, a := range el.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			if depth == 2 {
				i := slices.Index(worksheetOrder, el.Name.Local)
				if i < 0 {
					t.Errorf("%s: unknown worksheet part <%s>", where, el.Name.Local)
				} else if i < lastPart {
					t.Errorf("%s: <%s> after <%s>: out of schema order", where, el.Name.Local, worksheetOrder[lastPart])
				} else {
					lastPart = i
				}
			}
			switch el.Name.Local {
			case "col":
				lo, _ := strconv.Atoi(attr("min"))
				hi, _ := strconv.Atoi(attr("max"))
				if lo > hi || lo <= lastColMax {
					t.Errorf("%s: <col min=%d max=%d> after max %d: columns must ascend without overlap", where, lo, hi, lastColMax)
				}
				lastColMax = hi
			case "row":
				row, _ = strconv.Atoi(attr("r"))
				if row <= lastRow {
					t.Errorf("%s: row %d after row %d", where, row, lastRow)
				}
				lastRow, lastCell = row, 0
			case "c":
				col, r, err := excelize.CellNameToCoordinates(attr("r"))
				if err != nil || r != row || col <= lastCell {
					t.Errorf("%s: cell %q in row %d after column %d", where, attr("r"), row, lastCell)
				}
				lastCell = col
			case "f", "formula":
				inFormula = true
				text.Reset()
			}
		case xml.CharData:
			if inFormula {
				text.Write(el)
			}
		case xml.EndElement:
			depth--
			if el.Name.Local == "f" || el.Name.Local == "formula" {
				inFormula = false
				if strings.HasPrefix(strings.TrimSpace(text.String()), "=") {
					t.Errorf("%s: formula %q starts with '='", where, text.String())
				}
			}
		}
	}
}

// The checker finds what it is meant to find.
func TestCheckOOXMLCatchesFaults(t *testing.T) {
	bad := []string{
		`<worksheet><sheetData/><cols><col min="1" max="1"/></cols></worksheet>`,
		`<worksheet><cols><col min="2" max="2"/><col min="1" max="1"/></cols></worksheet>`,
		`<worksheet><sheetData><row r="2"/><row r="1"/></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="1"><c r="B1"/><c r="A1"/></row></sheetData></worksheet>`,
		`<worksheet><conditionalFormatting><cfRule><formula>=LEN(A1)</formula></cfRule></conditionalFormatting></worksheet>`,
	}
	for i, b := range bad {
		ft := &fakeT{}
		checkWorksheetInto(ft, fmt.Sprintf("bad %d", i), []byte(b))
		if ft.errors == 0 {
			t.Errorf("case %d passed the checker: %s", i, b)
		}
	}
	ft := &fakeT{}
	checkWorksheetInto(ft, "good", []byte(`<worksheet><cols><col min="1" max="2"/><col min="3" max="3"/></cols><sheetData><row r="1"><c r="A1"/><c r="C1"><f>SUM(A1)</f></c></row></sheetData></worksheet>`))
	if ft.errors != 0 {
		t.Errorf("a valid sheet failed the checker")
	}
}
