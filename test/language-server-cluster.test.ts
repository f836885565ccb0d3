// Protocol test of the connected cluster: the real language server over stdio, told a real
// `nomad agent -dev`'s address, completes names from that cluster, warns on a constraint no
// node matches, and puts what `plan` would do above the job. Told no cluster, it asks none.

import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:net";
import { type LanguageServerProcess, startLanguageServer } from "@nomadkit/dev";
import type { JobBody } from "nomadkit/api";
import { parse } from "nomadkit/hcl";
import { decodeJob } from "nomadkit/jobspec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentForFile } from "./harness/agent-for-file.js";
import { until } from "./harness/until.js";

const { agent, nomad, skipNote } = await agentForFile();
// The agent runs without ACLs and ignores it; the server must still never log it.
const TOKEN = randomUUID();

type Diag = { message: string; code: string; severity: number; range: { start: { line: number } } };
type Item = { label: string; detail?: string };
type Lens = { range: { start: { line: number } }; command?: { title: string } };

/** The 0-based position just after the first `marker` in `text`. */
function after(text: string, marker: string): { line: number; character: number } {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`no ${marker} in the test text`);
  const before = text.slice(0, at + marker.length).split("\n");
  return { line: before.length - 1, character: (before[before.length - 1] ?? "").length };
}

function jobOf(text: string): JobBody {
  return decodeJob(parse(text, { mode: "hcl2" }).file).job as JobBody;
}

const NAMES = `job "names" {
  datacenters = ["d"]
  node_pool = ""
  namespace = ""
  group "g" {
    task "t" {
      driver = "raw_exec"
      config {
        command = "sleep"
      }
      template {
        data = <<EOF
{{ with nomadVar "nomad/j" }}{{ end }}
{{ range nomadService "bill" }}{{ end }}
EOF
        destination = "local/x"
      }
    }
  }
}
`;

const placed = (name: string, constraint: string, tag = "a") => `job "${name}" {
  group "g" {
    constraint {
      attribute = "\${attr.kernel.name}"
      value     = "${constraint}"
    }
    task "t" {
      driver = "raw_exec"
      config {
        command = "sleep"
        args    = ["3600"]
      }
      service {
        name     = "${name}-svc"
        provider = "nomad"
        tags     = ["${tag}"]
      }
    }
  }
}
`;

describe.skipIf(!agent)(`language server with a connected cluster${skipNote}`, () => {
  let server: LanguageServerProcess;
  const published: Array<{ uri: string; version?: number; diagnostics: Diag[] }> = [];
  const logs: string[] = [];

  const open = async (uri: string, text: string, version = 1) =>
    server.conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "hcl", version, text },
    });
  const lenses = (uri: string) =>
    server.conn.sendRequest("textDocument/codeLens", { textDocument: { uri } }) as Promise<Lens[]>;
  const complete = async (uri: string, position: { line: number; character: number }) =>
    (
      (await server.conn.sendRequest("textDocument/completion", {
        textDocument: { uri },
        position,
      })) as Item[]
    ).map((i) => i.label);

  beforeAll(async () => {
    if (!nomad || !agent) return;
    await nomad.nodePools.upsert({ Name: "gpu", Description: "a second pool for completion" });
    await nomad.namespaces.upsert({ Name: "team-a" });
    await nomad.variables.put("nomad/jobs/names/db", { password: "x" }, { cas: 0 });
    // A running allocation registers its Nomad service.
    await nomad.jobs.register(jobOf(placed("billing", "linux")));
    await until(
      "the billing service to register",
      async () => {
        const res = await fetch(`${agent.address}/v1/services`, { headers: { "X-Nomad-Token": TOKEN } });
        const body = (await res.json()) as Array<{ Services: Array<{ ServiceName: string }> }>;
        return body.some((ns) => ns.Services.some((s) => s.ServiceName === "billing-svc")) || undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    // As the extension starts it: the token in the server's environment, not in a message.
    server = await startLanguageServer(
      { diagnosticsDelay: 20, cluster: { address: agent.address } },
      { NOMADKIT_CLUSTER_TOKEN: TOKEN },
    );
    server.conn.onNotification("textDocument/publishDiagnostics", (p: (typeof published)[number]) => {
      published.push(p);
    });
    server.conn.onNotification("window/logMessage", (p: { message: string }) => logs.push(p.message));
  }, 120_000);

  afterAll(() => server?.stop());

  it("completes datacenters, node pools, namespaces, variable paths and service names from the cluster", async () => {
    const uri = "file:///work/names.nomad.hcl";
    await open(uri, NAMES);
    expect(await complete(uri, after(NAMES, '["d'))).toEqual(["dc1"]);
    expect(await complete(uri, after(NAMES, 'node_pool = "'))).toEqual(["all", "default", "gpu"]);
    expect(await complete(uri, after(NAMES, 'namespace = "'))).toEqual(["default", "team-a"]);
    expect(await complete(uri, after(NAMES, 'nomadVar "nomad/j'))).toEqual(["nomad/jobs/names/db"]);
    expect(await complete(uri, after(NAMES, 'nomadService "bill'))).toContain("billing-svc");
    // A blocking query sees a namespace created after the first read.
    await nomad?.namespaces.upsert({ Name: "team-b" });
    await until(
      "team-b in namespace completion",
      async () => (await complete(uri, after(NAMES, 'namespace = "'))).includes("team-b") || undefined,
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    // Outside those places, completion is the schema's, as without a cluster.
    expect(await complete(uri, after(NAMES, 'driver = "'))).toContain("docker");
  });

  it("warns on a constraint no node matches, and not on one the node matches", async () => {
    const windows = "file:///work/windows.nomad.hcl";
    const linux = "file:///work/linux.nomad.hcl";
    await open(windows, placed("win", "windows"));
    await open(linux, placed("lin", "linux"));
    // The lens waits for the plan; the warnings of the same plan are published first.
    expect((await lenses(windows))[0]?.command?.title).toBe(
      'plan: create (1 allocation to place) · can\'t place group "g"',
    );
    expect((await lenses(linux))[0]?.command?.title).toBe("plan: create (1 allocation to place)");
    await until(
      "the constraint warning",
      async () => published.some((p) => p.uri === windows && p.diagnostics.length > 0) || undefined,
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    const warnings = published
      .filter((p) => p.uri === windows)
      .flatMap((p) => p.diagnostics)
      .filter((d) => d.code === "constraint-matches-no-node");
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]?.severity).toBe(2);
    expect(warnings[0]?.range.start.line).toBe(2);
    expect(warnings[0]?.message).toContain("No node in the cluster matches this constraint");
    const linuxDiagnostics = published.filter((p) => p.uri === linux).flatMap((p) => p.diagnostics);
    expect(linuxDiagnostics).toEqual([]);
  });

  it("puts what plan would do above the job: create, then no change, update in place, destroy/create", async () => {
    const uri = "file:///work/web.nomad.hcl";
    const text = placed("web", "linux");
    await open(uri, text);
    const first = await lenses(uri);
    expect(first.map((l) => [l.range.start.line, l.command?.title])).toEqual([
      [0, "plan: create (1 allocation to place)"],
    ]);
    await nomad?.jobs.register(jobOf(text));
    // The server's blocking query on jobs sees the registration and drops its cached plan.
    await until(
      'the lens to say "no change"',
      async () => {
        const title = (await lenses(uri))[0]?.command?.title ?? "";
        if (title !== "plan: no change") throw new Error(`last: ${title}`);
        return true;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    const change = async (version: number, newText: string) =>
      server.conn.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ text: newText }],
      });
    await change(2, placed("web", "linux", "b"));
    expect((await lenses(uri))[0]?.command?.title).toBe("plan: update in place 1 allocation");
    await change(3, placed("web", "linux").replace('"3600"', '"3601"'));
    expect((await lenses(uri))[0]?.command?.title).toBe("plan: destroy/create 1 allocation");
  }, 60_000);

  it("logs no failure and never the token", async () => {
    await server.conn.sendNotification("workspace/didChangeConfiguration", {
      settings: {
        nomadkit: { diagnosticsDelay: 20, cluster: { address: `${agent?.address}/` } },
      },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(logs.some((l) => l.startsWith("cluster: connected to http://127.0.0.1:"))).toBe(true);
    expect(logs.filter((l) => /failed/.test(l) || l.includes(TOKEN))).toEqual([]);
  });
});

describe("language server with no cluster", () => {
  let server: LanguageServerProcess;
  let listener: Server;
  let connections = 0;
  const logs: Array<{ type: number; message: string }> = [];
  const saved = process.env.NOMAD_ADDR;

  beforeAll(async () => {
    // NOMAD_ADDR points at a port that counts connections: the server must not fall back to it.
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
    const port = (listener.address() as { port: number }).port;
    process.env.NOMAD_ADDR = `http://127.0.0.1:${port}`;
    server = await startLanguageServer({ diagnosticsDelay: 20 });
    server.conn.onNotification("window/logMessage", (p: { type: number; message: string }) => logs.push(p));
  }, 60_000);

  afterAll(async () => {
    if (saved === undefined) delete process.env.NOMAD_ADDR;
    else process.env.NOMAD_ADDR = saved;
    await server?.stop();
    listener?.close();
  });

  it("offers no lens and no cluster names, and makes no request", async () => {
    const uri = "file:///work/names.nomad.hcl";
    await server.conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "hcl", version: 1, text: NAMES },
    });
    const items = (await server.conn.sendRequest("textDocument/completion", {
      textDocument: { uri },
      position: after(NAMES, 'node_pool = "'),
    })) as Item[];
    expect(items.map((i) => i.label)).not.toContain("default");
    expect(await server.conn.sendRequest("textDocument/codeLens", { textDocument: { uri } })).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect(connections).toBe(0);
    expect(logs.filter((l) => l.type === 1)).toEqual([]);
  });
});

describe("language server with a cluster that does not answer", () => {
  let server: LanguageServerProcess;
  const logs: string[] = [];

  beforeAll(async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    server = await startLanguageServer({
      diagnosticsDelay: 20,
      cluster: { address: `http://127.0.0.1:${port}` },
    });
    server.conn.onNotification("window/logMessage", (p: { message: string }) => logs.push(p.message));
  }, 60_000);

  afterAll(() => server?.stop());

  it("says so in the lens, and logs each failing read once", async () => {
    const uri = "file:///work/web.nomad.hcl";
    await server.conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "hcl", version: 1, text: placed("web", "linux") },
    });
    const lens = (await server.conn.sendRequest("textDocument/codeLens", {
      textDocument: { uri },
    })) as Lens[];
    expect(lens.map((l) => l.command?.title)).toEqual([
      "plan: the cluster is not reachable (see the Nomad output)",
    ]);
    // Completion still answers at once with what the cache holds (nothing).
    const items = (await server.conn.sendRequest("textDocument/completion", {
      textDocument: { uri: "file:///work/web.nomad.hcl" },
      position: after(placed("web", "linux"), 'provider = "'),
    })) as Item[];
    expect(items.map((i) => i.label)).toContain("nomad");
    const reads = logs.filter((l) => l.includes("reading "));
    expect(new Set(reads).size).toBe(reads.length);
  }, 30_000);
});
