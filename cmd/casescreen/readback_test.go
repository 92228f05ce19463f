package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"github.com/casescreen/casescreen/rules"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/readers"
)

// readBack reads an output file as rows of text (header included).
func readBack(t *testing.T, path string) [][]string {
	t.Helper()
	if strings.HasSuffix(path, ".jsonl") {
		return readJSONL(t, path)
	}
	var src pipeline.Source
	var err error
	if strings.HasSuffix(path, ".xlsx") {
		src, err = readers.OpenXLSX(path, "Rows")
	} else {
		src, err = readers.Open(path, readers.Options{})
	}
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	rows := [][]string{src.Header()}
	for {
		r, err := src.Read()
		if errors.Is(err, io.EOF) {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r.Fields)
	}
}

func readJSONL(t *testing.T, path string) [][]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.UseNumber()
		tok, _ := dec.Token() // {
		_ = tok
		var keys, vals []string
		for dec.More() {
			k, _ := dec.Token()
			var v any
			dec.Decode(&v)
			keys = append(keys, k.(string))
			switch x := v.(type) {
			case nil:
				vals = append(vals, "")
			case string:
				vals = append(vals, x)
			case bool:
				vals = append(vals, strconv.FormatBool(x))
			case json.Number:
				vals = append(vals, x.String())
			}
		}
		if rows == nil {
			rows = append(rows, keys)
		}
		rows = append(rows, vals)
	}
	return rows
}

// sameCell compares a cell read back from another format with the CSV
// output: numbers by value, booleans case-insensitively.
func sameCell(got, want string) bool {
	// Formula neutralisation applies to CSV and XLSX only.
	if got == want || strings.EqualFold(got, want) || "'"+got == want {
		return true
	}
	// The report writes a date column's cells as dates (the samples are
	// d/m/y): read back, the cell is the day in ISO.
	if d, err := rules.ParseISODate(got); err == nil {
		if r, err := rules.ParseDate(want, rules.DMY, false); err == nil && r.Day == d {
			return true
		}
	}
	g, e1 := strconv.ParseFloat(got, 64)
	w, e2 := strconv.ParseFloat(want, 64)
	return e1 == nil && e2 == nil && g == w
}
