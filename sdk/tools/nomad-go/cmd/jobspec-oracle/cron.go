package main

import (
	"fmt"
	"time"
	// Zone rules built in, so answers do not depend on the machine's zoneinfo.
	_ "time/tzdata"

	"github.com/hashicorp/cronexpr"
)

// cronAnswer is what cronexpr (Nomad's periodic parser) says about one expression.
type cronAnswer struct {
	OK    bool     `json:"ok"`
	Error string   `json:"error,omitempty"`
	Next  []string `json:"next,omitempty"`
	// Panic is set when Next panicked (it indexes empty fields); Nomad's
	// CronParseNext reports that as an error, so the job never runs.
	Panic string `json:"panic,omitempty"`
}

// cronBatch answers, for each expression, whether cronexpr.Parse accepts it
// and, if so, its next `count` times after `from` (RFC 3339) on the wall clock
// of timeZone (as periodic's time_zone; empty is UTC). One request for many
// expressions keeps a differential test fast.
func cronBatch(exprs []string, from, timeZone string, count int) reply {
	start, err := time.Parse(time.RFC3339Nano, from)
	if err != nil {
		return failure(fmt.Errorf("from: %w", err))
	}
	loc := time.UTC
	if timeZone != "" {
		if loc, err = time.LoadLocation(timeZone); err != nil {
			return failure(err)
		}
	}
	answers := make([]cronAnswer, len(exprs))
	for i, spec := range exprs {
		answers[i] = cronOne(spec, start.In(loc), count)
	}
	return reply{"ok": true, "results": answers}
}

func cronOne(spec string, from time.Time, count int) (a cronAnswer) {
	expr, err := cronexpr.Parse(spec)
	if err != nil {
		return cronAnswer{Error: err.Error()}
	}
	a.OK = true
	defer func() {
		if p := recover(); p != nil {
			a.Panic = fmt.Sprint(p)
		}
	}()
	// One Next at a time (not NextN) so the times found before a panic are kept.
	for t := from; len(a.Next) < count; {
		t = expr.Next(t)
		if t.IsZero() {
			break
		}
		a.Next = append(a.Next, t.UTC().Format(time.RFC3339))
	}
	return a
}
