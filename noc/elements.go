package noc

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// seeCode finds the code an exclusion points to: "title (See 12345 Title)".
var seeCode = regexp.MustCompile(`^(.*?)\s*\(\s*[Ss]ee\s+(\d{5})\b`)

// LoadElements adds the titles of Statistics Canada's NOC 2021 elements
// file (official layout: Level, Code, Class title, Element Type Label
// English, Element Description English; UTF-8 with or without BOM; trailing
// spaces allowed) to ix, which must not be frozen: a newer file than the
// one the built-in index was generated from. Example, illustrative and
// inclusion titles go to their code; an exclusion goes to the code it
// names; main duties become context for the code. Titles the index already
// has are not added twice. It returns the number of title rows read.
func LoadElements(ix *Index, r io.Reader) (int, error) {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(3); string(b) == "\ufeff" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	head, err := cr.Read()
	if err != nil {
		return 0, fmt.Errorf("elements file: header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	ci, ok1 := findCol(col, "code")
	ti, ok2 := findCol(col, "element type label")
	di, ok3 := findCol(col, "element description")
	if !ok1 || !ok2 || !ok3 {
		return 0, fmt.Errorf("elements file: header %q lacks code, element type or description columns", head)
	}
	n := 0
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return n, fmt.Errorf("elements file line %d: %w", line, err)
		}
		if len(rec) <= max(ci, ti, di) {
			continue
		}
		code := strings.TrimSpace(rec[ci])
		if len(code) < 5 && len(code) >= 3 {
			code = strings.Repeat("0", 5-len(code)) + code
		}
		if !ix.cls.Known(code) {
			continue
		}
		typ := strings.ToLower(strings.TrimSpace(rec[ti]))
		desc := strings.TrimSpace(rec[di])
		switch {
		case strings.HasPrefix(typ, "all examples"), strings.HasPrefix(typ, "illustrative example"), strings.HasPrefix(typ, "inclusion"):
			ix.Add(desc, code, FromElements)
			n++
		case strings.HasPrefix(typ, "exclusion"):
			if m := seeCode.FindStringSubmatch(desc); m != nil && ix.cls.Known(m[2]) {
				ix.Add(m[1], m[2], FromExclusion)
				n++
			}
		case strings.HasPrefix(typ, "main duties"):
			ix.AddContext(code, desc)
		}
	}
	return n, nil
}

func findCol(col map[string]int, prefix string) (int, bool) {
	best, ok := 0, false
	for name, i := range col {
		if strings.HasPrefix(name, prefix) || strings.Contains(name, prefix) {
			if !ok || i < best {
				best, ok = i, true
			}
		}
	}
	return best, ok
}

// LoadElementsFile is LoadElements on a file; it names the index after it.
func LoadElementsFile(ix *Index, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("elements file: %w", err)
	}
	defer f.Close()
	n, err := LoadElements(ix, f)
	if err != nil {
		return n, fmt.Errorf("%s: %w", path, err)
	}
	ix.Name = fmt.Sprintf("built-in + %s (%d titles)", filepath.Base(path), n)
	return n, nil
}

// ImportedPath is where `casescreen noc import` installs the elements file,
// in the user's configuration directory.
func ImportedPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "casescreen", "noc-elements.csv"), nil
}
