package main

import (
	"go/ast"
	"go/token"
	"strconv"
)

// checkedKeys reads the key list a decode function hands to
// helper.CheckHCLKeys (`valid := []string{…}`): exactly the keys the CLI
// accepts in that block. Host volume constraints take the jobspec shorthands
// (distinct_hosts, regexp, version, …) that api.Constraint has no field for.
func checkedKeys(p *srcPackage, fn string) []string {
	decl, ok := p.funcs[fn]
	if !ok || decl.Body == nil {
		fail("no decode function %s in %s", fn, p.path)
	}
	var keys []string
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || keys != nil || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		if id, ok := as.Lhs[0].(*ast.Ident); !ok || id.Name != "valid" {
			return true
		}
		lit, ok := as.Rhs[0].(*ast.CompositeLit)
		if !ok {
			return true
		}
		keys = []string{}
		for _, e := range lit.Elts {
			if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
				s, _ := strconv.Unquote(b.Value)
				keys = append(keys, s)
			}
		}
		return false
	})
	if len(keys) == 0 {
		fail("%s in %s has no `valid := []string{…}` key list", fn, p.path)
	}
	return keys
}

// applyCheckedKeys makes a struct's fields the decoder's key list: keys the
// struct lacks become attributes (typed by the kind's shorthand types, else
// string), and a struct field the decoder would reject fails the run.
func applyCheckedKeys(s *StructSchema, keys []string, types map[string]*TypeRef, where string) {
	have := map[string]bool{}
	for _, f := range s.Fields {
		if f.HCL != "" {
			have[f.HCL] = true
		}
	}
	valid := map[string]bool{}
	for _, k := range keys {
		valid[k] = true
		if have[k] {
			continue
		}
		t := types[k]
		if t == nil {
			t = scalar("string")
		}
		s.Fields = append(s.Fields, &FieldSchema{HCL: k, Kind: "attribute", Type: t})
	}
	for k := range have {
		if !valid[k] {
			fail("%s: %s.%s is not among the keys the decoder accepts", where, s.Name, k)
		}
	}
}
