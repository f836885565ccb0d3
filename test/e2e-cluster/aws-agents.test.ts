// End to end with real agents: the example cluster applied to moto, every running instance a
// Nomad agent in a container at the instance's private IP running its user data. Servers find
// each other and clients find servers through go-discover's provider=aws against moto.
import {
  AwsCluster,
  applyAws,
  awsClients,
  destroyAws,
  INSTANCE_ID_META,
  planAws,
  statusAws,
} from "@nomadkit/provisioners";
import { App, Constraint, Driver, Group, Job, meta, NodePool, synthesize, Task } from "nomadkit";
import { NomadClient } from "nomadkit/api";
import { afterAll, describe, expect, it } from "vitest";
import cluster, { app as exampleApp, hasGpu } from "../../examples/cluster-aws.js";
import {
  type AwsAgentCluster,
  startAwsAgentCluster,
  TEST_CLIENT_OPTIONS,
} from "../harness/aws-agent-cluster.js";
import { dockerAvailable, NO_DOCKER } from "../harness/instance-runner.js";
import { workCompleted, workRunning } from "../harness/work-runs.js";

const canRun = await dockerAvailable();
if (!canRun && process.env.CI) throw new Error(`${NO_DOCKER} (CI is set, so this test may not skip)`);

let agents: AwsAgentCluster | undefined;
afterAll(async () => {
  await agents?.stop();
});

// Agents join through AWS's own EC2 endpoint name, answered by moto (see aws-dns-endpoint.ts).
function testCluster(withGpu = true): AwsCluster {
  const p = cluster.props;
  const pools = p.pools
    .filter((x) => withGpu || x.pool.name !== "gpu")
    .map((x) => ({ ...x, instanceType: "t3.large", spot: undefined }));
  return new AwsCluster({
    ...p,
    region: "us-east-1",
    iamInstanceProfile: undefined,
    joinEndpoint: undefined,
    pools,
    agent: {
      ...p.agent,
      acl: false,
      clientOptions: TEST_CLIENT_OPTIONS,
      extra: { plugin: { raw_exec: { config: { enabled: true } } } },
    },
  });
}

async function nomadGet<T>(address: string, path: string): Promise<T> {
  const r = await fetch(`${address}${path}`);
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

interface NodeStub {
  ID: string;
  Name: string;
  NodePool: string;
  Status: string;
}

describe.skipIf(!canRun)(`real Nomad agents on moto${canRun ? "" : ` (skipped: ${NO_DOCKER})`}`, () => {
  it("servers elect a leader, clients join their pools by auto-join, the gpu jobs run on gpu nodes", async () => {
    const a = await startAwsAgentCluster();
    agents = a;
    const until = a.until;
    const c = testCluster();
    const aws = awsClients({ region: "us-east-1" });
    await applyAws(aws, c, (await planAws(aws, c)).plan, { pollMs: 200 });
    console.log(`apply: ${aws.calls.total} cloud API calls (${aws.calls.mutating} mutating)`);
    await a.sync(aws, c);
    expect(a.running.size).toBe(6);

    const servers = (await statusAws(aws, c.name)).instances.filter((i) => i.server);
    const address = `http://${servers[0]?.privateIp}:4646`;
    const leader = await until("a leader", async () => {
      const l = await nomadGet<string>(address, "/v1/status/leader");
      return l !== "" ? l : undefined;
    });
    expect(servers.map((s) => `${s.privateIp}:4647`)).toContain(leader);
    const peers = await nomadGet<string[]>(address, "/v1/status/peers");
    expect(peers).toHaveLength(3);

    const nodes = await until("3 ready clients", async () => {
      const list = await nomadGet<NodeStub[]>(address, "/v1/nodes");
      return list.filter((n) => n.Status === "ready").length === 3 ? list : undefined;
    });
    expect(nodes.map((n) => n.NodePool).sort()).toEqual(["general", "general", "gpu"]);
    const gpuNodes = new Set<string>();
    for (const n of nodes) {
      const full = await nomadGet<{ Meta: Record<string, string> }>(address, `/v1/node/${n.ID}`);
      expect(full.Meta[INSTANCE_ID_META]).toMatch(/^i-/);
      if (n.NodePool === "gpu") {
        expect(full.Meta["has-gpu"]).toBe("true");
        gpuNodes.add(n.ID);
      } else expect(full.Meta.disk_type).toBe("ssd");
    }

    // A job in the "all" pool that requires the gpu capability: only gpu nodes may take it.
    const app = new App({ name: "gpu-check" });
    const job = new Job(app, "gpu-check", {
      datacenters: ["*"],
      nodePool: NodePool.existing(app, "all"),
      constraints: [Constraint.equals(meta("has-gpu"), "true")],
    });
    new Task(new Group(job, "work", { count: 2 }), "work", {
      driver: Driver.rawExec({ command: "/bin/sleep", args: ["300"] }),
      resources: { cpu: 20, memory: 16 },
    });
    const synthesized = synthesize(app);
    expect(synthesized.problems).toEqual([]);
    const client = new NomadClient({ address, env: {} });
    await client.jobs.register(synthesized.jobs[0]?.payload.Job ?? {});
    // Both copies run, and only on gpu nodes.
    await workRunning(until, client, "gpu-check", { count: 2 });
    const allocs = (await client.allocations.listForJob("gpu-check")).data;
    expect(allocs.map((a) => gpuNodes.has(a.NodeID))).toEqual([true, true]);

    // The example's own batch job, whose constraint is the gpu pool's capability: it runs to
    // exit 0 on a node whose meta, as its agent reports it, carries that capability.
    const train = synthesize(exampleApp).jobs.find((j) => j.id === "train");
    await client.jobs.register(train?.payload.Job ?? {});
    const [trained] = await workCompleted(until, client, "train");
    const trainNode = (await client.nodes.read(trained?.NodeID ?? "")).data;
    expect(trainNode.NodePool).toBe("gpu");
    expect(trainNode.Meta?.[hasGpu.key]).toBe(hasGpu.value);
    const out = await client.allocations.logs(trained?.ID ?? "", {
      task: "train",
      type: "stdout",
      origin: "start",
    });
    expect(out.data).toBe("training\n");

    // A second apply changes nothing.
    const again = awsClients({ region: "us-east-1" });
    const second = await planAws(again, c);
    expect(second.plan.changes).toEqual([]);
    await applyAws(again, c, second.plan);
    console.log(`no-change apply: ${again.calls.total} cloud API calls (${again.calls.mutating} mutating)`);
    expect(again.calls.mutating).toBe(0);

    // status joins each client instance to its node.
    const status = await statusAws(aws, c.name, client);
    expect(status.notJoined).toEqual([]);
    expect(
      status.instances
        .filter((i) => i.node)
        .map((i) => i.node?.pool)
        .sort(),
    ).toEqual(["general", "general", "gpu"]);

    // Removing the gpu pool from the code is planned and applied; its node goes down.
    const smaller = testCluster(false);
    const { plan } = await planAws(aws, smaller);
    expect(plan.changes.map((x) => `${x.action} ${x.label}`)).toEqual(['delete pool "gpu"']);
    await applyAws(aws, smaller, plan);
    await a.sync(aws, c);
    expect(a.running.size).toBe(5);
    await until("the gpu node down", async () => {
      const list = await nomadGet<NodeStub[]>(address, "/v1/nodes");
      return list.some((n) => n.NodePool === "gpu" && n.Status === "down") ? true : undefined;
    });

    await destroyAws(aws, c.name, { pollMs: 200 });
    await a.sync(aws, c);
    expect(a.running.size).toBe(0);
    expect((await statusAws(aws, c.name)).instances).toEqual([]);
  });
});
