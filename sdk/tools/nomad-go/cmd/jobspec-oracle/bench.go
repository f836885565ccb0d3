package main

import "time"

// parseMany times jobspec2 in-process, for benchmarks that compare parsers
// without counting process start-up or JSON encoding.
func parseMany(files []sourceFile, repeat int) reply {
	if repeat < 1 {
		repeat = 1
	}
	accepted, rejected := 0, 0
	start := time.Now()
	for range repeat {
		for _, f := range files {
			if _, err := parseJob(f.Filename, f.Source); err != nil {
				rejected++
			} else {
				accepted++
			}
		}
	}
	return reply{"ok": true, "elapsedNs": time.Since(start).Nanoseconds(), "accepted": accepted, "rejected": rejected}
}
