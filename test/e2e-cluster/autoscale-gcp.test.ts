// The autoscaler end to end on the Compute fake, through the real @google-cloud/compute
// client, with real Nomad agents: queued work raises the batch MIG in one resize; the new
// instance boots as a real client and takes the job; once the job stops, the node is drained
// through the agent, exactly its instance deleted from the MIG, and the node purged.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyGcp, gcpClients, gcpNodeGroups } from "@nomadkit/provisioners";
import { NomadClient } from "nomadkit/api";
import { afterAll, describe, expect, it } from "vitest";
import type { DecisionEvent } from "../../provisioners/src/autoscaler/index.js";
import { clusterAutoscaler } from "../../provisioners/src/cli/cluster-autoscaler.js";
import { deployPoolsAndJob, evaluateUntilNodeGone, recordingGroups } from "../harness/autoscale-e2e.js";
import { type GceAgentCluster, startGceAgentCluster } from "../harness/gce-agent-cluster.js";
import { dockerAvailable, NO_DOCKER } from "../harness/instance-runner.js";
import { runsOn } from "../harness/work-runs.js";
import cluster, { app } from "./fixtures/autoscale-gcp.js";

const canRun = await dockerAvailable();
if (!canRun && process.env.CI) throw new Error(`${NO_DOCKER} (CI is set, so this test may not skip)`);

let agents: GceAgentCluster | undefined;
afterAll(async () => {
  await agents?.stop();
});

describe.skipIf(!canRun)(
  `the autoscaler on the Compute fake with real agents${canRun ? "" : ` (skipped: ${NO_DOCKER})`}`,
  () => {
    it("resizes the batch MIG for a job it can't place, then drains and deletes the empty node's instance", async () => {
      const a = await startGceAgentCluster();
      agents = a;
      // What a user sets: the endpoint override and Application Default Credentials.
      const dir = mkdtempSync(join(tmpdir(), "nomadkit-adc-"));
      writeFileSync(join(dir, "adc.json"), JSON.stringify(a.fake.adcCredentials()));
      process.env.GOOGLE_APPLICATION_CREDENTIALS = join(dir, "adc.json");
      process.env.NOMADKIT_GCE_ENDPOINT = `http://127.0.0.1:${a.fake.port}`;
      const clients = () => gcpClients({ pollMs: 50 });
      const gcp = clients();
      await applyGcp(gcp, cluster);
      const nomad = new NomadClient({ address: a.address, env: {} });
      const nodes = async () => (await nomad.nodes.list()).data;
      await a.until("a leader", async () => ((await nomad.leader()).data !== "" ? true : undefined));

      await deployPoolsAndJob(nomad, app, "crunch");
      await a.until("a blocked evaluation", async () =>
        (await nomad.evaluations.list({ status: "blocked" })).data.length > 0 ? true : undefined,
      );

      const calls: string[] = [];
      const events: DecisionEvent[] = [];
      const built = await clusterAutoscaler(cluster, {
        nomad,
        id: "e2e-autoscaler",
        groups: recordingGroups(gcpNodeGroups(gcp, cluster), calls),
        log: (e) => events.push(e),
      });
      expect(built.pools[0]?.shape?.capacity).toEqual({ cpuMhz: 4400, memoryMb: 8192 });
      await built.autoscaler.reconcile();
      await built.autoscaler.evaluate();
      expect(calls).toEqual(["setDesired batch 1"]);
      expect(events.find((e) => e.action === "scale-up")?.message).toMatch(
        /^pool "batch": up 0 → 1: .*queued/,
      );

      // The instance boots as a real client, joins the batch pool, and runs the job.
      const batchNode = await a.until("a ready batch node", async () => {
        await a.sync(cluster.name);
        return (await nodes()).find((n) => n.NodePool === "batch" && n.Status === "ready");
      });
      expect(a.running.size).toBe(1);
      // The one instance the fake lists in the batch group is the node's machine.
      const batchInstances = a.fake
        .state()
        .instances.filter((i) => (i.labels as Record<string, string>)["nomadkit-group"] === "pool-batch")
        .map((i) => String(i.name));
      expect(batchInstances).toEqual([batchNode.Name]);
      await runsOn(a.until, nomad, "crunch", batchNode.ID);
      await built.autoscaler.evaluate();
      expect(calls).toEqual(["setDesired batch 1"]);

      await nomad.jobs.deregister("crunch", { purge: true });
      const drained = await evaluateUntilNodeGone({
        autoscaler: built.autoscaler,
        nomad,
        nodeId: batchNode.ID,
        sync: () => a.sync(cluster.name),
        until: a.until,
      });
      expect(drained?.LastDrain?.Meta?.["nomadkit.autoscaler"]).toBe("e2e-autoscaler");
      expect(calls).toEqual(["setDesired batch 1", `terminate batch ${batchInstances[0]}`]);
      expect(events.map((e) => e.action)).toEqual(
        expect.arrayContaining(["scale-down", "drain", "terminate", "purge"]),
      );
      const group = (await gcpNodeGroups(clients(), cluster).list()).find((g) => g.pool === "batch");
      expect(group?.desired).toBe(0);
      expect(a.running.size).toBe(0);
      console.log(
        events
          .filter((e) => e.action !== "none")
          .map((e) => e.message)
          .join("\n"),
      );
      nomad.close();
    });
  },
);
