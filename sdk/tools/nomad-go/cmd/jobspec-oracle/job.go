package main

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/nomad/api"
)

const defaultFilename = "job.nomad.hcl"

// jobReply gives the job as parsed and a canonicalized deep copy.
func jobReply(job *api.Job) reply {
	raw, err := json.Marshal(job)
	if err != nil {
		return failure(err)
	}
	var canonical api.Job
	if err := json.Unmarshal(raw, &canonical); err != nil {
		return failure(err)
	}
	canonical.Canonicalize()
	return reply{"ok": true, "job": json.RawMessage(raw), "canonical": &canonical}
}

// diagError gives Nomad's diagnostics text one per line, with HCL's
// "file:2,3-8:" ranges rewritten as "file:2:3:" so tests can match positions.
// hcl.Diagnostics.Error() names only the first, hence one line each here.
func diagError(err error) error {
	var diags hcl.Diagnostics
	text := err.Error()
	if errors.As(err, &diags) {
		lines := make([]string, 0, len(diags))
		for _, d := range diags {
			lines = append(lines, d.Error())
		}
		text = strings.Join(lines, "\n")
	}
	return errors.New(hclRange.ReplaceAllString(text, "$1:$2:$3:"))
}

// hclRange matches the start of a diagnostic: "file:line,col" or
// "file:line,col-col" or "file:line,col-line,col", then ":".
var hclRange = regexp.MustCompile(`(?m)^(\S+?):(\d+),(\d+)(?:-(?:\d+,)?\d+)?:`)
