package readers

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
)

// Spreadsheet limits (Excel's, and the file format's).
const (
	maxColumns = 16384   // XFD
	maxRows    = 1048576 // rows of a sheet
)

// sheetRow is one row as the sheet's XML gives it.
type sheetRow struct {
	num   int
	cells []string      // by column, trailing empty cells absent
	probs []cellProblem // what could not be read as written
}

// cellProblem is a reason about one cell (col > 0) or the row (col 0).
type cellProblem struct {
	col          int
	code, detail string
}

// errCutShort is a sheet whose XML ends (or whose bytes fail) before the
// end of its data.
var errCutShort = errors.New("sheet cut short")

// sheetParser reads a worksheet's rows from its XML stream. It is not
// encoding/xml's Unmarshal but a small state machine over raw tokens, so
// that a syntax error costs the cell (or the cells) it breaks, with a
// reason, and reading goes on at the next cell or row (see xmlStream).
// Only the end of the input before the end of the sheet's data, or a
// failure of the bytes underneath, stops it.
type sheetParser struct {
	s      *xmlStream
	strs   *sharedStrings // nil when the workbook has none
	fmt    *formatter
	listed bool // first pass: only note the shared strings used (strs.want)

	inData, ended bool
	endErr        error // after the data ended: the failure found draining the part
	last          int   // number of the last row started
	done          int   // number of the last row finished
	pending       *xml.StartElement
	inRow         bool
	implicit      bool // a row whose start tag was lost: numbered from its first cell
	row           sheetRow
	lastCol       int

	// merges are the merged ranges listed after the sheet's data, known
	// once its last row is read.
	merges []MergedRange

	inCell bool
	cell   struct {
		col, style      int
		typ             string
		drop            bool
		v, t            []byte
		inV, inT, hasIS bool
		phonetic        int
	}
}

// next returns the next row of the sheet, io.EOF after the last, or
// errCutShort (with the stream's ioErr, if any, for the cause).
func (p *sheetParser) next() (*sheetRow, error) {
	for {
		if p.ended {
			if p.endErr != nil {
				return nil, p.endErr
			}
			return nil, io.EOF
		}
		var tok xml.Token
		if p.pending != nil {
			tok, p.pending = *p.pending, nil
		} else {
			t, err := p.s.token()
			if err != nil {
				if r, ok := p.recover(err); ok {
					if r != nil {
						return r, nil
					}
					continue
				}
				return nil, errCutShort
			}
			tok = t
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sheetData":
				p.inData = true
			case "row":
				if !p.inData {
					continue
				}
				if p.inRow {
					se := t.Copy()
					p.pending = &se
					return p.finishRow(), nil
				}
				p.startRow(&t)
			case "c":
				if !p.inData {
					continue
				}
				if !p.inRow {
					p.startImplicitRow()
				}
				if p.inCell {
					p.endCell()
				}
				p.startCell(&t)
			case "v":
				if p.inCell {
					p.cell.inV = true
				}
			case "is":
				if p.inCell {
					p.cell.hasIS = true
				}
			case "t":
				if p.inCell && p.cell.hasIS && p.cell.phonetic == 0 {
					p.cell.inT = true
				}
			case "rPh":
				if p.inCell {
					p.cell.phonetic++
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "c":
				if p.inCell {
					p.endCell()
				}
			case "v":
				p.cell.inV = false
			case "t":
				p.cell.inT = false
			case "rPh":
				p.cell.phonetic = max(0, p.cell.phonetic-1)
			case "row":
				if p.inRow {
					return p.finishRow(), nil
				}
			case "sheetData", "worksheet":
				if p.inData || t.Name.Local == "worksheet" {
					p.ended = true
					p.endErr = nil
					if t.Name.Local == "sheetData" && !p.listed {
						p.readMerges()
					}
					if err := p.s.drain(); err != nil {
						p.endErr = errCutShort
					}
					if p.inRow {
						return p.finishRow(), nil
					}
				}
			}
		case xml.CharData:
			if p.inCell {
				switch {
				case p.cell.inT:
					p.cell.t = append(p.cell.t, t...)
				case p.cell.inV:
					p.cell.v = append(p.cell.v, t...)
				}
			}
		}
	}
}

// recover handles an error from the tokenizer. When the XML is broken it
// notes a reason on the cell or row being read, skips to the next cell or
// row, and returns ok; the row is returned when the skip ended it. At the
// end of the input or on a failure underneath it returns !ok.
func (p *sheetParser) recover(err error) (*sheetRow, bool) {
	if errors.Is(err, io.EOF) || !p.s.broken(err) {
		return nil, false
	}
	switch {
	case p.inCell:
		p.problem(p.cell.col, ReasonXMLBroken, "the cell's XML is broken (an undefined entity or a stray '<'); the cell could not be read")
		p.inCell = false
	case p.inRow:
		p.problem(0, ReasonXMLBroken, "the row's XML is broken between cells; cells there may be missing")
	}
	names := []string{"c", "row", "/row", "/sheetData"}
	if !p.inData {
		names = []string{"sheetData", "row", "c"}
	}
	switch p.s.resync(names...) {
	case "":
		return nil, false
	case "row", "c":
		p.inData = true
	}
	return nil, true
}

// problem notes a reason on the row being read, once per cell and code.
func (p *sheetParser) problem(col int, code, detail string) {
	for _, q := range p.row.probs {
		if q.col == col && q.code == code {
			return
		}
	}
	p.row.probs = append(p.row.probs, cellProblem{col, code, detail})
}

func (p *sheetParser) startRow(se *xml.StartElement) {
	p.inRow, p.implicit, p.lastCol = true, false, 0
	p.row = sheetRow{num: p.last + 1}
	if v, ok := attr(se, "r"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		switch {
		case err != nil || n < 1 || n > maxRows:
			p.problem(0, ReasonRowRefInvalid, "the row's number is not a valid row number; numbered after the previous row")
		case n <= p.last:
			p.problem(0, ReasonRowRefInvalid, "the row's number repeats or goes backwards; numbered after the previous row")
		default:
			p.row.num = n
		}
	}
	p.last = p.row.num
}

// startImplicitRow begins a row whose start tag was lost to broken XML.
func (p *sheetParser) startImplicitRow() {
	p.inRow, p.implicit, p.lastCol = true, true, 0
	p.row = sheetRow{num: p.last + 1}
	p.problem(0, ReasonXMLBroken, "the row's start tag is broken; the row was numbered from its cells")
	p.last = p.row.num
}

func (p *sheetParser) finishRow() *sheetRow {
	if p.inCell {
		p.endCell()
	}
	p.inRow = false
	p.done = p.row.num
	r := p.row
	p.row = sheetRow{}
	return &r
}

func (p *sheetParser) startCell(se *xml.StartElement) {
	c := &p.cell
	c.typ, c.style, c.drop = "", 0, false
	c.v, c.t = c.v[:0], c.t[:0]
	c.inV, c.inT, c.hasIS, c.phonetic = false, false, false, 0
	p.inCell = true
	col := p.lastCol + 1
	if ref, ok := attr(se, "r"); ok {
		rc, rr, valid := parseRef(ref)
		switch {
		case !valid:
			p.problem(col, ReasonCellRefInvalid, "the cell's reference is not a valid cell name; placed after the previous cell")
		case rc <= p.lastCol:
			p.problem(col, ReasonCellRefInvalid, "the cell's reference repeats or goes backwards; placed after the previous cell")
		default:
			col = rc
			if p.implicit && rr >= p.row.num {
				p.row.num, p.last = rr, rr
			}
		}
	}
	p.implicit = false
	if col > maxColumns {
		c.drop = true
		p.problem(0, ReasonCellRefInvalid, "a cell past the last column (XFD) was dropped")
	}
	c.col = col
	p.lastCol = col
	c.typ, _ = attr(se, "t")
	if s, ok := attr(se, "s"); ok {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			c.style = n
		}
	}
}

// parseRef reads a cell reference such as "B7" or "b7".
func parseRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && i < 4 {
		ch := ref[i] | 0x20
		if ch < 'a' || ch > 'z' {
			break
		}
		col = col*26 + int(ch-'a'+1)
		i++
	}
	if i == 0 || i == len(ref) || col > maxColumns {
		return 0, 0, false
	}
	for _, ch := range ref[i:] {
		if ch < '0' || ch > '9' {
			return 0, 0, false
		}
		row = row*10 + int(ch-'0')
		if row > maxRows {
			return 0, 0, false
		}
	}
	return col, row, row >= 1
}

func (p *sheetParser) endCell() {
	p.inCell = false
	c := &p.cell
	v := p.value()
	if v == "" || c.drop {
		return
	}
	for len(p.row.cells) < c.col-1 {
		p.row.cells = append(p.row.cells, "")
	}
	p.row.cells = append(p.row.cells, v)
}

// value returns the cell's text as excelize's row reader shows it: shared
// and inline strings as written (with Excel's _xHHHH_ escapes decoded),
// booleans as TRUE/FALSE, errors (#N/A) and formula strings as stored,
// numbers through their number format (formatter), ISO date cells as
// dates.
func (p *sheetParser) value() string {
	c := &p.cell
	switch c.typ {
	case "s":
		raw := strings.TrimSpace(string(c.v))
		if raw == "" {
			return ""
		}
		i, err := strconv.Atoi(raw)
		if p.listed {
			if err == nil && p.strs != nil {
				p.strs.want(i)
			}
			return ""
		}
		if err != nil || p.strs == nil {
			p.problem(c.col, ReasonSharedStringInvalid, "the cell points to a shared string that the workbook does not have")
			return ""
		}
		s, st := p.strs.get(i)
		switch st {
		case sharedMissing:
			p.problem(c.col, ReasonSharedStringInvalid, "the cell points to a shared string that the workbook does not have")
		case sharedBroken:
			p.problem(c.col, ReasonXMLBroken, "the cell's shared string is broken XML (an undefined entity or a stray '<'); the cell could not be read")
		}
		return s
	case "inlineStr":
		if c.hasIS {
			return string(unescapeBSTR(c.t))
		}
		return string(c.v)
	case "str", "e":
		return string(c.v)
	case "b":
		switch string(c.v) {
		case "1":
			return "TRUE"
		case "0":
			return "FALSE"
		}
		return string(c.v)
	case "d":
		v := string(c.v)
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
			if t, err := time.Parse(layout, v); err == nil {
				return t.Format("2006-01-02")
			}
		}
		return v
	}
	if p.listed || len(c.v) == 0 {
		return ""
	}
	return p.fmt.number(c.style, string(c.v))
}

// MergedRange is a merged cell of a worksheet: the cells from (FirstCol,
// FirstRow) to (LastCol, LastRow), 1-based, show the top-left cell's value.
type MergedRange struct {
	FirstCol, FirstRow, LastCol, LastRow int
}

// Covers reports whether the range holds the cell at col, row (1-based).
func (m MergedRange) Covers(col, row int) bool {
	return col >= m.FirstCol && col <= m.LastCol && row >= m.FirstRow && row <= m.LastRow
}

// readMerges reads the <mergeCell ref="A2:A4"/> elements that follow the
// sheet's data, up to the end of the worksheet. Broken XML there ends the
// list: it never fails the sheet, whose data is all read.
func (p *sheetParser) readMerges() {
	for {
		tok, err := p.s.token()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "mergeCell" {
				continue
			}
			ref, _ := attr(&t, "ref")
			from, to, ok := strings.Cut(ref, ":")
			if !ok {
				continue
			}
			c1, r1, ok1 := parseRef(from)
			c2, r2, ok2 := parseRef(to)
			if ok1 && ok2 && c1 <= c2 && r1 <= r2 {
				p.merges = append(p.merges, MergedRange{FirstCol: c1, FirstRow: r1, LastCol: c2, LastRow: r2})
			}
		case xml.EndElement:
			if t.Name.Local == "worksheet" {
				return
			}
		}
	}
}
