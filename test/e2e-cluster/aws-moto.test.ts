// The AWS provisioner against moto: apply, a no-change apply, removing a pool, destroy, and
// the failures users meet (throttling, quota, permission, a part-way failure and re-run).

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AwsCluster,
  applyAws,
  awsClients,
  destroyAws,
  InvalidCluster,
  planAws,
  planDestroy,
  statusAws,
} from "@nomadkit/provisioners";
import { analyzeDocument } from "nomadkit/analysis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import cluster from "../../examples/cluster-aws.js";
import { type Fault, startFaultProxy } from "../harness/aws-fault-proxy.js";
import { type Moto, startMoto } from "../harness/moto.js";
import { nomadBinary } from "../harness/nomad-binary.js";

const started = await startMoto();
const moto: Moto | undefined = "skip" in started ? undefined : started;

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "testing";
  process.env.AWS_SECRET_ACCESS_KEY = "testing";
  delete process.env.AWS_PROFILE;
});
afterAll(() => moto?.stop());

function m(): Moto {
  if (!moto) throw new Error("bug: moto is not running");
  return moto;
}

function at<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`bug: no item ${i}`);
  return item;
}
beforeEach(async () => {
  await moto?.reset();
});

// The example cluster, made to run on moto: single instance types (moto launches nothing
// for mixed-instances groups) and no instance profile (moto has no IAM for it).
function onMoto(
  endpoint: string,
  change: (p: AwsCluster["props"]) => Partial<AwsCluster["props"]> = () => ({}),
) {
  const base = {
    ...cluster.props,
    region: "us-east-1",
    joinEndpoint: endpoint,
    iamInstanceProfile: undefined,
  };
  const pools = base.pools.map((p) => ({ ...p, instanceType: "t3.large", spot: undefined }));
  return new AwsCluster({ ...base, pools, ...change({ ...base, pools }) });
}

function clients(endpoint: string) {
  process.env.AWS_ENDPOINT_URL = endpoint;
  return awsClients({ region: "us-east-1", maxAttempts: 6 });
}

describe.skipIf(!moto)(
  `AWS provisioner on moto${"skip" in started ? ` (skipped: ${started.skip})` : ""}`,
  () => {
    it("applies the cluster, then a second apply changes nothing", async () => {
      const c = onMoto(m().endpoint);
      const aws = clients(m().endpoint);
      const first = await planAws(aws, c);
      expect(first.plan.changes.map((x) => `${x.action} ${x.label}`)).toEqual([
        "create servers",
        'create pool "general"',
        'create pool "gpu"',
      ]);
      await applyAws(aws, c, first.plan, { pollMs: 50 });
      console.log(`apply: ${aws.calls.total} cloud API calls, ${aws.calls.mutating} mutating`);
      expect(aws.calls.mutating).toBe(6);

      const again = clients(m().endpoint);
      const second = await planAws(again, c);
      expect(second.plan.changes).toEqual([]);
      await applyAws(again, c, second.plan);
      console.log(`no-change apply: ${again.calls.total} cloud API calls, ${again.calls.mutating} mutating`);
      expect(again.calls.mutating).toBe(0);

      const status = await statusAws(again, c.name);
      expect(status.instances.map((i) => i.group).sort()).toEqual([
        'pool "general"',
        'pool "general"',
        'pool "gpu"',
        "servers",
        "servers",
        "servers",
      ]);
    });

    it("writes agent configs that a real Nomad agent loads and the language server accepts", async () => {
      const c = onMoto(m().endpoint);
      const { desired } = await planAws(clients(m().endpoint), c);
      const nomad = await nomadBinary();
      if ("skip" in nomad) throw new Error(nomad.skip);
      const dir = mkdtempSync(join(tmpdir(), "nomadkit-agent-config-"));
      try {
        for (const g of desired) {
          const file = join(dir, `${g.key}.hcl`);
          writeFileSync(file, g.agentHcl);
          const run = spawnSync(nomad.path, ["config", "validate", file], { encoding: "utf8" });
          expect(`${g.key}: ${run.stdout.trim()}`).toBe(`${g.key}: Configuration is valid!`);
          expect(analyzeDocument(`file://${file}`, g.agentHcl).diagnostics).toEqual([]);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("tags servers for auto-join, and everything with the owner", async () => {
      const c = onMoto(m().endpoint);
      const aws = clients(m().endpoint);
      await applyAws(aws, c, (await planAws(aws, c)).plan, { pollMs: 50 });
      const { actual } = await planAws(aws, c);
      const join = actual.instances.filter((i) =>
        i.Tags?.some((t) => t.Key === "nomadkit:join" && t.Value === "ml"),
      );
      expect(join).toHaveLength(3);
      expect(
        actual.instances.every((i) => i.Tags?.some((t) => t.Key === "nomadkit:cluster" && t.Value === "ml")),
      ).toBe(true);
      const userData = (await planAws(aws, c)).desired.find((g) => g.key === "pool-gpu")?.agentHcl ?? "";
      expect(userData).toContain(
        `provider=aws tag_key=nomadkit:join tag_value=ml region=us-east-1 addr_type=private_v4 endpoint=${m().endpoint}`,
      );
      expect(userData).toContain('has-gpu = "true"');
    });

    it("plans and applies removing the gpu pool, and destroy leaves nothing owned", async () => {
      const c = onMoto(m().endpoint);
      const aws = clients(m().endpoint);
      await applyAws(aws, c, (await planAws(aws, c)).plan, { pollMs: 50 });
      const smaller = onMoto(m().endpoint, (p) => ({
        pools: p.pools.filter((x) => x.pool.name !== "gpu"),
      }));
      const { plan } = await planAws(aws, smaller);
      expect(plan.changes.map((x) => `${x.action} ${x.label}`)).toEqual(['delete pool "gpu"']);
      await applyAws(aws, smaller, plan, { pollMs: 50 });
      expect((await planAws(aws, smaller)).plan.changes).toEqual([]);
      expect((await statusAws(aws, c.name)).instances.some((i) => i.group === 'pool "gpu"')).toBe(false);

      await destroyAws(aws, c.name, { pollMs: 50 });
      expect((await planDestroy(aws, c.name)).steps).toEqual([]);
      expect((await statusAws(aws, c.name)).instances).toEqual([]);
    });

    it("changes a pool's size in place", async () => {
      const c = onMoto(m().endpoint);
      const aws = clients(m().endpoint);
      await applyAws(aws, c, (await planAws(aws, c)).plan, { pollMs: 50 });
      const bigger = onMoto(m().endpoint, (p) => ({
        pools: p.pools.map((x) => (x.pool.name === "general" ? { ...x, desired: 3, max: 12 } : x)),
      }));
      const { plan } = await planAws(aws, bigger);
      expect(plan.changes.map((x) => [x.label, ...x.details])).toEqual([
        ['pool "general"', "max 10 → 12", "desired 2 → 3"],
      ]);
      await applyAws(aws, bigger, plan);
      expect((await planAws(aws, bigger)).plan.changes).toEqual([]);
    });

    it("reports every bad input at once, naming the pool", async () => {
      const bad = onMoto(m().endpoint, (p) => ({
        pools: [
          { ...at(p.pools, 0), min: 5, max: 2 },
          { ...at(p.pools, 1), subnetIds: ["subnet-0000000000000000"] },
        ],
      }));
      const aws = clients(m().endpoint);
      await expect(planAws(aws, bad)).rejects.toThrow('pool "general": min 5 is larger than max 2');
      const missing = onMoto(m().endpoint, (p) => ({
        pools: [at(p.pools, 0), { ...at(p.pools, 1), subnetIds: ["subnet-0000000000000000"] }],
      }));
      const err = await planAws(aws, missing).catch((e) => e);
      expect(err).toBeInstanceOf(InvalidCluster);
      expect(err.message).toBe('pool "gpu": subnet subnet-0000000000000000 does not exist in us-east-1');
      const region = onMoto(m().endpoint, () => ({ region: "mars" }));
      await expect(planAws(awsClients({ region: "mars" }), region)).rejects.toThrow('unknown region "mars"');
    });

    describe("behind a faulty proxy", () => {
      async function withFaults(faults: Fault[]) {
        const proxy = await startFaultProxy(m().endpoint, faults);
        return { proxy, aws: clients(proxy.endpoint) };
      }

      it("retries throttling with backoff and gets there", async () => {
        const { proxy, aws } = await withFaults([
          { action: "DescribeInstances", code: "RequestLimitExceeded", status: 503, times: 3 },
          { action: "CreateAutoScalingGroup", code: "Throttling", status: 400, times: 2 },
        ]);
        try {
          const c = onMoto(m().endpoint);
          await applyAws(aws, c, (await planAws(aws, c)).plan, { pollMs: 50 });
          expect(proxy.injected.get("DescribeInstances")).toBe(3);
          expect(proxy.injected.get("CreateAutoScalingGroup")).toBe(2);
          expect(aws.calls.attempts).toBe(aws.calls.total + 5);
          expect((await planAws(clients(m().endpoint), c)).plan.changes).toEqual([]);
        } finally {
          await proxy.close();
        }
      });

      it("names the pool on a quota error, and a re-run converges", async () => {
        const { proxy, aws } = await withFaults([
          {
            action: "CreateAutoScalingGroup",
            bodyIncludes: "nomadkit-ml-pool-gpu",
            code: "LimitExceeded",
            message: "You have reached the limit of instances for g5.xlarge",
            times: 1,
          },
        ]);
        try {
          const c = onMoto(m().endpoint);
          const err = await planAws(aws, c)
            .then((r) => applyAws(aws, c, r.plan, { pollMs: 50 }))
            .catch((e) => e);
          expect(String(err.message)).toMatch(
            /^pool "gpu": CreateAutoScalingGroup failed: LimitExceeded: .*quota/,
          );
          const rerun = await planAws(aws, c);
          expect(rerun.plan.changes.map((x) => `${x.action} ${x.label}: ${x.details.join("; ")}`)).toEqual([
            'update pool "gpu": Auto Scaling group nomadkit-ml-pool-gpu: t3.large, min 1 max 4, 6 subnet(s)',
          ]);
          await applyAws(aws, c, rerun.plan, { pollMs: 50 });
          expect((await planAws(aws, c)).plan.changes).toEqual([]);
        } finally {
          await proxy.close();
        }
      });

      it("names the pool on a permission error", async () => {
        const { proxy, aws } = await withFaults([
          {
            action: "CreateLaunchTemplate",
            bodyIncludes: "nomadkit-ml-pool-general",
            code: "UnauthorizedOperation",
            message: "You are not authorized to perform this operation.",
          },
        ]);
        try {
          const c = onMoto(m().endpoint);
          const err = await planAws(aws, c)
            .then((r) => applyAws(aws, c, r.plan, { pollMs: 50 }))
            .catch((e) => e);
          expect(String(err.message)).toMatch(
            /^pool "general": CreateLaunchTemplate failed: UnauthorizedOperation: .*IAM actions/,
          );
        } finally {
          await proxy.close();
        }
      });
    });
  },
);
