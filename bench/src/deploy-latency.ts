// How long after Nomad marks a deployment failed does `deployApp` (what `nomadkit deploy`
// runs) return? Measured against a real dev agent; the failure time is when the
// DeploymentStatusUpdate event arrives on Nomad's event stream. Goal: under 2 s.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { NomadClient } from "nomadkit/api";
import { deployApp } from "nomadkit/deploy";
import { loadApp } from "../../sdk/src/cli/load-app.js";
import { startAgent } from "../../test/harness/nomad-agent.js";

const RUNS = 3;
const APP = join(fileURLToPath(new URL("../..", import.meta.url)), "test/e2e/http-app.ts");

async function appFor(release: number, checkPath: string) {
  process.env.NK_E2E_RELEASE = String(release);
  process.env.NK_E2E_CHECK_PATH = checkPath;
  process.env.NK_E2E_JOB = "latency";

  return (await loadApp(`${APP}`)).synth();
}

export async function benchDeployLatency(): Promise<void> {
  const agent = await startAgent();
  if ("skip" in agent) {
    console.log(`skipped: ${agent.skip}`);
    return;
  }
  const client = new NomadClient({ address: agent.address, env: {} });
  const samples: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const good = await deployApp(client, await appFor(run * 2 + 1, "/"), { app: "bench" });
      if (good.exitCode !== 0) throw new Error(`healthy deploy failed: ${JSON.stringify(good.jobs)}`);
      // Start the stream at the current index so earlier rounds' failures don't replay.
      const { meta } = await client.jobs.list();
      const failedAt = watchForFailure(client, meta.index);
      const bad = await deployApp(client, await appFor(run * 2 + 2, "/missing"), { app: "bench" });
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
