// How long after Nomad marks a deployment failed does `deployApp` (what `nomadkit deploy`
// runs) return? Measured against a real dev agent; the failure time is when the
// DeploymentStatusUpdate event arrives on Nomad's event stream. Goal: under 2 s.
import { startDevAgent } from "@nomadkit/dev";
import { App, Check, Driver, Group, Job, Port, Service, synthesize, Task, Update } from "nomadkit";
import { NomadClient } from "nomadkit/api";
import { deployApp } from "nomadkit/deploy";

const RUNS = 3;

/** A raw_exec HTTP service with a Nomad-provider check; a new release each deploy, `/missing` fails it. */
function httpApp(release: number, checkPath: string) {
  const app = new App({ name: "bench" });
  const job = new Job(app, "latency", { datacenters: ["dc1"], meta: { release: String(release) } });
  const group = new Group(job, "web", {
    count: 1,
    update: Update.rolling({ minHealthyTime: "1s", healthyDeadline: "15s", progressDeadline: "30s" }),
    restart: { attempts: 0, mode: "fail" },
    reschedule: { attempts: 0, unlimited: false },
  });
  const http = new Port(group, "http");
  new Task(group, "server", {
    driver: Driver.rawExec({
      command: "python3",
      args: ["-m", "http.server", http.env, "--bind", "127.0.0.1"],
    }),
    resources: { cpu: 50, memory: 64 },
    killTimeout: "1s",
  });
  new Service(group, "web", {
    provider: "nomad",
    port: http,
    checks: [Check.http({ path: checkPath, interval: "1s", timeout: "1s" })],
  });
  return synthesize(app);
}

export async function benchDeployLatency(): Promise<void> {
  const agent = await startDevAgent();
  if ("skip" in agent) {
    console.log(`skipped: ${agent.skip}`);
    return;
  }
  const client = new NomadClient({ address: agent.address, env: {} });
  const samples: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const good = await deployApp(client, httpApp(run * 2 + 1, "/"), { app: "bench" });
      if (good.exitCode !== 0) throw new Error(`healthy deploy failed: ${JSON.stringify(good.jobs)}`);
      // Start the stream at the current index so earlier rounds' failures don't replay.
      const { meta } = await client.jobs.list();
      const failedAt = watchForFailure(client, meta.index);
      const bad = await deployApp(client, httpApp(run * 2 + 2, "/missing"), { app: "bench" });
      const returnedAt = performance.now();
      if (bad.exitCode === 0) throw new Error("the failing deploy succeeded");
      samples.push(returnedAt - (await failedAt));
      // Let the automatic revert settle before the next round.
      await new Promise((r) => setTimeout(r, 3000));
    }
  } finally {
    client.close();
    await agent.stop();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `deployment marked failed → deploy returned, ${RUNS} runs: ${sorted.map((s) => `${s.toFixed(0)} ms`).join(", ")}`,
  );
  console.log(`worst ${sorted.at(-1)?.toFixed(0)} ms (goal < 2000 ms)`);
}

async function watchForFailure(client: NomadClient, index: number): Promise<number> {
  for await (const frame of client.events.stream({ topics: { Deployment: ["*"] }, index: index + 1 })) {
    for (const event of frame.Events ?? []) {
      const deployment = (event.Payload as { Deployment?: { Status?: string } } | undefined)?.Deployment;
      if (deployment?.Status === "failed") return performance.now();
    }
  }
  throw new Error("event stream ended");
}
