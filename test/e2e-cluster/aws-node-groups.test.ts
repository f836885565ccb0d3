// The AWS node groups the autoscaler acts through, against moto: list in constant calls,
// raise the desired size in one call, remove exactly one instance, and errors sorted by kind.
import {
  AwsCluster,
  applyAws,
  awsClients,
  awsNodeGroups,
  NodeGroupError,
  planAws,
  statusAws,
} from "@nomadkit/provisioners";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import cluster from "../../examples/cluster-aws.js";
import { startFaultProxy } from "../harness/aws-fault-proxy.js";
import { type Moto, startMoto } from "../harness/moto.js";

const started = await startMoto();
const moto: Moto | undefined = "skip" in started ? undefined : started;
afterAll(() => moto?.stop());

// The example on moto: single instance types (moto launches nothing for mixed-instances
// groups) and no instance profile.
const c = new AwsCluster({
  ...cluster.props,
  region: "us-east-1",
  iamInstanceProfile: undefined,
  pools: cluster.props.pools.map((p) => ({ ...p, instanceType: "t3.large", spot: undefined })),
});

function clients(endpoint = moto?.endpoint ?? "") {
  process.env.AWS_ENDPOINT_URL = endpoint;
  return awsClients({ region: "us-east-1", maxAttempts: 4 });
}

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = "testing";
  process.env.AWS_SECRET_ACCESS_KEY = "testing";
  delete process.env.AWS_PROFILE;
  if (!moto) return;
  const aws = clients();
  await applyAws(aws, c, (await planAws(aws, c)).plan, { pollMs: 50 });
});

async function pool(name: string) {
  const found = (await awsNodeGroups(clients(), c).list()).find((g) => g.pool === name);
  if (!found) throw new Error(`no group for pool ${name}`);
  return found;
}

describe.skipIf(!moto)(
  `AWS node groups on moto${"skip" in started ? ` (skipped: ${started.skip})` : ""}`,
  () => {
    it("lists the client pools with sizes, phases, IPs and launch times in two calls", async () => {
      const aws = clients();
      const groups = await awsNodeGroups(aws, c).list();
      expect(groups.map((g) => [g.pool, g.groupName, g.min, g.max, g.desired, g.instances.length])).toEqual([
        ["general", "nomadkit-ml-pool-general", 2, 10, 2, 2],
        ["gpu", "nomadkit-ml-pool-gpu", 1, 4, 1, 1],
      ]);
      expect(aws.calls.total).toBe(2);
      const ips = new Map(
        (await statusAws(clients(), c.name)).instances.map((i) => [i.instanceId, i.privateIp]),
      );
      for (const i of groups.flatMap((g) => g.instances)) {
        expect(i.phase).toBe("running");
        expect(i.privateIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
        expect(i.privateIp).toBe(ips.get(i.id));
        expect(i.launchedAt).toBeGreaterThan(Date.now() - 3_600_000);
        expect(i.shape).toBe("t3.large");
      }
    });

    it("raises the desired size in one call, and listing costs the same with more instances", async () => {
      const aws = clients();
      await awsNodeGroups(aws, c).setDesired("general", 5);
      expect([...aws.calls.byCommand]).toEqual([["SetDesiredCapacity", 1]]);
      const counting = clients();
      const general = (await awsNodeGroups(counting, c).list()).find((g) => g.pool === "general");
      expect([general?.desired, general?.instances.length]).toEqual([5, 5]);
      expect(counting.calls.total).toBe(2);
    });

    it("terminates exactly one instance and lowers the desired size", async () => {
      const before = await pool("general");
      const victim = before.instances[1]?.id ?? "";
      await awsNodeGroups(clients(), c).terminate("general", victim);
      const after = await pool("general");
      expect(after.desired).toBe(before.desired - 1);
      const live = after.instances.filter((i) => i.phase !== "terminating").map((i) => i.id);
      expect(live.sort()).toEqual(
        before.instances
          .map((i) => i.id)
          .filter((id) => id !== victim)
          .sort(),
      );
      expect((await pool("gpu")).instances).toHaveLength(1);
    });

    it("refuses to terminate an instance of another group, naming the pool", async () => {
      const server = (await statusAws(clients(), c.name)).instances.find((i) => i.server)?.instanceId ?? "";
      const err = await awsNodeGroups(clients(), c)
        .terminate("general", server)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NodeGroupError);
      expect(err).toMatchObject({ kind: "not-found", pool: "general" });
      expect((err as Error).message).toBe(
        `pool "general": instance ${server} is not in its group nomadkit-ml-pool-general but in nomadkit-ml-server`,
      );
      expect((await statusAws(clients(), c.name)).instances.filter((i) => i.server)).toHaveLength(3);
    });

    it("sorts AWS errors by kind, names the pool, and retries throttling", async () => {
      const proxy = await startFaultProxy(moto?.endpoint ?? "", [
        {
          action: "SetDesiredCapacity",
          bodyIncludes: "pool-gpu",
          code: "AccessDenied",
          status: 403,
          times: 1,
        },
        { action: "SetDesiredCapacity", bodyIncludes: "pool-gpu", code: "LimitExceeded", times: 1 },
        {
          action: "SetDesiredCapacity",
          bodyIncludes: "pool-gpu",
          code: "InsufficientInstanceCapacity",
          message: "We currently do not have sufficient g5.xlarge capacity",
          times: 1,
        },
        { action: "SetDesiredCapacity", bodyIncludes: "pool-gpu", code: "Throttling", times: 2 },
      ]);
      try {
        const groups = awsNodeGroups(clients(proxy.endpoint), c);
        // (Before anything sets AWS_ENDPOINT_URL back to moto: the SDK reads it per request.)
        proxy.faults.push({ action: "DescribeInstances", code: "UnauthorizedOperation", times: 1 });
        const listing = await groups.list().catch((e: NodeGroupError) => [e.kind, e.message]);
        expect(listing).toEqual([
          "permission",
          expect.stringMatching(/^cluster "ml": DescribeInstances failed: UnauthorizedOperation: .*IAM/),
        ]);
        const kinds: unknown[] = [];
        for (let i = 0; i < 3; i++)
          kinds.push(
            await groups.setDesired("gpu", 2).catch((e: NodeGroupError) => [e.kind, e.pool, e.message]),
          );
        expect(kinds).toEqual([
          [
            "permission",
            "gpu",
            expect.stringMatching(/^pool "gpu": SetDesiredCapacity 2 failed: AccessDenied: .*IAM/),
          ],
          ["quota", "gpu", expect.stringMatching(/^pool "gpu": .*LimitExceeded.*quota/)],
          ["capacity", "gpu", expect.stringMatching(/^pool "gpu": .*InsufficientInstanceCapacity/)],
        ]);
        // Throttled twice, then through: the client's retry, no error.
        await groups.setDesired("gpu", 2);
        expect(proxy.injected.get("SetDesiredCapacity")).toBe(5);
        expect((await pool("gpu")).desired).toBe(2);
        const missing = await groups.setDesired("nope", 1).catch((e: NodeGroupError) => e.kind);
        expect(missing).toBe("not-found");
      } finally {
        await proxy.close();
      }
    });
  },
);
