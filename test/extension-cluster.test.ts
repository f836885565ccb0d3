// The extension's cluster commands (extension/src/cluster/operations.ts, the functions the
// VS Code commands call) against a real `nomad agent -dev` with ACLs: validate, plan, run
// with check-index, a failing run with the task's stderr, and a wrong token whose error
// says what to do and never shows the token.
import { readFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { NomadClient } from "nomadkit/api";
import { afterAll, describe, expect, it } from "vitest";
import {
  CancelledError,
  ClusterTimeoutError,
  clusterHealth,
  deadline,
  decodeJobFile,
  describeClusterError,
  jobStatusText,
  jobUiUrl,
  planText,
  runJob,
  validateOnCluster,
} from "../extension/src/cluster/operations.js";
import { type Agent, startAgent } from "./harness/nomad-agent.js";

/** The plan document's TextMate grammar: which lines it colours as inserted, deleted, changed. */
const PLAN_GRAMMAR = JSON.parse(
  readFileSync(new URL("../extension/syntaxes/nomad-plan.tmLanguage.json", import.meta.url), "utf8"),
) as { patterns: Array<{ match: string; name: string }> };

const started = await startAgent({ acl: true });
const agent: Agent | undefined = "skip" in started ? undefined : started;
const skip = "skip" in started ? started.skip : "";
afterAll(() => agent?.stop());

/** A raw_exec service: `command` runs under sh; the group fails at once when it exits. */
const jobFile = (name: string, command: string) => `job "${name}" {
  datacenters = ["dc1"]

  group "app" {
    update {
      min_healthy_time  = "1s"
      healthy_deadline  = "20s"
      progress_deadline = "30s"
    }
    restart {
      attempts = 0
      mode     = "fail"
    }
    reschedule {
      attempts  = 0
      unlimited = false
    }

    task "main" {
      driver = "raw_exec"
      config {
        command = "/bin/sh"
        args    = ["-c", "${command}"]
      }
      kill_timeout = "1s"
      resources {
        cpu    = 50
        memory = 32
      }
    }
  }
}
`;

describe.skipIf(!agent)(
  `cluster commands against a real Nomad agent${agent ? "" : ` (skipped: ${skip})`}`,
  () => {
    const client = (token = agent?.token) =>
      new NomadClient({ address: agent?.address ?? "", token, env: {} });

    it("validates on the cluster: a good job passes, Nomad's own errors come back one per line", async () => {
      const nomad = client();
      const good = decodeJobFile(jobFile("ok", "sleep 600"));
      if (!good.job) throw new Error(JSON.stringify(good.problems));
      expect(await validateOnCluster(nomad, good.job)).toEqual({ errors: [], warnings: [] });

      const bad = decodeJobFile(
        jobFile("bad", "sleep 600").replace(
          'datacenters = ["dc1"]',
          'datacenters = ["dc1"]\n  priority = 500',
        ),
      );
      if (!bad.job) throw new Error(JSON.stringify(bad.problems));
      const result = await validateOnCluster(nomad, bad.job);
      expect(result.errors.join("\n")).toMatch(/priority/i);
      nomad.close();
    });

    it("a job file that does not decode gives its problems with line and column", () => {
      const decoded = decodeJobFile('job "x" {\n  group "g" {\n    count = "many"\n  }\n}\n');
      expect(decoded.job).toBeUndefined();
      expect(decoded.problems[0]).toMatchObject({ line: 3, severity: "error" });
    });

    it("plans, runs with check-index and follows the deployment; a stale index is refused", async () => {
      const nomad = client();
      const decoded = decodeJobFile(jobFile("web", "sleep 600"));
      if (!decoded.job) throw new Error(JSON.stringify(decoded.problems));
      const { plan, text } = await planText(nomad, decoded.job);
      expect(text).toContain('+ Job: "web"');
      expect(text).toContain('+ Task Group: "app"');
      expect(text).toContain("Allocations will be created");
      expect(text).toContain("Job Modify Index: 0");
      expect(text).not.toContain("\u001b[");

      const progress: string[] = [];
      const outcome = await runJob(nomad, decoded.job, {
        enforceIndex: plan.jobModifyIndex,
        onProgress: (l) => progress.push(l),
      });
      expect(outcome).toMatchObject({ ok: true });
      expect(outcome.summary).toMatch(/successful/i);
      expect(progress[0]).toMatch(/^registered, evaluation /);
      expect(await jobStatusText(nomad, "web")).toMatch(/Status {4}= running/);

      // The plan said 0 (no job); the job exists now, so running with that index is refused.
      const stale = await runJob(nomad, decoded.job, { enforceIndex: 0 }).catch((e: unknown) => e);
      expect(describeClusterError(stale, agent?.token)).toMatch(/changed on the cluster since the plan/);
      nomad.close();
    }, 120_000);

    it("the plan of a change reads like `nomad job plan`, each line coloured by the plan document's grammar", async () => {
      const nomad = client();
      const decoded = decodeJobFile(
        jobFile("web", "sleep 600").replace('group "app" {', 'group "app" {\n    count = 2'),
      );
      if (!decoded.job) throw new Error(JSON.stringify(decoded.problems));
      const { text } = await planText(nomad, decoded.job);
      expect(text).toContain('+/- Job: "web"');
      expect(text).toMatch(/^\+\/- Task Group: "app"/m);
      expect(text).toMatch(
        /\n\nScheduler dry-run:\n- All tasks successfully allocated\.\n- Allocations will be created, replaced or stopped\.\n\nJob Modify Index: \d+\n$/,
      );
      expect(text).toContain('  +/- Count: "1" => "2"');
      const scopeOf = (line: string) =>
        PLAN_GRAMMAR.patterns.find((p) => new RegExp(p.match).test(line))?.name.split(".")[1];
      const coloured = text.split("\n").map((line) => [line.trim().split(" ")[0], scopeOf(line)]);
      for (const [mark, scope] of coloured) {
        if (mark === "+/-") expect(scope).toBe("changed");
        else if (mark === "+") expect(scope).toBe("inserted");
        else if (mark === "-") expect(scope).toBe("deleted");
      }
      expect(coloured.some(([mark]) => mark === "+/-")).toBe(true);
      nomad.close();
    });

    it("a failing run names the allocation and task, with its events and stderr", async () => {
      const nomad = client();
      const decoded = decodeJobFile(jobFile("crash", "echo database unreachable >&2; exit 3"));
      if (!decoded.job) throw new Error(JSON.stringify(decoded.problems));
      const { plan } = await planText(nomad, decoded.job);
      const outcome = await runJob(nomad, decoded.job, { enforceIndex: plan.jobModifyIndex });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      // The deployment may fail (restart attempts 0) before the watch sees the unhealthy allocation.
      expect(outcome.summary).toMatch(/Job "crash"(: an allocation failed| deployment failed)/);
      const details = outcome.details.join("\n");
      expect(details).toContain('Task "main"');
      expect(details).toContain("database unreachable");
      nomad.close();
    }, 120_000);

    it("a crashing task is reported within 5 s of its allocation failing, not at the deployment deadline", async () => {
      const nomad = client();
      // Nomad's own restart and reschedule defaults: the deployment itself would wait for its
      // 5-minute healthy deadline while the task keeps crashing.
      const text = jobFile("crashloop", "echo cannot bind >&2; exit 2")
        .replace(/ {4}restart \{[^}]*\}\n/, "")
        .replace(/ {4}reschedule \{[^}]*\}\n/, "")
        .replace(/ {4}update \{[^}]*\}\n/, "");
      const decoded = decodeJobFile(text);
      if (!decoded.job) throw new Error(JSON.stringify(decoded.problems));
      const { plan } = await planText(nomad, decoded.job);
      const outcome = await runJob(nomad, decoded.job, { enforceIndex: plan.jobModifyIndex });
      const reportedAt = Date.now();
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.summary).toMatch(/an allocation failed; the deployment goes on/);
      const details = outcome.details.join("\n");
      expect(details).toContain('Task "main"');
      expect(details).toContain("cannot bind");
      // When the allocation failed (its restarts used up), by the client's own clock (ns).
      const { data: allocs } = await nomad.allocations.listForJob("crashloop");
      const { data: alloc } = await nomad.allocations.read(allocs[0]?.ID ?? "");
      const failed = (alloc.TaskStates?.main?.Events ?? []).find((e) => e.Type === "Not Restarting");
      expect(failed, JSON.stringify(alloc.TaskStates)).toBeDefined();
      expect(reportedAt - Number(failed?.Time) / 1e6).toBeLessThan(5_000);
      await nomad.jobs.deregister("crashloop", { purge: true });
      nomad.close();
    }, 120_000);

    it("a wrong token gives a clear error that never shows the token", async () => {
      const wrong = "0b6f2d5e-1c0a-4f5e-9d7b-3a2c1e0f9a88";
      const nomad = client(wrong);
      const decoded = decodeJobFile(jobFile("web", "sleep 600"));
      if (!decoded.job) throw new Error("no job");
      const err = await planText(nomad, decoded.job).catch((e: unknown) => e);
      const message = describeClusterError(err, wrong);
      expect(message).toMatch(/Nomad refused the ACL token \(403/);
      expect(message).toContain("Nomad: Set ACL Token");
      expect(message).not.toContain(wrong);
      expect(String(err)).not.toContain(wrong);

      expect(await clusterHealth(nomad, wrong)).toMatchObject({ reachable: true, tokenValid: false });
      // No token at all is a different mistake, and says so.
      const none = new NomadClient({ address: agent?.address ?? "", env: {} });
      const missing = await validateOnCluster(none, decoded.job).catch((e: unknown) => e);
      expect(describeClusterError(missing, undefined)).toMatch(
        /^This cluster needs an ACL token and none is set \(403/,
      );
      none.close();
      nomad.close();
      const good = client();
      expect(await clusterHealth(good, agent?.token)).toMatchObject({ reachable: true, tokenValid: true });
      good.close();
      const down = new NomadClient({
        address: "http://127.0.0.1:1",
        token: wrong,
        env: {},
        retry: { maxAttempts: 1 },
      });
      const health = await clusterHealth(down, wrong);
      expect(health).toMatchObject({ reachable: false });
      if (!health.reachable) expect(health.message).not.toContain(wrong);
    });

    it("an unplaceable run lists each group and reason as lines, not JSON", async () => {
      const nomad = client();
      const text = jobFile("nowhere", "sleep 600").replace(
        '    task "main" {',
        '    constraint {\n      attribute = "${attr.kernel.name}"\n      value     = "plan9"\n    }\n\n    task "main" {',
      );
      const decoded = decodeJobFile(text);
      if (!decoded.job) throw new Error(JSON.stringify(decoded.problems));
      const { plan } = await planText(nomad, decoded.job);
      const outcome = await runJob(nomad, decoded.job, { enforceIndex: plan.jobModifyIndex });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.summary).toMatch(/could not be placed/);
      expect(outcome.details[0]).toBe('Task group "app": 1 allocation not placed');
      expect(outcome.details.slice(1).join("\n")).toMatch(
        /^ {2}constraint .*kernel\.name.* filtered 1 node\(s\)$/m,
      );
      for (const line of outcome.details) expect(line).not.toMatch(/^\s*[{[]|"(group|reasons|count)":/);
      await nomad.jobs.deregister("nowhere", { purge: true });
      nomad.close();
    }, 60_000);

    it("links to the job in Nomad's UI", () => {
      expect(jobUiUrl("http://127.0.0.1:4646/", "web", "prod")).toBe(
        "http://127.0.0.1:4646/ui/jobs/web%40prod",
      );
    });
  },
);

// An address that accepts connections and never answers: the editor's commands give up
// within the timeout (retries included) with a message that says so, and a cancel ends
// them at once. No agent needed.
describe("an unanswering cluster", () => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const listening = new Promise<string>((resolve) =>
    silent.listen(0, "127.0.0.1", () => {
      const at = silent.address();
      resolve(`http://127.0.0.1:${typeof at === "object" && at ? at.port : 0}`);
    }),
  );
  afterAll(() => {
    for (const s of sockets) s.destroy();
    silent.close();
  });
  const job = decodeJobFile(jobFile("web", "sleep 600")).job;
  if (!job) throw new Error("no job");
  // As the extension builds it (connection.ts): the timeout per request, the client's retries.
  const clientFor = (address: string) => new NomadClient({ address, env: {}, timeoutMs: 1_000 });

  const calls: Array<[string, (nomad: NomadClient, signal: AbortSignal) => Promise<unknown>]> = [
    ["validate", (nomad, signal) => validateOnCluster(nomad, job, { signal })],
    ["plan", (nomad, signal) => planText(nomad, job, { signal })],
    ["status", (nomad, signal) => jobStatusText(nomad, "web", { signal })],
  ];
  for (const [name, call] of calls) {
    it(`${name} gives up within the timeout, saying the address did not answer`, async () => {
      const address = await listening;
      const nomad = clientFor(address);
      const limit = deadline(address, 1);
      const t0 = Date.now();
      const err = await call(nomad, limit.signal).catch((e: unknown) => e);
      const elapsed = Date.now() - t0;
      limit.dispose();
      nomad.close();
      expect(err).toBeInstanceOf(ClusterTimeoutError);
      expect(elapsed).toBeLessThan(2_000);
      expect(describeClusterError(err, undefined)).toBe(
        `Nomad at ${address} did not answer within 1 s. Check nomadkit.cluster.address (and that the agent runs), or raise nomadkit.cluster.timeoutSeconds.`,
      );
    });
  }

  it("the status bar's health check says unreachable within the timeout", async () => {
    const address = await listening;
    const nomad = clientFor(address);
    const limit = deadline(address, 1);
    const health = await clusterHealth(nomad, undefined, { signal: limit.signal });
    limit.dispose();
    nomad.close();
    expect(health).toEqual({ reachable: false, message: expect.stringMatching(/did not answer within 1 s/) });
  });

  it("a cancel ends a waiting plan at once, as cancelled", async () => {
    const address = await listening;
    const nomad = clientFor(address);
    const cancel = new AbortController();
    const limit = deadline(address, 10, cancel.signal);
    setTimeout(() => cancel.abort(), 200);
    const t0 = Date.now();
    const err = await planText(nomad, job, { signal: limit.signal }).catch((e: unknown) => e);
    limit.dispose();
    nomad.close();
    expect(err).toBeInstanceOf(CancelledError);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it("a cancelled Run stops watching, and the job's requests carry the signal", async () => {
    const address = await listening;
    const nomad = clientFor(address);
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(new CancelledError()), 200);
    const t0 = Date.now();
    const err = await runJob(nomad, job, { enforceIndex: 0, signal: cancel.signal }).catch((e: unknown) => e);
    nomad.close();
    expect(err).toBeInstanceOf(CancelledError);
    expect(Date.now() - t0).toBeLessThan(1_000);
  });
});
