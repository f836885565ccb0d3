// The oracle itself: parse is the agent under test's `PUT /v1/jobs/parse`; the rest
// must answer like `nomad fmt`, HCL1 and api.Job.Canonicalize(), and keep answering
// after bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Oracle, startOracle } from "./harness/oracle.js";

const started = await startOracle();
const oracle = "skip" in started ? undefined : started;
const skipReason = "skip" in started ? started.skip : "";

const job = `job "web" {
  datacenters = ["dc1"]

  group "api" {
    count = 2

    task "server" {
      driver = "docker"

      config {
        image = "nginx:1.27"
      }
    }
  }
}
`;

describe.skipIf(!oracle)(`oracle${oracle ? "" : ` (skipped: ${skipReason})`}`, () => {
  const o = oracle as Oracle;
  afterAll(() => o.close());

  it("parses a job, taking the ID from the label", async () => {
    const r = await o.parse(job, "web.nomad.hcl");
    if (!r.ok) throw new Error(r.error);
    expect(r.job.ID).toBe("web");
    expect(r.job.Name).toBe("web");
    expect(r.job.Priority).toBeNull(); // as parsed: not canonicalized
    const groups = r.job.TaskGroups as Array<Record<string, unknown>>;
    expect(groups[0]).toMatchObject({ Name: "api", Count: 2 });
    expect(r.canonical.Priority).toBe(50);
  });

  it("rejects an unknown attribute with file:line:col", async () => {
    const r = await o.parse(job.replace("count = 2", "count = 2\n    replicas = 3"), "bad.nomad.hcl");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(/^bad\.nomad\.hcl:6:5: Unsupported argument/);
  });

  it("gives every diagnostic, one a line, each placed in the file", async () => {
    const r = await o.parse(
      job.replace("count = 2", "count = 2\n    replicas = 3\n    shards = 4"),
      "two.nomad.hcl",
    );
    if (r.ok) throw new Error("accepted");
    // In no fixed order: jobspec2 decodes a body's attributes from a map.
    expect(r.error.split("\n").sort()).toEqual([
      expect.stringMatching(/^two\.nomad\.hcl:6:5: Unsupported argument; .*"replicas"/),
      expect.stringMatching(/^two\.nomad\.hcl:7:5: Unsupported argument; .*"shards"/),
    ]);
  });

  it("parses as the agent does: no file system access", async () => {
    const r = await o.parse(job.replace('"nginx:1.27"', 'file("/etc/hostname")'));
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining("filesystem function") });
  });

  it("canonicalizes an API payload and rejects unknown fields", async () => {
    const r = await o.canonicalize({
      Job: { ID: "x", Name: "x", TaskGroups: [{ Name: "g", Tasks: [{ Name: "t", Driver: "exec" }] }] },
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.job.Priority).toBeNull();
    expect(r.canonical).toMatchObject({
      Priority: 50,
      Type: "service",
      Region: "global",
      Namespace: "default",
    });
    const bad = await o.canonicalize({ Job: { ID: "x", Replicas: 3 } });
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining("Replicas") });
  });

  it("formats like nomad fmt", async () => {
    const r = await o.fmt('job "a" {\n  type = "batch"\n  all_at_once = true\n}\n');
    expect(r).toEqual({
      ok: true,
      formatted: 'job "a" {\n  type        = "batch"\n  all_at_once = true\n}\n',
    });
    expect((await o.fmt('job "a" {')).ok).toBe(false);
  });

  it("answers HCL1 questions and concurrent requests, and times the agent's parse", async () => {
    const [a, b, c] = await Promise.all([
      o.hcl1('job "a" { type = "batch" }'),
      o.hcl1("job {"),
      o.parse("job {"),
    ]);
    expect(a.ok).toBe(true);
    expect(b.ok).toBe(false);
    expect(c.ok).toBe(false);
    const many = await o.parseMany(
      [
        { filename: "a.nomad.hcl", source: job },
        { filename: "b.nomad.hcl", source: "job {" },
      ],
      3,
    );
    expect(many).toMatchObject({ ok: true, accepted: 3, rejected: 3 });
  });
});

beforeAll(() => {
  if (!oracle) console.warn(`jobspec-oracle tests skipped: ${skipReason}`);
});
