package rules

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestDateStringTable checks the formatted-days table against the digit by
// digit formatting on every day it holds and on days either side of it.
func TestDateStringTable(t *testing.T) {
	for d := dateTextFrom - 400; d < dateTextFrom+Date(dateTextDays)+400; d++ {
		if got, want := d.String(), d.format(); got != want {
			t.Fatalf("Date(%d).String() = %q, want %q", d, got, want)
		}
	}
	for _, s := range []string{"1900-01-01", "2024-02-29", "2199-12-31", "2200-01-01", "1899-12-31"} {
		d := MakeDate(atoi(s[:4]), atoi(s[5:7]), atoi(s[8:]))
		if got := d.String(); got != s {
			t.Errorf("String of %s = %q", s, got)
		}
	}
	if got := Date(0).String(); got != "" {
		t.Errorf("zero Date = %q, want blank", got)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestSplitDateLikeFieldsFunc checks splitDate against strings.FieldsFunc
// with the same separators on random cells made of date characters,
// letters, accents and invalid UTF-8: the same tokens up to the fourth,
// and more than three whenever FieldsFunc finds more than three.
func TestSplitDateLikeFieldsFunc(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 12))
	parts := []string{"1", "12", "2024", "/", "-", ".", " ", ",", "_", "jan", "é", "\xff", "t", ":", "00", "  ", "--"}
	for _, seps := range []string{"/-. ", "/-. ,_"} {
		isSep := func(r rune) bool { return r < 128 && strings.IndexByte(seps, byte(r)) >= 0 }
		for range 200_000 {
			var b strings.Builder
			for range rng.IntN(9) {
				b.WriteString(parts[rng.IntN(len(parts))])
			}
			s := b.String()
			want := strings.FieldsFunc(s, isSep)
			var buf [4]string
			set := byteSet(seps)
			got := splitDate(buf[:0], s, &set)
			switch {
			case len(want) <= 4 && !slices.Equal(got, want):
				t.Fatalf("splitDate(%q, %q) = %q, want %q", s, seps, got, want)
			case len(want) > 4 && (len(got) <= 3 || !slices.Equal(got[:4], want[:4])):
				t.Fatalf("splitDate(%q, %q) = %q, want more than 3 starting %q", s, seps, got, want[:4])
			}
		}
	}
}
