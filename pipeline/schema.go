package pipeline

import "strconv"

// Type is the type of an output column. Every writer stores a column with
// one type: CSV writes Value.Text whatever the type; typed formats (XLSX,
// Parquet, JSON Lines) store Num as the type says.
type Type uint8

const (
	// Text is a string column.
	Text Type = iota
	// Int is a whole number (Num holds it).
	Int
	// Float is a number (Num holds it).
	Float
	// Bool is true or false (Num is 1 or 0).
	Bool
	// Date is a calendar day (Num holds days since 1970-01-01; Text the ISO
	// date).
	Date
)

func (t Type) String() string {
	switch t {
	case Int:
		return "int"
	case Float:
		return "float"
	case Bool:
		return "bool"
	case Date:
		return "date"
	}
	return "text"
}

// Column is one output column appended to every row.
type Column struct {
	Name string
	Type Type
	// PerApplicant marks a column that holds the same value on every row
	// of an applicant (the applicant's outcome, not the row's).
	PerApplicant bool
}

// Value is one output cell. Text is the cell as CSV writes it; "" is a
// blank cell, stored as null by the typed formats. For Int, Float, Bool and
// Date columns Num carries the value whenever Text is not blank.
type Value struct {
	Text string
	Num  float64
}

// Blank reports whether the cell is empty.
func (v Value) Blank() bool { return v.Text == "" }

// TextValue returns a Text cell.
func TextValue(s string) Value { return Value{Text: s} }

// IntValue returns an Int cell.
func IntValue(n int) Value {
	if n >= 0 && n < len(smallInts) {
		return Value{Text: smallInts[n], Num: float64(n)}
	}
	return Value{Text: strconv.Itoa(n), Num: float64(n)}
}

// BoolValue returns a Bool cell: "true" or "false".
func BoolValue(b bool) Value {
	if b {
		return Value{Text: "true", Num: 1}
	}
	return Value{Text: "false"}
}

// FloatValue returns a Float cell printed with two decimals, the precision
// scores are compared at across runs; Num holds the same rounded number,
// so every format says the same.
func FloatValue(f float64) Value {
	if c := f * 100; c >= 0 && c <= 100 && c == float64(int(c)) {
		return Value{Text: scoreText[int(c)], Num: f}
	}
	s := strconv.FormatFloat(f, 'f', 2, 64)
	n, _ := strconv.ParseFloat(s, 64)
	return Value{Text: s, Num: n}
}

// DateValue returns a Date cell from days since 1970-01-01 and its ISO text.
func DateValue(days int, iso string) Value { return Value{Text: iso, Num: float64(days)} }

// scoreText holds "0.00" .. "1.00" and smallInts "0" .. "99": the hot path
// formats none of them.
var (
	scoreText = func() (t [101]string) {
		for i := range t {
			t[i] = strconv.FormatFloat(float64(i)/100, 'f', 2, 64)
		}
		return
	}()
	smallInts = func() (t [100]string) {
		for i := range t {
			t[i] = strconv.Itoa(i)
		}
		return
	}()
)

// Schema is the layout every writer follows: the input columns it passes
// through, in input order, then the annotation columns.
type Schema struct {
	// Input is the input header (Source.Header).
	Input []string
	// Keep lists the input columns written, by index into Input. An input
	// column that carries an annotation column's name is left out: the
	// annotation takes its place.
	Keep []int
	// Columns are the annotation columns; Record.Out is aligned with them.
	Columns []Column
}

// NewSchema passes every input column through except those whose name is
// an annotation column's, and reports which were left out.
func NewSchema(input []string, cols []Column) (s Schema, replaced []string) {
	names := make(map[string]bool, len(cols))
	for _, c := range cols {
		names[c.Name] = true
	}
	s = Schema{Input: input, Columns: cols, Keep: make([]int, 0, len(input))}
	for i, h := range input {
		if names[h] {
			replaced = append(replaced, h)
			continue
		}
		s.Keep = append(s.Keep, i)
	}
	return s, replaced
}

// Header returns the output header: the kept input columns, then the
// annotation columns.
func (s *Schema) Header() []string {
	out := make([]string, 0, len(s.Keep)+len(s.Columns))
	for _, i := range s.Keep {
		out = append(out, s.Input[i])
	}
	for _, c := range s.Columns {
		out = append(out, c.Name)
	}
	return out
}

// KeepsAll reports whether every input column is written, in order, so a
// writer may copy Fields whole.
func (s *Schema) KeepsAll() bool { return len(s.Keep) == len(s.Input) }

// Column returns the index of the annotation column called name, or -1.
func (s *Schema) Column(name string) int {
	for i, c := range s.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}
