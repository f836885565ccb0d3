// Nomad's own answers for the conformance tests, behind one small interface:
// parsing a job is a real Nomad agent's (`PUT /v1/jobs/parse`, the agent under
// test, started on first use), the rest is sdk/tools/nomad-go/cmd/jobspec-oracle
// (one child process, JSON lines both ways, requests pipelined and matched to
// replies by id) on the MPL code Nomad itself uses: api.Job.Canonicalize(),
// hclwrite, HCL1 and cronexpr.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { goTool } from "./go-tools.js";
import { type Agent, startAgent } from "./nomad-agent.js";
import { nomadBinary } from "./nomad-binary.js";

/** API JSON as Nomad's api package writes it. */
export type ApiJob = Record<string, unknown>;

export type OracleResult<T> = ({ ok: true } & T) | { ok: false; error: string };
export type ParseResult = OracleResult<{ job: ApiJob; canonical: ApiJob }>;
export type FmtResult = OracleResult<{ formatted: string }>;
export type Hcl1Result = OracleResult<Record<never, never>>;
export type ParseManyResult = OracleResult<{ elapsedNs: number; accepted: number; rejected: number }>;
/** cronexpr's answer for one expression: accepted with its next times, or its parse error. */
export type CronAnswer = { ok: true; next?: string[]; panic?: string } | { ok: false; error: string };
export type CronResult = OracleResult<{ results: CronAnswer[] }>;

export interface OracleFile {
  filename: string;
  source: string;
}

export interface Oracle {
  /**
   * The agent's jobspec2 (`PUT /v1/jobs/parse`): the job as parsed, and as the agent
   * canonicalizes it. Both are written as the pinned api module's api.Job, so they
   * compare equal to `canonicalize`'s. A rejection is the agent's diagnostics, one a
   * line, placed `file:line:col:` in `filename` (the agent calls every job
   * "input.hcl"). The agent has no file system access while parsing: file() is an error.
   */
  parse(source: string, filename?: string): Promise<ParseResult>;
  /** Strictly decodes an API payload `{"Job": …}` and canonicalizes it. */
  canonicalize(payload: { Job: unknown }): Promise<ParseResult>;
  /** What `nomad fmt` writes for the source. */
  fmt(source: string, filename?: string): Promise<FmtResult>;
  /** Whether HCL1 parses the source. */
  hcl1(source: string): Promise<Hcl1Result>;
  /** Sends every file `repeat` times to the agent's parse endpoint, one request at a time, and times it. */
  parseMany(files: OracleFile[], repeat: number): Promise<ParseManyResult>;
  /**
   * cronexpr.Parse (Nomad's periodic parser) on each expression, and for those it
   * accepts the next `count` times after `from` on the wall clock of `timeZone`
   * (UTC when empty), as RFC 3339 UTC strings.
   */
  cron(exprs: string[], from: string, count: number, timeZone?: string): Promise<CronResult>;
  close(): Promise<void>;
}

/** The oracle, or why it can't run here (no Go, or no Nomad binary). */
export async function startOracle(): Promise<Oracle | { skip: string }> {
  const tool = await goTool("jobspec-oracle");
  if ("skip" in tool) return tool;
  const nomad = await nomadBinary();
  if ("skip" in nomad) return nomad;
  return new AgentOracle(new OracleProcess(spawn(tool.path, [], { stdio: ["pipe", "pipe", "pipe"] })));
}

/** The name jobspec2 gives the job text the agent was sent. */
const AGENT_FILENAME = "input.hcl";
/**
 * Requests to the agent in flight at once. The agent closes connections past its
 * per-client limit (limits.http_max_conns_per_client, 100), and callers may send
 * hundreds of parses at once.
 */
const AGENT_CONCURRENCY = 8;

class AgentOracle implements Oracle {
  private agent: Promise<Agent> | undefined;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly go: OracleProcess) {}

  async parse(source: string, filename = "job.nomad.hcl"): Promise<ParseResult> {
    const [raw, canonical] = await Promise.all([
      this.agentParse(source, false),
      this.agentParse(source, true),
    ]);
    if (!raw.ok) return { ok: false, error: placed(raw.error, filename) };
    if (!canonical.ok) return { ok: false, error: placed(canonical.error, filename) };
    // Written again through the pinned api.Job, as canonicalize writes ours: fields
    // the agent's release lacks come out null on both sides.
    const [job, canon] = await Promise.all([
      this.go.canonicalize({ Job: raw.job }),
      this.go.canonicalize({ Job: canonical.job }),
    ]);
    if (!job.ok) return { ok: false, error: `the agent's job does not decode as api.Job: ${job.error}` };
    if (!canon.ok) return { ok: false, error: `the agent's job does not decode as api.Job: ${canon.error}` };
    return { ok: true, job: job.job, canonical: canon.job };
  }
  canonicalize(payload: { Job: unknown }) {
    return this.go.canonicalize(payload);
  }
  fmt(source: string, filename = "job.nomad.hcl") {
    return this.go.fmt(source, filename);
  }
  hcl1(source: string) {
    return this.go.hcl1(source);
  }
  cron(exprs: string[], from: string, count: number, timeZone = "") {
    return this.go.cron(exprs, from, count, timeZone);
  }

  async parseMany(files: OracleFile[], repeat: number): Promise<ParseManyResult> {
    const address = (await this.startedAgent()).address;
    let accepted = 0;
    let rejected = 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < Math.max(1, repeat); i++) {
      for (const f of files) {
        const res = await fetch(`${address}/v1/jobs/parse`, {
          method: "PUT",
          body: JSON.stringify({ JobHCL: f.source, Canonicalize: false }),
        });
        await res.arrayBuffer();
        if (res.ok) accepted++;
        else rejected++;
      }
    }
    return { ok: true, elapsedNs: Number(process.hrtime.bigint() - start), accepted, rejected };
  }

  async close(): Promise<void> {
    const agent = this.agent;
    this.agent = undefined;
    await Promise.all([
      this.go.close(),
      agent?.then(
        (a) => a.stop(),
        () => undefined,
      ),
    ]);
  }

  private startedAgent(): Promise<Agent> {
    this.agent ??= startAgent().then((a) => {
      if ("skip" in a) throw new Error(`no Nomad agent for the oracle: ${a.skip}`);
      return a;
    });
    return this.agent;
  }

  private async agentParse(
    source: string,
    canonicalize: boolean,
  ): Promise<{ ok: true; job: ApiJob } | { ok: false; error: string }> {
    const address = (await this.startedAgent()).address;
    // A finished request hands its place to the next waiting one.
    if (this.inFlight >= AGENT_CONCURRENCY) await new Promise<void>((go) => this.waiting.push(go));
    else this.inFlight++;
    try {
      const res = await fetch(`${address}/v1/jobs/parse`, {
        method: "PUT",
        body: JSON.stringify({ JobHCL: source, Canonicalize: canonicalize }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = await res.text();
      if (res.ok) return { ok: true, job: JSON.parse(body) as ApiJob };
      return { ok: false, error: body.trim() || `HTTP ${res.status}` };
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight--;
    }
  }
}

/**
 * The agent's parse error as a test reads it: without its "Failed to parse job: "
 * prefix, and HCL's "input.hcl:2,3-8:" ranges written "<filename>:2:3:".
 */
function placed(error: string, filename: string): string {
  return error
    .replace(/^Failed to parse job: /, "")
    .replace(/(^|\n)input\.hcl:(\d+),(\d+)(?:-(?:\d+,)?\d+)?:/g, `$1${filename}:$2:$3:`)
    .replaceAll(`${AGENT_FILENAME}:`, `${filename}:`);
}

type Pending = { resolve: (r: unknown) => void; reject: (e: Error) => void };

/** The Go tool: everything but parsing. */
class OracleProcess {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stderr = "";
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      this.stderr = (this.stderr + s).slice(-4000);
    });
    createInterface({ input: child.stdout }).on("line", (line) => this.onLine(line));
    this.exited = new Promise((done) => {
      child.on("close", (code, signal) => {
        this.fail(
          new Error(`jobspec-oracle exited (${signal ?? code})${this.stderr ? `: ${this.stderr}` : ""}`),
        );
        done();
      });
    });
    child.on("error", (err) => this.fail(err));
  }

  canonicalize(payload: { Job: unknown }) {
    return this.request<ParseResult>({ op: "canonicalize", payload });
  }
  fmt(source: string, filename = "job.nomad.hcl") {
    return this.request<FmtResult>({ op: "fmt", filename, source });
  }
  hcl1(source: string) {
    return this.request<Hcl1Result>({ op: "hcl1", source });
  }
  cron(exprs: string[], from: string, count: number, timeZone = "") {
    return this.request<CronResult>({ op: "cron", exprs, from, count, timeZone });
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    await this.exited;
  }

  private request<T>(body: Record<string, unknown>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      this.child.stdin.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  private onLine(line: string): void {
    let reply: { id?: unknown } & Record<string, unknown>;
    try {
      reply = JSON.parse(line);
    } catch {
      this.fail(new Error(`jobspec-oracle wrote a line that is not JSON: ${line.slice(0, 200)}`));
      return;
    }
    const p = typeof reply.id === "number" ? this.pending.get(reply.id) : undefined;
    if (!p) return; // a reply to a request we never sent cannot happen; ignore it
    this.pending.delete(reply.id as number);
    const { id: _id, ...result } = reply;
    p.resolve(result);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
