package main

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// format does what `nomad fmt` does to one file (command/fmt.go): refuse
// anything that is not valid HCL2 syntax, else print it through hclwrite.
func format(filename, source string) reply {
	if filename == "" {
		filename = defaultFilename
	}
	src := []byte(source)
	if _, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos); diags.HasErrors() {
		return failure(diagError(diags))
	}
	f, diags := hclwrite.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		return failure(diagError(diags))
	}
	return reply{"ok": true, "formatted": string(f.Bytes())}
}
