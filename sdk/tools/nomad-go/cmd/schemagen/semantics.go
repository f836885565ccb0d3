package main

import (
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
)

// Semantics is overlay/semantics.json: what some enum values mean to Nomad, kept
// as data next to the enums so the SDK, the rules and the editor read one copy.
// Every value named here must be in the enum of the field it describes; the
// generator refuses the run otherwise, so the data cannot drift from the enums.
type Semantics struct {
	// ServiceCheck.type values.
	CheckTypes map[string]*CheckTypeFacts `json:"checkTypes"`
	// Job.type values.
	JobTypes map[string]*JobTypeFacts `json:"jobTypes"`
	// Constraint.operator values (Affinity.operator's are a subset).
	Operators map[string]*OperatorFacts `json:"operators"`
	// Attributes jobspec2 accepts in a constraint or affinity block that set the
	// operator and value in one line, in the order jobspec2 applies them (a later
	// one wins); and the ones its constraint spec accepts but never applies.
	Shorthands Shorthands `json:"shorthands"`
	// The roots of `${root.name}` references something resolves, in order.
	InterpolationRoots []*InterpolationRoot `json:"interpolationRoots"`
	// Schema kind → the file kind users name it by (`# nomadkit: kind=acl-policy`,
	// the editor's language id nomad-acl-policy). Several kinds may share one.
	// Written to each kind's `file`, not here.
	FileKinds map[string]string `json:"fileKinds,omitempty"`
	// Fields (Type.hcl_name) whose enum only suggests values: written to each
	// field's enumOpen, not here.
	OpenEnums []string `json:"openEnums,omitempty"`
	// Status values Nomad's server sets on the API objects the client reads, keyed
	// by a name the SDK uses ("evaluation", "deployment", …).
	Statuses map[string]*StatusFacts `json:"statuses"`
}

type CheckTypeFacts struct {
	// The check reaches the service over the network, so it needs a port.
	NeedsPort bool `json:"needsPort"`
	// Nomad's own service provider (provider = "nomad") runs it; else only Consul does.
	NomadProvider bool `json:"nomadProvider"`
}

type JobTypeFacts struct {
	// Batch-like: runs to completion, so it may be periodic or parameterized.
	Launched bool `json:"launched"`
	// One allocation per eligible node, placed by the system scheduler.
	PerNode bool `json:"perNode"`
}

type OperatorFacts struct {
	// "required": Nomad refuses an empty value; "none": Nomad refuses any value;
	// "optional": the value may be empty (its syntax is the operator's own check).
	Value string `json:"value"`
	// Whether the constraint needs an attribute (LTarget) to test.
	Attribute bool `json:"attribute"`
	// Another operator this one is a spelling of ("==" and "is" for "=").
	AliasOf string `json:"aliasOf,omitempty"`
	// Places allocations rather than tasks: only a job or group may use it.
	Allocations bool `json:"allocations,omitempty"`
}

type Shorthands struct {
	Constraint        []string `json:"constraint"`
	Affinity          []string `json:"affinity"`
	IgnoredConstraint []string `json:"ignoredConstraint"`
}

type InterpolationRoot struct {
	Name string `json:"name"`
	// "jobspec" (HCL variables and locals, resolved when the file is parsed) or
	// "client" (resolved by the client on the node at run time).
	ResolvedBy string `json:"resolvedBy"`
}

type StatusFacts struct {
	// The fields that hold these values, as Type.ApiName (types or apiObjects).
	Fields []string `json:"fields"`
	Values []string `json:"values"`
	// The values after which the object no longer changes.
	Terminal []string `json:"terminal"`
}

// applySemantics reads overlay/semantics.json into the schema, sets the status
// enums on their fields, and checks every value against the enums.
func applySemantics(fsys fs.FS, s *Schema) error {
	var sem Semantics
	if err := readFact(fsys, "overlay/semantics.json", &sem); err != nil {
		return err
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	sameKeys := func(what string, keys []string, enum []string) {
		sort.Strings(keys)
		want := slices.Clone(enum)
		sort.Strings(want)
		if !slices.Equal(keys, want) {
			bad("%s: has %v, the enum has %v", what, keys, want)
		}
	}
	field := func(qualified string) *FieldSchema {
		typeName, key, _ := strings.Cut(qualified, ".")
		st := s.Types[typeName]
		if st == nil {
			st = s.APIObjects.Types[typeName]
		}
		if st == nil {
			return nil
		}
		for _, f := range st.Fields {
			if f.overlayKey() == key {
				return f
			}
		}
		return nil
	}
	enumOf := func(qualified string) []string {
		if f := field(qualified); f != nil {
			return f.Enum
		}
		bad("%s: no such field", qualified)
		return nil
	}
	sameKeys("checkTypes", sortedKeys(sem.CheckTypes), enumOf("ServiceCheck.type"))
	sameKeys("jobTypes", sortedKeys(sem.JobTypes), enumOf("Job.type"))
	operators := enumOf("Constraint.operator")
	sameKeys("operators", sortedKeys(sem.Operators), operators)
	for _, op := range sortedKeys(sem.Operators) {
		o := sem.Operators[op]
		if !slices.Contains([]string{"required", "none", "optional"}, o.Value) {
			bad("operators.%s.value: %q is not required, none or optional", op, o.Value)
		}
		if o.AliasOf != "" && sem.Operators[o.AliasOf] == nil {
			bad("operators.%s.aliasOf: no operator %q", op, o.AliasOf)
		}
	}
	for label, list := range map[string][]string{
		"constraint":        sem.Shorthands.Constraint,
		"affinity":          sem.Shorthands.Affinity,
		"ignoredConstraint": sem.Shorthands.IgnoredConstraint,
	} {
		for _, op := range list {
			if !slices.Contains(operators, op) {
				bad("shorthands.%s: %q is not an operator", label, op)
			}
		}
	}
	for _, r := range sem.InterpolationRoots {
		if r.ResolvedBy != "jobspec" && r.ResolvedBy != "client" {
			bad("interpolationRoots.%s.resolvedBy: %q is not jobspec or client", r.Name, r.ResolvedBy)
		}
	}
	sameKeys("fileKinds", sortedKeys(sem.FileKinds), sortedKeys(s.Kinds))
	for _, kind := range sortedKeys(sem.FileKinds) {
		file := sem.FileKinds[kind]
		if file == "" || strings.Trim(file, "abcdefghijklmnopqrstuvwxyz-") != "" {
			bad("fileKinds.%s: %q is not a lower-case, dash-separated name", kind, file)
		}
		if k := s.Kinds[kind]; k != nil {
			k.File = file
		}
	}
	sem.FileKinds = nil
	for _, q := range sem.OpenEnums {
		if f := field(q); f == nil || len(f.Enum) == 0 {
			bad("openEnums: %s is not a field with an enum", q)
		} else {
			f.EnumOpen = true
		}
	}
	sem.OpenEnums = nil
	for _, name := range sortedKeys(sem.Statuses) {
		st := sem.Statuses[name]
		for _, t := range st.Terminal {
			if !slices.Contains(st.Values, t) {
				bad("statuses.%s.terminal: %q is not one of its values", name, t)
			}
		}
		for _, q := range st.Fields {
			f := field(q)
			if f == nil {
				bad("statuses.%s: no such field %s", name, q)
				continue
			}
			if f.Type.Kind != "string" {
				bad("statuses.%s: %s is a %s, not a string", name, q, f.Type.Kind)
			}
			f.Enum = st.Values
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("overlay/semantics.json:\n  %s", strings.Join(problems, "\n  "))
	}
	s.Semantics = &sem
	return nil
}
