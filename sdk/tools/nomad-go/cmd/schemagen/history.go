package main

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// history records, per "Type.Field" of package api, the first scanned Nomad
// release that had it. It is checked in (data/since.json) because the Go
// module proxy does not serve the api module at release commits: a scan needs
// a git clone of hashicorp/nomad (-scan-git), a normal run only reads the file.
type history struct {
	Versions []string          `json:"versions"`
	Since    map[string]string `json:"since"`
}

// scanReleases are the Nomad releases whose api package is compared.
var scanReleases = []string{
	"1.0.0", "1.1.0", "1.2.0", "1.3.0", "1.4.0", "1.5.0", "1.6.0",
	"1.7.0", "1.8.0", "1.9.0", "1.10.0", "1.11.0", "1.11.3",
	// The pinned api module is from after 2.0 (see README.md), so the 2.0
	// releases are scanned too: its fields then get a release number, not a
	// pseudo-version (2.0 patch releases added job-spec fields).
	"2.0.0", "2.0.1", "2.0.2", "2.0.3", "2.0.4", "2.0.5",
}

func loadHistory(data []byte) (*history, error) {
	var h history
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, fmt.Errorf("data/since.json: %w", err)
	}
	return &h, nil
}

// scanHistory reads api/ at each release tag of a hashicorp/nomad git
// repository (a bare clone is fine) and compares with the pinned api package.
// Tags that are missing are skipped and reported on stderr.
func scanHistory(gitDir string, pinned *apiPackage, pinnedLabel string) (*history, error) {
	h := &history{Since: map[string]string{}}
	var sets []map[string]bool
	for _, v := range scanReleases {
		pkg, err := apiAtTag(gitDir, "v"+v)
		if err != nil {
			fmt.Fprintf(os.Stderr, "schemagen: skipping Nomad %s: %v\n", v, err)
			continue
		}
		h.Versions = append(h.Versions, v)
		sets = append(sets, pkg.fieldSet())
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("no release of Nomad could be read from %s", gitDir)
	}
	newest := false
	for key := range pinned.fieldSet() {
		since := pinnedLabel // newer than every scanned release
		for i, set := range sets {
			if set[key] {
				since = h.Versions[i]
				break
			}
		}
		if since != h.Versions[0] {
			h.Since[key] = since
		}
		newest = newest || since == pinnedLabel
	}
	if newest {
		h.Versions = append(h.Versions, pinnedLabel)
	}
	return h, nil
}

func apiAtTag(gitDir, tag string) (*apiPackage, error) {
	out, err := exec.Command("git", "-C", gitDir, "archive", "--format=tar", tag, "api").Output()
	if err != nil {
		return nil, fmt.Errorf("git archive %s: %w", tag, err)
	}
	dir, err := os.MkdirTemp("", "nomad-api-"+tag)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	tr := tar.NewReader(bytes.NewReader(out))
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		// Only the package's own files: api/*.go, not sub-packages.
		if hdr.Typeflag != tar.TypeReg || filepath.Dir(hdr.Name) != "api" || !strings.HasSuffix(hdr.Name, ".go") {
			continue
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(hdr.Name)), body, 0o644); err != nil {
			return nil, err
		}
	}
	return parseAPIDir(dir)
}

func (h *history) apply(types map[string]*StructSchema) {
	for name, s := range types {
		for _, f := range s.Fields {
			f.Since = h.Since[name+"."+f.Go]
		}
	}
}
