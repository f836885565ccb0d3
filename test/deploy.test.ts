// The deploy workflow end to end against a real `nomad agent -dev`: healthy deploy,
// failing deploy with auto-revert, check-index refusal, rollback and history, and an
// ACL-enabled agent. Skips (with what to install) when no Nomad binary can be had.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { NomadClient } from "nomadkit/api";
import { deployApp } from "nomadkit/deploy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, startAgent } from "./harness/nomad-agent.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "sdk/dist/cli/main.js");

const started = await startAgent();
const agent: Agent | undefined = "skip" in started ? undefined : started;
const skip = "skip" in started ? started.skip : "";
afterAll(() => agent?.stop());

function nomadkit(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", NOMAD_ADDR: agent?.address ?? "", ...env },
    timeout: 120_000,
  });
  return { code: run.status, out: run.stdout + run.stderr };
}

describe.skipIf(!agent)(`deploy against a real Nomad agent${agent ? "" : ` (skipped: ${skip})`}`, () => {
  const client = () => new NomadClient({ address: agent?.address ?? "", env: {} });

  it("deploys a healthy raw_exec service and exits 0 once it is healthy", () => {
    const run = nomadkit(["deploy", "test/e2e/http-app.ts"], { NK_E2E_RELEASE: "1" });
    expect(run.out).toContain("✓ web: Deployment completed successfully");
    expect(run.code).toBe(0);
  });

  it("a version whose check fails is reverted; deploy exits 1 naming the task and its stderr", async () => {
    const run = nomadkit(["deploy", "test/e2e/http-app.ts"], {
      NK_E2E_RELEASE: "2",
      NK_E2E_CHECK_PATH: "/missing",
    });
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      "✗ web: deployment failed: Failed due to unhealthy allocations - rolling back to job version 0",
    );
    expect(run.out).toContain('task "server"');
    expect(run.out).toMatch(/last stderr lines:\n[\s\S]*"GET \/missing HTTP\/1\.1" 404/);
    // The revert registers version 0's spec again, and it becomes healthy.
    const nomad = client();
    await waitFor(async () => (await nomad.deployments.latestForJob("web")).data?.Status === "successful");
    const { data: job } = await nomad.jobs.read("web");
    expect(job.TaskGroups?.[0]?.Services?.[0]?.Checks?.[0]?.Path).toBe("/");
    expect(nomadkit(["status", "web"]).out).toMatch(/web {2}service {2}running {2}version 2 \(stable\)/);
    // The auto-revert already put version 0's spec back: a rollback has nothing to do, and says so.
    const again = nomadkit(["rollback", "web"]);
    expect(again.out).toContain("✓ web: nothing to do: version 2 already runs the same spec as version 0");
    expect(again.code).toBe(0);
    // Version 1 never became stable: going back to it needs --force.
    const unstable = nomadkit(["rollback", "web", "1"]);
    expect(unstable.out).toContain('version 1 of job "web" never became stable');
    expect(unstable.out).toContain("--force");
    expect(unstable.code).toBe(1);
    nomad.close();
  });

  it("refuses a job changed by someone else between plan and register", async () => {
    const { loadApp } = await import("../sdk/src/cli/load-app.js");
    const { synthesize } = await import("../sdk/src/synth/synth.js");
    process.env.NK_E2E_RELEASE = "3";
    const app = await loadApp(join(ROOT, "test/e2e/http-app.ts"));
    delete process.env.NK_E2E_RELEASE;
    const nomad = client();
    const before = (await nomad.jobs.read("web")).data.Version;
    const result = await deployApp(nomad, synthesize(app), {
      app: "e2e",
      onEvent: async (event) => {
        if (event.type !== "plan") return;
        // Someone else registers the job after our plan: bump its meta.
        const { data: current } = await nomad.jobs.read("web");
        await nomad.jobs.register({ ...current, Meta: { ...(current.Meta as object), other: "change" } });
      },
    });
    expect(result.exitCode).toBe(1);
    expect(result.jobs).toEqual([
      {
        jobId: "web",
        status: "refused",
        message: expect.stringContaining("changed on the cluster after it was planned"),
      },
    ]);
    const { data: after } = await nomad.jobs.read("web");
    expect(after.Version).toBe(Number(before) + 1); // only the other client's change
    expect((after.Meta as Record<string, string>).release).not.toBe("3");
    nomad.close();
  });

  it("plans like nomad job plan: exit 0 without allocation changes, 1 with, and --json", () => {
    expect(nomadkit(["deploy", "test/e2e/http-app.ts"], { NK_E2E_RELEASE: "5" }).code).toBe(0);
    const same = nomadkit(["plan", "test/e2e/http-app.ts"], { NK_E2E_RELEASE: "5" });
    expect(same.out).toContain('Job: "web"');
    expect(same.code, same.out).toBe(0);
    const changed = nomadkit(["plan", "test/e2e/http-app.ts", "--json"], { NK_E2E_RELEASE: "9" });
    expect(changed.code).toBe(1);
    const {
      jobs: [plan],
    } = JSON.parse(changed.out) as {
      jobs: Array<{ job: string; changed: boolean; jobModifyIndex: number }>;
    };
    expect(plan).toMatchObject({ job: "web", changed: true });
    expect(plan?.jobModifyIndex).toBeGreaterThan(0);
    const down = nomadkit(["plan", "test/e2e/http-app.ts"], { NOMAD_ADDR: "http://127.0.0.1:1" });
    expect(down.code).toBe(255);
    expect(down.out).toMatch(/^error: .*127\.0\.0\.1:1/m);
  });

  it("promotes a healthy canary with --promote", () => {
    const run = nomadkit(["deploy", "test/e2e/http-app.ts", "--promote"], {
      NK_E2E_RELEASE: "4",
      NK_E2E_CANARY: "1",
    });
    expect(run.out).toMatch(/1\/1 canaries/);
    expect(run.out).toContain("✓ web: Deployment completed successfully");
    expect(run.code).toBe(0);
  });

  it("rolls back to a named version, and history lists every version", () => {
    const history = nomadkit(["history", "web"]);
    expect(history.code).toBe(0);
    const versions = [...history.out.matchAll(/^v(\d+) /gm)].map((m) => Number(m[1]));
    expect(versions).toEqual([...versions].sort((a, b) => b - a));
    expect(versions).toContain(0);
    const rollback = nomadkit(["rollback", "web", "0"]);
    expect(rollback.out).toMatch(
      /rolled back from version \d+ to 0\n✓ web: Deployment completed successfully/,
    );
    expect(rollback.code).toBe(0);
    expect(nomadkit(["rollback", "web", "no-such-tag"]).out).toContain('has no version or tag "no-such-tag"');
  });
});

describe.skipIf(!agent)("the watcher follows each job type", () => {
  const kind = (name: string, ...args: string[]) =>
    nomadkit(["deploy", "test/e2e/job-types-app.ts", ...args], { NK_E2E_KIND: name });

  it("a periodic job deploys with exit 0 and names its next launch", () => {
    const run = kind("periodic");
    expect(run.out).toMatch(/✓ periodic: periodic job registered; next launch \d{4}-\d\d-\d\dT03:00:00/);
    expect(run.code, run.out).toBe(0);
  });

  it("a parameterized job deploys with exit 0 and says how to dispatch it", () => {
    const run = kind("parameterized");
    expect(run.out).toContain(
      "✓ parameterized: parameterized job registered; start a run with `nomad job dispatch parameterized`",
    );
    expect(run.code, run.out).toBe(0);
  });

  it("a service job no node can take exits 1 within seconds, naming the group and the constraint", () => {
    const started = Date.now();
    const run = kind("unplaceable-service");
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain("✗ unplaceable-service: the scheduler could not place every allocation");
    expect(run.out).toMatch(
      /group "work" \(2 allocations not placed\): constraint \$\{attr\.kernel\.name\} = plan9 filtered 1 node\(s\)/,
    );
  });

  it("a system job that fits no node exits 1 instead of counting 0/0 as success", () => {
    const started = Date.now();
    const run = kind("unplaceable-system");
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain("✗ unplaceable-system: the scheduler could not place every allocation");
    expect(run.out).toMatch(
      /group "work" \(1 allocation not placed\): constraint \$\{attr\.kernel\.name\} = plan9 filtered 1 node\(s\)/,
    );
  });

  it("--detach registers and returns; destroy stops only what exists and the app owns", () => {
    const detached = nomadkit(["deploy", "test/e2e/http-app.ts", "--detach"], {
      NK_E2E_JOB: "detached",
      NK_E2E_RELEASE: "1",
    });
    expect(detached.out).toMatch(/✓ detached: evaluation [0-9a-f-]{36}; not following it \(--detach\)/);
    expect(detached.code, detached.out).toBe(0);
    const never = nomadkit(["destroy", "test/e2e/http-app.ts"], { NK_E2E_JOB: "never-registered" });
    expect(never.out).toContain("never-registered: not registered, nothing to stop");
    expect(never.code).toBe(0);
    const stopped = nomadkit(["destroy", "test/e2e/http-app.ts"], { NK_E2E_JOB: "detached" });
    expect(stopped.out).toContain("− stopped detached");
    expect(nomadkit(["destroy", "test/e2e/http-app.ts"], { NK_E2E_JOB: "detached" }).out).toContain(
      "detached: already stopped",
    );
    // Job "periodic" belongs to the e2e-types app: app e2e's destroy leaves it alone.
    const foreign = nomadkit(["destroy", "test/e2e/http-app.ts"], { NK_E2E_JOB: "periodic" });
    expect(foreign.out).toContain('✗ periodic: left alone: app "e2e-types" owns it, not "e2e"');
    expect(foreign.code).toBe(1);
  });

  it("--timeout stops the watch, not the deployment", () => {
    const run = nomadkit(["deploy", "test/e2e/http-app.ts", "--timeout", "1ms"], {
      NK_E2E_JOB: "slow",
      NK_E2E_RELEASE: "1",
    });
    expect(run.out).toMatch(
      /! slow: stopped watching after --timeout 1ms; the deployment goes on in the cluster/,
    );
    expect(run.code).toBe(1);
  });
});

describe.skipIf(!agent)("deploy with ACLs", () => {
  let acl: Agent | undefined;
  beforeAll(async () => {
    const a = await startAgent({ acl: true });
    if (!("skip" in a)) acl = a;
  }, 300_000);
  afterAll(() => acl?.stop());

  it("applies node pool, variable, ACL policy, then the job; a bad token gets a clear error and is never printed", async () => {
    const token = acl?.token ?? "";
    // The variable's value comes from the environment; deploy never writes a key without one.
    const env = { NOMAD_ADDR: acl?.address ?? "", NOMADKIT_VAR_SHARED_E2E__GREETING: "hello" };
    const missing = nomadkit(["deploy", "test/e2e/acl-app.ts"], { ...env, NOMAD_TOKEN: "" });
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/403.*set NOMAD_TOKEN/s);
    const wrongToken = "00000000-1111-2222-3333-444444444444";
    const wrong = nomadkit(["deploy", "test/e2e/acl-app.ts"], { ...env, NOMAD_TOKEN: wrongToken });
    expect(wrong.code).toBe(1);
    expect(wrong.out).not.toContain(wrongToken);
    const ok = nomadkit(["deploy", "test/e2e/acl-app.ts"], { ...env, NOMAD_TOKEN: token });
    expect(ok.out).not.toContain(token);
    const order = [
      "node-pool e2e-pool",
      "variable shared_e2e",
      "acl-policy acl-web-web-server-variables",
      "acl-web: Deployment",
    ];
    const positions = order.map((s) => ok.out.indexOf(s));
    expect(
      positions.every((p) => p >= 0),
      ok.out,
    ).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(ok.code, ok.out).toBe(0);
    const nomad = new NomadClient({ address: acl?.address ?? "", token, env: {} });
    expect((await nomad.nodePools.read("e2e-pool")).data.Description).toBe(
      "made by the nomadkit deploy test",
    );
    expect((await nomad.acl.readPolicy("acl-web-web-server-variables")).data.JobACL).toMatchObject({
      JobID: "acl-web",
    });
    expect(Object.keys((await nomad.variables.read("shared/e2e")).data?.Items ?? {})).toEqual(["greeting"]);
    const listed = (await nomad.hostVolumes.list()).data;
    expect(
      listed.map((v) => v.Name),
      ok.out,
    ).toContain("e2e-data");
    // The HCL synthesized from the TypeScript is stored as the job's submission.
    const { data: submission } = await nomad.jobs.submission("acl-web", 0);
    expect(submission?.Format).toBe("hcl2");
    expect(submission?.Source).toMatch(/^job "acl-web" \{\n/);
    nomad.close();
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("timed out waiting");
}
