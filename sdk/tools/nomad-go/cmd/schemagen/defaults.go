package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"
	"strings"
)

// defaultsReader takes a kind's defaults from the Go function Nomad builds
// them with (the agent's DefaultConfig): the struct literal it returns is
// walked alongside the kind's types, and every literal it sets on a field the
// file can write becomes that field's `default`. Values it can't read as a
// constant (version.GetVersion(), expressions) are left out, never guessed.
type defaultsReader struct {
	u      *universe
	byName map[string]*StructSchema // Go type name → struct (names two packages share are left out)
	set    int
}

func applyDefaults(u *universe, ks *KindSchema, pkg *srcPackage, fn string) int {
	r := &defaultsReader{u: u, byName: map[string]*StructSchema{}}
	seen := map[string]int{}
	for _, s := range ks.Types {
		seen[s.Name]++
		r.byName[s.Name] = s
	}
	for name, n := range seen {
		if n > 1 {
			delete(r.byName, name)
		}
	}
	root := ks.Types[ks.Root]
	lit := r.literalIn(pkg, fn, root.Name)
	if lit == nil {
		fail("%s in %s builds no %s literal", fn, pkg.path, root.Name)
	}
	r.apply(pkg, root, lit)
	return r.set
}

// literalIn finds the first `T{…}` in a function's body.
func (r *defaultsReader) literalIn(p *srcPackage, fn, typeName string) *ast.CompositeLit {
	decl, ok := p.funcs[fn]
	if !ok || decl.Body == nil {
		return nil
	}
	var found *ast.CompositeLit
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if cl, ok := n.(*ast.CompositeLit); ok && found == nil && typeNameOf(cl.Type) == typeName {
			found = cl
		}
		return found == nil
	})
	return found
}

func typeNameOf(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.SelectorExpr:
		return t.Sel.Name
	}
	return ""
}

func (r *defaultsReader) apply(p *srcPackage, s *StructSchema, lit *ast.CompositeLit) {
	byGo := map[string]*FieldSchema{}
	for _, f := range s.Fields {
		if f.Go != "" {
			byGo[f.Go] = f
		}
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		f, duration := byGo[key.Name], false
		if f == nil {
			// GCInterval: 1 * time.Minute sets the value behind the file's gc_interval text.
			f, duration = byGo[key.Name+"HCL"], true
			if f == nil {
				continue
			}
		}
		r.field(p, f, kv.Value, duration)
	}
}

func (r *defaultsReader) field(p *srcPackage, f *FieldSchema, e ast.Expr, duration bool) {
	e = unwrapPointerOf(e)
	if f.Kind == "block" && f.Type.Kind == "object" {
		if target := r.byName[goNameOf(f.Type.Ref)]; target != nil {
			if cp, lit := r.structLiteral(p, e, target.Name); lit != nil {
				r.apply(cp, target, lit)
			}
		}
		return
	}
	if f.Kind != "attribute" || f.Default != nil {
		return
	}
	if v, ok := r.constant(p, e, duration || f.Type.Kind == "duration"); ok {
		f.Default = v
		r.set++
	}
}

// structLiteral finds the literal a field is set from: `&T{…}` itself, the
// first element of `[]*T{…}`, or the `T{…}` a `DefaultT()`-style call builds.
func (r *defaultsReader) structLiteral(p *srcPackage, e ast.Expr, typeName string) (*srcPackage, *ast.CompositeLit) {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	switch x := e.(type) {
	case *ast.CompositeLit:
		if _, isSlice := x.Type.(*ast.ArrayType); isSlice {
			if len(x.Elts) == 1 {
				return r.structLiteral(p, x.Elts[0], typeName)
			}
			return nil, nil
		}
		return p, x
	case *ast.CallExpr:
		fnPkg, fnName := p, ""
		switch fun := x.Fun.(type) {
		case *ast.Ident:
			fnName = fun.Name
		case *ast.SelectorExpr:
			fnName = fun.Sel.Name
			if q := r.importedFrom(p, pkgName(fun)); q != nil {
				fnPkg = q
			}
		}
		if lit := r.literalIn(fnPkg, fnName, typeName); lit != nil {
			return fnPkg, lit
		}
	}
	return nil, nil
}

// importedFrom resolves a package alias as any file of p imports it.
func (r *defaultsReader) importedFrom(p *srcPackage, alias string) *srcPackage {
	for _, f := range p.files {
		if path, ok := fileImports(f)[alias]; ok {
			q, _ := r.u.pkg(path)
			return q
		}
	}
	return nil
}

func (r *defaultsReader) constant(p *srcPackage, e ast.Expr, duration bool) (any, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		switch x.Kind {
		case token.STRING:
			s, _ := strconv.Unquote(x.Value)
			return s, s != "" // "" is Go's zero value, not a default worth showing
		case token.INT:
			n, err := strconv.ParseInt(x.Value, 0, 64)
			return n, err == nil && !duration
		}
	case *ast.Ident:
		switch x.Name {
		case "true", "false":
			return x.Name == "true", true
		}
		if v, ok := p.consts[x.Name]; ok {
			return v, true
		}
	case *ast.SelectorExpr:
		if q := r.importedFrom(p, pkgName(x)); q != nil {
			if v, ok := q.consts[x.Sel.Name]; ok {
				return v, true
			}
		}
	case *ast.BinaryExpr:
		if d, ok := durationText(x); ok && duration {
			return d, true
		}
	}
	return nil, false
}

// durationText reads `30 * time.Second` as "30s".
func durationText(x *ast.BinaryExpr) (string, bool) {
	if x.Op != token.MUL {
		return "", false
	}
	lit, ok := x.X.(*ast.BasicLit)
	unit, ok2 := x.Y.(*ast.SelectorExpr)
	if !ok || !ok2 || lit.Kind != token.INT || pkgName(unit) != "time" {
		return "", false
	}
	suffix := map[string]string{"Millisecond": "ms", "Second": "s", "Minute": "m", "Hour": "h"}[unit.Sel.Name]
	if suffix == "" {
		return "", false
	}
	return fmt.Sprintf("%s%s", lit.Value, suffix), true
}

func unwrapPointerOf(e ast.Expr) ast.Expr {
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && pkgName(sel) == "pointer" && sel.Sel.Name == "Of" {
			return call.Args[0]
		}
	}
	return e
}

// goNameOf strips a package qualifier ("structs/config.TLSConfig" → "TLSConfig").
func goNameOf(typeName string) string {
	if i := strings.LastIndex(typeName, "."); i >= 0 {
		return typeName[i+1:]
	}
	return typeName
}
