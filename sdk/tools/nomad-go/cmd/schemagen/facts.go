package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
)

// Facts about Nomad that live only in its main module (github.com/hashicorp/nomad,
// not under an open-source licence from v1.7.0 on), recorded as data in facts/
// instead of read from its code: the agent configuration, ACL policy rules,
// `nomad node pool apply`'s spec, the task drivers' config specs, the go-discover
// keys the agent's auto-join takes, and the key lists `nomad volume create`
// checks. README.md says how to refresh them; test/agent-facts.test.ts checks them
// against a real agent.

// release is facts/release.json: the Nomad release the schema describes, and the
// main-module version the other facts were recorded from.
type release struct {
	NomadVersion string `json:"nomadVersion"`
	RecordedFrom string `json:"recordedFrom"`
}

// driverFacts is facts/drivers.json: each driver's `config` body as its
// TaskConfigSchema() declares it (descriptions are ours, in overlay/).
type driverFacts struct {
	Source  string                   `json:"source"`
	Drivers map[string]string        `json:"drivers"`
	Types   map[string]*StructSchema `json:"types"`
}

// factKinds are the file kinds recorded whole, by schema key and file.
var factKinds = map[string]string{
	"agent":     "facts/agent.json",
	"aclPolicy": "facts/acl-policy.json",
	"nodePool":  "facts/node-pool.json",
}

// readFact decodes one facts file strictly (a misspelt key fails the run) and
// keeps numbers exact, so defaults are written back as recorded.
func readFact(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// checkedKeyFacts is facts/host-volume-keys.json: for a struct the CLI decodes by
// hand, the exact keys it accepts in that block (see applyCheckedKeys).
type checkedKeyFacts struct {
	Source string              `json:"source"`
	Keys   map[string][]string `json:"keys"`
}
