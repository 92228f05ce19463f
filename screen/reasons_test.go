package screen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/rules"
)

// emitted collects every reason code the code base can attach, by reading
// its source: constants whose name starts with Reason, string literals
// given as the code of (*pipeline.Record).Add, and string literals put into
// a Reasons slice or field. It also returns every string literal outside
// the catalogue, to check that each catalogue code is used somewhere.
func emitted(t *testing.T) (codes map[string]string, literals map[string]bool) {
	t.Helper()
	codes, literals = map[string]string{}, map[string]bool{}
	fset := token.NewFileSet()
	root := ".."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		isCatalogue := filepath.Base(path) == "reasons.go" && filepath.Base(filepath.Dir(path)) == "screen"
		str := func(e ast.Expr) (string, bool) {
			if bl, ok := e.(*ast.BasicLit); ok && bl.Kind == token.STRING {
				s, err := strconv.Unquote(bl.Value)
				return s, err == nil
			}
			return "", false
		}
		where := func(n ast.Node) string { return fset.Position(n.Pos()).String() }
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if s, ok := str(n); ok && !isCatalogue {
					literals[s] = true
				}
			case *ast.ValueSpec: // const ReasonX = "x"
				for i, name := range n.Names {
					if strings.HasPrefix(name.Name, "Reason") && i < len(n.Values) {
						if s, ok := str(n.Values[i]); ok {
							codes[s] = where(n)
						}
					}
				}
			case *ast.CallExpr:
				switch fn := n.Fun.(type) {
				case *ast.SelectorExpr: // rec.Add(kind, "code", field, detail)
					if fn.Sel.Name == "Add" && len(n.Args) == 4 {
						if s, ok := str(n.Args[1]); ok {
							codes[s] = where(n)
						}
					}
				case *ast.Ident: // append(reasons, "code")
					if fn.Name == "append" && len(n.Args) > 1 && isReasons(n.Args[0]) {
						for _, a := range n.Args[1:] {
							if s, ok := str(a); ok {
								codes[s] = where(n)
							}
						}
					}
				}
			case *ast.KeyValueExpr: // Reasons: []string{"x"}
				if isReasons(n.Key) {
					collectLits(n.Value, str, codes, where)
				}
			case *ast.AssignStmt: // r.Reasons = []string{"x"}
				for i, lhs := range n.Lhs {
					if isReasons(lhs) && i < len(n.Rhs) {
						collectLits(n.Rhs[i], str, codes, where)
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return codes, literals
}

// isReasons reports whether e names a Reasons slice: reasons, x.Reasons.
func isReasons(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == "Reasons" || e.Name == "reasons"
	case *ast.SelectorExpr:
		return e.Sel.Name == "Reasons" || e.Sel.Name == "reasons"
	}
	return false
}

func collectLits(e ast.Expr, str func(ast.Expr) (string, bool), codes map[string]string, where func(ast.Node) string) {
	if cl, ok := e.(*ast.CompositeLit); ok {
		for _, el := range cl.Elts {
			if s, ok := str(el); ok {
				codes[s] = where(el)
			}
		}
	}
}

var codeShape = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)+$`)

// Every code the code base can emit has a wording, and every wording a
// code the code base uses.
func TestCatalogueCoversCodeBase(t *testing.T) {
	if _, err := os.Stat("../go.mod"); err != nil {
		t.Skip("needs the module's source")
	}
	codes, literals := emitted(t)
	if len(codes) < 20 {
		t.Fatalf("found only %d emitted codes: the scan is broken", len(codes))
	}
	for code, where := range codes {
		if !codeShape.MatchString(strings.Replace(code, "jobN_", "job1_", 1)) {
			t.Errorf("%s: reason code %q is not snake_case", where, code)
			continue
		}
		if _, ok := LookupReason(code); !ok {
			t.Errorf("%s: reason %q has no wording in the catalogue (screen/reasons.go)", where, code)
		}
	}
	for _, r := range catalogue {
		if r.Words == "" {
			t.Errorf("catalogue: %q has no wording", r.Code)
		}
		if _, ok := codes[r.Code]; ok {
			continue
		}
		if strings.HasPrefix(r.Code, "jobN_") {
			found := false
			for c := range codes {
				if jobPrefix.ReplaceAllString(c, "jobN_") == r.Code {
					found = true
				}
			}
			if found {
				continue
			}
		}
		if !literals[r.Code] {
			t.Errorf("catalogue: %q is emitted nowhere in the code base", r.Code)
		}
	}
	// A code of rules has the kind rules gives it (the category engine's
	// codes excepted: the stage decides theirs).
	engine := map[string]bool{rules.ReasonDatesUnreadable: true, rules.ReasonHoursMissing: true, rules.ReasonLowMatchScore: true,
		rules.ReasonCountryUnknown: true, rules.ReasonExtraRequirements: true, rules.ReasonLanguageScoreUnreadable: true}
	kinds := map[rules.Kind]pipeline.Kind{rules.KindNote: pipeline.Note, rules.KindReview: pipeline.Review, rules.KindInput: pipeline.Input}
	for code, k := range rules.FixedReasonCodes() {
		r, ok := LookupReason(code)
		if !ok {
			t.Errorf("rules code %q has no wording", code)
		} else if !engine[code] && r.Kind != kinds[k] {
			t.Errorf("%q: catalogue kind %v, rules says %v", code, r.Kind, k)
		}
	}
	for f := rules.Field(0); f < rules.NumFields; f++ {
		if r, ok := LookupReason(rules.UnreadableCode(f)); !ok || r.Kind != pipeline.Input {
			t.Errorf("%s: %+v", rules.UnreadableCode(f), r)
		}
	}
	seen := map[string]bool{}
	for _, r := range catalogue {
		if seen[r.Code] {
			t.Errorf("catalogue: %q listed twice", r.Code)
		}
		seen[r.Code] = true
	}
}

func TestReasonWords(t *testing.T) {
	if got, want := ReasonWords("hours_missing;made_up_code"), "hours per week missing\nmade up code"; got != want {
		t.Errorf("ReasonWords = %q, want %q", got, want)
	}
	if got := ReasonWords(""); got != "" {
		t.Errorf("ReasonWords(\"\") = %q", got)
	}
}
