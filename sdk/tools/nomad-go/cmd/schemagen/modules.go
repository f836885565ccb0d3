package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"runtime/debug"

	// Linked in only so the build info records which api module version
	// this binary was built against; its source is what gets read.
	_ "github.com/hashicorp/nomad/api"
)

type module struct{ Path, Version string }

func (m module) String() string { return m.Path + "@" + m.Version }

type modules struct{ api module }

// apiLabel names the pinned api module in `versions` when it is newer than
// every scanned release (the proxy serves no api at a release commit).
func (m modules) apiLabel() string { return "api@" + m.api.Version }

// pinnedModules reads the api module version this binary was built with,
// so the schema names exactly the code it was generated from.
func pinnedModules() (modules, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return modules{}, errors.New("no build info: build with module support")
	}
	var m modules
	for _, d := range info.Deps {
		if d.Replace != nil {
			d = d.Replace
		}
		if d.Path == apiModule {
			m.api = module{d.Path, d.Version}
		}
	}
	if m.api.Version == "" {
		return m, errors.New("build info lacks " + apiModule)
	}
	return m, nil
}

// moduleDir finds (downloading if needed) a module's source in the module cache.
func moduleDir(m module) (string, error) {
	out, err := exec.Command("go", "mod", "download", "-json", m.String()).Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %w", m, err)
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil {
		return "", err
	}
	if info.Error != "" || info.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %s", m, info.Error)
	}
	return info.Dir, nil
}
