// Client for sdk/tools/nomad-go/cmd/jobspec-oracle: one child process, JSON
// lines both ways, requests pipelined and matched to replies by id.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { goTool } from "./go-tools.js";

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
  /** jobspec2 as `nomad job run` uses it: the job as parsed, and canonicalized. */
  parse(source: string, filename?: string): Promise<ParseResult>;
  /** Strictly decodes an API payload `{"Job": …}` and canonicalizes it. */
  canonicalize(payload: { Job: unknown }): Promise<ParseResult>;
  /** What `nomad fmt` writes for the source. */
  fmt(source: string, filename?: string): Promise<FmtResult>;
  /** Whether HCL1 parses the source. */
  hcl1(source: string): Promise<Hcl1Result>;
  /** Parses every file `repeat` times inside the Go process and times it. */
  parseMany(files: OracleFile[], repeat: number): Promise<ParseManyResult>;
  /**
   * cronexpr.Parse (Nomad's periodic parser) on each expression, and for those it
   * accepts the next `count` times after `from` on the wall clock of `timeZone`
   * (UTC when empty), as RFC 3339 UTC strings.
   */
  cron(exprs: string[], from: string, count: number, timeZone?: string): Promise<CronResult>;
  close(): Promise<void>;
}

export async function startOracle(): Promise<Oracle | { skip: string }> {
  const tool = await goTool("jobspec-oracle");
  if ("skip" in tool) return tool;
  return new OracleProcess(spawn(tool.path, [], { stdio: ["pipe", "pipe", "pipe"] }));
}

type Pending = { resolve: (r: unknown) => void; reject: (e: Error) => void };

class OracleProcess implements Oracle {
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

  parse(source: string, filename = "job.nomad.hcl") {
    return this.request<ParseResult>({ op: "parse", filename, source });
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
  parseMany(files: OracleFile[], repeat: number) {
    return this.request<ParseManyResult>({ op: "parse-many", files, repeat });
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
