package screen

import (
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/rules"
)

// dateTally counts what a date column's cells say about its order
// (rules.DateOrderEvidence).
type dateTally struct {
	DayFirst, MonthFirst, Ambiguous int
}

func (t *dateTally) add(e rules.DateEvidence) {
	switch e {
	case rules.EvidenceDayFirst:
		t.DayFirst++
	case rules.EvidenceMonthFirst:
		t.MonthFirst++
	case rules.EvidenceAmbiguous:
		t.Ambiguous++
	}
}

// dateOrders is the order each date column of the input is read in.
type dateOrders struct {
	order     map[int]rules.DateOrder // by input column; absent: fixed
	unsettled map[int]bool            // columns no value of which settles the order
	fixed     rules.DateOrder         // the order of columns not in order; Auto when settled from the input
	// file is the order the whole input settled on (auto), for a column
	// the first look saw no date in; Auto when the input has none or both
	// kinds.
	file rules.DateOrder
}

// fixedOrders reads every column in one order (--date-order dmy, mdy, ymd).
func fixedOrders(o rules.DateOrder) *dateOrders { return &dateOrders{fixed: o} }

// of returns the order of column col and whether the column is unsettled:
// its ambiguous values are a guess (d/m/y) that needs review.
func (d *dateOrders) of(col int) (rules.DateOrder, bool) {
	if o, ok := d.order[col]; ok {
		return o, d.unsettled[col]
	}
	if d.fixed == rules.Auto {
		if d.file != rules.Auto {
			return d.file, false
		}
		return rules.DMY, true
	}
	return d.fixed, false
}

// settleDateOrders decides --date-order auto from the tallies of the date
// columns (by input column). One spreadsheet has one locale: when the
// unambiguous values of all the columns agree (only 31/12s, or only
// 12/31s), that order holds for every column. When the file has both
// kinds, each column is settled by its own values (a column with both, by
// the more common kind). A column left with only ambiguous values, in a
// file that has both kinds or neither, reads d/m/y and is unsettled.
func settleDateOrders(tallies map[int]dateTally) *dateOrders {
	d := &dateOrders{order: map[int]rules.DateOrder{}, unsettled: map[int]bool{}, fixed: rules.Auto}
	day, month := false, false
	for _, t := range tallies {
		day = day || t.DayFirst > 0
		month = month || t.MonthFirst > 0
	}
	switch {
	case day && !month:
		d.file = rules.DMY
	case month && !day:
		d.file = rules.MDY
	}
	for col, t := range tallies {
		switch {
		case day && !month:
			d.order[col] = rules.DMY
		case month && !day:
			d.order[col] = rules.MDY
		case t.DayFirst > 0 && t.MonthFirst == 0:
			d.order[col] = rules.DMY
		case t.MonthFirst > 0 && t.DayFirst == 0:
			d.order[col] = rules.MDY
		case t.MonthFirst > t.DayFirst:
			d.order[col], d.unsettled[col] = rules.MDY, true
		default:
			d.order[col], d.unsettled[col] = rules.DMY, true
		}
	}
	return d
}

// dateColumns lists the input columns that hold dates: every job's start
// and end, and the profile's dates (birth, language tests and results).
func (c *Columns) dateColumns() []int {
	var cols []int
	for _, j := range c.Jobs {
		for _, f := range [...]Field{StartDate, EndDate} {
			if j[f] >= 0 {
				cols = append(cols, j[f])
			}
		}
	}
	for _, f := range profileDateFields {
		if c.Profile[f] >= 0 {
			cols = append(cols, c.Profile[f])
		}
	}
	return cols
}

// profileDateFields are the profile columns that hold dates.
var profileDateFields = [...]rules.Field{rules.FieldDateOfBirth,
	rules.FieldLang1TestDate, rules.FieldLang1ResultDate, rules.FieldLang2TestDate, rules.FieldLang2ResultDate,
	rules.FieldSpouseLangTestDate, rules.FieldSpouseLangResultDate}

// ProfileDateFields are the profile columns that hold dates (birth,
// language tests and results).
func ProfileDateFields() []rules.Field { return append([]rules.Field(nil), profileDateFields[:]...) }

// tallyDates adds the date cells of rec to tallies.
func tallyDates(tallies map[int]dateTally, cols []int, rec *pipeline.Record) {
	for _, col := range cols {
		if col >= len(rec.Fields) {
			continue
		}
		if e := rules.DateOrderEvidence(rec.Fields[col]); e != rules.EvidenceNone {
			t := tallies[col]
			t.add(e)
			tallies[col] = t
		}
	}
}

// profileOrders is the order of each profile date column.
func (d *dateOrders) profileOrders(c *Columns) *rules.DateOrders {
	var o rules.DateOrders
	for f := range o {
		o[f], _ = d.of(c.Profile[f])
	}
	return &o
}

// ParseDateCell reads a cell of input column col as the run reads its
// dates (the order settled for that column). ok is false for a cell that
// is not one whole calendar day: blank, unreadable, ongoing, or a month or
// year alone.
func (j *Job) ParseDateCell(col int, s string) (rules.Date, bool) {
	o, _ := j.dates.of(col)
	r, err := rules.ParseDate(s, o, false)
	if err != nil || r.Blank || r.Ongoing || r.Partial || r.Day.IsZero() {
		return 0, false
	}
	return r.Day, true
}
