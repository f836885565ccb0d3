// Command schemagen writes nomadkit's Nomad schema (sdk/src/schema/nomad-schema.json)
// from Nomad's MPL-licensed Go api module, the facts recorded in facts/ (what
// lives only in Nomad's main module) and the hand-kept overlays in overlay/.
package main

import (
	"bytes"
	"embed"
	"encoding/json"
	"flag"
	"fmt"
	"os"
)

// The overlays, the release history and the facts are built in, so the binary
// gives the same output wherever it runs (the test harness hashes these files).
//
//go:embed overlay data facts
var dataFS embed.FS

func main() {
	out := flag.String("out", "../../src/schema/nomad-schema.json", "where to write the schema")
	scanGit := flag.String("scan-git", "", "a git clone of hashicorp/nomad: rescan api/ at each release and rewrite -since-file")
	sinceFile := flag.String("since-file", "cmd/schemagen/data/since.json", "the release history written by -scan-git")
	flag.Parse()
	if err := run(*out, *scanGit, *sinceFile); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func run(out, scanGit, sinceFile string) error {
	mods, err := pinnedModules()
	if err != nil {
		return err
	}
	apiDir, err := moduleDir(mods.api)
	if err != nil {
		return err
	}
	pkg, err := parseAPIDir(apiDir)
	if err != nil {
		return err
	}

	var hist *history
	if scanGit != "" {
		if hist, err = scanHistory(scanGit, pkg, mods.apiLabel()); err != nil {
			return err
		}
		if err := writeJSON(sinceFile, hist); err != nil {
			return err
		}
	} else {
		data, err := dataFS.ReadFile("data/since.json")
		if err != nil {
			return err
		}
		if hist, err = loadHistory(data); err != nil {
			return err
		}
	}

	var rel release
	if err := readFact(dataFS, "facts/release.json", &rel); err != nil {
		return err
	}
	s := &Schema{
		NomadVersion: rel.NomadVersion,
		Sources:      Sources{API: mods.api.String(), Nomad: rel.RecordedFrom},
		Versions:     hist.Versions,
		Types:        apiTypes(pkg),
	}
	hist.apply(s.Types)
	s.Coverage = Coverage{HCLTags: pkg.countHCLTags(), Covered: coveredTags(s.Types)}
	var drivers driverFacts
	if err := readFact(dataFS, "facts/drivers.json", &drivers); err != nil {
		return err
	}
	s.DriverTypes, s.Drivers = drivers.Types, drivers.Drivers
	s.APIObjects = apiObjects(pkg, s.Types)
	s.Kinds = map[string]*KindSchema{}
	for key, file := range factKinds {
		var k KindSchema
		if err := readFact(dataFS, file, &k); err != nil {
			return err
		}
		s.Kinds[key] = &k
	}
	var keys checkedKeyFacts
	if err := readFact(dataFS, "facts/host-volume-keys.json", &keys); err != nil {
		return err
	}
	u := newUniverse(moduleRoot{apiModule, apiDir})
	for _, k := range kindDefs(keys.Keys) {
		s.Kinds[k.key] = buildKind(u, k, mods.api.String()+" api."+k.root)
	}
	s.Discover = &DiscoverSchema{}
	if err := readFact(dataFS, "facts/discover.json", s.Discover); err != nil {
		return err
	}
	if err := applyOverlays(dataFS, s); err != nil {
		return err
	}
	if err := applySemantics(dataFS, s); err != nil {
		return err
	}
	return writeJSON(out, s)
}

// writeJSON writes v with 2-space indent and a trailing newline; map keys are
// sorted by encoding/json, so the bytes are stable.
func writeJSON(path string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
