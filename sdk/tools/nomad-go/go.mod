module nomadkit.dev/tools/nomad-go

go 1.26

// No github.com/hashicorp/nomad here: Nomad's main module is not under an
// open-source licence from v1.7.0 on (test/licence.test.ts keeps it out). The
// api module is MPL-2.0; this is the newest api pseudo-version the module proxy
// serves, from after Nomad 2.0.5 (see README.md).
require (
	github.com/hashicorp/cronexpr v1.1.3
	github.com/hashicorp/hcl v1.0.1-vault-7
	github.com/hashicorp/hcl/v2 v2.20.2-nomad-1
	github.com/hashicorp/nomad/api v0.0.0-20260907080526-08ef8f3d26da
	// At the versions Nomad v1.11.3 builds HCL with, so hclwrite formats as `nomad fmt`.
	github.com/mitchellh/go-wordwrap v1.0.1 // indirect
	github.com/zclconf/go-cty v1.18.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)

require (
	github.com/agext/levenshtein v1.2.1 // indirect
	github.com/apparentlymart/go-textseg/v15 v15.0.0 // indirect
	github.com/go-viper/mapstructure/v2 v2.5.0 // indirect
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/gorilla/websocket v1.5.3 // indirect
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-rootcerts v1.0.2 // indirect
	github.com/mitchellh/go-homedir v1.1.0 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	golang.org/x/mod v0.32.0 // indirect
	golang.org/x/sync v0.19.0 // indirect
	golang.org/x/tools v0.41.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

// Nomad's fork of HCL1, as Nomad's go.mod replaces it: what `-hcl1` and the agent
// config parser accept.
replace github.com/hashicorp/hcl => github.com/hashicorp/hcl v1.0.1-nomad-1
