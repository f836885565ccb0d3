package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// universe reads Go packages from module source by import path, lazily. The
// agent configuration spans several Nomad packages (command/agent,
// nomad/structs/config, client/config, nomad/structs), so unlike apiPackage it
// follows a field's `pkg.Type` to the package its file imported.
type universe struct {
	modules []moduleRoot // longest prefix first, so nomad/api wins over nomad
	pkgs    map[string]*srcPackage
}

type moduleRoot struct{ prefix, dir string }

type srcPackage struct {
	path, name string
	specs      map[string]*ast.TypeSpec
	imports    map[string]map[string]string // type name → alias → import path, from the declaring file
	funcs      map[string]*ast.FuncDecl     // "Name" or "Recv.Name"
	consts     map[string]string            // string constants, unquoted
	enums      map[string][]string          // named string type → its non-empty constants, in order
	files      []*ast.File
}

func newUniverse(roots ...moduleRoot) *universe {
	sort.Slice(roots, func(i, j int) bool { return len(roots[i].prefix) > len(roots[j].prefix) })
	return &universe{modules: roots, pkgs: map[string]*srcPackage{}}
}

// pkg loads a package of one of the universe's modules; nil for packages
// outside them (the standard library, third-party modules).
func (u *universe) pkg(importPath string) (*srcPackage, error) {
	if p, ok := u.pkgs[importPath]; ok {
		return p, nil
	}
	dir := ""
	for _, m := range u.modules {
		if importPath == m.prefix || strings.HasPrefix(importPath, m.prefix+"/") {
			dir = filepath.Join(m.dir, strings.TrimPrefix(importPath, m.prefix))
			break
		}
	}
	if dir == "" {
		u.pkgs[importPath] = nil
		return nil, nil
	}
	p, err := parseSrcPackage(importPath, dir)
	u.pkgs[importPath] = p
	return p, err
}

// mustPkg is pkg for packages the generator names itself: a missing one means
// Nomad moved code, and the run must fail rather than write a thinner schema.
func (u *universe) mustPkg(importPath string) *srcPackage {
	p, err := u.pkg(importPath)
	if err != nil {
		fail("reading %s: %v", importPath, err)
	}
	if p == nil || len(p.specs) == 0 {
		fail("no Go package %s in the pinned modules", importPath)
	}
	return p
}

func parseSrcPackage(importPath, dir string) (*srcPackage, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	p := &srcPackage{
		path: importPath, specs: map[string]*ast.TypeSpec{}, imports: map[string]map[string]string{},
		funcs: map[string]*ast.FuncDecl{}, consts: map[string]string{}, enums: map[string][]string{},
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		// Build-tagged variants (_windows.go, ent files) declare the same
		// names; the package name filters out stray main packages.
		if p.name == "" {
			p.name = f.Name.Name
		} else if f.Name.Name != p.name {
			continue
		}
		p.files = append(p.files, f)
		aliases := fileImports(f)
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				key := d.Name.Name
				if d.Recv != nil && len(d.Recv.List) == 1 {
					if id, ok := unstar(d.Recv.List[0].Type).(*ast.Ident); ok {
						key = id.Name + "." + key
					}
				}
				p.funcs[key] = d
			case *ast.GenDecl:
				p.readGenDecl(d, aliases)
			}
		}
	}
	return p, nil
}

func (p *srcPackage) readGenDecl(d *ast.GenDecl, aliases map[string]string) {
	for _, s := range d.Specs {
		switch s := s.(type) {
		case *ast.TypeSpec:
			if _, seen := p.specs[s.Name.Name]; !seen {
				p.specs[s.Name.Name] = s
				p.imports[s.Name.Name] = aliases
			}
		case *ast.ValueSpec:
			if d.Tok != token.CONST {
				continue
			}
			for i, n := range s.Names {
				if i < len(s.Values) {
					if lit, ok := s.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						v, _ := strconv.Unquote(lit.Value)
						p.consts[n.Name] = v
						if t, ok := s.Type.(*ast.Ident); ok && v != "" {
							p.enums[t.Name] = append(p.enums[t.Name], v)
						}
					}
				}
			}
		}
	}
}

// fileImports maps each import's local name to its path. Without an explicit
// alias the local name is taken to be the path's last element, which holds for
// every Nomad package the generator follows.
func fileImports(f *ast.File) map[string]string {
	out := map[string]string{}
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		name := path.Base(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		out[name] = p
	}
	return out
}

func (p *srcPackage) structType(name string) *ast.StructType {
	if ts, ok := p.specs[name]; ok {
		if st, ok := ts.Type.(*ast.StructType); ok {
			return st
		}
	}
	return nil
}

// goType is a named type somewhere in the universe.
type goType struct {
	pkg  *srcPackage
	name string
}

func (t goType) String() string { return t.pkg.path + "." + t.name }

// resolve follows an identifier or `alias.Name` written in a declaration of
// type `in` of package p. ok is false for types outside the universe.
func (u *universe) resolve(p *srcPackage, in string, e ast.Expr) (goType, bool) {
	switch t := e.(type) {
	case *ast.Ident:
		if _, ok := p.specs[t.Name]; ok {
			return goType{p, t.Name}, true
		}
	case *ast.SelectorExpr:
		alias := pkgName(t)
		target, ok := p.imports[in][alias]
		if !ok {
			return goType{}, false
		}
		q, err := u.pkg(target)
		if err != nil || q == nil {
			return goType{}, false
		}
		if _, ok := q.specs[t.Sel.Name]; ok {
			return goType{q, t.Sel.Name}, true
		}
	}
	return goType{}, false
}
