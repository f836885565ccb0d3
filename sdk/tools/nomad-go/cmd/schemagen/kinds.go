package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// kindDef says where a file kind's schema comes from: the Go struct Nomad
// decodes the file into, and the decoding facts its tags don't carry.
type kindDef struct {
	key      string // key in Schema.Kinds
	syntax   string // "hcl1" or "hcl2": what Nomad parses the file with
	pkgPath  string // package of the root struct
	root     string // root struct
	hcl2     bool
	rootType goType
	// Untagged exported fields: HCL1 and mapstructure match them by name
	// ignoring case. In Nomad's ACL structs that is how every rule is read; in
	// the agent config an untagged field is internal. rootUntagged names the
	// root fields a spec file sets this way (the rest are set by the server).
	untaggedFields bool
	rootUntagged   []string
	overrides      map[string]fieldOverride // "Type.GoField" → fact
	extra          []*FieldSchema           // root keys decoded outside the struct (a volume's `type`)
	extraTypes     map[string]*StructSchema // shapes the decoder reads that no struct declares
	// Struct → the keys the CLI accepts in that block (recorded facts, see
	// checkedkeys.go), and types for keys no field has.
	checked     map[string][]string
	checkedType map[string]*TypeRef
}

func (k *kindDef) untagged(goName string, root bool) bool {
	if root && k.rootUntagged != nil {
		for _, n := range k.rootUntagged {
			if n == goName {
				return true
			}
		}
		return false
	}
	return k.untaggedFields
}

// buildKind walks a kind from its root struct and names its types: by Go name,
// or by package-qualified name where two packages share one (config.X).
func buildKind(u *universe, k *kindDef, source string) *KindSchema {
	k.rootType = goType{u.mustPkg(k.pkgPath), k.root}
	if k.rootType.pkg.structType(k.root) == nil {
		fail("kind %s: no struct %s in %s", k.key, k.root, k.pkgPath)
	}
	w := &hcl1Walker{u: u, kind: k, types: map[goType]*StructSchema{}}
	w.walk(k.rootType)
	for key := range k.overrides {
		if !overrideUsed(w, key) {
			fail("kind %s: override %s matches no field", k.key, key)
		}
	}
	names := typeNames(w.order)
	out := &KindSchema{
		Syntax: k.syntax, Source: source, Root: names[k.rootType.String()],
		Types: map[string]*StructSchema{},
	}
	for _, t := range w.order {
		s := w.types[t]
		for _, f := range s.Fields {
			renameRefs(f.Type, names)
		}
		out.Types[names[t.String()]] = s
	}
	for typeName, keys := range k.checked {
		s, ok := out.Types[typeName]
		if !ok {
			fail("kind %s: no type %s to check keys of", k.key, typeName)
		}
		applyCheckedKeys(s, keys, k.checkedType, k.key)
	}
	for name, s := range k.extraTypes {
		out.Types[name] = s
	}
	root := out.Types[out.Root]
	root.Fields = append(append([]*FieldSchema{}, k.extra...), root.Fields...)
	out.Coverage = Coverage{HCLTags: w.tagged + len(k.extra), Covered: w.covered + len(k.extra)}
	return out
}

func overrideUsed(w *hcl1Walker, key string) bool {
	typeName, goName, _ := strings.Cut(key, ".")
	for t, s := range w.types {
		if t.name != typeName {
			continue
		}
		for _, f := range s.Fields {
			if f.Go == goName {
				return true
			}
		}
	}
	return false
}

// typeNames gives each type its Go name, qualified by the last element of its
// package path where the Go name alone would be ambiguous.
func typeNames(types []goType) map[string]string {
	count := map[string]int{}
	for _, t := range types {
		count[t.name]++
	}
	out := map[string]string{}
	for _, t := range types {
		name := t.name
		if count[t.name] > 1 {
			parts := strings.Split(t.pkg.path, "/")
			name = strings.Join(parts[len(parts)-2:], "/") + "." + t.name
		}
		out[t.String()] = name
	}
	return out
}

func renameRefs(t *TypeRef, names map[string]string) {
	for ; t != nil; t = t.Of {
		if n, ok := names[t.Ref]; ok {
			t.Ref = n // extraTypes refs are already final names
		}
	}
}

// fail stops the run: the generator found Nomad's code not shaped the way
// its facts say, and must not write a schema that silently lost a kind.
func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "schemagen: "+format+"\n", args...)
	os.Exit(1)
}

func sortedStrings(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
