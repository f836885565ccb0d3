package main

// The file kinds besides jobs that are read from the api module. Each names the
// api struct the CLI decodes the file into; the overrides are what the decoding
// code (in Nomad's command package, v1.11.3) does beyond the tags. Kinds that
// exist only in Nomad's main module (agent, aclPolicy, nodePool) are recorded
// facts (facts.go).

const apiModule = "github.com/hashicorp/nomad/api"

// size: written as text with a unit ("10GiB"), parsed with go-humanize's
// ParseBytes into an int64 (command/volume_register_csi.go parseCapacityBytes).
var sizeType = scalar("size")

// checked: struct → the keys `nomad volume create` accepts in that block
// (facts/host-volume-keys.json).
func kindDefs(checked map[string][]string) []*kindDef {
	return []*kindDef{
		{
			key: "csiVolume", syntax: "hcl1", pkgPath: apiModule, root: "CSIVolume",
			// csiDecodeVolume: mapstructure matches these by name; the other
			// untagged fields are the server's.
			rootUntagged: []string{"ID", "Name", "Namespace"},
			overrides: map[string]fieldOverride{
				"CSIVolume.RequestedCapacityMin": {typ: sizeType},
				"CSIVolume.RequestedCapacityMax": {typ: sizeType},
				// topology_request { required { topology { segments {…} } } }: the
				// decoder reads one more level than the struct has.
				"CSITopologyRequest.Required":  {typ: &TypeRef{Kind: "object", Ref: "CSITopologyList"}},
				"CSITopologyRequest.Preferred": {typ: &TypeRef{Kind: "object", Ref: "CSITopologyList"}},
			},
			extra:      []*FieldSchema{volumeType("csi")},
			extraTypes: map[string]*StructSchema{"CSITopologyList": topologyList()},
		},
		{
			key: "hostVolume", syntax: "hcl1", pkgPath: apiModule, root: "HostVolume",
			rootUntagged: []string{"Parameters"}, // decodeHostVolume: matched by name
			overrides: map[string]fieldOverride{
				"HostVolume.RequestedCapacityMinBytes": {typ: sizeType},
				"HostVolume.RequestedCapacityMaxBytes": {typ: sizeType},
				"HostVolume.CapacityBytes":             {typ: sizeType},
			},
			extra:   []*FieldSchema{volumeType("host")},
			checked: checked,
			// parseConstraints reads distinct_hosts with parseBool; the other
			// shorthands are text like the jobspec's.
			checkedType: map[string]*TypeRef{"distinct_hosts": scalar("bool")},
		},
		{
			key: "namespace", syntax: "hcl1", pkgPath: apiModule, root: "Namespace",
			// parseNamespaceSpec: mapstructure by name at the top; the nested
			// blocks are hcl.DecodeObject'd, which also matches by name.
			rootUntagged:   []string{"Name", "Description", "Quota", "Meta"},
			untaggedFields: true,
		},
	}
}

// volumeType is the `type` key `nomad volume create/register` dispatches on
// (parseVolumeType) before decoding the rest.
func volumeType(value string) *FieldSchema {
	return &FieldSchema{HCL: "type", Kind: "attribute", Type: scalar("string"), Required: true, Enum: []string{value}}
}

func topologyList() *StructSchema {
	return &StructSchema{Name: "CSITopologyList", Fields: []*FieldSchema{{
		HCL: "topology", API: "", Go: "", Kind: "block", Repeated: true,
		Type: &TypeRef{Kind: "object", Ref: "CSITopology"},
	}}}
}
