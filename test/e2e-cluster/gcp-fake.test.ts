// The GCP provisioner through the real @google-cloud/compute client against the Compute
// fake: apply, a no-change apply, removing a pool, destroy, a quota error, and GCE auto-join.

import type { protos } from "@google-cloud/compute";
import {
  applyGcp,
  applyGcpPlan,
  destroyGcp,
  GcpCluster,
  gceJoin,
  gcpClients,
  planGcp,
  waitOperation,
} from "@nomadkit/provisioners";
import { OAuth2Client } from "google-auth-library";
import { formatDiscover, parseDiscover } from "nomadkit/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import cluster from "../../examples/cluster-gcp.js";
import { type GceFake, matchesFilter, startGceFake } from "../harness/gce-fake.js";

type Operation = protos.google.cloud.compute.v1.IOperation;

let fake: GceFake;
beforeAll(async () => {
  fake = await startGceFake({ opDelayMs: 40 });
});
afterAll(() => fake?.stop());

function clients() {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: fake.token, expiry_date: Date.now() + 3_600_000 });
  // maxResults 2: every list pages.
  return gcpClients({
    clientOptions: { apiEndpoint: "127.0.0.1", port: fake.port, protocol: "http", authClient },
    maxResults: 2,
    pollMs: 15,
  });
}

const project = "nomadkit-test";
const onFake = (change: Partial<GcpCluster["props"]> = {}) =>
  new GcpCluster({ ...cluster.props, project, serviceAccount: undefined, ...change });
const labelled = () =>
  fake.state().instances.filter((i) => (i.labels as Record<string, string>)["nomadkit-cluster"]);

describe("GCP provisioner on the Compute fake", () => {
  it("applies, re-applies with no change, removes a pool, destroys", async () => {
    const c = onFake();
    const gcp = clients();
    const first = await planGcp(gcp, c);
    expect(first.plan.changes.map((x) => `${x.action} ${x.label}`)).toEqual([
      "create servers",
      'create pool "general"',
      'create pool "gpu"',
    ]);
    await applyGcp(gcp, c);
    expect(gcp.calls.mutating).toBe(6);
    const s = fake.state();
    expect(s.templates).toBe(3);
    expect(s.groups).toBe(3);
    expect(s.instances).toHaveLength(6);
    const servers = s.instances.filter(
      (i) => (i.labels as Record<string, string>)["nomadkit-group"] === "server",
    );
    expect(servers).toHaveLength(3);
    for (const i of servers) expect((i.tags as { items: string[] }).items).toEqual(["nomadkit-ml-server"]);
    const script = (s.instances[0]?.metadata as { items: { key: string; value: string }[] }).items[0];
    expect(script?.key).toBe("startup-script");
    expect(script?.value).toContain("metadata.google.internal");

    // A second apply reads, and changes nothing.
    const before = fake.mutations.length;
    const again = clients();
    const plan = await applyGcp(again, c);
    expect(plan.changes).toEqual([]);
    expect(again.calls.mutating).toBe(0);
    expect(fake.mutations.length).toBe(before);

    // Removing the gpu pool deletes its group, then its template.
    const noGpu = onFake({ pools: c.props.pools.filter((p) => p.pool.name !== "gpu") });
    const third = clients();
    const removal = await planGcp(third, noGpu);
    expect(removal.plan.changes.map((x) => `${x.action} ${x.label}`)).toEqual(['delete pool "gpu"']);
    expect(removal.plan.steps.map((x) => x.kind)).toEqual(["delete-group", "delete-template"]);
    await applyGcp(third, noGpu);
    expect(third.calls.mutating).toBe(2);
    expect(fake.state().groups).toBe(2);
    expect(labelled()).toHaveLength(5);

    const d = clients();
    await destroyGcp(d, noGpu);
    expect(d.calls.mutating).toBe(4);
    expect(labelled()).toHaveLength(0);
    expect(fake.state().templates).toBe(0);
    expect((await planGcp(clients(), noGpu)).actual.groups.size).toBe(0);
  });

  it("leaves an autoscaler's size within min … max alone, pins desired, clamps the rest", async () => {
    const c = onFake({ name: "sizes" });
    await applyGcp(clients(), c);
    const resize = async (key: string, size: number) => {
      const [op] = await clients().groups.resize({
        project,
        region: c.props.region,
        instanceGroupManager: `nomadkit-sizes-${key}`,
        size,
      });
      await waitOperation(clients(), project, op.latestResponse as Operation);
    };
    try {
      // general is 2 … 6 with no desired: 5 is the autoscaler's business.
      await resize("pool-general", 5);
      expect((await planGcp(clients(), c)).plan.changes).toEqual([]);
      // gpu is pinned at desired 1; general beyond max comes back to 6.
      await resize("pool-gpu", 2);
      await resize("pool-general", 9);
      const { plan } = await planGcp(clients(), c);
      expect(plan.changes.flatMap((x) => x.details)).toEqual([
        "size 9 → 6 (above max 6)",
        "size 2 → 1 (desired)",
      ]);
      await applyGcpPlan(clients(), c, plan);
      const sizes = (await planGcp(clients(), c)).actual.groups;
      expect([sizes.get("pool-general")?.targetSize, sizes.get("pool-gpu")?.targetSize]).toEqual([6, 1]);
    } finally {
      await destroyGcp(clients(), c);
    }
  });

  it("a quota error names the pool", async () => {
    fake.quotaMachineTypes.add("g2-standard-4");
    const c = onFake({ name: "quota" });
    try {
      await expect(applyGcp(clients(), c)).rejects.toThrow(
        /^pool "gpu": creating managed instance group .*QUOTA_EXCEEDED.*quota is reached/,
      );
    } finally {
      fake.quotaMachineTypes.clear();
      await destroyGcp(clients(), c);
    }
    expect(labelled()).toHaveLength(0);
  });

  it("retries 429 and 503", async () => {
    fake.failNext(/GET .*global\/instanceTemplates$/, 1, 429, "rateLimitExceeded");
    fake.failNext(/GET .*instanceGroupManagers$/, 1, 503, "backendError");
    const g = clients();
    const r = await planGcp(g, onFake({ name: "retry" }));
    expect(r.plan.changes).toHaveLength(3);
    expect(g.calls.total).toBe(3);
    expect(g.calls.attempts).toBe(5);
  });

  it("GCE auto-join strings select exactly the servers", async () => {
    const c = onFake({ name: "ml-2" });
    await applyGcp(clients(), c);
    // Cluster "ml" sees nothing of "ml-2", though its groups' names start with nomadkit-ml-.
    const other = (await planGcp(clients(), onFake())).actual;
    expect([other.groups.size, other.templates.size, other.instances.length]).toEqual([0, 0, 0]);
    try {
      const text = formatDiscover(gceJoin(c));
      expect(text).toBe(`provider=gce project_name=${project} tag_value=nomadkit-ml-2-server`);
      const parsed = parseDiscover(text);
      if (!parsed.ok) throw new Error("bug: unparsed");
      const tag = parsed.config.args.tag_value ?? "";
      // go-discover lists instances with a tags.items filter; through the real client:
      const found: string[] = [];
      for await (const [, scoped] of clients().instances.aggregatedListAsync(
        {
          project,
          filter: `tags.items = "${tag}"`,
          maxResults: 2,
        },
        { autoPaginate: false },
      ))
        for (const i of scoped.instances ?? []) found.push(i.name ?? "");
      const servers = fake
        .state()
        .instances.filter(
          (i) =>
            (i.labels as Record<string, string>)["nomadkit-cluster"] === "ml-2" &&
            (i.labels as Record<string, string>)["nomadkit-group"] === "server",
        )
        .map((i) => String(i.name));
      expect(found.sort()).toEqual(servers.sort());
      expect(found).toHaveLength(3);
      expect(matchesFilter({ tags: { items: ["other"] } }, `tags.items = "${tag}"`)).toBe(false);
    } finally {
      await destroyGcp(clients(), c);
    }
  });
});
