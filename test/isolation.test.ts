// Environments and apps kept apart, and deploys that check before they write, against real
// `nomad agent -dev`s: job ownership and --adopt, a namespaced app with a node pool, a
// variable and an ACL policy on an ACL agent, the same app refused up front by an agent
// with ACLs off, variables never written without values, and plan listing every resource.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { NomadApiError, NomadClient } from "nomadkit/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, startAgent } from "./harness/nomad-agent.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "sdk/dist/cli/main.js");
const APP = "test/e2e/isolation-app.ts";

const started = await startAgent();
const agent: Agent | undefined = "skip" in started ? undefined : started;
const skip = "skip" in started ? started.skip : "";
afterAll(() => agent?.stop());

function nomadkit(args: string[], env: Record<string, string>) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", NOMAD_TOKEN: "", ...env },
    timeout: 120_000,
  });
  return { code: run.status, out: run.stdout + run.stderr };
}

/** The data, or undefined on 404. */
async function found<T>(request: Promise<{ data: T }>): Promise<T | undefined> {
  try {
    return (await request).data;
  } catch (error) {
    if (error instanceof NomadApiError && error.isNotFound) return undefined;
    throw error;
  }
}

describe.skipIf(!agent)(`job ownership${agent ? "" : ` (skipped: ${skip})`}`, () => {
  const env = (app: string) => ({ NOMAD_ADDR: agent?.address ?? "", NK_ISO_APP: app, NK_ISO_KIND: "owned" });

  it("a second app deploying an owned job ID is refused, and --adopt takes it over", async () => {
    const first = nomadkit(["deploy", APP, "--detach"], env("iso-a"));
    expect(first.code, first.out).toBe(0);
    const nomad = new NomadClient({ address: agent?.address ?? "", env: {} });
    const before = (await nomad.jobs.read("owned")).data;

    const refused = nomadkit(["deploy", APP, "--detach"], env("iso-b"));
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("Nothing was written: 1 problem(s) found before deploying:");
    expect(refused.out).toContain('✗ job "owned": app "iso-a" owns this job on the cluster, not app "iso-b"');
    expect(refused.out).toContain("--adopt");
    const untouched = (await nomad.jobs.read("owned")).data;
    expect(untouched.Version).toBe(before.Version);
    expect((untouched.Meta as Record<string, string>)["nomadkit.app"]).toBe("iso-a");

    const plan = nomadkit(["plan", APP], env("iso-b"));
    expect(plan.code).toBe(255);
    expect(plan.out).toContain('app "iso-a" owns this job');

    const adopted = nomadkit(["deploy", APP, "--detach", "--adopt"], env("iso-b"));
    expect(adopted.code, adopted.out).toBe(0);
    expect(adopted.out).toContain('! job owned: taken over from app "iso-a" (--adopt)');
    const after = (await nomad.jobs.read("owned")).data;
    expect((after.Meta as Record<string, string>)["nomadkit.app"]).toBe("iso-b");
    // Now app iso-a is the stranger.
    expect(nomadkit(["deploy", APP, "--detach"], env("iso-a")).out).toContain('app "iso-b" owns this job');
    nomad.close();
  });

  it("--prune stops only jobs that exist and this app owns", async () => {
    const nomad = new NomadClient({ address: agent?.address ?? "", env: {} });
    expect(nomadkit(["deploy", APP, "--detach"], { ...env("iso-a"), NK_ISO_JOB: "a-only" }).code).toBe(0);
    // iso-b's code now has job "b-new" instead of "owned": prune stops "owned", never iso-a's "a-only".
    const pruned = nomadkit(["deploy", APP, "--detach", "--prune"], { ...env("iso-b"), NK_ISO_JOB: "b-new" });
    expect(pruned.code, pruned.out).toBe(0);
    expect(pruned.out).toContain("− stopped owned (no longer in the app)");
    expect(pruned.out).not.toContain("a-only");
    expect((await nomad.jobs.read("owned")).data.Stop).toBe(true);
    expect((await nomad.jobs.read("a-only")).data.Stop).toBe(false);
    nomad.close();
  });
});

describe.skipIf(!agent)("plan on a cluster without Consul", () => {
  it("prints what the segment can't enforce, and refuses Consul services up front", async () => {
    const run = nomadkit(["plan", "examples/segments.ts", "--env", "qa"], {
      NOMAD_ADDR: agent?.address ?? "",
    });
    expect(run.code).toBe(255);
    expect(run.out).toContain("+ namespace payments-qa: create");
    expect(run.out).toContain("· consul-config-entry service-intentions-ledger-db-qa: manual");
    expect(run.out).toMatch(
      /! consul-config-entry service-intentions-payments-api-qa: segment "payments" allows 198\.51\.100\.0\/24 ports 443: .*don't enforce/,
    );
    expect(run.out).toContain("Deploy would write nothing");
    expect(run.out).toContain('✗ job "payments": registers service "ledger-db-qa"');
    expect(run.out).toContain("no client of the cluster has Consul");
    const nomad = new NomadClient({ address: agent?.address ?? "", env: {} });
    expect(await found(nomad.namespaces.read("payments-qa"))).toBeUndefined();
    nomad.close();
  });
});

describe.skipIf(!agent)("a namespaced app with a node pool, a variable and an ACL policy", () => {
  let acl: Agent | undefined;
  beforeAll(async () => {
    const a = await startAgent({ acl: true });
    if (!("skip" in a)) acl = a;
  }, 300_000);
  afterAll(() => acl?.stop());
  const varFile = join(tmpdir(), `nomadkit-iso-vars-${process.pid}.json`);
  writeFileSync(varFile, JSON.stringify({ "shared/iso": { token: "s3cr3t-value" } }));

  it("an agent with ACLs off refuses it before writing anything, with a clear message", async () => {
    const run = nomadkit(["deploy", APP, "--var-file", varFile], {
      NOMAD_ADDR: agent?.address ?? "",
      NK_ISO_KIND: "platform",
    });
    expect(run.code).toBe(1);
    expect(run.out).toContain("Nothing was written");
    expect(run.out).toContain(
      '✗ acl-policy "iso-web-web-server-variables-qa": the cluster has ACLs turned off, so it can\'t store ACL policies',
    );
    expect(run.out).toContain("fix: turn ACLs on");
    const nomad = new NomadClient({ address: agent?.address ?? "", env: {} });
    expect(await found(nomad.namespaces.read("nk-iso-qa"))).toBeUndefined();
    expect(await found(nomad.nodePools.read("iso-pool"))).toBeUndefined();
    expect((await nomad.variables.read("shared/iso", { namespace: "nk-iso-qa" })).data).toBeUndefined();
    expect((await nomad.jobs.list({ namespace: "*" })).data.map((j) => j.ID)).not.toContain("iso-web");
    nomad.close();
  });

  it("refuses a variable with no value, plans every resource, deploys, then plans no changes", async () => {
    const token = acl?.token ?? "";
    const env = { NOMAD_ADDR: acl?.address ?? "", NOMAD_TOKEN: token, NK_ISO_KIND: "platform" };
    const nomad = new NomadClient({ address: acl?.address ?? "", token, env: {} });

    const novalue = nomadkit(["deploy", APP], env);
    expect(novalue.code).toBe(1);
    expect(novalue.out).toContain(
      '✗ variable "shared/iso" (namespace "nk-iso-qa"): no value for "token"; nothing is written without one',
    );
    expect(novalue.out).toContain("NOMADKIT_VAR_SHARED_ISO__TOKEN");
    expect(await found(nomad.namespaces.read("nk-iso-qa"))).toBeUndefined();

    const plan = nomadkit(["plan", APP, "--var-file", varFile], env);
    expect(plan.code, plan.out).toBe(1);
    for (const line of [
      "+ namespace nk-iso-qa: create",
      "+ node-pool iso-pool: create",
      "+ variable shared_iso: create",
      "+ acl-policy iso-web-web-server-variables-qa: create",
      "+ job iso-web: create",
    ])
      expect(plan.out).toContain(line);
    expect(plan.out).not.toContain("s3cr3t-value");

    const deployed = nomadkit(["deploy", APP, "--var-file", varFile], env);
    expect(deployed.out).not.toContain("s3cr3t-value");
    expect(deployed.out).not.toContain(token);
    expect(deployed.out).toContain("✓ iso-web: Deployment completed successfully");
    expect(deployed.code, deployed.out).toBe(0);
    const order = ["namespace nk-iso-qa", "node-pool iso-pool", "variable shared_iso", "acl-policy iso-web"];
    const positions = order.map((s) => deployed.out.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect((await nomad.namespaces.read("nk-iso-qa")).data.Description).toBe("qa of the isolation test");
    const variable = (await nomad.variables.read("shared/iso", { namespace: "nk-iso-qa" })).data;
    expect(variable?.Items).toEqual({ token: "s3cr3t-value" });
    const job = (await nomad.jobs.read("iso-web", { namespace: "nk-iso-qa" })).data;
    expect(job.Meta).toMatchObject({ "nomadkit.app": "iso", "nomadkit.environment": "qa" });

    // Existing values are kept (with check-and-set) when no value is given again.
    const again = nomadkit(["plan", APP, "--json"], env);
    expect(again.code, again.out).toBe(0);
    const summary = JSON.parse(again.out) as {
      resources: Array<{ kind: string; name: string; action: string }>;
      jobs: Array<{ job: string; action: string }>;
    };
    expect(summary.resources.map((r) => `${r.kind} ${r.name}: ${r.action}`)).toEqual([
      "namespace nk-iso-qa: no-change",
      "node-pool iso-pool: no-change",
      "variable shared_iso: no-change",
      "acl-policy iso-web-web-server-variables-qa: no-change",
    ]);
    expect(summary.jobs).toMatchObject([{ job: "iso-web", action: "no-change" }]);
    nomad.close();
  });
});
