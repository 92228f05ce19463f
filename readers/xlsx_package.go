package readers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
)

// xlsxPackage is an opened workbook: its zip members and the structure
// read from the workbook part (sheets in order, their kinds and states,
// where the shared strings and styles are). Only these small parts are
// read whole; sheets and shared strings are streamed from their members.
type xlsxPackage struct {
	name     string // base name, for messages
	zr       *zip.ReadCloser
	parts    map[string]*zip.File // by lower-case name, '/'-separated
	sheets   []sheetEntry
	shared   *zip.File // nil when the workbook has no shared strings
	styles   *zip.File // nil when it has no styles
	date1904 bool
}

// sheetEntry is one sheet as the workbook lists it.
type sheetEntry struct {
	name  string
	kind  string // "worksheet", "chartsheet", "dialogsheet", "macrosheet"; "" when unknown
	state string // "" (visible), "hidden" or "veryHidden"
	part  *zip.File
}

const relBase = "/relationships/" // relationship types end ".../relationships/worksheet" (transitional and strict)

// smallPartLimit bounds the parts read whole (workbook, relationships, styles).
const smallPartLimit = 32 << 20

var oleMagic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")

func openPackage(filePath string) (*xlsxPackage, error) {
	name := base(filePath)
	fail := func(msg string, err error) (*xlsxPackage, error) {
		return nil, &Error{File: name, Msg: msg, Err: err}
	}
	zr, err := zip.OpenReader(filePath)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, err // cannot be opened: the path and the system's reason
		}
		var head [8]byte
		if f, oerr := os.Open(filePath); oerr == nil {
			io.ReadFull(f, head[:])
			f.Close()
		}
		switch {
		case bytes.Equal(head[:], oleMagic):
			return fail("not a readable workbook: it is password-protected or an old .xls file; save it as .xlsx without a password", err)
		case errors.Is(err, zip.ErrFormat):
			return fail("not a readable workbook: not a zip archive (truncated, damaged or not XLSX)", err)
		}
		return fail("not a readable workbook: "+describe(err), err)
	}
	p := &xlsxPackage{name: name, zr: zr, parts: map[string]*zip.File{}}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		key := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))
		if _, dup := p.parts[key]; !dup {
			p.parts[key] = f
		}
	}
	if limit := XLSXLimits.UnzipSizeLimit; limit > 0 && total > uint64(limit) {
		zr.Close()
		return fail(fmt.Sprintf("not a readable workbook: its parts unpack to %s, over the size limit of %s (a zip bomb?)", bytesText(total), bytesText(uint64(limit))), nil)
	}
	if err := p.readStructure(); err != nil {
		zr.Close()
		return fail("not a readable workbook: "+err.Error(), err)
	}
	return p, nil
}

func bytesText(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

func (p *xlsxPackage) part(name string) *zip.File {
	return p.parts[strings.ToLower(strings.TrimPrefix(name, "/"))]
}

// readSmall reads a whole part of bounded size.
func readSmall(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > smallPartLimit {
		return nil, errors.New("part too large")
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, smallPartLimit+1))
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
	Mode   string `xml:"TargetMode,attr"`
}

// rels reads the relationships of the part at partName, resolving each
// target to a package path.
func (p *xlsxPackage) rels(partName string) ([]relationship, error) {
	dir, file := path.Split(partName)
	f := p.part(dir + "_rels/" + file + ".rels")
	if f == nil {
		return nil, nil
	}
	b, err := readSmall(f)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	for i, r := range doc.Rels {
		t := strings.ReplaceAll(r.Target, `\`, "/")
		if strings.HasPrefix(t, "/") {
			t = path.Clean(t)
		} else {
			t = path.Join("/"+dir, t)
		}
		doc.Rels[i].Target = strings.TrimPrefix(t, "/")
	}
	return doc.Rels, nil
}

func relKind(typ string) string {
	if i := strings.LastIndex(typ, relBase); i >= 0 {
		return typ[i+len(relBase):]
	}
	return ""
}

// readStructure reads the package relationships and the workbook part.
func (p *xlsxPackage) readStructure() error {
	wbName := "xl/workbook.xml"
	top, err := p.rels("")
	if err != nil {
		return errors.New("its package relationships are unreadable")
	}
	for _, r := range top {
		if relKind(r.Type) == "officeDocument" && r.Mode != "External" {
			wbName = r.Target
			break
		}
	}
	wf := p.part(wbName)
	if wf == nil {
		return errors.New("it has no workbook part")
	}
	b, err := readSmall(wf)
	if err != nil {
		return errors.New("its workbook part is unreadable (" + describe(err) + ")")
	}
	var wb struct {
		Pr *struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			RIDs  string `xml:"http://purl.oclc.org/ooxml/officeDocument/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(b, &wb); err != nil {
		return errors.New("its workbook part is unreadable (" + describe(err) + ")")
	}
	if wb.Pr != nil {
		p.date1904 = wb.Pr.Date1904 == "1" || strings.EqualFold(wb.Pr.Date1904, "true")
	}
	rels, err := p.rels(wbName)
	if err != nil {
		return errors.New("its workbook relationships are unreadable")
	}
	byID := map[string]relationship{}
	for _, r := range rels {
		byID[r.ID] = r
		switch relKind(r.Type) {
		case "sharedStrings":
			if p.shared == nil {
				p.shared = p.part(r.Target)
			}
		case "styles":
			if p.styles == nil {
				p.styles = p.part(r.Target)
			}
		}
	}
	// Workbooks written without relationships for these still name them so.
	if p.shared == nil {
		p.shared = p.part("xl/sharedStrings.xml")
	}
	if p.styles == nil {
		p.styles = p.part("xl/styles.xml")
	}
	for _, s := range wb.Sheets {
		id := s.RID
		if id == "" {
			id = s.RIDs
		}
		e := sheetEntry{name: s.Name, state: s.State}
		if r, ok := byID[id]; ok && r.Mode != "External" {
			e.kind = relKind(r.Type)
			e.part = p.part(r.Target)
		}
		p.sheets = append(p.sheets, e)
	}
	return nil
}

// sheetNames lists the sheets in workbook order.
func (p *xlsxPackage) sheetNames() []string {
	var names []string
	for _, s := range p.sheets {
		names = append(names, s.name)
	}
	return names
}

func (p *xlsxPackage) Close() error { return p.zr.Close() }
