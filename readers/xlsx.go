package readers

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/casescreen/casescreen/pipeline"
)

// XLSX streams one worksheet of a workbook row by row: the sheet and the
// shared strings are read from the zip as they unpack, never held whole
// (a huge shared-strings part keeps only the strings the sheet uses). Cells
// come as the text Excel would show, except that dates are ISO.
//
// Broken XML costs only what it breaks: an undefined entity or a stray '<'
// in a cell gives that cell a ReasonXMLBroken problem and the rest of the
// row and sheet are read; a malformed cell or row reference gives a reason
// and the value is placed after the previous cell or row. A sheet whose XML
// ends before its data does (a truncated file) or whose bytes fail to unpack
// is a fatal *Error naming the last row read, never a shorter output.
type XLSX struct {
	name      string
	pkg       *xlsxPackage
	strs      *sharedStrings
	fmt       *formatter
	sheet     string
	member    io.Closer
	stream    *xmlStream
	size      int64 // the sheet's unpacked size, for Done
	p         *sheetParser
	header    []string
	headerRow int
	queue     []*sheetRow        // rows read while looking for the header, after it
	notes     []pipeline.Problem // about the file; put on the first record
	passed    []PassedSheet
	started   bool
}

// headerSearchRows is how many non-empty rows of a sheet are offered to
// Options.HeaderOK before the sheet is passed over.
const headerSearchRows = 10

// OpenXLSX opens path and reads the header of sheet, or, when sheet is
// empty, of the first visible worksheet: Open with Options{Sheet: sheet}.
// Errors are as Open's.
func OpenXLSX(path, sheet string) (*XLSX, error) {
	return openXLSX(path, Options{Sheet: sheet})
}

func openXLSX(path string, opt Options) (x *XLSX, err error) {
	name := base(path)
	defer recoverAs(&err, name)
	pkg, err := openPackage(path)
	if err != nil {
		return nil, err
	}
	var sheetsSize int64
	for _, s := range pkg.sheets {
		if s.kind == "worksheet" && s.part != nil {
			sheetsSize += int64(s.part.UncompressedSize64)
		}
	}
	x = &XLSX{name: name, pkg: pkg, strs: newSharedStrings(pkg.shared, sheetsSize),
		fmt: &formatter{styles: pkg.styles, date1904: pkg.date1904}}
	if pkg.styles != nil {
		if x.fmt.init(); x.fmt.failed {
			x.notes = append(x.notes, pipeline.Problem{Kind: pipeline.Note, Code: ReasonStylesUnreadable,
				Detail: "the workbook's styles could not be read: numbers are unformatted and dates are Excel serial numbers"})
		}
	}
	if err := x.choose(opt); err != nil {
		x.Close()
		return nil, err
	}
	return x, nil
}

// choose finds the sheet to read and its header.
func (x *XLSX) choose(opt Options) error {
	if opt.Sheet != "" {
		for _, e := range x.pkg.sheets {
			if e.name != opt.Sheet {
				continue
			}
			if e.kind != "worksheet" || e.part == nil {
				return &Error{File: x.name, Sheet: e.name, Msg: "not a worksheet of rows (" + kindText(e) + ")"}
			}
			found, _, err := x.tryHeader(e, opt.HeaderOK, true)
			if err != nil {
				return err
			}
			if !found {
				return &Error{File: x.name, Sheet: e.name, Msg: "the sheet is empty: no header row"}
			}
			return nil
		}
		return &Error{File: x.name, Msg: "no sheet " + strconv.Quote(opt.Sheet) + " (sheets: " + quoteList(x.pkg.sheetNames()) + ")"}
	}
	sheets := x.pkg.sheets
	why := make([]string, len(sheets)) // why each sheet was passed over
	var candidates []int
	for i, e := range sheets {
		switch {
		case e.kind != "worksheet" || e.part == nil:
			why[i] = kindText(e)
		case e.state == "hidden" || e.state == "veryHidden":
			why[i] = "hidden"
		default:
			candidates = append(candidates, i)
		}
	}
	passedBefore := func(k int) {
		for i := range sheets[:k] {
			x.passed = append(x.passed, PassedSheet{sheets[i].name, why[i]})
		}
	}
	if opt.HeaderOK == nil {
		if len(candidates) == 0 {
			// No visible worksheet: the first worksheet, as Excel shows
			// once the sheets are unhidden.
			for i, e := range sheets {
				if e.kind == "worksheet" && e.part != nil {
					candidates = append(candidates, i)
					break
				}
			}
		}
		if len(candidates) == 0 {
			return &Error{File: x.name, Msg: "the workbook has no worksheet (sheets: " + quoteList(x.pkg.sheetNames()) + ")"}
		}
		k := candidates[0]
		found, _, err := x.tryHeader(sheets[k], nil, true)
		if err != nil {
			return err
		}
		if !found {
			return &Error{File: x.name, Sheet: sheets[k].name, Msg: "the sheet is empty: no header row"}
		}
		passedBefore(k)
		return nil
	}
	for _, k := range candidates {
		found, w, err := x.tryHeader(sheets[k], opt.HeaderOK, false)
		if err != nil {
			return err
		}
		if found {
			passedBefore(k)
			return nil
		}
		why[k] = w
	}
	list := make([]string, len(sheets))
	for i, e := range sheets {
		list[i] = strconv.Quote(e.name) + ": " + why[i]
	}
	if len(list) == 0 {
		return &Error{File: x.name, Msg: "the workbook has no sheets"}
	}
	return &Error{File: x.name, Msg: "no sheet has a recognisable header row (sheets: " + strings.Join(list, "; ") + ")"}
}

func kindText(e sheetEntry) string {
	switch {
	case e.part == nil && e.kind == "worksheet":
		return "its part is missing"
	case e.kind == "worksheet":
		return "worksheet"
	case e.kind == "chartsheet":
		return "chart sheet"
	case e.kind == "dialogsheet":
		return "dialog sheet"
	case e.kind == "macrosheet" || e.kind == "xlMacrosheet":
		return "macro sheet"
	}
	return "not a worksheet"
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// tryHeader opens sheet e and looks for its header among its first
// non-empty rows: the first one headerOK accepts (any, when headerOK is
// nil); when forced and none is accepted, the first non-empty row. When
// none is found the sheet is closed again and why says so.
func (x *XLSX) tryHeader(e sheetEntry, headerOK func([]string) bool, forced bool) (found bool, why string, err error) {
	if err := x.openSheet(e); err != nil {
		return false, "", err
	}
	var seen []*sheetRow
	first, nonEmpty := -1, 0
	limit := headerSearchRows
	if headerOK == nil {
		limit = 1
	}
	for nonEmpty < limit {
		r, err := x.p.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return false, "", x.fatal(err)
		}
		seen = append(seen, r)
		if blank(r.cells) {
			continue
		}
		nonEmpty++
		if first < 0 {
			first = len(seen) - 1
		}
		if headerOK == nil || headerOK(trimmed(r.cells)) {
			x.useHeader(seen, len(seen)-1, first)
			return true, "", nil
		}
	}
	if forced && first >= 0 {
		x.useHeader(seen, first, first)
		return true, "", nil
	}
	x.closeSheet()
	if first < 0 {
		return false, "empty", nil
	}
	switch {
	case nonEmpty == limit:
		return false, "no recognisable header in its first " + strconv.Itoa(limit) + " non-empty rows", nil
	case nonEmpty == 1:
		return false, "no recognisable header (its one non-empty row is not one)", nil
	}
	return false, "no recognisable header in its " + strconv.Itoa(nonEmpty) + " non-empty rows", nil
}

func trimmed(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

// useHeader takes seen[k] as the header: the rows after it are data, the
// problems of rows up to it are kept for the first record.
func (x *XLSX) useHeader(seen []*sheetRow, k, first int) {
	h := seen[k]
	x.header, x.headerRow = trimmed(h.cells), h.num
	x.queue = seen[k+1:]
	above := 0
	for i, r := range seen[:k+1] {
		if i < k && !blank(r.cells) {
			above++
		}
		for _, p := range r.probs {
			x.notes = append(x.notes, pipeline.Problem{Kind: pipeline.Input, Code: p.code,
				Detail: "row " + strconv.Itoa(r.num) + " (the header or above it): " + p.detail})
		}
	}
	if above > 0 {
		x.notes = append(x.notes, pipeline.Problem{Kind: pipeline.Note, Code: ReasonRowsAboveHeader,
			Detail: fmt.Sprintf("%d non-empty rows above the header (row %d) were not read as data", above, x.headerRow)})
	}
}

// openSheet starts reading sheet e. With a selectively kept shared-strings
// part, a first pass over the sheet lists the strings it uses.
func (x *XLSX) openSheet(e sheetEntry) error {
	x.closeSheet()
	fail := func(msg string) error { return &Error{File: x.name, Sheet: e.name, Msg: msg} }
	if x.strs != nil {
		if !x.strs.whole {
			rc, err := e.part.Open()
			if err != nil {
				return fail("the sheet cannot be unpacked: " + describe(err))
			}
			if s, err := newXMLStream(rc); err == nil {
				lp := &sheetParser{s: s, strs: x.strs, listed: true}
				for {
					if _, err := lp.next(); err != nil {
						break // the main pass reports what stopped this one
					}
				}
			}
			rc.Close()
		}
		if err := x.strs.ensure(); err != nil {
			return fail("the workbook's shared strings cannot be read: " + err.Error())
		}
	}
	rc, err := e.part.Open()
	if err != nil {
		return fail("the sheet cannot be unpacked: " + describe(err))
	}
	s, err := newXMLStream(rc)
	if err != nil {
		rc.Close()
		return fail("the sheet cannot be read: " + err.Error())
	}
	x.sheet, x.member, x.stream, x.size = e.name, rc, s, int64(e.part.UncompressedSize64)
	x.p = &sheetParser{s: s, strs: x.strs, fmt: x.fmt}
	return nil
}

func (x *XLSX) closeSheet() error {
	var err error
	if x.member != nil {
		err = x.member.Close()
	}
	x.member, x.stream, x.p, x.sheet = nil, nil, nil, ""
	return err
}

// fatal turns the parser's errCutShort into the error the run stops with.
func (x *XLSX) fatal(err error) error {
	if !errors.Is(err, errCutShort) {
		return &Error{File: x.name, Sheet: x.sheet, Row: x.p.done, Msg: "the sheet could not be read", Err: err}
	}
	after := "before its first row"
	if x.p.done > 0 {
		after = "after row " + strconv.Itoa(x.p.done)
	}
	if ioErr := x.stream.ioErr; ioErr != nil {
		return &Error{File: x.name, Sheet: x.sheet, Row: x.p.done, Err: ioErr,
			Msg: "the sheet cannot be unpacked to its end (" + describe(ioErr) + "): the file is damaged; nothing " + after + " could be read"}
	}
	return &Error{File: x.name, Sheet: x.sheet, Row: x.p.done,
		Msg: "the sheet's XML ends " + after + ", before the end of its data: the file is truncated or damaged"}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// recoverAs turns a panic inside a third-party decoder, on a file crafted
// or broken in a way it does not expect, into an error naming the file:
// hostile input must not crash a nightly run. The panic's value is not
// shown: it may quote the input.
func recoverAs(err *error, name string) {
	if r := recover(); r != nil {
		*err = &Error{File: name, Msg: "the file could not be decoded (the decoder failed on it)", Err: fmt.Errorf("panic: %v", r)}
	}
}

// Header implements pipeline.Source.
func (x *XLSX) Header() []string { return x.header }

// Sheet returns the name of the sheet read.
func (x *XLSX) Sheet() string { return x.sheet }

// Info implements Describer.
func (x *XLSX) Info() Info {
	return Info{File: x.name, Format: "xlsx", Sheet: x.sheet, HeaderRow: x.headerRow, Passed: x.passed}
}

// Read implements pipeline.Source. Empty rows are skipped, as a person
// reading the sheet would; every other row becomes a record, rows with
// unreadable cells included.
func (x *XLSX) Read() (rec *pipeline.Record, err error) {
	defer recoverAs(&err, x.name)
	for {
		var r *sheetRow
		if len(x.queue) > 0 {
			r, x.queue = x.queue[0], x.queue[1:]
		} else {
			r, err = x.p.next()
			if errors.Is(err, io.EOF) {
				return nil, io.EOF
			}
			if err != nil {
				return nil, x.fatal(err)
			}
		}
		if blank(r.cells) && len(r.probs) == 0 {
			continue
		}
		rec := &pipeline.Record{Source: x.name, Row: r.num}
		if len(r.cells) < len(x.header) {
			// Excel drops trailing empty cells: a short row is normal here.
			f := make([]string, len(x.header))
			copy(f, r.cells)
			rec.Fields = f
		} else {
			rec.Fields = fitFields(rec, r.cells, x.header, " ")
		}
		if !x.started {
			x.started = true
			rec.Problems = append(x.notes, rec.Problems...)
		}
		for _, p := range r.probs {
			field := ""
			if p.col > 0 {
				field = columnName(x.header, p.col-1)
			}
			rec.Add(pipeline.Input, p.code, field, p.detail)
		}
		return rec, nil
	}
}

// Merges returns the sheet's merged cells. They follow the sheet's data in
// the file, so they are known only once Read has returned io.EOF; before,
// Merges returns nil.
func (x *XLSX) Merges() []MergedRange {
	if x.p == nil || !x.p.ended {
		return nil
	}
	return x.p.merges
}

// Done returns the share of the sheet read so far, 0..1.
func (x *XLSX) Done() float64 {
	if x.stream == nil || x.size <= 0 {
		return 0
	}
	return min(1, float64(x.stream.read.Load())/float64(x.size))
}

// Close implements pipeline.Source.
func (x *XLSX) Close() error {
	return errors.Join(x.closeSheet(), x.pkg.Close())
}
