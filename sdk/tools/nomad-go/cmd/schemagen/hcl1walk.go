package main

import (
	"go/ast"
	"reflect"
	"strconv"
	"strings"
)

// hcl1Walker builds the schema of a file kind Nomad decodes with HCL1
// (hcl.Decode) or with HCL1 into a map and then mapstructure.WeakDecode. Both
// match a key to a field by its tag name, else by the field name ignoring
// case; both treat every key as optional; and in both a nested struct, a
// slice of structs, or a map is written as a block.
type hcl1Walker struct {
	u    *universe
	kind *kindDef
	// Types by Go identity; names are chosen at the end (see kindTypes).
	types map[goType]*StructSchema
	order []goType
	// Denominator and numerator of the kind's coverage: fields whose tag
	// names them in the file, and how many of those the schema holds.
	tagged, covered int
}

// fieldOverride is a fact the struct tags do not tell, read from the code
// that decodes the file (config_parse.go, command/*_apply.go, …).
type fieldOverride struct {
	hcl  string // the name the file uses (for fields tagged `hcl:"-"` that are decoded by hand)
	kind string // "remain" for provider-specific keys collected from the leftovers
	typ  *TypeRef
	// enum and description are facts too, set by the kind (ACL validators).
	enum []string
}

func (w *hcl1Walker) walk(t goType) string {
	if _, done := w.types[t]; done {
		return t.String()
	}
	st := t.pkg.structType(t.name)
	s := &StructSchema{Name: t.name, Fields: []*FieldSchema{}}
	w.types[t] = s
	w.order = append(w.order, t)
	if st != nil {
		s.Fields = w.fields(t, st, t == w.kind.rootType)
	}
	return t.String()
}

func (w *hcl1Walker) fields(t goType, st *ast.StructType, root bool) []*FieldSchema {
	var out []*FieldSchema
	for _, f := range st.Fields.List {
		tag := ""
		if f.Tag != nil {
			tag, _ = strconv.Unquote(f.Tag.Value)
		}
		st := reflect.StructTag(tag)
		if len(f.Names) == 0 {
			// Embedded: both decoders flatten it (hcl with ",squash").
			if inner, ok := w.u.resolve(t.pkg, t.name, unstar(f.Type)); ok && inner.pkg.structType(inner.name) != nil {
				out = append(out, w.fields(inner, inner.pkg.structType(inner.name), root)...)
			}
			continue
		}
		for _, n := range f.Names {
			if !n.IsExported() {
				continue
			}
			if fs := w.field(t, n.Name, f, st, root); fs != nil {
				out = append(out, fs)
			}
		}
	}
	return out
}

// field returns nil for fields the file cannot set.
func (w *hcl1Walker) field(t goType, goName string, f *ast.Field, tag reflect.StructTag, root bool) *FieldSchema {
	ov, hasOv := w.kind.overrides[t.name+"."+goName]
	name, mod, tagged := w.fileName(goName, tag, root)
	label := mod == "key" || mod == "label"
	if hasOv && ov.hcl != "" {
		name, tagged = ov.hcl, true
	}
	if name == "" && !label && mod != "remain" && !(hasOv && ov.kind != "") {
		return nil
	}
	if tagged {
		w.tagged++
	}
	fs := &FieldSchema{HCL: name, API: goName, Go: goName, Kind: "attribute"}
	if j, ok := tag.Lookup("json"); ok {
		if n := strings.Split(j, ",")[0]; n != "" && n != "-" {
			fs.API = n
		}
	}
	_, fs.Pointer = f.Type.(*ast.StarExpr)
	fs.Type = w.typeRef(t, f.Type)
	fs.Enum = w.namedEnum(t, f.Type)
	fs.Deprecated = deprecation(f)
	// `foo_hcl` shadows: the file gives a duration as text, the decoder parses
	// it into the time.Duration field beside it.
	if strings.HasSuffix(goName, "HCL") && fs.Type.Kind == "string" {
		fs.Type = scalar("duration")
	}
	switch {
	case label:
		fs.Kind, fs.Required = "label", true
	case mod == "remain":
		fs.Kind = "remain"
	case fs.Type.Kind == "object":
		fs.Kind = "block"
	case fs.Type.Kind == "list" && fs.Type.Of.Kind == "object":
		fs.Kind, fs.Type, fs.Repeated = "block", fs.Type.Of, true
	case fs.Type.Kind == "map" && fs.Type.Of.Kind == "object":
		fs.Kind, fs.Repeated = "block", true
	case fs.Type.Kind == "map":
		fs.Kind = "block" // `meta { k = "v" }`; HCL1 accepts `meta = {…}` as well
	case w.kind.hcl2 && mod == "":
		fs.Required = true // gohcl: an attribute without ",optional" must be given
	}
	if w.kind.hcl2 && mod == "block" && fs.Type.Kind == "map" {
		fs.Kind = "block"
	}
	if hasOv {
		if ov.kind != "" {
			fs.Kind = ov.kind
		}
		if ov.typ != nil {
			fs.Type = ov.typ
		}
		if ov.enum != nil {
			fs.Enum = ov.enum
		}
	}
	if tagged {
		w.covered++
	}
	return fs
}

// fileName is the key a field is written as ("" if the file cannot set it)
// and its tag modifier: HCL1's "key" or HCL2's "label", "block", "optional",
// "remain".
func (w *hcl1Walker) fileName(goName string, tag reflect.StructTag, root bool) (name, mod string, tagged bool) {
	if h, ok := tag.Lookup("hcl"); ok {
		parts := strings.Split(h, ",")
		if len(parts) > 1 {
			mod = parts[1]
		}
		switch mod {
		case "key", "label", "remain":
			return parts[0], mod, true
		case "unusedKeys", "decodedFields", "squash":
			return "", "", false
		}
		if parts[0] == "-" {
			return "", "", false
		}
		if parts[0] != "" {
			return parts[0], mod, true
		}
	}
	if m, ok := tag.Lookup("mapstructure"); ok {
		n := strings.Split(m, ",")[0]
		if n == "-" {
			return "", "", false
		}
		if n != "" {
			return n, "", true
		}
	}
	if w.kind.untagged(goName, root) {
		return strings.ToLower(goName), "optional", false
	}
	return "", "", false
}

func (w *hcl1Walker) typeRef(t goType, e ast.Expr) *TypeRef {
	switch x := e.(type) {
	case *ast.StarExpr:
		return w.typeRef(t, x.X)
	case *ast.Ident:
		if k, ok := builtinKinds[x.Name]; ok {
			return scalar(k)
		}
	case *ast.SelectorExpr:
		if pkgName(x)+"."+x.Sel.Name == "time.Duration" {
			return scalar("duration")
		}
	case *ast.ArrayType:
		if id, ok := x.Elt.(*ast.Ident); ok && id.Name == "byte" {
			return scalar("string")
		}
		return &TypeRef{Kind: "list", Of: w.typeRef(t, x.Elt)}
	case *ast.MapType:
		return &TypeRef{Kind: "map", Of: w.typeRef(t, x.Value)}
	default:
		return scalar("any")
	}
	named, ok := w.u.resolve(t.pkg, t.name, e)
	if !ok {
		return scalar("any")
	}
	spec := named.pkg.specs[named.name]
	if _, isStruct := spec.Type.(*ast.StructType); isStruct {
		return &TypeRef{Kind: "object", Ref: w.walk(named)}
	}
	// type KEKProviderName string: the underlying type, read where it is declared.
	return w.typeRef(named, spec.Type)
}

// namedEnum: a field of a named string type (type CSIVolumeAccessMode string)
// takes the constants its package declares of that type; "" (unset) is left
// out. Only where the file takes the value as is, not through a `…HCL` text.
func (w *hcl1Walker) namedEnum(t goType, e ast.Expr) []string {
	named, ok := w.u.resolve(t.pkg, t.name, unstar(e))
	if !ok {
		return nil
	}
	if id, ok := named.pkg.specs[named.name].Type.(*ast.Ident); !ok || id.Name != "string" {
		return nil
	}
	return named.pkg.enums[named.name]
}
