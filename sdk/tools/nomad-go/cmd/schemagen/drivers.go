package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	hclog "github.com/hashicorp/go-hclog"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/nomad/drivers/docker"
	"github.com/hashicorp/nomad/drivers/exec"
	"github.com/hashicorp/nomad/drivers/java"
	"github.com/hashicorp/nomad/drivers/qemu"
	"github.com/hashicorp/nomad/drivers/rawexec"
	"github.com/hashicorp/nomad/plugins/drivers"
	"github.com/hashicorp/nomad/plugins/shared/hclspec"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// The drivers are constructed for real and asked for their task config
// schema, so the spec is exactly what the Nomad client validates against.
var driverConstructors = map[string]func(context.Context, hclog.Logger) drivers.DriverPlugin{
	"docker":   docker.NewDockerDriver,
	"exec":     exec.NewExecDriver,
	"raw_exec": rawexec.NewRawExecDriver,
	"java":     java.NewDriver,
	"qemu":     qemu.NewQemuDriver,
}

func driverTypes() (map[string]*StructSchema, map[string]string, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // stops the drivers' background goroutines
	types := map[string]*StructSchema{}
	roots := map[string]string{}
	for _, name := range sortedKeys(driverConstructors) {
		spec, err := driverConstructors[name](ctx, hclog.NewNullLogger()).TaskConfigSchema()
		if err != nil {
			return nil, nil, fmt.Errorf("driver %s: %w", name, err)
		}
		c := &specConverter{types: types}
		if err := c.structOf(name, spec); err != nil {
			return nil, nil, fmt.Errorf("driver %s: %w", name, err)
		}
		roots[name] = name
	}
	return types, roots, nil
}

type specConverter struct {
	types map[string]*StructSchema
}

// structOf records the body described by spec as driver type name.
func (c *specConverter) structOf(name string, spec *hclspec.Spec) error {
	s := &StructSchema{Name: name, Fields: []*FieldSchema{}}
	c.types[name] = s
	fields, err := c.fields(name, spec)
	if err != nil {
		return err
	}
	// Object specs are maps; order fields by name so output is stable.
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].HCL < fields[j].HCL })
	s.Fields = fields
	return nil
}

// fields converts one spec into the fields it contributes to a body. Object
// and array specs contribute their members to the same body, as hcldec does.
func (c *specConverter) fields(parent string, spec *hclspec.Spec) ([]*FieldSchema, error) {
	switch {
	case spec.GetObject() != nil:
		var out []*FieldSchema
		for _, k := range sortedKeys(spec.GetObject().GetAttributes()) {
			f, err := c.fields(parent, spec.GetObject().GetAttributes()[k])
			if err != nil {
				return nil, err
			}
			out = append(out, f...)
		}
		return out, nil
	case spec.GetArray() != nil:
		var out []*FieldSchema
		for _, v := range spec.GetArray().GetValues() {
			f, err := c.fields(parent, v)
			if err != nil {
				return nil, err
			}
			out = append(out, f...)
		}
		return out, nil
	case spec.GetAttr() != nil:
		a := spec.GetAttr()
		t, err := ctyTypeRef(a.GetType())
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", parent, a.GetName(), err)
		}
		return []*FieldSchema{driverField(a.GetName(), "attribute", t, a.GetRequired())}, nil
	case spec.GetBlockAttrs() != nil:
		b := spec.GetBlockAttrs()
		t, err := ctyTypeRef(b.GetType())
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", parent, b.GetName(), err)
		}
		// A block whose body is free-form attributes of one type.
		return []*FieldSchema{driverField(b.GetName(), "block", &TypeRef{Kind: "map", Of: t}, b.GetRequired())}, nil
	case spec.GetBlockValue() != nil:
		b := spec.GetBlockValue()
		return c.block(parent, b.GetName(), b.GetNested(), b.GetRequired(), false, nil)
	case spec.GetBlockList() != nil:
		b := spec.GetBlockList()
		return c.block(parent, b.GetName(), b.GetNested(), b.GetMinItems() > 0, true, nil)
	case spec.GetBlockSet() != nil:
		b := spec.GetBlockSet()
		return c.block(parent, b.GetName(), b.GetNested(), b.GetMinItems() > 0, true, nil)
	case spec.GetBlockMap() != nil:
		b := spec.GetBlockMap()
		return c.block(parent, b.GetName(), b.GetNested(), false, true, b.GetLabels())
	case spec.GetDefault() != nil:
		d := spec.GetDefault()
		out, err := c.fields(parent, d.GetPrimary())
		if err != nil {
			return nil, err
		}
		if len(out) != 1 || d.GetDefault().GetLiteral() == nil {
			return nil, fmt.Errorf("%s: unsupported default spec", parent)
		}
		v, err := literalValue(d.GetDefault().GetLiteral().GetValue())
		if err != nil {
			return nil, fmt.Errorf("%s.%s default: %w", parent, out[0].HCL, err)
		}
		out[0].Default = v
		return out, nil
	}
	return nil, fmt.Errorf("%s: unsupported spec %T", parent, spec.GetBlock())
}

func (c *specConverter) block(parent, name string, nested *hclspec.Spec, required, repeated bool, labels []string) ([]*FieldSchema, error) {
	typeName := parent + "." + name
	if err := c.structOf(typeName, nested); err != nil {
		return nil, err
	}
	f := driverField(name, "block", &TypeRef{Kind: "object", Ref: typeName}, required)
	f.Repeated, f.Labels = repeated, labels
	return []*FieldSchema{f}, nil
}

func driverField(name, kind string, t *TypeRef, required bool) *FieldSchema {
	return &FieldSchema{HCL: name, API: name, Go: "", Kind: kind, Type: t, Required: required}
}

// ctyTypeRef reads hclspec's type strings: string, number, bool, any,
// list(T), set(T), map(T).
func ctyTypeRef(s string) (*TypeRef, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "string", "bool", "number", "any":
		return scalar(s), nil
	}
	for _, k := range []string{"list", "set", "map"} {
		if strings.HasPrefix(s, k+"(") && strings.HasSuffix(s, ")") {
			of, err := ctyTypeRef(s[len(k)+1 : len(s)-1])
			if err != nil {
				return nil, err
			}
			return &TypeRef{Kind: k, Of: of}, nil
		}
	}
	return nil, fmt.Errorf("unsupported type %q", s)
}

// literalValue evaluates an hclspec literal (HCL expression text) to plain JSON data.
func literalValue(src string) (any, error) {
	expr, diags := hclsyntax.ParseExpression([]byte(src), "literal", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diags
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		return nil, diags
	}
	b, err := ctyjson.SimpleJSONValue{Value: v}.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return rawJSON(b)
}
