package main

// Output shape; mirrors the NomadSchema interface in sdk/src/schema/types.ts.
// Field order here is the key order in the JSON file.

type Schema struct {
	NomadVersion string                   `json:"nomadVersion"`
	Sources      Sources                  `json:"sources"`
	Versions     []string                 `json:"versions"`
	Coverage     Coverage                 `json:"coverage"`
	Types        map[string]*StructSchema `json:"types"`
	DriverTypes  map[string]*StructSchema `json:"driverTypes"`
	Drivers      map[string]string        `json:"drivers"`
	APIObjects   *APIObjects              `json:"apiObjects"`
	Kinds        map[string]*KindSchema   `json:"kinds"`
	Discover     *DiscoverSchema          `json:"discover"`
	Semantics    *Semantics               `json:"semantics"`
}

// APIObjects are the API responses the client reads: roots, and the structs
// they reach that Types lacks.
type APIObjects struct {
	Roots []string                 `json:"roots"`
	Types map[string]*StructSchema `json:"types"`
}

// KindSchema is one file kind besides jobs (agent config, ACL policy, …).
type KindSchema struct {
	// The file kind the editor and `nomadkit lint` read it as (overlay/semantics.json
	// fileKinds); kinds that share one (csi and host volumes) are told apart by content.
	File     string                   `json:"file"`
	Syntax   string                   `json:"syntax"`
	Source   string                   `json:"source"`
	Root     string                   `json:"root"`
	Coverage Coverage                 `json:"coverage"`
	Types    map[string]*StructSchema `json:"types"`
}

// DiscoverSchema lists the keys of each go-discover provider a retry_join
// string can name.
type DiscoverSchema struct {
	Sources   []string            `json:"sources"`
	Providers map[string][]string `json:"providers"`
	// The Nomad release whose go.mod pins those go-discover versions.
	Nomad string `json:"nomad"`
}

type Sources struct {
	API   string `json:"api"`
	Nomad string `json:"nomad"`
}

type Coverage struct {
	HCLTags int `json:"hclTags"`
	Covered int `json:"covered"`
}

type StructSchema struct {
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	Fields      []*FieldSchema `json:"fields"`
}

type FieldSchema struct {
	HCL        string   `json:"hcl"`
	API        string   `json:"api"`
	Go         string   `json:"go"`
	Kind       string   `json:"kind"`
	Type       *TypeRef `json:"type"`
	Pointer    bool     `json:"pointer,omitempty"`
	Required   bool     `json:"required"`
	Repeated   bool     `json:"repeated,omitempty"`
	Labels     []string `json:"labels,omitempty"`
	Since      string   `json:"since,omitempty"`
	Deprecated string   `json:"deprecated,omitempty"`
	Enum       []string `json:"enum,omitempty"`
	// The enum only suggests values; others are valid too (task drivers are plugins).
	EnumOpen    bool   `json:"enumOpen,omitempty"`
	Default     any    `json:"default,omitempty"`
	Description string `json:"description,omitempty"`
}

// TypeRef: Of is set for list/set/map, Ref for object.
type TypeRef struct {
	Kind string   `json:"kind"`
	Of   *TypeRef `json:"of,omitempty"`
	Ref  string   `json:"ref,omitempty"`
}

func scalar(kind string) *TypeRef { return &TypeRef{Kind: kind} }

// overlayKey is the name an overlay uses for a field: its HCL name, or the API
// name for fields that have none.
func (f *FieldSchema) overlayKey() string {
	if f.HCL != "" {
		return f.HCL
	}
	return f.API
}
