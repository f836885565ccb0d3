// The Nomad client against a real `nomad agent -dev` with ACLs on: every
// example validates, a raw_exec job goes through plan → register (check-index)
// → versions → logs → purge, and variables, node pools, ACL errors and the
// event stream behave as the client promises.

import { synthesize } from "nomadkit";
import { type JobBody, NomadApiError, NomadClient } from "nomadkit/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleFiles, loadExample } from "./harness/examples.js";
import { type Agent, startAgent } from "./harness/nomad-agent.js";

// Top-level, like the oracle tests: whether to skip is known before collecting.
// A first run without a cached Nomad builds it here (minutes); CI builds it in
// .ci/run beforehand.
const started = await startAgent({ acl: true });
const agent: Agent | undefined = "skip" in started ? undefined : started;
const skipReason = "skip" in started ? started.skip : "";
const nomad = agent ? new NomadClient({ address: agent.address, token: agent.token, env: {} }) : undefined;

afterAll(async () => {
  nomad?.close();
  await agent?.stop();
});
beforeAll(() => {
  if (!agent) console.warn(`real-agent tests skipped: ${skipReason}`);
});

/** Adds the agent's output to a failure, since that is where Nomad says why. */
async function withLogs<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Error)
      err.message += `\n--- nomad agent (last 4 KiB) ---\n${agent?.logs().slice(-4096)}`;
    throw err;
  }
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function sleepJob(id: string, meta: Record<string, string> = {}): JobBody {
  return {
    ID: id,
    Name: id,
    Type: "service",
    Datacenters: ["*"],
    Meta: meta,
    TaskGroups: [
      {
        Name: "main",
        Count: 1,
        Tasks: [
          {
            Name: "sleep",
            Driver: "raw_exec",
            Config: { command: "/bin/sh", args: ["-c", "echo started-on-stderr >&2; exec /bin/sleep 300"] },
            Resources: { CPU: 50, MemoryMB: 32 },
          },
        ],
      },
    ],
  };
}

describe.skipIf(!agent)(
  `Nomad API client against a real agent${agent ? "" : ` (skipped: ${skipReason})`}`,
  () => {
    const api = nomad as NomadClient;

    it.each(exampleFiles())("examples/%s: every job passes /v1/validate/job", async (file) => {
      const result = synthesize(await loadExample(file));
      expect(result.problems).toEqual([]);
      // Nomad refuses a job in a namespace or node pool it does not know, and
      // creating those is a deploy's job, not the example's.
      for (const job of result.jobs) {
        const { Namespace, NodePool } = job.payload.Job as { Namespace?: string; NodePool?: string };
        if (Namespace && Namespace !== "default") await api.namespaces.upsert({ Name: Namespace });
        if (NodePool && NodePool !== "default" && NodePool !== "all")
          await api.nodePools.upsert({ Name: NodePool });
      }
      for (const job of result.jobs) {
        const { data } = await api.jobs.validate(job.payload.Job);
        expect({ job: job.id, errors: data.ValidationErrors ?? [], error: data.Error }).toEqual({
          job: job.id,
          errors: [],
          error: "",
        });
      }
    });

    it("plans, registers with check-index, reads, lists versions, shows logs and purges a raw_exec job", async () => {
      await withLogs(async () => {
        const id = "nomadkit-api-sleep";
        const v0 = sleepJob(id);

        const plan0 = (await api.jobs.plan(v0)).data;
        expect(plan0.JobModifyIndex).toBe(0); // a new job
        expect(plan0.Diff?.Type).toBe("Added");

        const submission = { Source: JSON.stringify({ Job: v0 }), Format: "json" };
        const reg0 = (await api.jobs.register(v0, { enforceIndex: plan0.JobModifyIndex, submission })).data;
        expect(reg0.EvalID).not.toBe("");

        const read0 = await api.jobs.read(id);
        expect(read0.data).toMatchObject({ ID: id, Version: 0, JobModifyIndex: reg0.JobModifyIndex });
        expect(read0.meta.index).toBeGreaterThanOrEqual(reg0.JobModifyIndex);
        expect(read0.meta.knownLeader).toBe(true);

        // A change: plan says "Edited" and hands back the index to register against.
        const v1 = sleepJob(id, { revision: "1" });
        const plan1 = (await api.jobs.plan(v1)).data;
        expect(plan1.Diff?.Type).toBe("Edited");
        expect(plan1.JobModifyIndex).toBe(reg0.JobModifyIndex);
        const reg1 = (await api.jobs.register(v1, { enforceIndex: plan1.JobModifyIndex })).data;
        expect(reg1.JobModifyIndex).toBeGreaterThan(reg0.JobModifyIndex);

        // Registering against the index from before that change is refused.
        const stale = await api.jobs
          .register(sleepJob(id, { revision: "2" }), { enforceIndex: reg0.JobModifyIndex })
          .catch((e: unknown) => e);
        expect(stale).toBeInstanceOf(NomadApiError);
        const err = stale as NomadApiError;
        expect(err.isConflict).toBe(true);
        expect(err.message).toContain(
          `Enforcing job modify index ${reg0.JobModifyIndex}: job exists with conflicting job modify index: ${reg1.JobModifyIndex}`,
        );

        const versions = (await api.jobs.versions(id, { diffs: true })).data;
        expect(versions.Versions?.map((v) => v.Version)).toEqual([1, 0]);
        expect(versions.Diffs?.length).toBe(1);
        expect((await api.jobs.submission(id, 0)).data).toMatchObject({
          Format: "json",
          Source: submission.Source,
        });
        expect((await api.jobs.list({ prefix: "nomadkit-api" })).data.map((j) => j.ID)).toEqual([id]);

        // The task really runs (raw_exec as root here), and its stderr is readable.
        const alloc = await eventually("a running allocation", async () => {
          const allocs = (await api.allocations.listForJob(id)).data;
          return allocs.find((a) => a.ClientStatus === "running");
        });
        const full = (await api.allocations.read(alloc.ID)).data;
        expect(full.TaskStates?.sleep?.State).toBe("running");
        const log = await eventually("the task's stderr", async () => {
          const text = (
            await api.allocations.logs(alloc.ID, {
              task: "sleep",
              type: "stderr",
              origin: "end",
              offset: 1000,
            })
          ).data;
          return text.includes("started-on-stderr") ? text : undefined;
        });
        expect(log).toContain("started-on-stderr");
        const deployment = (await api.deployments.latestForJob(id)).data;
        expect(deployment?.JobID).toBe(id);

        const dereg = (await api.jobs.deregister(id, { purge: true })).data;
        expect(dereg.EvalID).not.toBe("");
        const gone = (await api.jobs.read(id).catch((e: unknown) => e)) as NomadApiError;
        expect(gone.isNotFound).toBe(true);
        expect(gone.message).toBe(`Nomad GET /v1/job/${id} failed with 404: job not found`);
      });
    });

    it("writes variables with check-and-set and reports the conflict", async () => {
      const path = "nomadkit/test/cas";
      const created = (await api.variables.put(path, { a: "1" }, { cas: 0 })).data;
      if (!created.ok) throw new Error("the first cas=0 write must land");
      expect(created.variable.Items).toEqual({ a: "1" });

      // cas=0 means "only if new": it loses, and says what is there now.
      const again = (await api.variables.put(path, { a: "2" }, { cas: 0 })).data;
      expect(again).toEqual({
        ok: false,
        conflict: expect.objectContaining({ Path: path, ModifyIndex: created.variable.ModifyIndex }),
      });

      const updated = (await api.variables.put(path, { a: "3" }, { cas: created.variable.ModifyIndex })).data;
      expect(updated.ok).toBe(true);
      const stale = (await api.variables.put(path, { a: "4" }, { cas: created.variable.ModifyIndex })).data;
      expect(stale.ok).toBe(false);

      expect((await api.variables.read(path)).data?.Items).toEqual({ a: "3" });
      expect((await api.variables.delete(path)).data).toEqual({ ok: true });
      expect((await api.variables.read(path)).data).toBeUndefined();
    });

    it("creates, reads and deletes a node pool", async () => {
      const name = "nomadkit-test-pool";
      await api.nodePools.upsert({
        Name: name,
        Description: "made by the API tests",
        Meta: { team: "platform" },
      });
      expect((await api.nodePools.read(name)).data).toMatchObject({
        Name: name,
        Description: "made by the API tests",
        Meta: { team: "platform" },
      });
      expect((await api.nodePools.list()).data.map((p) => p.Name)).toContain(name);
      await api.nodePools.delete(name);
      const gone = (await api.nodePools.read(name).catch((e: unknown) => e)) as NomadApiError;
      expect(gone.status).toBe(404);
    });

    it("fails a request without a token with a clear 403 that does not leak the token", async () => {
      const anonymous = new NomadClient({ address: agent?.address, env: {} });
      const err = (await anonymous.jobs.list().catch((e: unknown) => e)) as NomadApiError;
      anonymous.close();
      expect(err).toBeInstanceOf(NomadApiError);
      expect(err.status).toBe(403);
      expect(err.message).toBe(
        "Nomad GET /v1/jobs failed with 403: Permission denied (check NOMAD_TOKEN: the request needs an ACL token with the right policy)",
      );

      // A wrong token is refused too, and the error never shows it.
      const wrongToken = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
      const wrong = new NomadClient({ address: agent?.address, token: wrongToken, env: {} });
      const err2 = (await wrong.jobs.list().catch((e: unknown) => e)) as NomadApiError;
      wrong.close();
      expect(err2.status).toBe(403);
      expect(`${err2.message} ${err2.stack} ${JSON.stringify(err2)}`).not.toContain(wrongToken);
      expect(`${err.message}`).not.toContain(agent?.token ?? "-");

      expect((await api.acl.tokenSelf()).data.Type).toBe("management");
    });

    it("streams a JobRegistered event", async () => {
      const id = "nomadkit-api-events";
      // Start from an index before the register, so the event is replayed even
      // if it happens before the stream is set up.
      const { meta } = await api.jobs.list();
      await api.jobs.register(sleepJob(id));
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      let found: string | undefined;
      for await (const frame of api.events.stream({
        topics: { Job: [id] },
        index: meta.index,
        signal: controller.signal,
      })) {
        const event = frame.Events.find((e) => e.Type === "JobRegistered" && e.Key === id);
        if (event) {
          found = event.Type;
          break;
        }
      }
      clearTimeout(timer);
      expect(found).toBe("JobRegistered");
      await api.jobs.deregister(id, { purge: true });
    });
  },
);
