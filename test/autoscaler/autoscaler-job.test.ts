// The autoscaler's own job and ACL policy: the job synthesizes and Nomad's parser takes both
// its JSON and its HCL; the policy is clean for the language server, and on a real ACL-enabled
// agent it grants what the autoscaler does (snapshot, node changes, the lock) and no more.
import { App, synthesize } from "nomadkit";
import { analyzeDocument } from "nomadkit/analysis";
import { NomadApiError, NomadClient } from "nomadkit/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autoscalerJob, DEFAULT_LOCK_PATH } from "../../provisioners/src/autoscaler/autoscaler-job.js";
import { LeaderLock } from "../../provisioners/src/autoscaler/lock.js";
import { nomadPort } from "../../provisioners/src/autoscaler/nomad-port.js";
import { type Agent, startAgent } from "../harness/nomad-agent.js";
import { type Oracle, startOracle } from "../harness/oracle.js";
import { until } from "../harness/until.js";

const [oracleStarted, agentStarted] = await Promise.all([startOracle(), startAgent({ acl: true })]);
const oracle: Oracle | undefined = "skip" in oracleStarted ? undefined : oracleStarted;
const agent: Agent | undefined = "skip" in agentStarted ? undefined : agentStarted;
const oracleSkip = "skip" in oracleStarted ? oracleStarted.skip : "";
const agentSkip = "skip" in agentStarted ? agentStarted.skip : "";
const admin = agent ? new NomadClient({ address: agent.address, token: agent.token, env: {} }) : undefined;

afterAll(async () => {
  admin?.close();
  await Promise.all([oracle?.close(), agent?.stop()]);
});
beforeAll(() => {
  if (!oracle) console.warn(`oracle tests skipped: ${oracleSkip}`);
  if (!agent) console.warn(`real-agent tests skipped: ${agentSkip}`);
});

function build(props: Partial<Parameters<typeof autoscalerJob>[1]> = {}) {
  const app = new App({ name: "ops" });
  const made = autoscalerJob(app, { clusterFile: "local/cluster.ts", datacenters: ["*"], ...props });
  return { app, ...made };
}

describe("autoscalerJob", () => {
  it("synthesizes a service job of two instances that reach Nomad through the task API", () => {
    const result = synthesize(build().app);
    expect(result.problems).toEqual([]);
    type Loose = Record<string, unknown>;
    const job = result.jobs[0]?.payload.Job as Loose;
    expect(job).toMatchObject({ ID: "nomadkit-autoscaler", Type: "service" });
    const group = (job.TaskGroups as Loose[])[0] as Loose;
    expect(group.Count).toBe(2);
    const task = (group.Tasks as Loose[])[0] as Loose;
    expect(task.Driver).toBe("exec");
    expect(task.Config).toEqual({
      command: "nomadkit",
      args: [
        "autoscale",
        "local/cluster.ts",
        "--listen",
        "0.0.0.0:${NOMAD_PORT_http}",
        "--lock",
        DEFAULT_LOCK_PATH,
      ],
    });
    expect(task.Env).toEqual({ NOMAD_ADDR: "unix://${NOMAD_SECRETS_DIR}/api.sock" });
    // The default workload identity, exposed as NOMAD_TOKEN for the task API socket.
    expect(task.Identity).toMatchObject({ Env: true });
  });

  it("binds the policy to the task's workload identity and scopes variables to the lock", () => {
    const { policy } = build({ namespace: "ops", lockPath: "ops/autoscaler" });
    expect(policy.JobACL).toEqual({
      Namespace: "ops",
      JobID: "nomadkit-autoscaler",
      Group: "autoscaler",
      Task: "autoscaler",
    });
    expect(policy.Rules).toContain('path "ops/autoscaler" {');
    expect(policy.Rules).toContain('node {\n  policy = "write"\n}');
    const analysis = analyzeDocument("file:///autoscaler.policy.hcl", policy.Rules);
    expect([analysis.kind, analysis.diagnostics]).toEqual(["acl-policy", []]);
  });

  it("runs the image under docker when one is given", () => {
    const result = synthesize(build({ image: "ghcr.io/example/nomadkit:1" }).app);
    expect(result.problems).toEqual([]);
    expect(result.jobs[0]?.hcl).toContain('image = "ghcr.io/example/nomadkit:1"');
  });
});

describe.skipIf(!oracle)(
  `autoscalerJob against Nomad's parser${oracle ? "" : ` (skipped: ${oracleSkip})`}`,
  () => {
    it("its JSON decodes strictly and its HCL parses to the same job", async () => {
      const o = oracle as Oracle;
      for (const props of [{}, { image: "ghcr.io/example/nomadkit:1" }]) {
        const [job] = synthesize(build(props).app).jobs;
        if (!job) throw new Error("no job synthesized");
        const ours = await o.canonicalize(job.payload as { Job: unknown });
        if (!ours.ok) throw new Error(`api.Job rejected the JSON: ${ours.error}`);
        const parsed = await o.parse(job.hcl, "autoscaler.nomad.hcl");
        if (!parsed.ok) throw new Error(`jobspec2 rejected the HCL: ${parsed.error}\n${job.hcl}`);
        expect(ours.canonical).toEqual(parsed.canonical);
      }
    });

    it("its policy is HCL1, which Nomad's ACL parser reads", async () => {
      expect(await (oracle as Oracle).hcl1(build().policy.Rules)).toEqual({ ok: true });
    });
  },
);

describe.skipIf(!agent)(
  `the autoscaler's policy on an ACL agent${agent ? "" : ` (skipped: ${agentSkip})`}`,
  () => {
    it("Nomad accepts the policy and the job", async () => {
      const { policy, app } = build();
      const api = admin as NomadClient;
      await api.acl.upsertPolicy(policy);
      expect((await api.acl.readPolicy(policy.Name)).data.JobACL).toMatchObject({
        JobID: "nomadkit-autoscaler",
      });
      const [job] = synthesize(app).jobs;
      const validated = await api.jobs.validate(job?.payload.Job as never);
      expect(validated.data.ValidationErrors ?? []).toEqual([]);
    });

    it("a token with its rules does everything the autoscaler does, and nothing else", async () => {
      const api = admin as NomadClient;
      const { policy } = build();
      // Same rules, not bound to the job, so a plain token can carry them.
      await api.acl.upsertPolicy({ Name: "autoscaler-token-test", Rules: policy.Rules });
      const token = (
        await api.acl.createToken({ Type: "client", Name: "autoscaler", Policies: ["autoscaler-token-test"] })
      ).data;
      const nomad = new NomadClient({ address: (agent as Agent).address, token: token.SecretID, env: {} });
      try {
        const port = nomadPort(nomad);
        const snap = await port.snapshot();
        expect(snap.nodes).toHaveLength(1);
        const nodeId = snap.nodes[0]?.id as string;
        await port.setEligibility(nodeId, false);
        await port.setEligibility(nodeId, true);

        const lock = new LeaderLock({ client: nomad, path: DEFAULT_LOCK_PATH, ttlMs: 10_000 });
        await lock.acquire();
        expect(lock.held).toBe(true);
        await lock.release();

        const refused = async (p: Promise<unknown>) => {
          const err = await p.then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(err).toBeInstanceOf(NomadApiError);
          // Nomad answers 403, or 500 with "Permission denied" where the check happens in the RPC.
          expect(`${(err as NomadApiError).status} ${(err as NomadApiError).nomadMessage}`).toMatch(
            /^403 |permission denied/i,
          );
        };
        await refused(nomad.variables.put("nomadkit/other", { a: "b" }));
        await refused(
          nomad.jobs.register({
            ID: "x",
            Name: "x",
            Type: "batch",
            Datacenters: ["*"],
            TaskGroups: [
              { Name: "g", Tasks: [{ Name: "t", Driver: "raw_exec", Config: { command: "/bin/true" } }] },
            ],
          }),
        );
        await refused(nomad.jobs.deregister("any-job"));
        // Above all, it cannot grant itself more.
        await refused(nomad.acl.upsertPolicy({ Name: "escalate", Rules: 'node { policy = "write" }' }));
      } finally {
        nomad.close();
      }
    });

    it("the job's own workload identity gets exactly that through the task API socket", async () => {
      const api = admin as NomadClient;
      const { policy, app } = build();
      await api.acl.upsertPolicy(policy);
      // The synthesized job with its identity, env and names (which JobACL matches), but a
      // probe in place of `nomadkit autoscale`: node itself, calling Nomad through the socket.
      const job = synthesize(app).jobs[0]?.payload.Job as Record<string, unknown>;
      const group = (job.TaskGroups as Record<string, unknown>[])[0] as Record<string, unknown>;
      const task = (group.Tasks as Record<string, unknown>[])[0] as Record<string, unknown>;
      Object.assign(job, { Type: "batch", Update: null });
      Object.assign(group, { Count: 1, Services: null, RestartPolicy: { Attempts: 0, Mode: "fail" } });
      Object.assign(task, {
        Driver: "raw_exec",
        Config: { command: process.execPath, args: ["-e", PROBE] },
        Resources: { CPU: 50, MemoryMB: 64 },
      });
      const registered = await api.jobs.register(job);
      const alloc = await eventually("the probe to finish", async () => {
        const allocs = (await api.allocations.listForJob("nomadkit-autoscaler")).data;
        return allocs.find((a) => a.ClientStatus === "complete" || a.ClientStatus === "failed");
      });
      const out = (
        await api.allocations.logs(alloc.ID, { task: "autoscaler", type: "stdout", origin: "start" })
      ).data;
      expect(registered.data.EvalID).toBeTruthy();
      expect(out.trim().split("\n")).toEqual([
        "GET /v1/nodes?resources=true 200",
        "GET /v1/allocations?namespace=*&resources=true&task_states=false 200",
        "GET /v1/evaluations?namespace=*&status=blocked 200",
        "PUT /v1/var/nomadkit/autoscaler/leader?lock-acquire 200",
        "PUT /v1/var/nomadkit/other 403",
        "GET /v1/acl/policies 200", // lists only the policies it carries
        "PUT /v1/acl/policy/escalate 403",
      ]);
      expect(alloc.ClientStatus).toBe("complete");
    });
  },
);

/** Runs in the task: each request through the task API socket with the identity's token. */
const PROBE = `
const http = require("node:http");
const calls = [
  ["GET", "/v1/nodes?resources=true"],
  ["GET", "/v1/allocations?namespace=*&resources=true&task_states=false"],
  ["GET", "/v1/evaluations?namespace=*&status=blocked"],
  ["PUT", "/v1/var/nomadkit/autoscaler/leader?lock-acquire", { Path: "nomadkit/autoscaler/leader", Items: {} }],
  ["PUT", "/v1/var/nomadkit/other", { Path: "nomadkit/other", Items: { a: "b" } }],
  ["GET", "/v1/acl/policies"],
  ["PUT", "/v1/acl/policy/escalate", { Name: "escalate", Rules: 'node { policy = "write" }' }],
];
(async () => {
  for (const [method, path, body] of calls) {
    const status = await new Promise((resolve, reject) => {
      const req = http.request(
        { socketPath: process.env.NOMAD_SECRETS_DIR + "/api.sock", method, path,
          headers: { "X-Nomad-Token": process.env.NOMAD_TOKEN } },
        (res) => { res.resume(); res.on("end", () => resolve(res.statusCode)); },
      );
      req.on("error", reject);
      req.end(body ? JSON.stringify(body) : undefined);
    });
    console.log(method + " " + path + " " + status);
  }
})().catch((err) => { console.error(err); process.exit(1); });
`;

const eventually = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000) =>
  until(what, fn, { timeoutMs, intervalMs: 250, context: () => agent?.logs().slice(-3000) ?? "" });
