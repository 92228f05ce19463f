package writers

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/readers"
)

// contractSchema has an input column replaced by an annotation of the same
// name, a repeated input header, and one annotation column of each type.
func contractSchema() pipeline.Schema {
	s, _ := pipeline.NewSchema([]string{"id", "title", "noc_code", "title"}, []pipeline.Column{
		{Name: "noc_code"}, {Name: "teer", Type: pipeline.Int}, {Name: "match_score", Type: pipeline.Float},
		{Name: "needs_review", Type: pipeline.Bool}, {Name: "start_date_used", Type: pipeline.Date},
	})
	return s
}

func contractRecords() []*pipeline.Record {
	return []*pipeline.Record{
		{Fields: []string{"1", "Welder", "old", "second"}, Out: []pipeline.Value{pipeline.TextValue("72106"), pipeline.IntValue(2),
			pipeline.FloatValue(0.97), pipeline.BoolValue(true), pipeline.DateValue(19723, "2024-01-01")}},
		{Fields: []string{"2", "", "", ""}, Out: []pipeline.Value{{}, {}, {}, pipeline.BoolValue(false), {}}},
	}
}

// Every writer writes the kept input columns then the annotation, one row
// per record, and each cell reads back as its text.
func TestWritersContract(t *testing.T) {
	want := [][]string{
		{"id", "title", "title", "noc_code", "teer", "match_score", "needs_review", "start_date_used"},
		{"1", "Welder", "second", "72106", "2", "0.97", "true", "2024-01-01"},
		{"2", "", "", "", "", "", "false", ""},
	}
	dir := t.TempDir()
	for _, ext := range []string{".csv", ".jsonl", ".parquet"} {
		t.Run(ext, func(t *testing.T) {
			path := filepath.Join(dir, "out"+ext)
			w, err := Create(path, contractSchema(), nil, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(contractRecords()); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(path); err == nil {
				t.Fatal("output visible before Close")
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			got := readAll(t, path)
			if ext == ".parquet" && len(got) > 0 && got[0][2] == "title_2" {
				got[0][2] = "title" // Parquet column names must differ
			}
			if len(got) != len(want) {
				t.Fatalf("%d rows, want %d", len(got), len(want))
			}
			for i := range want {
				if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
					t.Errorf("row %d: %q, want %q", i, got[i], want[i])
				}
			}
		})
	}
}

func readAll(t *testing.T, path string) [][]string {
	t.Helper()
	switch filepath.Ext(path) {
	case ".csv":
		f, _ := os.Open(path)
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	case ".jsonl":
		return readJSONL(t, path)
	}
	src, err := readers.Open(path, readers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	rows := [][]string{src.Header()}
	for {
		r, err := src.Read()
		if err != nil {
			break
		}
		rows = append(rows, r.Fields)
	}
	return rows
}

// readJSONL reads the objects back, checking each value's JSON type.
func readJSONL(t *testing.T, path string) [][]string {
	f, _ := os.Open(path)
	defer f.Close()
	keys := []string{"id", "title", "title_2", "noc_code", "teer", "match_score", "needs_review", "start_date_used"}
	rows := [][]string{{"id", "title", "title", "noc_code", "teer", "match_score", "needs_review", "start_date_used"}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var obj map[string]any
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.UseNumber()
		if err := dec.Decode(&obj); err != nil {
			t.Fatal(err)
		}
		if len(obj) != len(keys) {
			t.Errorf("%d keys, want %d: %s", len(obj), len(keys), sc.Text())
		}
		var row []string
		for _, k := range keys {
			switch v := obj[k].(type) {
			case nil:
				row = append(row, "")
			case string:
				if k == "teer" || k == "match_score" || k == "needs_review" {
					t.Errorf("%s is a string in %s", k, sc.Text())
				}
				row = append(row, v)
			case json.Number:
				if k == "match_score" && !strings.Contains(v.String(), ".") {
					row = append(row, v.String()+".00")
					continue
				}
				row = append(row, v.String())
			case bool:
				if v {
					row = append(row, "true")
				} else {
					row = append(row, "false")
				}
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func TestUniqueNames(t *testing.T) {
	got := uniqueNames([]string{"a", "a", "a_2", "b", "a"})
	if strings.Join(got, ",") != "a,a_3,a_2,b,a_4" {
		t.Errorf("uniqueNames = %q", got)
	}
}
