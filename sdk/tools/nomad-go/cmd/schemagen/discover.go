package main

import (
	"bufio"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

const discoverModule = "github.com/hashicorp/go-discover"

// discoverSchema lists, for each provider go-discover registers, the keys a
// `retry_join = ["provider=aws …"]` string can carry. The versions are the ones
// Nomad's own go.mod requires. Keys come from the provider's Help() text (what
// go-discover documents), plus any key its Addrs code reads from args that the
// text leaves out (aws reads session_token), so a working string never warns.
func discoverSchema(nomadDir string) (*DiscoverSchema, error) {
	versions, err := requiredVersions(filepath.Join(nomadDir, "go.mod"), discoverModule)
	if err != nil {
		return nil, err
	}
	var roots []moduleRoot
	out := &DiscoverSchema{Providers: map[string][]string{}}
	for _, path := range sortedKeys(versions) {
		m := module{path, versions[path]}
		dir, err := moduleDir(m)
		if err != nil {
			return nil, err
		}
		roots = append(roots, moduleRoot{path, dir})
		out.Sources = append(out.Sources, m.String())
	}
	u := newUniverse(roots...)
	disc := u.mustPkg(discoverModule)
	for name, importPath := range registeredProviders(disc) {
		p := u.mustPkg(importPath)
		keys := helpKeys(p)
		if len(keys) == 0 {
			fail("go-discover provider %s: no keys in its Help() text", name)
		}
		out.Providers[name] = appendMissing(keys, argKeys(p))
	}
	return out, nil
}

// requiredVersions reads the require lines of a go.mod for a module and its
// submodules (go-discover/provider/gce is a module of its own).
func requiredVersions(goMod, prefix string) (map[string]string, error) {
	f, err := os.Open(goMod)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "require "))
		if len(fields) >= 2 && (fields[0] == prefix || strings.HasPrefix(fields[0], prefix+"/")) {
			out[fields[0]] = fields[1]
		}
	}
	if len(out) == 0 {
		fail("%s requires no %s", goMod, prefix)
	}
	return out, sc.Err()
}

// registeredProviders reads discover.go's `var Providers = map[string]Provider{
// "aws": &aws.Provider{}, …}`: name → the provider package's import path.
func registeredProviders(disc *srcPackage) map[string]string {
	out := map[string]string{}
	for _, f := range disc.files {
		aliases := fileImports(f)
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "Providers" || len(vs.Values) != 1 {
				return true
			}
			lit, ok := vs.Values[0].(*ast.CompositeLit)
			if !ok {
				return true
			}
			for _, elt := range lit.Elts {
				kv := elt.(*ast.KeyValueExpr)
				key, _ := strconv.Unquote(kv.Key.(*ast.BasicLit).Value)
				ast.Inspect(kv.Value, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "Provider" {
						out[key] = aliases[pkgName(sel)]
					}
					return true
				})
			}
			return false
		})
	}
	if len(out) == 0 {
		fail("no Providers map in %s", disc.path)
	}
	return out
}

// A Help() line naming a key: indented `key:` then its explanation.
var helpKey = regexp.MustCompile(`^\s+([a-z][a-z0-9_]*):\s`)

func helpKeys(p *srcPackage) []string {
	decl, ok := p.funcs["Provider.Help"]
	if !ok {
		fail("go-discover %s: no Provider.Help", p.path)
	}
	var keys []string
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		text, _ := strconv.Unquote(lit.Value)
		for _, line := range strings.Split(text, "\n") {
			if m := helpKey.FindStringSubmatch(line + " "); m != nil && m[1] != "provider" {
				keys = appendMissing(keys, []string{m[1]})
			}
		}
		return false
	})
	return keys
}

// argKeys lists the keys a provider reads: args["key"], or a helper called as
// f(args, "key", …) (vsphere's valueOrEnv).
func argKeys(p *srcPackage) []string {
	set := map[string]bool{}
	lit := func(e ast.Expr) {
		if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
			if s, _ := strconv.Unquote(b.Value); s != "provider" && s != "" {
				set[s] = true
			}
		}
	}
	isArgs := func(e ast.Expr) bool { id, ok := e.(*ast.Ident); return ok && id.Name == "args" }
	for _, f := range p.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.IndexExpr:
				if isArgs(x.X) {
					lit(x.Index)
				}
			case *ast.CallExpr:
				if len(x.Args) >= 2 && isArgs(x.Args[0]) {
					lit(x.Args[1])
				}
			}
			return true
		})
	}
	return sortedStrings(set)
}

func appendMissing(list, more []string) []string {
	for _, s := range more {
		found := false
		for _, have := range list {
			found = found || have == s
		}
		if !found {
			list = append(list, s)
		}
	}
	return list
}
