package main

import (
	"go/ast"
	"go/token"
)

// validatorEnum reads the values a Nomad validator accepts from its source: a
// function whose switch has `case A, B, C: return true`. Nomad's ACL policy
// parser checks `policy` and `capabilities` with such functions
// (isPolicyValid, isNamespaceCapabilityValid, …), so their cases are the enums.
func validatorEnum(p *srcPackage, fn string) []string {
	decl, ok := p.funcs[fn]
	if !ok || decl.Body == nil {
		fail("no validator %s in %s", fn, p.path)
	}
	var values []string
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		cc, ok := n.(*ast.CaseClause)
		if !ok || !returnsTrue(cc.Body) {
			return true
		}
		for _, e := range cc.List {
			values = append(values, constValue(p, e, fn))
		}
		return false
	})
	if len(values) == 0 {
		fail("validator %s in %s has no `case …: return true`", fn, p.path)
	}
	return values
}

func returnsTrue(body []ast.Stmt) bool {
	if len(body) != 1 {
		return false
	}
	ret, ok := body[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return false
	}
	id, ok := ret.Results[0].(*ast.Ident)
	return ok && id.Name == "true"
}

func constValue(p *srcPackage, e ast.Expr, fn string) string {
	switch x := e.(type) {
	case *ast.Ident:
		if v, ok := p.consts[x.Name]; ok {
			return v
		}
	case *ast.BasicLit:
		if x.Kind == token.STRING {
			return x.Value[1 : len(x.Value)-1]
		}
	}
	fail("validator %s: a case that is not a string constant", fn)
	return ""
}
