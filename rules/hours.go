package rules

import (
	"fmt"
	"strconv"
	"strings"
)

// FullTimeHours is what "full-time" counts as, and the weekly cap per
// occupation (spec section 5).
const FullTimeHours = 30

// HoursResult is a parsed hours-per-week cell.
type HoursResult struct {
	Hours    float64
	Known    bool // Hours is usable
	Blank    bool // the cell was empty
	PartTime bool // "part-time" without a number: hours unknown
	Range    bool // "20-25": the midpoint was taken
}

var hourPunct = strings.NewReplacer("-", " ", "_", " ", "/", " ", ".", " ")

// ParseHours reads an hours-per-week cell: a number with optional units
// ("37.5", "40 hrs/week", "37,5 h"), a range ("20-25", midpoint), or words:
// "full-time"/"FT" count as 30 hours; "part-time"/"PT" without a number is
// reported as PartTime with unknown hours, never as a silent zero. Zero,
// negative and more than 168 hours are errors.
func ParseHours(s string) (HoursResult, error) {
	low := strings.TrimSpace(s)
	if low == "" {
		return HoursResult{Blank: true}, nil
	}
	if isDigits(low) && len(low) <= 3 { // "40": the common case, without allocating
		n, _ := strconv.Atoi(low)
		return checkHours(s, HoursResult{Hours: float64(n), Known: true})
	}
	low = strings.ToLower(low)
	words := hourPunct.Replace(low)
	words = strings.Join(strings.Fields(words), " ")
	switch words {
	case "full time", "fulltime", "ft", "f t", "full", "temps plein", "plein temps":
		return HoursResult{Hours: FullTimeHours, Known: true}, nil
	case "part time", "parttime", "pt", "p t", "part", "temps partiel":
		return HoursResult{PartTime: true}, nil
	}
	nums := numbers(low)
	switch len(nums) {
	case 0:
		return HoursResult{}, fmt.Errorf("unreadable hours %q", s)
	case 1:
		return checkHours(s, HoursResult{Hours: nums[0], Known: true})
	case 2:
		if strings.Contains(low, "-") || strings.Contains(low, " to ") {
			return checkHours(s, HoursResult{Hours: (nums[0] + nums[1]) / 2, Known: true, Range: true})
		}
	}
	return HoursResult{}, fmt.Errorf("unreadable hours %q", s)
}

func checkHours(s string, h HoursResult) (HoursResult, error) {
	if h.Hours <= 0 || h.Hours > 168 {
		return HoursResult{}, fmt.Errorf("hours %q outside 0-168 a week", s)
	}
	return h, nil
}

// numbers extracts the decimal numbers in s; a comma between digits is a
// decimal separator ("37,5").
func numbers(s string) []float64 {
	var out []float64
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || (s[j] == '.' || s[j] == ',') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
			j++
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(s[i:j], ",", "."), 64)
		if err == nil {
			out = append(out, f)
		}
		i = j
	}
	return out
}
