package main

import (
	hclv1 "github.com/hashicorp/hcl"
)

// hcl1 reports whether HCL1 (Nomad's fork, as its go.mod replaces it) parses
// the source: what older Nomad and `-hcl1` accepted.
func hcl1(source string) reply {
	if _, err := hclv1.Parse(source); err != nil {
		return failure(err)
	}
	return reply{"ok": true}
}
