package writers

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/casescreen/casescreen/pipeline"
)

type memOut struct{ bytes.Buffer }

func (m *memOut) Commit() error { return nil }
func (m *memOut) Abort() error  { return nil }

// The CSV writer's output reads back through encoding/csv cell for cell,
// with formulas neutralised and numbers left alone.
func TestCSVRoundTrip(t *testing.T) {
	cells := []string{"plain", "a,b", `say "hi"`, "two\nlines", " lead", "", "=SUM(A1)", "-5", "+1 416", "@x", "é ü"}
	want := []string{"plain", "a,b", `say "hi"`, "two\nlines", " lead", "", "'=SUM(A1)", "-5", "'+1 416", "'@x", "é ü"}
	var out memOut
	schema, _ := pipeline.NewSchema([]string{"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11"},
		[]pipeline.Column{{Name: "noc_code"}, {Name: "match_score", Type: pipeline.Float}})
	w := NewCSV(&out, schema)
	rec := &pipeline.Record{Fields: cells, Out: []pipeline.Value{pipeline.TextValue("=1"), pipeline.FloatValue(0.5)}}
	if err := w.Write([]*pipeline.Record{rec}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out.Buffer).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || len(recs[1]) != len(cells)+2 {
		t.Fatalf("got %d records, %d fields", len(recs), len(recs[1]))
	}
	if got := recs[1][len(cells):]; got[0] != "'=1" || got[1] != "0.50" {
		t.Errorf("annotation cells %q, want the neutralised text and the score", got)
	}
	for i, w := range want {
		if recs[1][i] != w {
			t.Errorf("cell %d: %q, want %q", i, recs[1][i], w)
		}
	}
	if recs[0][len(cells)] != "noc_code" {
		t.Errorf("annotation header starts with %q", recs[0][len(cells)])
	}
}

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+CMD": "'+CMD", "-2.5": "-2.5", "+3": "+3", "@SUM": "'@SUM", "\tx": "'\tx", "\rx": "'\rx", "x=1": "x=1", "": "",
	} {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVByteOrderMark(t *testing.T) {
	var out memOut
	schema, _ := pipeline.NewSchema([]string{"title"}, nil)
	w := newCSV(&out, schema, Options{BOM: true})
	w.Write([]*pipeline.Record{{Fields: []string{"Électricien"}}})
	w.Close()
	if got := out.String(); got != "\ufefftitle\nÉlectricien\n" {
		t.Errorf("got %q", got)
	}
}

// TestAppendFieldQuotes checks the quoted path against the byte by byte
// rule it replaced: every quote doubled, the rest copied, around quotes.
func TestAppendFieldQuotes(t *testing.T) {
	for _, s := range []string{`"`, `""`, `a"b"c`, `"lead`, `trail"`, "x,\"y\"\n", `a,b`, ` "`, `say "hi", twice ""`} {
		want := []byte{'"'}
		for i := 0; i < len(s); i++ {
			if s[i] == '"' {
				want = append(want, '"')
			}
			want = append(want, s[i])
		}
		want = append(want, '"')
		if got := appendField([]byte("x,"), s); string(got) != "x,"+string(want) {
			t.Errorf("appendField(%q) = %q, want %q", s, got[2:], want)
		}
	}
}

// hasQuoteByte, eight bytes at a time, says what a byte-by-byte look at
// needsQuote says: every byte value at every position of strings around a
// word's length, and random strings of bytes near the quoting ones.
func TestHasQuoteByteIsByteByByte(t *testing.T) {
	slow := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if needsQuote[s[i]] {
				return true
			}
		}
		return false
	}
	for n := 1; n <= 19; n++ {
		for pos := range n {
			for c := range 256 {
				b := []byte(strings.Repeat("a", n))
				b[pos] = byte(c)
				if s := string(b); hasQuoteByte(s) != slow(s) {
					t.Fatalf("hasQuoteByte(%q) = %v", s, hasQuoteByte(s))
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	near := []byte{',', '"', '\r', '\n', '+', '-', '#', '!', '\x0b', '\x0c', '\x0e', '\x8c', '\xa2', 0, 0xff, 'a'}
	for range 100_000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			if rng.IntN(8) == 0 {
				b[i] = near[rng.IntN(len(near))]
			} else {
				b[i] = 'a' + byte(rng.IntN(26))
			}
		}
		if s := string(b); hasQuoteByte(s) != slow(s) {
			t.Fatalf("hasQuoteByte(%q) = %v", s, hasQuoteByte(s))
		}
	}
}
