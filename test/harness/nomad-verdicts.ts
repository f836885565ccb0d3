// Nomad's own verdict on a file of each kind the editor reads, asked of the real thing rather
// than kept as a hand list: agent configs through `nomad config validate`, ACL policies by
// creating them on an ACL-enabled dev agent, volume, node pool and namespace specs through the
// CLI commands that read them (`nomad volume create`, `nomad node pool apply`,
// `nomad namespace apply`) against that agent, and job files through the agent's
// `PUT /v1/jobs/parse` and `PUT /v1/validate/job`. Answers are cached for the run only.
//
// The verdict is on the file, so what Nomad says about something else is an acceptance with
// a note: `config validate` on one file of an agent's config directory also checks the merged
// whole (server, client or dev mode chosen, a data_dir), and a volume the file describes well
// can still find no CSI plugin or no node in a one-node dev cluster.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Agent } from "./nomad-agent.js";

/** Nomad accepts the file (`note`: what it said about the rest), or refuses it; `line` when its message names one. */
export type NomadVerdict = { ok: true; note?: string } | { ok: false; error: string; line?: number };

/**
 * Nomad's answers that are not about the file: the agent config as a whole, and the dev
 * cluster's plugins and nodes. Anything else that fails is the file's fault.
 */
const NOT_THE_FILE: Partial<Record<VerdictKind, RegExp>> = {
  // config validate's checks of the merged config (command/agent/command.go isValidConfig),
  // after every file loaded; a file that fails to load says "Error loading".
  agent: /^(?![\s\S]*Error loading)[\s\S]*Configuration is invalid/,
  volume: /no CSI plugin named|could not place volume|node lookup failed/,
};

export type VerdictKind = "agent" | "acl-policy" | "volume" | "node-pool" | "namespace" | "job";

const run = promisify(execFile);

export class NomadVerdicts {
  private readonly cache = new Map<string, Promise<NomadVerdict>>();
  private readonly dir = mkdtempSync(join(tmpdir(), "nomadkit-verdicts-"));
  private next = 0;

  /** `agent` must run with ACLs on (startAgent({ acl: true })); `binary` is the same Nomad. */
  constructor(
    private readonly binary: string,
    private readonly agent: Agent,
  ) {}

  /** Nomad's verdict on `source`, read as a file of `kind` named `name`. */
  verdict(kind: VerdictKind, name: string, source: string): Promise<NomadVerdict> {
    const key = `${kind}\0${source}`;
    let answer = this.cache.get(key);
    if (!answer) {
      answer = this.ask(kind, name, source);
      this.cache.set(key, answer);
    }
    return answer;
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private ask(kind: VerdictKind, name: string, source: string): Promise<NomadVerdict> {
    switch (kind) {
      case "agent":
        return this.cli("agent", ["config", "validate"], name, source);
      case "acl-policy":
        return this.aclPolicy(source);
      case "volume":
        return this.cli("volume", ["volume", "create"], name, source);
      case "node-pool":
        return this.cli("node-pool", ["node", "pool", "apply"], name, source);
      case "namespace":
        return this.cli("namespace", ["namespace", "apply"], name, source);
      case "job":
        return this.job(source);
    }
  }

  /** Runs `nomad <command> <file>` against the agent; a non-zero exit is a refusal. */
  private async cli(
    kind: VerdictKind,
    command: string[],
    name: string,
    source: string,
  ): Promise<NomadVerdict> {
    // Each file in a directory of its own, under its own name (config validate reads a
    // directory's every file; the name's extension says HCL or JSON).
    const dir = join(this.dir, String(this.next++));
    const file = join(dir, /\.(hcl|json)$/.test(name) ? name : `${name}.hcl`);
    mkdirp(dir);
    writeFileSync(file, source);
    try {
      await run(this.binary, [...command, file], {
        env: {
          ...process.env,
          NOMAD_ADDR: this.agent.address,
          NOMAD_TOKEN: this.agent.token ?? "",
          NOMAD_NAMESPACE: undefined,
          NOMAD_REGION: undefined,
          AWS_CA_BUNDLE: undefined,
        },
        timeout: 60_000,
      });
      return { ok: true };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      const text = `${e.stderr ?? ""}${e.stdout ?? ""}`.trim() || e.message;
      if (NOT_THE_FILE[kind]?.test(text)) return { ok: true, note: text };
      return refusal(text);
    }
  }

  private async aclPolicy(source: string): Promise<NomadVerdict> {
    const name = `verdict-${this.next++}`;
    const res = await this.request("POST", `/v1/acl/policy/${name}`, { Name: name, Rules: source });
    if (res.ok) await this.request("DELETE", `/v1/acl/policy/${name}`);
    return res.ok ? { ok: true } : refusal(res.body);
  }

  /** The job as `nomad job validate` checks it: parsed by the agent, then validated by it. */
  private async job(source: string): Promise<NomadVerdict> {
    const parsed = await this.request("PUT", "/v1/jobs/parse", { JobHCL: source, Canonicalize: true });
    if (!parsed.ok) return refusal(parsed.body);
    const job = JSON.parse(parsed.body) as { Namespace?: string };
    // A job in a namespace the dev cluster lacks is refused for the cluster, not the file:
    // the namespace is made, and the job asked about again.
    if (job.Namespace && job.Namespace !== "default") await this.namespace(job.Namespace);
    const validated = await this.request("PUT", "/v1/validate/job", { Job: job });
    if (!validated.ok) return refusal(validated.body);
    const answer = JSON.parse(validated.body) as { ValidationErrors?: string[] | null; Error?: string };
    const errors = answer.ValidationErrors ?? [];
    if (errors.length > 0) return { ok: false, error: errors.join("\n") };
    return answer.Error ? refusal(answer.Error) : { ok: true };
  }

  private readonly namespaces = new Map<string, Promise<unknown>>();
  private namespace(name: string): Promise<unknown> {
    let made = this.namespaces.get(name);
    if (!made) {
      made = this.request("POST", `/v1/namespace/${encodeURIComponent(name)}`, { Name: name }).then((r) => {
        if (!r.ok) throw new Error(`could not create namespace ${name}: ${r.body}`);
      });
      this.namespaces.set(name, made);
    }
    return made;
  }

  private async request(method: string, path: string, body?: unknown) {
    const res = await fetch(`${this.agent.address}${path}`, {
      method,
      headers: this.agent.token ? { "X-Nomad-Token": this.agent.token } : {},
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    return { ok: res.ok, body: (await res.text()).trim() || `HTTP ${res.status}` };
  }
}

/** A refusal, with the line when Nomad names one (HCL2's `file:12,3-8:`, HCL1's `At 12:3:`, `line 12`). */
function refusal(error: string): NomadVerdict {
  const line = /:(\d+),\d+(?:-\d+)?:|:(\d+):\d+:|\bAt (\d+):\d+\b|\bline (\d+)\b/.exec(error);
  const n = line ? Number(line[1] ?? line[2] ?? line[3] ?? line[4]) : undefined;
  return n === undefined ? { ok: false, error } : { ok: false, error, line: n };
}

function mkdirp(dir: string): void {
  mkdirSync(dir, { recursive: true });
}
