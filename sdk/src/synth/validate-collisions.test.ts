import { describe, expect, it } from "vitest";
import { App, Driver, Group, Job, Namespace, Secret, synthesize, Task } from "../index.js";

/** A job whose one task reads a shared Nomad Variable (so it also gets an ACL policy). */
function catalog(scope: ConstructorParameters<typeof Job>[0]): Job {
  const job = new Job(scope, "catalog", { datacenters: ["dc1"] });
  new Task(new Group(job, "api"), "api", {
    driver: Driver.rawExec({ command: "/bin/sleep", args: ["60"] }),
    env: { DB_URL: Secret.fromNomadVariable("shared/catalog", "db_url") },
  });
  return job;
}

describe("collisions between environments", () => {
  it("two environments writing the same job and variable in one namespace are refused, naming both", () => {
    const app = new App({ name: "shop" });
    catalog(app.environment("qa", { namespace: "shop", values: {} }));
    catalog(app.environment("prod", { namespace: "shop", values: {} }));
    const { problems, jobs } = synthesize(app);
    expect(jobs).toEqual([]);
    expect(problems).toEqual([
      {
        path: 'env "prod" › job "catalog"',
        message: expect.stringMatching(
          /^job "catalog" in namespace "shop" of region "global" is also written by env "qa" › job "catalog": .*own namespace/,
        ),
      },
      {
        path: 'env "prod" › job "catalog"',
        message: expect.stringMatching(
          /^Nomad Variable "shared\/catalog" in namespace "shop" is also written by env "qa" › job "catalog"/,
        ),
      },
    ]);
  });

  it("the same app in separate namespaces synthesizes, with per-environment ACL policy names", () => {
    const app = new App({ name: "shop" });
    catalog(app.environment("qa", { namespace: "shop-qa", values: {} }));
    catalog(app.environment("prod", { namespace: "shop-prod", values: {} }));
    const { problems, resources } = synthesize(app);
    expect(problems).toEqual([]);
    expect(resources.map((r) => `${r.kind}:${r.name}:${r.environment}`)).toEqual([
      "namespace:shop-qa:qa",
      "namespace:shop-prod:prod",
      "variable:shared_catalog:qa",
      "variable:shared_catalog:prod",
      "acl-policy:catalog-api-api-variables-qa:qa",
      "acl-policy:catalog-api-api-variables-prod:prod",
    ]);
  });

  it("different regions keep the same job ID apart", () => {
    const app = new App({ name: "shop" });
    new Job(app.environment("eu", { region: "eu", values: {} }), "catalog");
    new Job(app.environment("us", { region: "us", values: {} }), "catalog");
    const messages = synthesize(app).problems.map((p) => p.message);
    expect(messages.filter((m) => m.includes("also written"))).toEqual([]);
  });
});

describe("Namespace", () => {
  it("a Namespace construct is written before everything else, with its HCL spec", () => {
    const app = new App({ name: "shop" });
    const ns = new Namespace(app, "shop-qa", {
      description: "qa of the shop",
      meta: { team: "shop" },
      capabilities: { enabledTaskDrivers: ["docker", "raw_exec"] },
    });
    new Task(new Group(new Job(app.environment("qa", { namespace: ns, values: {} }), "web"), "web"), "web", {
      driver: Driver.rawExec({ command: "/bin/true" }),
    });
    const { problems, resources, jobs } = synthesize(app);
    expect(problems).toEqual([]);
    expect(jobs[0]?.payload.Job.Namespace).toBe("shop-qa");
    expect(resources[0]).toMatchObject({
      kind: "namespace",
      name: "shop-qa",
      payload: {
        Name: "shop-qa",
        Description: "qa of the shop",
        Meta: { team: "shop" },
        Capabilities: { EnabledTaskDrivers: ["docker", "raw_exec"] },
      },
    });
    expect(resources[0]?.hcl).toContain('name        = "shop-qa"');
    expect(resources[0]?.hcl).toMatch(/capabilities \{\n\s+enabled_task_drivers = \["docker", "raw_exec"\]/);
  });

  it("Namespace.existing and the default namespace are never written", () => {
    const app = new App({ name: "shop" });
    const ns = Namespace.existing(app, "platform");
    new Task(new Group(new Job(app.environment("qa", { namespace: ns, values: {} }), "web"), "web"), "web", {
      driver: Driver.rawExec({ command: "/bin/true" }),
    });
    new Task(new Group(new Job(app, "tool"), "t"), "t", { driver: Driver.rawExec({ command: "/bin/true" }) });
    expect(synthesize(app).resources.filter((r) => r.kind === "namespace")).toEqual([]);
  });
});
