// The GCP node groups the autoscaler acts through, on the Compute fake through the real
// client: list per pool (not per instance), phases from currentAction, resize in one call,
// delete exactly one instance, and errors sorted by kind.
import {
  applyGcp,
  destroyGcp,
  GcpCluster,
  gcpClients,
  gcpNodeGroups,
  NodeGroupError,
  planGcp,
} from "@nomadkit/provisioners";
import { OAuth2Client } from "google-auth-library";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import cluster from "../../examples/cluster-gcp.js";
import { type GceFake, startGceFake } from "../harness/gce-fake.js";

// Instances boot until the test says they are up: a loaded machine must not finish the boot
// before the test has seen it launching.
const BOOT_MS = 3_600_000;
let fake: GceFake;
const c = new GcpCluster({
  ...cluster.props,
  name: "ng",
  project: "nomadkit-test",
  serviceAccount: undefined,
});

function clients() {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: fake.token, expiry_date: Date.now() + 3_600_000 });
  return gcpClients({
    clientOptions: { apiEndpoint: "127.0.0.1", port: fake.port, protocol: "http", authClient },
    maxResults: 2,
    pollMs: 15,
  });
}

beforeAll(async () => {
  fake = await startGceFake({ opDelayMs: 40, bootMs: BOOT_MS });
  await applyGcp(clients(), c);
});
afterAll(async () => {
  if (fake) await destroyGcp(clients(), c);
  await fake?.stop();
});

const booted = async () => fake.finishBooting();
const fakeInstance = (name: string) => fake.state().instances.find((i) => i.name === name);
async function pool(name: string) {
  const found = (await gcpNodeGroups(clients(), c).list()).find((g) => g.pool === name);
  if (!found) throw new Error(`no group for pool ${name}`);
  return found;
}

describe("GCP node groups on the Compute fake", () => {
  it("lists each pool's group with min/max from the description, phases, IPs and launch times", async () => {
    const gcp = clients();
    const launching = await gcpNodeGroups(gcp, c).list();
    expect(launching.map((g) => [g.pool, g.groupName, g.min, g.max, g.desired, g.shapes])).toEqual([
      ["general", "nomadkit-ng-pool-general", 2, 6, 2, ["n2-standard-2"]],
      ["gpu", "nomadkit-ng-pool-gpu", 0, 2, 1, ["g2-standard-4"]],
    ]);
    expect(launching.flatMap((g) => g.instances.map((i) => i.phase))).toEqual(Array(3).fill("launching"));
    // One group list, one managed-instance list per pool, one aggregated instance list.
    expect([...gcp.calls.byCommand]).toEqual([
      ["regionInstanceGroupManagers.list", 1],
      ["regionInstanceGroupManagers.listManagedInstances", 2],
      ["instances.aggregatedList", 1],
    ]);
    expect(gcp.calls.mutating).toBe(0);

    await booted();
    for (const i of (await gcpNodeGroups(clients(), c).list()).flatMap((g) => g.instances)) {
      const real = fakeInstance(i.id) as {
        networkInterfaces: { networkIP: string }[];
        creationTimestamp: string;
      };
      expect(i.phase).toBe("running");
      expect(i.privateIp).toBe(real.networkInterfaces[0]?.networkIP);
      expect(i.launchedAt).toBe(Date.parse(real.creationTimestamp));
    }
  });

  it("resizes in one call; new instances launch, then run; apply leaves the size alone", async () => {
    const gcp = clients();
    await gcpNodeGroups(gcp, c).setDesired("general", 4);
    expect([...gcp.calls.byCommand]).toEqual([["regionInstanceGroupManagers.resize", 1]]);
    const general = await pool("general");
    expect(general.desired).toBe(4);
    expect(general.instances.map((i) => i.phase).sort()).toEqual([
      "launching",
      "launching",
      "running",
      "running",
    ]);
    // Listing 4 instances costs what listing 2 did.
    const counting = clients();
    await gcpNodeGroups(counting, c).list();
    expect(counting.calls.total).toBe(4);
    // 4 is within the pool's 2 … 6: the autoscaler's business, not apply's.
    expect((await planGcp(clients(), c)).plan.changes).toEqual([]);
    await booted();
    expect((await pool("general")).instances.every((i) => i.phase === "running")).toBe(true);
  });

  it("terminates exactly one instance and lowers the target size", async () => {
    const before = await pool("general");
    const victim = before.instances[2]?.id ?? "";
    const gcp = clients();
    await gcpNodeGroups(gcp, c).terminate("general", victim);
    expect(gcp.calls.mutating).toBe(1);
    const after = await pool("general");
    expect(after.desired).toBe(before.desired - 1);
    expect(after.instances.map((i) => i.id).sort()).toEqual(
      before.instances
        .map((i) => i.id)
        .filter((id) => id !== victim)
        .sort(),
    );
    expect(fakeInstance(victim)).toBeUndefined();
    expect((await pool("gpu")).instances).toHaveLength(1);
  });

  it("refuses an instance of another group, naming the pool", async () => {
    const server = fake.state().instances.find((i) => String(i.name).startsWith("nomadkit-ng-server"));
    const err = await gcpNodeGroups(clients(), c)
      .terminate("general", String(server?.name))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NodeGroupError);
    expect(err).toMatchObject({ kind: "not-found", pool: "general" });
    expect((err as Error).message).toBe(
      `pool "general": instance ${server?.name} is not in its group nomadkit-ng-pool-general`,
    );
    expect(fakeInstance(String(server?.name))).toBeDefined();
  });

  it("sorts quota, capacity and permission errors by kind, names the pool, retries 429 and 503", async () => {
    const groups = gcpNodeGroups(clients(), c);
    const gpuResize = /^POST .*\/instanceGroupManagers\/nomadkit-ng-pool-gpu\/resize$/;
    fake.failOperation(
      gpuResize,
      "QUOTA_EXCEEDED",
      "Quota 'GPUS_ALL_REGIONS' exceeded. Limit: 1.0 globally.",
    );
    fake.failOperation(
      gpuResize,
      "ZONE_RESOURCE_POOL_EXHAUSTED",
      "The zone 'projects/nomadkit-test/zones/europe-west1-b' does not have enough resources available.",
    );
    fake.failNext(gpuResize, 1, 403, "forbidden");
    const failures: unknown[] = [];
    for (let i = 0; i < 3; i++)
      failures.push(
        await groups.setDesired("gpu", 2).catch((e: NodeGroupError) => [e.kind, e.pool, e.message]),
      );
    // The 403 is the request's own answer, so it comes first; the operation errors follow.
    expect(failures).toEqual([
      ["permission", "gpu", expect.stringMatching(/^pool "gpu": .*lack a Compute permission/)],
      [
        "quota",
        "gpu",
        expect.stringMatching(
          /^pool "gpu": resizing nomadkit-ng-pool-gpu to 2 failed: QUOTA_EXCEEDED: .*quota is reached/,
        ),
      ],
      [
        "capacity",
        "gpu",
        expect.stringMatching(/^pool "gpu": .*ZONE_RESOURCE_POOL_EXHAUSTED: .*no capacity/),
      ],
    ]);
    expect((await pool("gpu")).desired).toBe(1);

    fake.failNext(gpuResize, 1, 429, "rateLimitExceeded");
    fake.failNext(gpuResize, 1, 503, "backendError");
    const gcp = clients();
    await gcpNodeGroups(gcp, c).setDesired("gpu", 2);
    expect([gcp.calls.total, gcp.calls.attempts]).toEqual([1, 3]);
    expect((await pool("gpu")).desired).toBe(2);
  });

  it("a list it may not make is a permission error naming the cluster", async () => {
    fake.failNext(/^GET .*\/aggregated\/instances$/, 1, 403, "forbidden");
    const err = await gcpNodeGroups(clients(), c)
      .list()
      .catch((e: NodeGroupError) => [e.kind, e.message]);
    expect(err).toEqual([
      "permission",
      expect.stringMatching(/^cluster "ng": listing the instances failed: .*lack a Compute permission/),
    ]);
  });

  it("a failed delete leaves the instance in its group", async () => {
    const before = await pool("gpu");
    const id = before.instances[0]?.id ?? "";
    fake.failOperation(/deleteInstances$/, "RESOURCE_OPERATION_RATE_EXCEEDED", "Operation rate exceeded.");
    const err = await gcpNodeGroups(clients(), c)
      .terminate("gpu", id)
      .catch((e: NodeGroupError) => e);
    expect(err).toMatchObject({ kind: "other", pool: "gpu" });
    const after = await pool("gpu");
    expect(after.desired).toBe(before.desired);
    expect(after.instances.find((i) => i.id === id)?.phase).not.toBe("terminating");
  });
});
