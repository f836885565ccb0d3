// SDK platform constructs: environments, node pools, secrets. The example app
// examples/shop-environments.ts defines the same services for qa and prod.
import diff from "microdiff";
import {
  App,
  Capability,
  Check,
  Driver,
  Group,
  Job,
  NodePool,
  Port,
  Secret,
  Service,
  synthesize,
  Task,
} from "nomadkit";
import { fieldByApi } from "nomadkit/schema";
import { describe, expect, it } from "vitest";
import { exampleFiles, loadExample } from "./harness/examples.js";

const shop = await loadExample("shop-environments.ts");

function job(env: string, id: string) {
  const result = synthesize(shop, { env });
  expect(result.problems).toEqual([]);
  const found = result.jobs.find((j) => j.id === id);
  if (!found) throw new Error(`no job ${id} in ${env}`);
  return found.payload.Job;
}

describe("environments", () => {
  it("qa and prod differ only where the environment says", () => {
    const changes = diff(job("qa", "shop"), job("prod", "shop")).map((d) => d.path.join("."));
    expect(changes.sort()).toEqual(
      [
        "Namespace",
        "Datacenters.0",
        "Datacenters.1",
        "TaskGroups.0.Count",
        "TaskGroups.0.Tasks.0.Resources.MemoryMB",
        "TaskGroups.0.Tasks.0.Templates.0.EmbeddedTmpl",
        "TaskGroups.0.Services.0.Tags.0",
        // Consul names carry the environment: the service and the upstream that reaches the db.
        "TaskGroups.0.Services.0.Name",
        "TaskGroups.0.Services.0.Connect.SidecarService.Proxy.Upstreams.0.DestinationName",
        "TaskGroups.1.Services.0.Name",
        "TaskGroups.1.Count",
        "TaskGroups.1.Tasks.0.Env.PUBLIC_URL",
        "TaskGroups.0.Tasks.0.Vault",
      ].sort(),
    );
  });

  it("--env writes only that environment (plus shared node pools)", () => {
    const qa = synthesize(shop, { env: "qa" });
    expect(qa.jobs.map((j) => `${j.environment}/${j.id}`)).toEqual(["qa/shop-db", "qa/shop"]);
    expect(qa.resources.map((r) => `${r.kind}:${r.name}:${r.environment ?? "shared"}`)).toEqual([
      "namespace:qa:qa",
      "node-pool:ssd:shared",
      "variable:nomad_jobs_shop-db:qa",
      "acl-policy:shop-api-api-variables-qa:qa",
    ]);
    expect(synthesize(shop, { env: "staging" }).problems[0]?.message).toBe(
      'there is no environment "staging": it has "qa", "prod"',
    );
  });

  it("refuses a qa service wired to the prod database, naming both", () => {
    const app = new App({ name: "mixup" });
    const qa = app.environment("qa", { values: {} });
    const prod = app.environment("prod", { values: {} });
    const dbGroup = new Group(new Job(prod, "db"), "db", { network: { mode: "bridge" } });
    new Task(dbGroup, "pg", { driver: Driver.docker({ image: "postgres:16" }) });
    const unchecked = { withoutHealthCheck: { reason: "only the wiring matters here" } };
    const prodDb = new Service(dbGroup, "db", { connect: { sidecarService: {} }, ...unchecked });
    const appGroup = new Group(new Job(qa, "web"), "web", { network: { mode: "bridge" } });
    new Task(appGroup, "web", { driver: Driver.docker({ image: "nginx" }) });
    new Service(appGroup, "web", {
      connect: { sidecarService: { proxy: { upstreams: [{ destination: prodDb, localBindPort: 5432 }] } } },
      ...unchecked,
    });
    expect(synthesize(app).problems).toEqual([
      {
        path: 'env "qa" › job "web" › group "web" › service "web"',
        message:
          'upstream to env "prod" › job "db" › group "db" › service "db" crosses environments ("qa" → "prod"): a service may only reach services of its own environment',
      },
    ]);
  });
});

describe("node pools", () => {
  it("compile to the /v1/node/pool body, with the schema's field names", () => {
    const pool = synthesize(shop, { env: "prod" }).resources.find((r) => r.kind === "node-pool");
    expect(pool?.payload).toEqual({
      Name: "ssd",
      Description: "Nodes with local NVMe/SSD disks for databases",
      SchedulerConfiguration: { SchedulerAlgorithm: "spread" },
    });
    for (const key of Object.keys(pool?.payload ?? {})) expect(fieldByApi("NodePool", key)).toBeDefined();
    expect(pool?.hcl).toContain('node_pool "ssd" {');
  });

  it("refuse a job that needs a capability its pool lacks", () => {
    const app = new App();
    const hdd = new NodePool(app, "bulk", { capabilities: [Capability.diskType("hdd")] });
    const job = new Job(app, "db", { nodePool: hdd, requires: [Capability.diskType("ssd")] });
    new Task(new Group(job, "g"), "t", { driver: Driver.exec({ command: "/bin/true" }) });
    expect(synthesize(app).problems).toEqual([
      {
        path: 'job "db"',
        message:
          'requires disk_type=ssd but node pool "bulk" offers only disk_type=hdd: add the capability to the pool or pick another pool',
      },
    ]);
  });

  it("turn capabilities into meta constraints", () => {
    const prodDb = job("prod", "shop-db");
    expect(prodDb.NodePool).toBe("ssd");
    expect(prodDb.Constraints).toEqual([{ LTarget: "${meta.disk_type}", RTarget: "ssd", Operand: "=" }]);
  });
});

describe("secrets", () => {
  const SENTINELS = ["nk-sentinel-db-9f3a1c", "nk-sentinel-token-77b2e0", "AKIAIOSFODNN7EXAMPLE"];

  it("never appear in any example's output", async () => {
    process.env.DB_PASSWORD = SENTINELS[0];
    process.env.NOMAD_TOKEN_TEST = SENTINELS[1];
    for (const file of exampleFiles()) {
      const app = await loadExample(file);
      const envs = app.environments.length > 0 ? app.environments.map((e) => ({ env: e.name })) : [{}];
      for (const options of envs) {
        const result = synthesize(app, options);
        expect(result.problems).toEqual([]);
        const text = JSON.stringify(result) + result.jobs.map((j) => j.hcl).join("");
        for (const value of SENTINELS) expect(text, `${file} leaks a secret`).not.toContain(value);
      }
    }
  });

  it("compile to run-time templates and a vault block", () => {
    const prod = job("prod", "shop");
    const api = (prod.TaskGroups as Array<{ Tasks: Array<Record<string, unknown>> }>)[0]?.Tasks[0];
    expect(api?.Env).toEqual({ DATABASE_URL: "postgres://shop@127.0.0.1:5432/shop" });
    expect(api?.Vault).toMatchObject({ ChangeMode: "restart", Env: true });
    expect(api?.Templates).toEqual([
      expect.objectContaining({
        DestPath: "secrets/nomadkit.env",
        Envvars: true,
        Perms: "0400",
        EmbeddedTmpl:
          'DATABASE_PASSWORD={{ with secret "secret/data/shop/db" }}{{ .Data.data.password }}{{ end }}\n',
      }),
    ]);
  });

  it("refuse literal credentials unless allowed, without echoing the value", () => {
    const app = new App();
    const group = new Group(new Job(app, "j"), "g");
    new Task(group, "t", {
      driver: Driver.exec({ command: "/bin/true" }),
      env: { DB_PASSWORD: SENTINELS[0] as string, AWS_KEY_ID: SENTINELS[2] as string, GREETING: "hello" },
    });
    new Task(group, "allowed", {
      driver: Driver.exec({ command: "/bin/true" }),
      env: { TEST_PASSWORD: "not-a-secret" },
      allowLiteralSecrets: ["TEST_PASSWORD"],
    });
    const { problems } = synthesize(app);
    expect(problems.map((p) => p.message)).toEqual([
      'env: "DB_PASSWORD" is named like a credential and holds a literal value; use Secret.fromVault(…) or Secret.fromNomadVariable(…), or list "DB_PASSWORD" in allowLiteralSecrets',
      'env: "AWS_KEY_ID" holds a value shaped like a credential; use Secret.fromVault(…) or Secret.fromNomadVariable(…), or list "AWS_KEY_ID" in allowLiteralSecrets',
    ]);
    for (const value of SENTINELS) expect(JSON.stringify(problems)).not.toContain(value);
  });

  it("give a read policy for variables outside the task's own paths", () => {
    const app = new App();
    const group = new Group(new Job(app, "web", { namespace: "shop" }), "g", { network: { mode: "bridge" } });
    const http = new Port(group, "http");
    new Task(group, "t", {
      driver: Driver.exec({ command: "/bin/true" }),
      env: {
        OWN: Secret.fromNomadVariable("nomad/jobs/web/g/t", "a"),
        SHARED: Secret.fromNomadVariable("shared/stripe", "api_key"),
      },
    });
    new Service(group, "web", { port: http, checks: [Check.tcp({ interval: "5s", timeout: "1s" })] });
    const policies = synthesize(app).resources.filter((r) => r.kind === "acl-policy");
    expect(policies.map((p) => p.payload.JobACL)).toEqual([
      { Namespace: "shop", JobID: "web", Group: "g", Task: "t" },
    ]);
    expect(policies[0]?.hcl).toBe(
      'namespace "shop" {\n  variables {\n    path "shared/stripe" {\n      capabilities = ["read"]\n    }\n  }\n}\n',
    );
  });
});
