package main

import (
	"go/ast"
	"regexp"
	"sort"
	"strings"
)

// apiTypes builds the schema of every hcl-tagged struct plus every struct
// reachable from Job (and from those structs), so every ref resolves. ACLPolicy
// has no HCL form but is a body nomadkit writes (a task's variable policy).
func apiTypes(p *apiPackage) map[string]*StructSchema {
	out := map[string]*StructSchema{}
	queue := append([]string{"Job", "ACLPolicy"}, p.hclStructs()...)
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if _, done := out[name]; done {
			continue
		}
		st := p.structType(name)
		if st == nil {
			continue
		}
		s := &StructSchema{Name: name, Fields: []*FieldSchema{}}
		for _, nf := range p.structFields(st) {
			f := p.field(nf)
			s.Fields = append(s.Fields, f)
			queue = append(queue, refs(f.Type)...)
		}
		out[name] = s
	}
	return out
}

func refs(t *TypeRef) []string {
	for t.Of != nil {
		t = t.Of
	}
	if t.Ref != "" {
		return []string{t.Ref}
	}
	return nil
}

func (p *apiPackage) field(nf namedField) *FieldSchema {
	f := &FieldSchema{Go: nf.name, API: nf.name}
	if j, ok := nf.tag.Lookup("json"); ok {
		if n := strings.Split(j, ",")[0]; n != "" {
			f.API = n
		}
	}
	_, f.Pointer = nf.f.Type.(*ast.StarExpr)
	f.Type = p.typeRef(unstar(nf.f.Type))
	f.Deprecated = deprecation(nf.f)

	tag, ok := nf.tag.Lookup("hcl")
	if !ok || tag == "-" {
		f.Kind = "apiOnly"
		return f
	}
	parts := strings.Split(tag, ",")
	f.HCL = parts[0]
	modifier := ""
	if len(parts) > 1 {
		modifier = parts[1]
	}
	switch modifier {
	case "":
		f.Kind, f.Required = "attribute", true
	case "optional":
		f.Kind = "attribute"
	case "label":
		f.Kind, f.Required = "label", true
	case "remain":
		f.Kind = "remain"
	case "block":
		f.Kind = "block"
		// A block given as a slice may repeat; its type is then the element.
		if f.Type.Kind == "list" && f.Type.Of.Kind == "object" {
			f.Type, f.Repeated = f.Type.Of, true
		}
		// A map of structs is a labelled block that may repeat; the type stays
		// a map because the API JSON is keyed by the label.
		if f.Type.Kind == "map" && f.Type.Of.Kind == "object" {
			f.Repeated = true
		}
		// gohcl requires exactly one block for a plain struct field.
		f.Required = !f.Pointer && f.Type.Kind == "object" && !f.Repeated
	default:
		f.Kind = "attribute"
	}
	return f
}

var builtinKinds = map[string]string{
	"string": "string", "bool": "bool", "any": "any",
	"float32": "float", "float64": "float",
	"int": "int", "int8": "int", "int16": "int", "int32": "int", "int64": "int",
	"uint": "int", "uint8": "int", "uint16": "int", "uint32": "int", "uint64": "int",
	"byte": "int", "rune": "int", "uintptr": "int",
}

func (p *apiPackage) typeRef(e ast.Expr) *TypeRef {
	switch t := e.(type) {
	case *ast.StarExpr:
		return p.typeRef(t.X)
	case *ast.Ident:
		if k, ok := builtinKinds[t.Name]; ok {
			return scalar(k)
		}
		ts, ok := p.specs[t.Name]
		if !ok {
			return scalar("any")
		}
		if _, isStruct := ts.Type.(*ast.StructType); isStruct {
			return &TypeRef{Kind: "object", Ref: t.Name}
		}
		// A named non-struct type (type CSIVolumeAccessMode string): use its underlying type.
		return p.typeRef(ts.Type)
	case *ast.SelectorExpr:
		switch pkgName(t) + "." + t.Sel.Name {
		case "time.Duration":
			return scalar("duration")
		case "time.Time":
			return scalar("string") // RFC 3339 text in JSON
		}
		return scalar("any")
	case *ast.ArrayType:
		if id, ok := t.Elt.(*ast.Ident); ok && id.Name == "byte" {
			return scalar("string") // encoding/json writes []byte as base64 text
		}
		return &TypeRef{Kind: "list", Of: p.typeRef(t.Elt)}
	case *ast.MapType:
		return &TypeRef{Kind: "map", Of: p.typeRef(t.Value)}
	}
	return scalar("any") // interface{}, anonymous structs, funcs, channels
}

func pkgName(s *ast.SelectorExpr) string {
	if id, ok := s.X.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// deprecation returns the note of a field's comment line that starts with
// "Deprecated" (Go's "Deprecated:" convention, and the api package's older
// "DEPRECATED:" and "XXX Deprecated." forms), up to the end of its paragraph.
func deprecation(f *ast.Field) string {
	for _, cg := range []*ast.CommentGroup{f.Doc, f.Comment} {
		if cg == nil {
			continue
		}
		lines := strings.Split(cg.Text(), "\n")
		for i, line := range lines {
			m := deprecatedLine.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			note := []string{m[1]}
			for _, more := range lines[i+1:] {
				if strings.TrimSpace(more) == "" {
					break
				}
				note = append(note, more)
			}
			text := strings.Join(strings.Fields(strings.Join(note, " ")), " ")
			if text == "" {
				text = "deprecated"
			}
			return text
		}
	}
	return ""
}

var deprecatedLine = regexp.MustCompile(`^\s*(?:XXX\s+)?(?i:deprecated)\b[:.,]?\s*(.*)$`)

// coveredTags counts fields that carry an hcl tag.
func coveredTags(types map[string]*StructSchema) int {
	n := 0
	for _, s := range types {
		for _, f := range s.Fields {
			if f.Kind != "apiOnly" {
				n++
			}
		}
	}
	return n
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
