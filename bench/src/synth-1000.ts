// Synthesize 1,000 jobs (JSON + HCL) and compare with Nomad's jobspec2 parsing the same
// 1,000 HCL files (a real dev agent, jobspec2.ts), measured in the same run, median against
// median. Goal: synth faster than jobspec2's parse.
import { App, Check, Driver, Group, Job, Port, Service, synthesize, Task } from "nomadkit";
import { ratios, startJobspec2 } from "./jobspec2.js";
import { show, summarize } from "./stats.js";

const JOBS = 1000;

function buildApp(): App {
  const app = new App({ name: "bench" });
  for (let i = 0; i < JOBS; i++) {
    const job = new Job(app, `svc-${i}`, {
      datacenters: ["dc1", "dc2"],
      update: { maxParallel: 2, canary: i % 3 === 0 ? 1 : 0, minHealthyTime: "10s", autoRevert: true },
      meta: { team: `team-${i % 17}`, tier: i % 2 === 0 ? "web" : "worker" },
    });
    const group = new Group(job, "app", { count: 1 + (i % 4), network: { mode: "bridge" } });
    const http = new Port(group, "http", { to: 8080 });
    new Task(group, "server", {
      driver: Driver.docker({
        image: `registry.local/svc-${i}:1.${i % 10}.0`,
        ports: [http],
        args: ["--port", "8080"],
      }),
      env: { SERVICE: `svc-${i}`, LOG_LEVEL: "info" },
      resources: { cpu: 100 + (i % 5) * 50, memory: 128 + (i % 3) * 64 },
      template: [{ data: `SERVICE=svc-${i}\n`, destination: "local/app.env", env: true }],
      killTimeout: "20s",
    });
    new Service(group, `svc-${i}`, {
      port: http,
      provider: "nomad",
      tags: ["bench"],
      checks: [Check.http({ path: "/health", interval: "10s", timeout: "2s" })],
    });
  }
  return app;
}

const RUNS = 5;

export async function benchSynth(): Promise<void> {
  synthesize(buildApp()); // warm up the JIT and the schema indexes
  const runs: number[] = [];
  let hcl: Array<{ filename: string; source: string }> = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    const result = synthesize(buildApp());
    runs.push(performance.now() - start);
    if (result.problems.length > 0) throw new Error("bench app is invalid");
    hcl = result.jobs.map((j) => ({ filename: `${j.id}.nomad.hcl`, source: j.hcl }));
  }
  const ours = summarize(runs);
  console.log(`synth ${JOBS} jobs (construct + validate + JSON + HCL): ${show(ours)}`);

  const jobspec2 = await startJobspec2();
  if ("skip" in jobspec2) {
    console.log(`jobspec2 comparison skipped: ${jobspec2.skip}`);
    return;
  }
  try {
    let rejected = 0;
    for (const f of hcl) if (!(await jobspec2.accepts(f.source))) rejected++; // also warms the agent up
    const theirs = await jobspec2.passes(hcl, RUNS);
    console.log(
      `jobspec2 (Nomad ${jobspec2.version} agent, PUT /v1/jobs/parse) on the same ${JOBS} HCL files: ${show(theirs.parse)}, ${rejected} rejected; its HTTP floor ${show(theirs.floor)}`,
    );
    console.log(`ratio synth / jobspec2 parse: ${ratios(ours, theirs)} (goal < 1)`);
  } finally {
    await jobspec2.stop();
  }
}
