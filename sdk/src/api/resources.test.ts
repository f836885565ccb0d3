// What each endpoint method sends, recorded by a local server, so the request
// shapes are checked even where no real Nomad agent runs.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NomadClient } from "./index.js";

let server: Server;
let nomad: NomadClient;
let last: { method: string; url: string; body: unknown };

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      last = { method: req.method ?? "", url: req.url ?? "", body: text ? JSON.parse(text) : undefined };
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  nomad = new NomadClient({ address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, env: {} });
});
afterAll(async () => {
  nomad.close();
  await new Promise((done) => server.close(done));
});

const job = { ID: "web/api", Name: "web/api" };

describe("request shapes", () => {
  it.each([
    [
      "jobs.plan",
      () => nomad.jobs.plan(job),
      "PUT",
      "/v1/job/web%2Fapi/plan",
      { Job: job, Diff: true, PolicyOverride: false },
    ],
    [
      "jobs.register with check-index",
      () => nomad.jobs.register(job, { enforceIndex: 7, preserveCounts: true }),
      "PUT",
      "/v1/jobs",
      { Job: job, EnforceIndex: true, JobModifyIndex: 7, PreserveCounts: true },
    ],
    [
      "jobs.register new-only",
      () => nomad.jobs.register(job, { enforceIndex: 0 }),
      "PUT",
      "/v1/jobs",
      { Job: job, EnforceIndex: true, JobModifyIndex: 0 },
    ],
    ["jobs.validate", () => nomad.jobs.validate(job), "PUT", "/v1/validate/job", { Job: job }],
    [
      "jobs.versions",
      () => nomad.jobs.versions("web", { diffs: true }),
      "GET",
      "/v1/job/web/versions?diffs=true",
      undefined,
    ],
    [
      "jobs.submission",
      () => nomad.jobs.submission("web", 3),
      "GET",
      "/v1/job/web/submission?version=3",
      undefined,
    ],
    [
      "jobs.revert",
      () => nomad.jobs.revert("web", 2, { enforcePriorVersion: 4 }),
      "PUT",
      "/v1/job/web/revert",
      { JobID: "web", JobVersion: 2, EnforcePriorVersion: 4 },
    ],
    [
      "jobs.stable",
      () => nomad.jobs.stable("web", 2, true),
      "PUT",
      "/v1/job/web/stable",
      { JobID: "web", JobVersion: 2, Stable: true },
    ],
    [
      "jobs.deregister",
      () => nomad.jobs.deregister("web", { purge: true }),
      "DELETE",
      "/v1/job/web?purge=true",
      undefined,
    ],
    [
      "deployments.promote",
      () => nomad.deployments.promote("d1"),
      "PUT",
      "/v1/deployment/promote/d1",
      { DeploymentID: "d1", All: true },
    ],
    [
      "deployments.promote groups",
      () => nomad.deployments.promote("d1", { groups: ["api"] }),
      "PUT",
      "/v1/deployment/promote/d1",
      { DeploymentID: "d1", Groups: ["api"] },
    ],
    [
      "deployments.fail",
      () => nomad.deployments.fail("d1"),
      "PUT",
      "/v1/deployment/fail/d1",
      { DeploymentID: "d1" },
    ],
    [
      "allocations.logs",
      () => nomad.allocations.logs("a1", { task: "app", offset: 4096 }),
      "GET",
      "/v1/client/fs/logs/a1?task=app&type=stderr&origin=end&offset=4096&plain=true",
      undefined,
    ],
    [
      "nodes.eligibility",
      () => nomad.nodes.eligibility("n1", false),
      "PUT",
      "/v1/node/n1/eligibility",
      { NodeID: "n1", Eligibility: "ineligible" },
    ],
    [
      "nodePools.upsert",
      () => nomad.nodePools.upsert({ Name: "gpu" }),
      "PUT",
      "/v1/node/pools",
      { Name: "gpu" },
    ],
    [
      "csiVolumes.register",
      () => nomad.csiVolumes.register({ ID: "db" }),
      "PUT",
      "/v1/volume/csi/db",
      { Volumes: [{ ID: "db" }], PolicyOverride: false },
    ],
    [
      "hostVolumes.list",
      () => nomad.hostVolumes.list({ nodePool: "ssd" }),
      "GET",
      "/v1/volumes?type=host&node_pool=ssd",
      undefined,
    ],
    [
      "variables.put with cas",
      () => nomad.variables.put("nomad/jobs/web", { k: "v" }, { cas: 5 }),
      "PUT",
      "/v1/var/nomad/jobs/web?cas=5",
      { Path: "nomad/jobs/web", Items: { k: "v" } },
    ],
    [
      "namespaces.upsert",
      () => nomad.namespaces.upsert({ Name: "qa" }),
      "PUT",
      "/v1/namespace/qa",
      { Name: "qa" },
    ],
    ["acl.bootstrap", () => nomad.acl.bootstrap(), "PUT", "/v1/acl/bootstrap", undefined],
  ] as const)("%s", async (_name, call, method, url, body) => {
    await call();
    expect(last).toEqual({ method, url, body });
  });

  it("escapes an ID as one path segment, but keeps a variable path's slashes", async () => {
    await nomad.jobs.read("a b/c?d");
    expect(last.url).toBe("/v1/job/a%20b%2Fc%3Fd");
    await nomad.variables.read("team a/db");
    expect(last.url).toBe("/v1/var/team%20a/db");
  });
});
