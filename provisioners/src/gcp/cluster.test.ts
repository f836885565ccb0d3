import { App, NodePool } from "nomadkit";
import { describe, expect, it } from "vitest";
import { GcpCluster, type GcpPoolProps } from "./cluster.js";
import { desiredGcpGroups } from "./desired.js";
import { resizeTo, startSize } from "./provision.js";

const app = new App({ name: "t" });
const general = new NodePool(app, "general");

/** The cluster's groups: servers, then the pool. */
function groups(pool: Partial<GcpPoolProps>) {
  const [servers, client] = desiredGcpGroups(cluster(pool));
  if (!servers || !client) throw new Error("bug: two groups expected");
  return { servers, client };
}

function cluster(pool: Partial<GcpPoolProps>) {
  return new GcpCluster({
    name: "t",
    project: "p",
    region: "europe-west1",
    nomad: { version: "1.11.3" },
    image: "projects/debian-cloud/global/images/family/debian-12",
    servers: { count: 3, machineType: "e2-small" },
    pools: [{ pool: general, machineType: "e2-small", min: 1, max: 4, ...pool }],
  });
}

describe("GCP pool sizes", () => {
  it("names the pool and what to change for each bad size, all at once", () => {
    expect(cluster({ min: 5, max: 3, desired: 9 }).validate()).toEqual([
      { path: 'pool "general"', message: "min 5 is larger than max 3: raise max or lower min" },
      { path: 'pool "general"', message: "desired 9 must be a whole number within min 5 … max 3" },
    ]);
    expect(
      cluster({ min: -1, max: 0.5 })
        .validate()
        .map((p) => p.message),
    ).toEqual(["min -1 must be a whole number ≥ 0", "max 0.5 must be a whole number ≥ 1"]);
    expect(cluster({}).validate()).toEqual([]);
  });

  it("a new group starts at desired, else min", () => {
    const { servers, client: free } = groups({});
    const { client: pinned } = groups({ desired: 3 });
    expect([startSize(servers), startSize(free), startSize(pinned)]).toEqual([3, 1, 3]);
  });

  it("leaves a size within min … max alone unless desired is given, and clamps one outside", () => {
    const { client: free } = groups({});
    const { client: pinned } = groups({ desired: 2 });
    expect([0, 1, 3, 4, 7].map((n) => resizeTo(free, n)?.size)).toEqual([
      1,
      undefined,
      undefined,
      undefined,
      4,
    ]);
    expect(resizeTo(free, 7)?.why).toBe("above max 4");
    expect([2, 3].map((n) => resizeTo(pinned, n)?.size)).toEqual([undefined, 2]);
  });
});
