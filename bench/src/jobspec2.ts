// The reference for the synth and decode ratios: Nomad's own jobspec2, as a real dev agent runs
// it for `nomad job run` (PUT /v1/jobs/parse), one file per request, one request at a time.
// A request's round trip is part of the agent's figure, so the ratios also print the agent's
// floor (a GET /v1/status/leader per file: loopback HTTP and the agent's handler, no parsing)
// and the ratio with that floor taken off.
import { type DevAgent, startDevAgent } from "@nomadkit/dev";
import { type Summary, summarize, timed } from "./stats.js";

export interface Jobspec2 {
  readonly version: string;
  /** Whether the agent's jobspec2 accepts the file. */
  accepts(source: string): Promise<boolean>;
  /** Times `passes` passes over `files`: each pass parses every file once. */
  passes(files: readonly { source: string }[], passes: number): Promise<{ parse: Summary; floor: Summary }>;
  stop(): Promise<void>;
}

export async function startJobspec2(): Promise<Jobspec2 | { skip: string }> {
  const agent: DevAgent | { skip: string } = await startDevAgent();
  if ("skip" in agent) return agent;
  const parse = async (source: string) => {
    const res = await fetch(`${agent.address}/v1/jobs/parse`, {
      method: "PUT",
      body: JSON.stringify({ JobHCL: source, Canonicalize: false }),
    });
    await res.arrayBuffer();
    return res.ok;
  };
  const leader = async () => {
    await (await fetch(`${agent.address}/v1/status/leader`)).arrayBuffer();
  };
  return {
    version: agent.version,
    accepts: parse,
    async passes(files, passes) {
      const floor = await timed(passes, async () => {
        for (const _ of files) await leader();
      });
      const parsed = await timed(passes, async () => {
        for (const f of files) await parse(f.source);
      });
      return { parse: summarize(parsed), floor: summarize(floor) };
    },
    stop: () => agent.stop(),
  };
}

/** `ours / theirs`, and the same with the agent's HTTP floor taken off theirs. */
export function ratios(ours: Summary, theirs: { parse: Summary; floor: Summary }): string {
  const net = theirs.parse.median - theirs.floor.median;
  return `${(ours.median / theirs.parse.median).toFixed(2)} (medians); ${net > 0 ? (ours.median / net).toFixed(2) : "n/a"} against the agent's time less its HTTP floor`;
}
