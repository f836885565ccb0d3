// The autoscaler end to end on moto with real Nomad agents: a job the cluster can't place
// makes it raise the batch pool's group in one call (dry run first, through the CLI); the
// new instance boots as a real client, joins, and the job is placed; once the job stops, the
// autoscaler drains that node through the real agent, terminates exactly its instance and
// purges the node.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { DescribeInstancesCommand } from "@aws-sdk/client-ec2";
import { applyAws, awsClients, awsNodeGroups, INSTANCE_ID_META, planAws } from "@nomadkit/provisioners";
import { NomadClient } from "nomadkit/api";
import { afterAll, describe, expect, it } from "vitest";
import type { DecisionEvent } from "../../provisioners/src/autoscaler/index.js";
import { clusterAutoscaler } from "../../provisioners/src/cli/cluster-autoscaler.js";
import { deployPoolsAndJob, evaluateUntilNodeGone, recordingGroups } from "../harness/autoscale-e2e.js";
import { type AwsAgentCluster, startAwsAgentCluster } from "../harness/aws-agent-cluster.js";
import { dockerAvailable, NO_DOCKER } from "../harness/instance-runner.js";
import { runsOn } from "../harness/work-runs.js";
import cluster, { app } from "./fixtures/autoscale-aws.js";

const canRun = await dockerAvailable();
if (!canRun && process.env.CI) throw new Error(`${NO_DOCKER} (CI is set, so this test may not skip)`);

const FIXTURE = fileURLToPath(new URL("./fixtures/autoscale-aws.ts", import.meta.url));
const POLICY_FILE = fileURLToPath(new URL("./fixtures/general-policy.hcl", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let agents: AwsAgentCluster | undefined;
afterAll(async () => {
  await agents?.stop();
});

describe.skipIf(!canRun)(
  `the autoscaler on moto with real agents${canRun ? "" : ` (skipped: ${NO_DOCKER})`}`,
  () => {
    it("scales the batch pool out for a job it can't place, then drains and terminates the empty node", async () => {
      const a = await startAwsAgentCluster();
      agents = a;
      const aws = awsClients({ region: "us-east-1" });
      await applyAws(aws, cluster, (await planAws(aws, cluster)).plan, { pollMs: 200 });
      await a.sync(aws, cluster);
      expect(a.running.size).toBe(4); // 3 servers, 1 general client; batch starts empty

      const server = [...a.running.values()][0];
      const address = `http://${server?.ip}:4646`;
      const nomad = new NomadClient({ address, env: {} });
      const nodes = async () => (await nomad.nodes.list()).data;
      await a.until("the general client", async () =>
        (await nodes()).some((n) => n.NodePool === "general" && n.Status === "ready") ? true : undefined,
      );

      await deployPoolsAndJob(nomad, app, "crunch");
      await a.until("a blocked evaluation", async () =>
        (await nomad.evaluations.list({ status: "blocked" })).data.length > 0 ? true : undefined,
      );

      // The CLI, once and dry: it says what it would do and why, and changes nothing. The
      // general pool's policy comes from a nomad-autoscaler policy file.
      const cli = spawnSync(
        process.execPath,
        [
          "--conditions=source",
          "--import",
          "tsx",
          "provisioners/src/cli/autoscale-main.ts",
          FIXTURE,
          "--policy",
          POLICY_FILE,
          "--once",
          "--dry-run",
          "--log-format",
          "json",
        ],
        { cwd: ROOT, encoding: "utf8", env: { ...process.env, NOMAD_ADDR: address }, timeout: 120_000 },
      );
      expect(cli.stderr).not.toMatch(/error/i);
      expect(cli.status).toBe(0);
      const logged = cli.stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Partial<DecisionEvent> & { msg?: string });
      const planned = logged.find((e) => e.action === "scale-up");
      expect(planned).toMatchObject({ pool: "batch", from: 0, to: 1, dryRun: true });
      expect(planned?.reason).toMatch(/queued/);
      expect(logged.find((e) => e.pool === "general")).toMatchObject({ action: "none" });
      expect(logged.some((e) => e.msg?.includes("no scaling policy"))).toBe(false);
      const group = async () =>
        (await aws.autoScaling.send(new DescribeAutoScalingGroupsCommand({}))).AutoScalingGroups?.find((g) =>
          g.Tags?.some((t) => t.Key === "nomadkit:group" && t.Value === "pool-batch"),
        );
      expect((await group())?.DesiredCapacity).toBe(0);

      // The autoscaler for real: one group-size call, and the decision log says why.
      const calls: string[] = [];
      const events: DecisionEvent[] = [];
      const built = await clusterAutoscaler(cluster, {
        nomad,
        id: "e2e-autoscaler",
        groups: recordingGroups(awsNodeGroups(aws, cluster), calls),
        log: (e) => events.push(e),
      });
      await built.autoscaler.reconcile();
      await built.autoscaler.evaluate();
      expect(calls).toEqual(["setDesired batch 1"]);
      const up = events.find((e) => e.action === "scale-up");
      expect(up?.message).toMatch(/^pool "batch": up 0 → 1: .*queued/);
      expect((await group())?.DesiredCapacity).toBe(1);

      // The new instance boots as a real client, joins the batch pool, and runs the job.
      const batchInstances = (await group())?.Instances?.map((i) => i.InstanceId) ?? [];
      expect(batchInstances).toHaveLength(1);
      const batchInstance = batchInstances[0] ?? "";
      await a.sync(aws, cluster);
      expect(a.running.size).toBe(5);
      const batchNode = await a.until("a ready batch node", async () =>
        (await nodes()).find((n) => n.NodePool === "batch" && n.Status === "ready"),
      );
      expect((await nomad.nodes.read(batchNode.ID)).data.Meta?.[INSTANCE_ID_META]).toBe(batchInstance);
      await runsOn(a.until, nomad, "crunch", batchNode.ID);
      // Evaluating while the work runs asks for nothing more (no overshoot).
      await built.autoscaler.evaluate();
      expect(calls).toEqual(["setDesired batch 1"]);

      // The job stops: the empty node is drained through the agent, its instance (the one
      // the group listed) terminated with a decrement, and the node purged.
      await nomad.jobs.deregister("crunch", { purge: true });
      const drained = await evaluateUntilNodeGone({
        autoscaler: built.autoscaler,
        nomad,
        nodeId: batchNode.ID,
        sync: () => a.sync(aws, cluster),
        until: a.until,
      });
      expect(drained?.LastDrain?.Meta?.["nomadkit.autoscaler"]).toBe("e2e-autoscaler");
      expect(calls).toEqual(["setDesired batch 1", `terminate batch ${batchInstance}`]);
      expect(events.map((e) => e.action)).toEqual(
        expect.arrayContaining(["scale-down", "drain", "terminate", "purge"]),
      );
      expect((await group())?.DesiredCapacity).toBe(0);
      const ec2 = await aws.ec2.send(new DescribeInstancesCommand({ InstanceIds: [batchInstance] }));
      expect(ec2.Reservations?.[0]?.Instances?.[0]?.State?.Name).toMatch(/^(shutting-down|terminated)$/);
      expect(a.running.size).toBe(4);
      nomad.close();
    });
  },
);
