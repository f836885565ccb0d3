package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// apiPackage is package api read from source with go/ast. Source (rather than
// reflection) is what lets us list every struct, read comments, and read the
// same package at older Nomad releases.
type apiPackage struct {
	specs map[string]*ast.TypeSpec // every type declared in the package
}

func parseAPIDir(dir string) (*apiPackage, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	pkg := &apiPackage{specs: map[string]*ast.TypeSpec{}}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if f.Name.Name != "api" {
			continue
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, s := range gd.Specs {
				ts := s.(*ast.TypeSpec)
				pkg.specs[ts.Name.Name] = ts
			}
		}
	}
	return pkg, nil
}

func (p *apiPackage) structType(name string) *ast.StructType {
	if ts, ok := p.specs[name]; ok {
		if st, ok := ts.Type.(*ast.StructType); ok {
			return st
		}
	}
	return nil
}

// structFields lists a struct's fields in order, with embedded structs of the
// package inlined the way encoding/json flattens them.
func (p *apiPackage) structFields(st *ast.StructType) []namedField {
	var out []namedField
	for _, f := range st.Fields.List {
		tag := ""
		if f.Tag != nil {
			tag, _ = strconv.Unquote(f.Tag.Value)
		}
		if len(f.Names) == 0 {
			if id, ok := unstar(f.Type).(*ast.Ident); ok {
				if inner := p.structType(id.Name); inner != nil && !hasKey(tag, "hcl") {
					out = append(out, p.structFields(inner)...)
					continue
				}
				out = append(out, namedField{id.Name, f, reflect.StructTag(tag)})
			}
			continue
		}
		for _, n := range f.Names {
			if n.IsExported() {
				out = append(out, namedField{n.Name, f, reflect.StructTag(tag)})
			}
		}
	}
	return out
}

type namedField struct {
	name string
	f    *ast.Field
	tag  reflect.StructTag
}

func hasKey(tag, key string) bool {
	_, ok := reflect.StructTag(tag).Lookup(key)
	return ok
}

func unstar(e ast.Expr) ast.Expr {
	if s, ok := e.(*ast.StarExpr); ok {
		return s.X
	}
	return e
}

// hclStructs names the exported structs that carry at least one hcl tag.
func (p *apiPackage) hclStructs() []string {
	var names []string
	for name, ts := range p.specs {
		st, ok := ts.Type.(*ast.StructType)
		if !ok || !ast.IsExported(name) {
			continue
		}
		for _, f := range st.Fields.List {
			if f.Tag != nil {
				tag, _ := strconv.Unquote(f.Tag.Value)
				if hasKey(tag, "hcl") {
					names = append(names, name)
					break
				}
			}
		}
	}
	sort.Strings(names)
	return names
}

// countHCLTags counts hcl tags (not `hcl:"-"`) on every struct field in the
// package, nested anonymous structs included: the denominator of coverage.
func (p *apiPackage) countHCLTags() int {
	n := 0
	for _, ts := range p.specs {
		ast.Inspect(ts, func(node ast.Node) bool {
			if f, ok := node.(*ast.Field); ok && f.Tag != nil {
				tag, _ := strconv.Unquote(f.Tag.Value)
				if v, ok := reflect.StructTag(tag).Lookup("hcl"); ok && v != "-" {
					n++
				}
			}
			return true
		})
	}
	return n
}

// fieldSet lists "Type.Field" for every exported field of every struct, used
// to find the release that added a field.
func (p *apiPackage) fieldSet() map[string]bool {
	set := map[string]bool{}
	for name := range p.specs {
		if st := p.structType(name); st != nil && ast.IsExported(name) {
			for _, nf := range p.structFields(st) {
				set[name+"."+nf.name] = true
			}
		}
	}
	return set
}
