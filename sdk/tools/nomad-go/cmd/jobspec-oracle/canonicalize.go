package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"github.com/hashicorp/nomad/api"
)

// canonicalize reads an API payload ({"Job": {...}}) strictly, so a field
// name Nomad does not know is reported rather than silently dropped.
func canonicalize(payload json.RawMessage) reply {
	var body struct{ Job *api.Job }
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		return failure(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return failure(errors.New("payload: unexpected data after the JSON object"))
	}
	if body.Job == nil {
		return failure(errors.New(`payload has no "Job"`))
	}
	return jobReply(body.Job)
}
