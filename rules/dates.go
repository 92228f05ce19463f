package rules

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Date is a calendar day, counted in days from 0000-03-01 in the proleptic
// Gregorian calendar. The zero Date is "no date". Dates are plain integers
// so that experience arithmetic is integer arithmetic.
type Date int32

// MakeDate returns the Date for y-m-d; it does not validate.
func MakeDate(y, m, d int) Date {
	// Howard Hinnant's days_from_civil, shifted so that years start in March.
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe + 1)
}

// Civil returns the year, month and day of d.
func (d Date) Civil() (y, m, day int) {
	z := int(d) - 1
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == 0 }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d < e }

// AddYears moves d by n years, clamping 29 February to the 28th.
func (d Date) AddYears(n int) Date {
	y, m, day := d.Civil()
	y += n
	if m == 2 && day == 29 && !leap(y) {
		day = 28
	}
	return MakeDate(y, m, day)
}

func (d Date) String() string {
	if d == 0 {
		return ""
	}
	if i := int(d - dateTextFrom); i >= 0 && i < dateTextDays {
		t := dateText()
		return t[i*10 : i*10+10]
	}
	return d.format()
}

// The days from 1900-01-01 to 2199-12-31 (every day valid accepts) are
// formatted once, into one string, on the first call of String: a list of
// a million rows formats millions of dates, and a slice of the table
// allocates nothing.
var (
	dateTextFrom = MakeDate(1900, 1, 1)
	dateTextDays = int(MakeDate(2200, 1, 1) - dateTextFrom)
	dateText     = sync.OnceValue(func() string {
		b := make([]byte, 0, dateTextDays*10)
		for i := range dateTextDays {
			b = append(b, (dateTextFrom + Date(i)).format()...)
		}
		return string(b)
	})
)

// format is String without the table.
func (d Date) format() string {
	y, m, day := d.Civil()
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%04d-%02d-%02d", y, m, day)
	}
	// Written digit by digit: a list of a million rows formats millions
	// of dates.
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + day/10), byte('0' + day%10)}
	return string(b[:])
}

// MarshalJSON writes "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads "YYYY-MM-DD" only: rule files are strict.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseISODate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// fastISO reads YYYY-MM-DD without allocating: the common case.
func fastISO(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	n := func(b string) int {
		v := 0
		for i := 0; i < len(b); i++ {
			c := b[i]
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, m, d := n(s[:4]), n(s[5:7]), n(s[8:])
	if y < 0 || m < 0 || d < 0 || !valid(y, m, d) {
		return 0, false
	}
	return MakeDate(y, m, d), true
}

// ParseISODate reads exactly YYYY-MM-DD, for flags and rule files.
func ParseISODate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	y, e1 := strconv.Atoi(s[:4])
	m, e2 := strconv.Atoi(s[5:7])
	d, e3 := strconv.Atoi(s[8:])
	if e1 != nil || e2 != nil || e3 != nil || !valid(y, m, d) {
		return 0, fmt.Errorf("date %q: not a calendar date", s)
	}
	return MakeDate(y, m, d), nil
}

func leap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if leap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func valid(y, m, d int) bool {
	return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// DateOrder says how to read an all-numeric date such as 03/04/2024.
type DateOrder uint8

const (
	// Auto, the zero value, is settled from the input by the screening
	// stage; ParseDate reads it as DMY.
	Auto DateOrder = iota
	DMY            // 03/04/2024 is 3 April (Canada, India, UK ...)
	MDY            // 03/04/2024 is 4 March
	YMD            // 24/04/03 is 2024-04-03; a four-digit year last reads as DMY
)

// String is the flag's spelling.
func (o DateOrder) String() string {
	switch o {
	case MDY:
		return "mdy"
	case YMD:
		return "ymd"
	case DMY:
		return "dmy"
	}
	return "auto"
}

// ParseDateOrder reads the --date-order flag: auto (also ""), dmy, mdy or
// ymd. "" is Auto, the default of every run (command line and web page).
func ParseDateOrder(s string) (DateOrder, error) {
	switch strings.ToLower(s) {
	case "auto", "":
		return Auto, nil
	case "dmy":
		return DMY, nil
	case "mdy":
		return MDY, nil
	case "ymd":
		return YMD, nil
	}
	return 0, fmt.Errorf("date order %q: want auto, dmy, mdy or ymd", s)
}

// DateEvidence is what one date cell says about its column's date order.
type DateEvidence uint8

const (
	EvidenceNone       DateEvidence = iota // not an all-numeric day-month-year (ISO, "Jan 2024", blank ...)
	EvidenceAmbiguous                      // day and month both 1..12 and different: reads both ways
	EvidenceDayFirst                       // 31/12/2024: only d/m/y reads it
	EvidenceMonthFirst                     // 12/31/2024: only m/d/y reads it
)

// DateOrderEvidence classifies a cell as ParseDate would split it: an
// all-numeric date with the year last whose first two numbers fix or leave
// open the order.
func DateOrderEvidence(s string) DateEvidence {
	s = strings.TrimSpace(s)
	if len(s) < 6 || s[0] < '0' || s[0] > '9' {
		return EvidenceNone
	}
	if i := strings.IndexAny(s, "tT "); i >= 6 && strings.Contains(s[i:], ":") {
		s = s[:i]
	}
	var buf [4]string
	toks := splitDate(buf[:0], s, &evidenceSeps)
	if len(toks) != 3 || len(toks[0]) > 2 || len(toks[1]) > 2 || (len(toks[2]) != 4 && len(toks[2]) != 2) {
		return EvidenceNone
	}
	var n [3]int
	for i, t := range toks {
		if !isDigits(t) {
			return EvidenceNone
		}
		n[i], _ = strconv.Atoi(t)
	}
	a, b := n[0], n[1]
	switch {
	case a < 1 || b < 1 || a > 31 || b > 31:
		return EvidenceNone
	case a > 12 && b <= 12:
		return EvidenceDayFirst
	case b > 12 && a <= 12:
		return EvidenceMonthFirst
	case a <= 12 && b <= 12 && a != b:
		return EvidenceAmbiguous
	}
	return EvidenceNone
}

// DateResult is a parsed date cell.
type DateResult struct {
	Day       Date
	Blank     bool // the cell was empty
	Ongoing   bool // "present", "current" ... (meaningful for an end date)
	Ambiguous bool // all-numeric day and month that read both ways; Order decided
	Partial   bool // month or year only; Day is the first (start) or last (end) day
}

var months = map[string]int{
	"jan": 1, "january": 1, "janv": 1, "janvier": 1,
	"feb": 2, "february": 2, "fev": 2, "fevr": 2, "février": 2, "fevrier": 2,
	"mar": 3, "march": 3, "mars": 3,
	"apr": 4, "april": 4, "avr": 4, "avril": 4,
	"may": 5, "mai": 5,
	"jun": 6, "june": 6, "juin": 6,
	"jul": 7, "july": 7, "juil": 7, "juillet": 7,
	"aug": 8, "august": 8, "aout": 8, "août": 8,
	"sep": 9, "sept": 9, "september": 9, "septembre": 9,
	"oct": 10, "october": 10, "octobre": 10,
	"nov": 11, "november": 11, "novembre": 11,
	"dec": 12, "december": 12, "decembre": 12, "décembre": 12,
}

var ongoingWords = map[string]bool{
	"present": true, "current": true, "currently": true, "ongoing": true, "now": true,
	"to date": true, "till date": true, "todate": true, "continuing": true, "still employed": true,
	"aujourd'hui": true, "en cours": true, "présent": true, "-": true, "--": true,
}

// excelEpoch is 1899-12-30: Excel's serial day 0 once its fictitious
// 1900-02-29 is accounted for (serials from 61 on, i.e. from 1900-03-01).
var excelEpoch = MakeDate(1899, 12, 30)

// ParseDate reads a date cell as typed in client lists: ISO (2024-01-15,
// with or without a time), d/m/y or m/d/y by order (with / - . or space),
// "15 Jan 2024", "Jan 15, 2024", "Jan 2024", "2024-01", "01/2024", a bare
// year, YYYYMMDD and Excel serial numbers. A month or year alone means its
// first day for a start (end=false) and its last day for an end.
func ParseDate(s string, order DateOrder, end bool) (DateResult, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return DateResult{Blank: true}, nil
	}
	if d, ok := fastISO(s); ok {
		return DateResult{Day: d}, nil
	}
	low := strings.ToLower(s)
	if ongoingWords[low] {
		return DateResult{Ongoing: true}, nil
	}
	// Drop a time of day: "2024-01-15T00:00:00", "2024-01-15 00:00:00".
	if i := strings.IndexAny(low, "t "); i >= 8 && strings.Contains(low[i:], ":") {
		low = low[:i]
	}
	if isDigits(low) {
		return parseNumber(low, end)
	}
	if low[0] >= '0' && low[0] <= '9' && strings.Count(low, ".") == 1 && isDigits(strings.Replace(low, ".", "", 1)) {
		f, _ := strconv.ParseFloat(low, 64)
		if f > 0 && f < 1e6 {
			return parseNumber(strconv.Itoa(int(f)), end)
		}
	}
	var buf [4]string
	toks := splitDate(buf[:0], low, &dateSeps)
	if len(toks) < 2 || len(toks) > 3 {
		return DateResult{}, fmt.Errorf("unreadable date %q", s)
	}
	// Month names: "15 jan 2024", "jan 15 2024", "jan 2024", "2024 jan 15".
	var numBuf [3]int
	nums := numBuf[:0]
	mon := 0
	monPos := -1
	for i, t := range toks {
		if m, ok := months[strings.TrimSuffix(t, ".")]; ok && mon == 0 {
			mon, monPos = m, i
			continue
		}
		t = strings.TrimRight(t, "stndrhe") // 1st, 2nd, 3rd, 4th, 1er
		n, err := strconv.Atoi(t)
		if err != nil || len(t) > 4 {
			return DateResult{}, fmt.Errorf("unreadable date %q", s)
		}
		nums = append(nums, n*10+len(t)%10) // remember the digit count in the last place
	}
	// --date-order ymd: "24/04/03" is 2024-04-03.
	if order == YMD && mon == 0 && len(nums) == 3 && nums[0]%10 == 2 && nums[1]%10 == 2 && nums[2]%10 == 2 {
		return calendarDay(s, twoDigitYear(nums[0]/10), nums[1]/10, nums[2]/10, false)
	}
	// A trailing two-digit year ("15-jan-24", "03/04/24") unless the date
	// starts with a four-digit year.
	if last := len(nums) - 1; len(toks) == 3 && nums[last]%10 == 2 && nums[0]%10 != 4 {
		nums[last] = twoDigitYear(nums[last]/10)*10 + 4
	}
	if mon != 0 {
		return withMonth(s, mon, monPos, nums, end)
	}
	val := func(i int) int { return nums[i] / 10 }
	width := func(i int) int { return nums[i] % 10 }
	if len(nums) == 2 {
		switch {
		case width(0) == 4: // 2024-01
			return monthOnly(s, val(0), val(1), end)
		case width(1) == 4: // 01/2024
			return monthOnly(s, val(1), val(0), end)
		}
		return DateResult{}, fmt.Errorf("unreadable date %q", s)
	}
	a, b, c := val(0), val(1), val(2)
	if width(0) == 4 { // 2024-01-15
		return calendarDay(s, a, b, c, false)
	}
	if width(2) != 4 {
		return DateResult{}, fmt.Errorf("unreadable date %q", s)
	}
	switch {
	case a > 12 && b <= 12:
		return calendarDay(s, c, b, a, false)
	case b > 12 && a <= 12:
		return calendarDay(s, c, a, b, false)
	}
	amb := a != b
	if order == MDY {
		return calendarDay(s, c, a, b, amb)
	}
	return calendarDay(s, c, b, a, amb)
}

// The separators of the parts of a date: DateOrderEvidence's, and
// ParseDate's.
var evidenceSeps, dateSeps = byteSet("/-. "), byteSet("/-. ,_")

func byteSet(s string) (set [256]bool) {
	for i := 0; i < len(s); i++ {
		set[s[i]] = true
	}
	return set
}

// splitDate appends to dst the runs of s between the separator bytes of
// seps (ASCII), as strings.FieldsFunc with those separators would, but
// stops after cap(dst)+1 tokens when dst's capacity is full: a caller
// that passes room for 4 knows a date has too many parts when it gets
// more than 3 back. Bytes of a multi-byte UTF-8 sequence (or invalid
// bytes) are never ASCII, so they are never separators, as in FieldsFunc.
func splitDate(dst []string, s string, seps *[256]bool) []string {
	start := -1
	for i := 0; i < len(s); i++ {
		if seps[s[i]] {
			if start >= 0 {
				if len(dst) == cap(dst) {
					return append(dst, s[start:i])
				}
				dst = append(dst, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

func twoDigitYear(n int) int {
	if n < 70 {
		return 2000 + n
	}
	return 1900 + n
}

func withMonth(s string, mon, pos int, nums []int, end bool) (DateResult, error) {
	val := func(i int) int { return nums[i] / 10 }
	width := func(i int) int { return nums[i] % 10 }
	switch len(nums) {
	case 1: // jan 2024, jan-24
		switch width(0) {
		case 4, 0:
			return monthOnly(s, val(0), mon, end)
		case 2:
			return monthOnly(s, twoDigitYear(val(0)), mon, end)
		}
		return DateResult{}, fmt.Errorf("unreadable date %q", s)
	case 2:
		// The year is the four-digit (or normalised two-digit) number; the other is the day.
		if width(0) == 4 || width(0) == 0 && pos != 0 && width(1) != 4 && width(1) != 0 {
			return calendarDay(s, val(0), mon, val(1), false)
		}
		return calendarDay(s, val(1), mon, val(0), false)
	}
	return DateResult{}, fmt.Errorf("unreadable date %q", s)
}

func monthOnly(s string, y, m int, end bool) (DateResult, error) {
	if !valid(y, m, 1) {
		return DateResult{}, fmt.Errorf("unreadable date %q", s)
	}
	d := 1
	if end {
		d = daysIn(y, m)
	}
	return DateResult{Day: MakeDate(y, m, d), Partial: true}, nil
}

func calendarDay(s string, y, m, d int, amb bool) (DateResult, error) {
	if !valid(y, m, d) {
		return DateResult{}, fmt.Errorf("not a calendar date %q", s)
	}
	return DateResult{Day: MakeDate(y, m, d), Ambiguous: amb}, nil
}

func parseNumber(s string, end bool) (DateResult, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return DateResult{}, fmt.Errorf("unreadable date %q", s)
	}
	switch {
	case len(s) == 8: // 20240115
		return calendarDay(s, n/10000, n/100%100, n%100, false)
	case len(s) == 4 && n >= 1900 && n <= 2200: // a bare year
		if end {
			return DateResult{Day: MakeDate(n, 12, 31), Partial: true}, nil
		}
		return DateResult{Day: MakeDate(n, 1, 1), Partial: true}, nil
	case n >= 61 && n <= 109574: // Excel serial, 1900-03-01 .. 2199-12-31
		return DateResult{Day: excelEpoch + Date(n)}, nil
	}
	return DateResult{}, fmt.Errorf("unreadable date %q", s)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
