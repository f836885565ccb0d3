package main

// The file kinds besides jobs. Each names the struct Nomad decodes the file
// into; the overrides are what the decoding code does beyond the tags, each
// with the place in Nomad v1.11.3 it was read from.

const (
	nomadModule = "github.com/hashicorp/nomad"
	apiModule   = "github.com/hashicorp/nomad/api"
)

// size: written as text with a unit ("10GiB"), parsed with go-humanize's
// ParseBytes into an int64 (command/volume_register_csi.go parseCapacityBytes).
var sizeType = scalar("size")

func kindDefs(u *universe) []*kindDef {
	acl := u.mustPkg(nomadModule + "/acl")
	return []*kindDef{
		{
			key: "agent", syntax: "hcl1", pkgPath: nomadModule + "/command/agent", root: "Config",
			defaults: "DefaultConfig",
			overrides: map[string]fieldOverride{
				// config_parse.go decodes `consul` and `vault` blocks itself (they
				// repeat without a label), with mapstructure into these structs.
				"Config.Consuls": {hcl: "consul"},
				"Config.Vaults":  {hcl: "vault"},
				// keyring "awskms" { … }: keys beside name/active are the
				// provider's own settings (parseKeyringConfigs).
				"KEKProviderConfig.Config": {kind: "remain"},
			},
		},
		{
			key: "aclPolicy", syntax: "hcl1", pkgPath: nomadModule + "/acl", root: "Policy",
			untaggedFields: true,
			overrides:      aclEnums(acl),
		},
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
			extra: []*FieldSchema{volumeType("host")},
			checked: map[string]string{
				"Constraint":           "parseConstraints",
				"HostVolumeCapability": "parseHostVolumeCapabilities",
			},
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
		{
			// node_pool_apply.go decodes `node_pool "name" { … }` with HCL2.
			key: "nodePool", syntax: "hcl2", hcl2: true, pkgPath: nomadModule + "/command", root: "nodePoolSpec",
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

// aclEnums: acl.Parse checks each rule's `policy` and `capabilities` with these
// validators (policy.go); their switch cases become the fields' enums.
func aclEnums(acl *srcPackage) map[string]fieldOverride {
	validators := map[string]string{
		"NamespacePolicy.Policy":           "isPolicyValid",
		"NamespacePolicy.Capabilities":     "isNamespaceCapabilityValid",
		"VariablesPathPolicy.Capabilities": "isPathCapabilityValid",
		"NodePoolPolicy.Policy":            "isPolicyValid",
		"NodePoolPolicy.Capabilities":      "isNodePoolCapabilityValid",
		"HostVolumePolicy.Policy":          "isPolicyValid",
		"HostVolumePolicy.Capabilities":    "isHostVolumeCapabilityValid",
		"AgentPolicy.Policy":               "isPolicyValid",
		"NodePolicy.Policy":                "isPolicyValid",
		"OperatorPolicy.Policy":            "isPolicyValid",
		"OperatorPolicy.Capabilities":      "isOperatorCapabilityValid",
		"SentinelPolicy.Policy":            "isPolicyValid",
		"SentinelPolicy.Capabilities":      "isSentinelCapabilityValid",
		"QuotaPolicy.Policy":               "isPolicyValid",
		"PluginPolicy.Policy":              "PluginPolicy.isValid",
	}
	out := map[string]fieldOverride{}
	for field, fn := range validators {
		out[field] = fieldOverride{enum: validatorEnum(acl, fn)}
	}
	return out
}
