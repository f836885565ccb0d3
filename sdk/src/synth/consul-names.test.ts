import { describe, expect, it } from "vitest";
import type { EnvironmentProps } from "../constructs/environment.js";
import {
  App,
  Check,
  Driver,
  Group,
  Job,
  Port,
  Segment,
  Service,
  Sidecar,
  synthesize,
  Task,
} from "../index.js";

/** An api calling a db through Connect, both in one segment, in one environment. */
function mesh(app: App, env: string, props: Omit<EnvironmentProps<object>, "values">) {
  const scope = app.environment(env, { ...props, values: {} });
  const group = (name: string) => {
    const g = new Group(new Job(scope, name), name);
    new Task(g, name, { driver: Driver.docker({ image: "example/app:1" }) });
    return g;
  };
  const checks = [Check.http({ path: "/health", interval: "10s", timeout: "2s", expose: true })];
  const dbGroup = group("db");
  const db = new Service(dbGroup, "db", {
    port: new Port(dbGroup, "pg", { to: 5432 }),
    connect: Sidecar.connectProxy(),
    checks,
  });
  const apiGroup = group("api");
  const api = new Service(apiGroup, "api", {
    port: new Port(apiGroup, "http", { to: 8080 }),
    connect: Sidecar.connectProxy({ upstreams: [{ service: db, localBindPort: 5432 }] }),
    checks,
  });
  new Segment(scope, "core", { members: [api, db] });
}

describe("Consul names per environment", () => {
  it("environments sharing Consul get suffixed names in services, upstreams and intentions", () => {
    const app = new App({ name: "shop" });
    mesh(app, "qa", { namespace: "qa" });
    mesh(app, "prod", { namespace: "prod" });
    const { problems, jobs, resources } = synthesize(app, { env: "qa" });
    expect(problems).toEqual([]);
    const services = jobs.flatMap(
      (j) => (j.payload.Job.TaskGroups as Array<{ Services: object[] }>)[0]?.Services ?? [],
    );
    expect(services).toMatchObject([
      { Name: "db-qa" },
      {
        Name: "api-qa",
        Connect: { SidecarService: { Proxy: { Upstreams: [{ DestinationName: "db-qa" }] } } },
      },
    ]);
    expect(resources.filter((r) => r.kind === "consul-config-entry").map((r) => r.payload)).toEqual([
      expect.objectContaining({
        Name: "api-qa",
        Sources: expect.arrayContaining([expect.objectContaining({ Name: "db-qa" })]),
      }),
      expect.objectContaining({
        Name: "db-qa",
        Sources: expect.arrayContaining([expect.objectContaining({ Name: "api-qa" })]),
      }),
    ]);
  });

  it("an environment with its own Consul namespace or partition keeps names and writes into it", () => {
    const app = new App({ name: "shop" });
    mesh(app, "qa", { namespace: "qa", consul: { namespace: "qa" } });
    mesh(app, "prod", { namespace: "prod", consul: { partition: "prod" } });
    const { problems, jobs, resources } = synthesize(app);
    expect(problems).toEqual([]);
    const qaDb = jobs.find((j) => j.environment === "qa" && j.id === "db")?.payload.Job as {
      TaskGroups: Array<{ Consul: object; Services: Array<{ Name: string }> }>;
    };
    expect(qaDb.TaskGroups[0]?.Consul).toMatchObject({ Namespace: "qa" });
    expect(qaDb.TaskGroups[0]?.Services[0]?.Name).toBe("db");
    const entries = resources.filter((r) => r.kind === "consul-config-entry");
    expect(
      entries.map(
        (r) =>
          `${r.environment}:${r.payload.Name}:${r.payload.Namespace ?? "-"}:${r.payload.Partition ?? "-"}`,
      ),
    ).toEqual(["qa:api:qa:-", "qa:db:qa:-", "prod:api:-:prod", "prod:db:-:prod"]);
  });

  it("two environments in the same Consul namespace collide on their intentions, naming both", () => {
    const app = new App({ name: "shop" });
    mesh(app, "qa", { namespace: "qa", consul: { namespace: "shared" } });
    mesh(app, "prod", { namespace: "prod", consul: { namespace: "shared" } });
    expect(synthesize(app).problems).toEqual([
      {
        path: 'env "prod"',
        message: expect.stringMatching(
          /^Consul config entry service-intentions "api" is also written by env "qa"/,
        ),
      },
      {
        path: 'env "prod"',
        message: expect.stringMatching(
          /^Consul config entry service-intentions "db" is also written by env "qa"/,
        ),
      },
    ]);
  });
});
