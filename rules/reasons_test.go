package rules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// Every Reason* constant has a kind, codes are unique and spelled as
// profile-columns.md spells codes (lower case, digits, underscores).
func TestReasonConstants(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "reasons.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if !strings.HasPrefix(name.Name, "Reason") || i >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					continue
				}
				code, _ := strconv.Unquote(lit.Value)
				if prev, dup := seen[code]; dup {
					t.Errorf("%s and %s are both %q", prev, name.Name, code)
				}
				seen[code] = name.Name
				if strings.Trim(code, "abcdefghijklmnopqrstuvwxyz0123456789_N") != "" {
					t.Errorf("%s = %q: not a code", name.Name, code)
				}
				if _, ok := reasonKinds[code]; !ok {
					t.Errorf("%s (%q) has no kind", name.Name, code)
				}
			}
		}
	}
	if len(seen) != len(reasonKinds) {
		t.Errorf("%d constants, %d kinds: a kind without a constant?", len(seen), len(reasonKinds))
	}
}
