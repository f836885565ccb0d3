// `nomadkit cluster …` on GCP as a user runs it: the sdk's CLI hands the command to the
// provisioners' program, which reaches the Compute fake through the real client with
// Application Default Credentials (a credentials file whose token endpoint is the fake) and
// NOMADKIT_GCE_ENDPOINT. Status asks a real Nomad agent.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GceFake, startGceFake } from "../harness/gce-fake.js";
import { type Agent, startAgent } from "../harness/nomad-agent.js";

const EXAMPLE = "examples/cluster-gcp.ts";
const WITHOUT_GPU = "test/e2e-cluster/fixtures/gcp-without-gpu.ts";
const BIGGER_GPU = "test/e2e-cluster/fixtures/gcp-bigger-gpu.ts";

let fake: GceFake;
let dir: string;
let agent: Agent | undefined;
beforeAll(async () => {
  fake = await startGceFake({ opDelayMs: 40 });
  dir = mkdtempSync(join(tmpdir(), "nomadkit-gcp-cli-"));
  writeFileSync(join(dir, "adc.json"), JSON.stringify(fake.adcCredentials()));
  const a = await startAgent();
  agent = "skip" in a ? undefined : a;
});
afterAll(async () => {
  await agent?.stop();
  await fake?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Async: the fake runs in this process, so a blocking spawn would starve it.
function nomadkit(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn("node", ["sdk/bin/nomadkit.js", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      GOOGLE_APPLICATION_CREDENTIALS: join(dir, "adc.json"),
      GOOGLE_CLOUD_PROJECT: "nomadkit-test",
      NOMADKIT_GCE_ENDPOINT: `http://127.0.0.1:${fake.port}`,
      ...(agent ? { NOMAD_ADDR: agent.address } : {}),
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve) =>
    child.on("close", (code) => {
      const kept = stderr
        .split("\n")
        .filter((l) => !/NodeVersionSupportWarning|node >=22|trace-warnings|^$/.test(l))
        .join("\n");
      resolve({ code, stdout, stderr: kept });
    }),
  );
}

const labelled = () =>
  fake.state().instances.filter((i) => (i.labels as Record<string, string>)["nomadkit-cluster"] === "ml");
const calls = (stderr: string) =>
  stderr.match(/(\d+) cloud API calls \((\d+) mutating, (\d+) HTTP attempts\)/);

describe("nomadkit cluster on GCP", () => {
  it("plans, applies, re-applies with no change, removes a pool, shows status, destroys", async () => {
    const plan = await nomadkit("cluster", "plan", EXAMPLE);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('+ pool "gpu" (create)');
    expect(plan.stdout).toContain("regional managed instance group nomadkit-ml-pool-general");

    const apply = await nomadkit("cluster", "apply", "--yes", EXAMPLE);
    expect(apply.code).toBe(0);
    expect(apply.stderr).toContain('pool "gpu": creating managed instance group nomadkit-ml-pool-gpu');
    const applied = calls(apply.stderr);
    // 3 lists, then a template and a group for servers, general and gpu.
    expect(applied?.slice(1, 3)).toEqual(["9", "6"]);
    expect(labelled()).toHaveLength(3 + 2 + 1);

    const mutations = fake.mutations.length;
    const again = await nomadkit("cluster", "apply", "--yes", EXAMPLE);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes");
    expect(calls(again.stderr)?.slice(1, 3)).toEqual(["3", "0"]);
    expect(fake.mutations.length).toBe(mutations);
    expect((await nomadkit("cluster", "plan", EXAMPLE)).code).toBe(0);

    const removal = await nomadkit("cluster", "plan", WITHOUT_GPU);
    expect(removal.code).toBe(1);
    expect(removal.stdout).toContain('- pool "gpu" (delete)');
    const removed = await nomadkit("cluster", "apply", "--yes", WITHOUT_GPU);
    expect(removed.code).toBe(0);
    expect(calls(removed.stderr)?.[2]).toBe("2");
    expect(fake.state().groups).toBe(2);

    const listing = await nomadkit("cluster", "status", "--no-nomad", WITHOUT_GPU);
    expect(listing.code).toBe(0);
    expect(
      listing.stdout.match(/^servers {2}nomadkit-ml-server-\S+ {2}RUNNING {2}10\.128\.0\.\d+ {2}server$/gm),
    ).toHaveLength(3);
    expect(
      listing.stdout.match(/^pool "general" {2}nomadkit-ml-pool-general-\S+ {2}RUNNING {2}10\./gm),
    ).toHaveLength(2);
    const json = JSON.parse(
      (await nomadkit("cluster", "status", "--no-nomad", "--json", WITHOUT_GPU)).stdout,
    );
    expect(json.instances).toHaveLength(5);
    expect(json.notJoined).toEqual([]);

    if (agent) {
      // The agent's node claims one general instance by the meta the boot script writes.
      const general = json.instances.filter((i: { group: string }) => i.group === 'pool "general"');
      const [mine, other] = general.map((i: { instanceId: string }) => i.instanceId);
      await setNodeMeta(agent, { "nomadkit.instance_id": mine });
      const status = await nomadkit("cluster", "status", WITHOUT_GPU);
      expect(status.code).toBe(1);
      expect(status.stdout).toMatch(
        new RegExp(`^pool "general" {2}${mine} .* \\(ready, pool default\\)$`, "m"),
      );
      expect(status.stdout).toContain(`Never joined Nomad: ${other}\n`);
    }

    const destroy = await nomadkit("cluster", "destroy", "--yes", WITHOUT_GPU);
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain("Destroyed.");
    // The plan it showed, carried out: 3 lists, then 2 groups and 2 templates deleted.
    expect(calls(destroy.stderr)?.slice(1, 3)).toEqual(["7", "4"]);
    expect(labelled()).toHaveLength(0);
    expect(fake.state()).toMatchObject({ templates: 0, groups: 0 });
    expect((await nomadkit("cluster", "status", "--no-nomad", WITHOUT_GPU)).stdout).toBe("No instances.\n");
  });

  it("a quota error part-way names the pool, and running apply again finishes the job", async () => {
    fake.quotaMachineTypes.add("g2-standard-4");
    const failed = await nomadkit("cluster", "apply", "--yes", EXAMPLE);
    fake.quotaMachineTypes.clear();
    expect(failed.code).toBe(255);
    expect(failed.stderr).toMatch(
      /^error: pool "gpu": creating managed instance group nomadkit-ml-pool-gpu failed: QUOTA_EXCEEDED: .* a GCP quota is reached/m,
    );
    expect(failed.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fake.state().groups).toBe(2);

    const plan = await nomadkit("cluster", "plan", EXAMPLE);
    expect(plan.stdout).toBe(
      '+ pool "gpu" (create)\n    regional managed instance group nomadkit-ml-pool-gpu: g2-standard-4 × 1 (min 0, max 2)\n  unchanged: servers, pool "general"\n',
    );
    const rerun = await nomadkit("cluster", "apply", "--yes", EXAMPLE);
    expect(rerun.code).toBe(0);
    expect(calls(rerun.stderr)?.[2]).toBe("1");
    expect((await nomadkit("cluster", "plan", EXAMPLE)).code).toBe(0);
  });

  it("a permission error names the pool and says which role is missing (exit 255)", async () => {
    expect((await nomadkit("cluster", "apply", "--yes", EXAMPLE)).code).toBe(0);
    fake.failNext(/^POST .*\/global\/instanceTemplates$/, 1, 403, "forbidden");
    const denied = await nomadkit("cluster", "apply", "--yes", BIGGER_GPU);
    expect(denied.code).toBe(255);
    expect(denied.stderr).toMatch(
      /^error: pool "gpu": creating instance template nomadkit-ml-pool-gpu-\w+ failed: .*lack a Compute permission \(roles\/compute\.instanceAdmin\.v1\)/m,
    );
    expect(denied.stderr).not.toContain(fake.token);
  });

  it("retries 429 and 503", async () => {
    expect((await nomadkit("cluster", "apply", "--yes", EXAMPLE)).code).toBe(0);
    fake.failNext(/^GET .*\/global\/instanceTemplates$/, 1, 429, "rateLimitExceeded");
    fake.failNext(/^GET .*\/instanceGroupManagers$/, 1, 503, "backendError");
    const again = await nomadkit("cluster", "apply", "--yes", EXAMPLE);
    expect(again.code).toBe(0);
    expect(calls(again.stderr)?.slice(1, 4)).toEqual(["3", "0", "5"]);
    expect((await nomadkit("cluster", "destroy", "--yes", EXAMPLE)).code).toBe(0);
    expect(labelled()).toHaveLength(0);
  });

  it("a file that is not a cluster exits 255 naming both cluster kinds", async () => {
    const bad = await nomadkit("cluster", "plan", "examples/redis-bridge.ts");
    expect(bad.code).toBe(255);
    expect(bad.stderr).toContain("new GcpCluster");
  });
});

type Json = Record<string, string>;

/** Sets the node's meta through Nomad's dynamic node metadata API, as an operator could. */
async function setNodeMeta(a: Agent, meta: Record<string, string>): Promise<void> {
  const r = await fetch(`${a.address}/v1/client/metadata`, {
    method: "POST",
    body: JSON.stringify({ Meta: meta }),
  });
  if (!r.ok) throw new Error(`node meta: ${r.status} ${await r.text()}`);
  // The client reports it to the servers asynchronously.
  for (let i = 0; i < 50; i++) {
    const stubs = (await (await fetch(`${a.address}/v1/nodes`)).json()) as { ID: string }[];
    const nodes = await Promise.all(
      stubs.map(async (n) => (await (await fetch(`${a.address}/v1/node/${n.ID}`)).json()) as { Meta?: Json }),
    );
    if (nodes.every((n) => Object.entries(meta).every(([k, v]) => n.Meta?.[k] === v))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("node meta did not reach the servers");
}
