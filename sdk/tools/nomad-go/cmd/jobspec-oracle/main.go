// Command jobspec-oracle answers the questions a Nomad agent can't, with
// MPL-licensed code Nomad itself uses (api.Job.Canonicalize, hclwrite, HCL1,
// cronexpr), so nomadkit's conformance tests can compare against it. Parsing a
// job is the agent's answer (PUT /v1/jobs/parse, see test/harness/oracle.ts). It reads one JSON request per line on stdin and writes
// one JSON reply per line on stdout, in the same order.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

type request struct {
	ID       json.RawMessage `json:"id"`
	Op       string          `json:"op"`
	Filename string          `json:"filename"`
	Source   string          `json:"source"`
	Payload  json.RawMessage `json:"payload"`
	Exprs    []string        `json:"exprs"`
	From     string          `json:"from"`
	TimeZone string          `json:"timeZone"`
	Count    int             `json:"count"`
}

// reply is a JSON object; "id" and "ok" are always set.
type reply map[string]any

func failure(err error) reply { return reply{"ok": false, "error": err.Error()} }

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		// ReadBytes, not Scanner: a job file on one line can be large.
		line, err := in.ReadBytes('\n')
		if len(line) > 0 {
			if werr := enc.Encode(handleLine(line)); werr != nil {
				fmt.Fprintln(os.Stderr, "jobspec-oracle:", werr)
				os.Exit(1)
			}
			out.Flush()
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "jobspec-oracle:", err)
			os.Exit(1)
		}
	}
}

func handleLine(line []byte) (r reply) {
	var req request
	if err := json.Unmarshal(line, &req); err != nil {
		return reply{"id": nil, "ok": false, "error": "bad request: " + err.Error()}
	}
	id := req.ID
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	defer func() {
		// Nomad's code is not meant to see arbitrary input; a panic is an answer, not a crash.
		if p := recover(); p != nil {
			r = reply{"ok": false, "error": fmt.Sprintf("panic: %v", p)}
		}
		r["id"] = id
	}()
	switch req.Op {
	case "canonicalize":
		return canonicalize(req.Payload)
	case "fmt":
		return format(req.Filename, req.Source)
	case "hcl1":
		return hcl1(req.Source)
	case "cron":
		return cronBatch(req.Exprs, req.From, req.TimeZone, req.Count)
	}
	return reply{"ok": false, "error": fmt.Sprintf("unknown op %q", req.Op)}
}
