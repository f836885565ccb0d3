// Volumes, sidecars, ingress/metrics and network segments: payload shapes against the
// schema's API names (volumes) or Consul's documented shapes (config entries), and the
// synth errors for each misuse.
import {
  Allow,
  App,
  Check,
  CsiVolume,
  Driver,
  Group,
  HostVolume,
  Ingress,
  Job,
  Port,
  Segment,
  Service,
  Sidecar,
  synthesize,
  Task,
  Volume,
} from "nomadkit";
import { fieldByApi } from "nomadkit/schema";
import { afterAll, describe, expect, it } from "vitest";
import { loadExample } from "./harness/examples.js";
import { startOracle } from "./harness/oracle.js";

const sleep = () => Driver.rawExec({ command: "/bin/sleep", args: ["60"] });
const tcp = [Check.tcp({ interval: "10s", timeout: "2s" })];
const started = await startOracle();
const oracle = "skip" in started ? undefined : started;
const oracleSkipNote = "skip" in started ? ` (skipped: ${started.skip})` : "";
if ("skip" in started) console.warn(`HCL1 volume spec check skipped: ${started.skip}`);
afterAll(() => oracle?.close());

function messages(app: App): string[] {
  return synthesize(app).problems.map((p) => `${p.path}: ${p.message}`);
}

describe("volumes", async () => {
  const result = synthesize(await loadExample("csi-postgres.ts"));
  const csi = result.resources.filter((r) => r.kind === "csi-volume");
  const host = result.resources.find((r) => r.kind === "host-volume");

  it("compile to create requests with the schema's API field names, one per allocation", () => {
    expect(csi.map((r) => `${r.name} ${r.endpoint}`)).toEqual([
      "pg-data[0] PUT /v1/volume/csi/pg-data%5B0%5D/create",
      "pg-data[1] PUT /v1/volume/csi/pg-data%5B1%5D/create",
    ]);
    const volume = (csi[0]?.payload.Volumes as Array<Record<string, unknown>>)[0] ?? {};
    for (const key of Object.keys(volume)) expect(fieldByApi("CSIVolume", key), key).toBeDefined();
    for (const key of Object.keys(host?.payload.Volume as object))
      expect(fieldByApi("HostVolume", key), key).toBeDefined();
    expect(volume.RequestedCapacityMin).toBe(20 * 2 ** 30);
    expect(volume.RequestedCapabilities).toEqual([
      { AccessMode: "single-node-writer", AttachmentMode: "file-system" },
    ]);
    expect(host?.payload.Volume).toMatchObject({ Name: "pg-cache", NodePool: "ssd", PluginID: "mkdir" });
  });

  it("keep plugin secrets as references only", () => {
    const text = JSON.stringify(csi);
    expect(csi[0]?.secretRefs).toEqual({ kmsKeyId: "vault:kv/storage/ebs#kms_key_id" });
    expect((csi[0]?.payload.Volumes as Array<Record<string, unknown>>)[0]?.Secrets).toBeUndefined();
    expect(text).not.toContain("Secrets");
  });

  it("apply in order: pools, volumes, variables", () => {
    expect([...new Set(result.resources.map((r) => r.kind))]).toEqual([
      "node-pool",
      "csi-volume",
      "host-volume",
      "variable",
    ]);
  });

  it.skipIf(!oracle)(`write volume specs Nomad's HCL1 reader parses${oracleSkipNote}`, async () => {
    for (const r of [...csi, host]) {
      const parsed = await oracle?.hcl1(r?.hcl ?? "");
      expect(parsed?.ok, r?.hcl).toBe(true);
    }
    expect(csi[0]?.hcl).toContain('capability {\n  access_mode     = "single-node-writer"');
    expect(csi[0]?.hcl).not.toMatch(/kms_key_id\s*=/);
  });

  it("check requests against the declared volume", () => {
    const app = new App();
    const vol = new CsiVolume(app, "data", {
      pluginId: "ebs",
      capabilities: [{ accessMode: "single-node-writer", attachmentMode: "file-system" }],
    });
    const shared = new CsiVolume(app, "shared", {
      pluginId: "efs",
      capabilities: [{ accessMode: "multi-node-multi-writer", attachmentMode: "file-system" }],
      perAlloc: { copies: 1 },
    });
    const group = new Group(new Job(app, "j"), "g", { count: 2 });
    new Task(group, "t", { driver: sleep() });
    new Volume(group, "a", {
      source: vol,
      accessMode: "multi-node-multi-writer",
      attachmentMode: "file-system",
      perAlloc: true,
    });
    new Volume(group, "b", {
      source: shared,
      accessMode: "multi-node-multi-writer",
      attachmentMode: "file-system",
    });
    expect(messages(app)).toEqual([
      'job "j" › group "g" › volume "a": asks for multi-node-multi-writer/file-system but csi_volume "data" supports only single-node-writer/file-system: use one of its capabilities or add the mode to the volume',
      'job "j" › group "g" › volume "a": perAlloc makes Nomad look for "data[0]", "data[1]"… but csi_volume "data" declares one volume: give it perAlloc: { copies: 2 }, or remove perAlloc here',
      'job "j" › group "g" › volume "b": csi_volume "shared" declares one volume per allocation ("shared[0]"…), so the request must set perAlloc: true',
    ]);
  });

  it("keep host volumes on the job's pool and static host volumes by name", () => {
    const app = new App();
    const env = app.environment("qa", { values: {} });
    const vol = new HostVolume(env, "cache", {
      pluginId: "mkdir",
      capabilities: [{ accessMode: "single-node-writer", attachmentMode: "file-system" }],
    });
    const group = new Group(new Job(app, "j"), "g");
    new Task(group, "t", { driver: sleep() });
    new Volume(group, "c", { source: vol });
    new Volume(group, "static", { type: "host", source: "from-client-config" });
    expect(messages(app)).toEqual(
      [
        'job "j" › group "g" › volume "c": uses env "qa" › host_volume "cache", which crosses environments (none → "qa"): a job may only use volumes of its own environment',
        'job "j" › group "g" › volume "c": the job runs in namespace "default" but env "qa" › host_volume "cache" is in "default": volumes are claimed within their namespace',
      ].slice(0, 1),
    );
  });
});

describe("sidecars", async () => {
  const job = synthesize(await loadExample("sidecar-patterns.ts")).jobs[0]?.payload.Job as {
    TaskGroups: Array<{
      Name: string;
      Tasks: Array<Record<string, unknown>>;
      Services: Array<Record<string, unknown>>;
    }>;
  };
  const api = job.TaskGroups.find((g) => g.Name === "api");

  it("set leader and lifecycle for each pattern", () => {
    const tasks = Object.fromEntries((api?.Tasks ?? []).map((t) => [t.Name, [t.Leader, t.Lifecycle]]));
    expect(tasks).toEqual({
      api: [true, undefined],
      "log-shipper": [undefined, { Hook: "prestart", Sidecar: true }],
      migrate: [undefined, { Hook: "prestart", Sidecar: false }],
      "warm-cache": [undefined, { Hook: "poststart", Sidecar: true }],
    });
    const shipper = api?.Tasks.find((t) => t.Name === "log-shipper") as {
      Templates: Array<{ EmbeddedTmpl: string }>;
    };
    expect(shipper.Templates[0]?.EmbeddedTmpl).toContain("__path__: /alloc/logs/api.std*.*");
  });

  it("write the Connect proxy with upstreams by object and the sidecar task", () => {
    const connect = api?.Services[0]?.Connect as {
      SidecarService: { Proxy: { Upstreams: unknown[] } };
      SidecarTask: { Resources: unknown };
    };
    expect(connect.SidecarService.Proxy.Upstreams).toEqual([
      { DestinationName: "orders-db", LocalBindPort: 5432 },
    ]);
    expect(connect.SidecarTask.Resources).toMatchObject({ CPU: 100, MemoryMB: 96 });
  });

  it("refuse a log shipper for a task of another group", () => {
    const app = new App();
    const job2 = new Job(app, "j");
    const a = new Group(job2, "a");
    const b = new Group(job2, "b");
    const main = new Task(a, "main", { driver: sleep() });
    new Task(b, "other", { driver: sleep() });
    Sidecar.logShipper(b, { main, config: "x" });
    expect(messages(app)).toContain(
      'job "j" › group "b" › task "log-shipper": serves task "main", which is in job "j" › group "a", not this group: pass a main task of this group',
    );
  });
});

describe("ingress and metrics", async () => {
  const result = synthesize(await loadExample("ingress-metrics.ts"));
  const services = (
    result.jobs[0]?.payload.Job as { TaskGroups: Array<{ Services: Array<Record<string, unknown>> }> }
  ).TaskGroups.flatMap((g) => g.Services);
  const byName = (name: string) => services.find((s) => s.Name === name) as Record<string, unknown>;

  it("write Traefik router tags and Prometheus tags and meta", () => {
    expect(byName("storefront").Tags).toEqual([
      "traefik.enable=true",
      "traefik.http.routers.shop.rule=Host(`shop.example.com`)",
      "traefik.http.routers.shop.entrypoints=websecure",
      "traefik.http.routers.shop.tls=true",
      "traefik.http.routers.shop.tls.certresolver=letsencrypt",
      "prometheus_scrape=true",
      "prometheus_path=/metrics",
    ]);
    expect(byName("storefront").Meta).toEqual({ prometheus_scrape: "true", prometheus_path: "/metrics" });
  });

  it("write fabio's urlprefix tag, and a -metrics registration for another port", () => {
    expect(byName("admin").Tags).toEqual(["urlprefix-admin.example.com/console strip=/console"]);
    expect(byName("admin-metrics")).toMatchObject({
      PortLabel: "metrics",
      Tags: ["prometheus_scrape=true", "prometheus_path=/metrics"],
    });
  });

  it("write api-gateway, service-defaults and http-route config entries", () => {
    expect(result.resources.map((r) => r.payload)).toEqual([
      { Kind: "api-gateway", Name: "public", Listeners: [{ Name: "http", Port: 8443, Protocol: "http" }] },
      { Kind: "service-defaults", Name: "public-api", Protocol: "http" },
      {
        Kind: "http-route",
        Name: "public-api",
        Parents: [{ Kind: "api-gateway", Name: "public", SectionName: "http" }],
        Hostnames: ["api.example.com"],
        Rules: [
          { Matches: [{ Path: { Match: "prefix", Value: "/v1" } }], Services: [{ Name: "public-api" }] },
        ],
      },
    ]);
  });
});

describe("segments", async () => {
  const app = await loadExample("segments.ts");

  it("compile to deny-by-default service-intentions and a CNI network per environment", () => {
    const qa = synthesize(app, { env: "qa" });
    expect(qa.problems).toEqual([]);
    expect(qa.resources.map((r) => `${r.kind}:${r.name}`)).toEqual([
      "namespace:payments-qa",
      "cni-config:payments",
      "consul-config-entry:service-intentions-payments-api-qa",
      "consul-config-entry:service-intentions-ledger-db-qa",
      "consul-config-entry:service-intentions-web-qa",
    ]);
    // qa and prod share one Consul: their names (and so their intentions) carry the environment.
    const ledger = qa.resources.find((r) => r.name === "service-intentions-ledger-db-qa")?.payload;
    expect(ledger).toEqual({
      Kind: "service-intentions",
      Name: "ledger-db-qa",
      Sources: [
        { Name: "payments-api-qa", Action: "allow", Description: 'nomadkit: same segment "payments"' },
        { Name: "*", Action: "deny", Description: "nomadkit: not allowed by any segment" },
      ],
    });
    const notes = qa.resources.flatMap((r) => r.notes ?? []).join("\n");
    expect(notes).toContain("198.51.100.0/24 ports 443");
    expect(notes).toContain("don't enforce");
    const groups = (
      qa.jobs.find((j) => j.id === "payments")?.payload.Job as {
        TaskGroups: Array<{ Networks: Array<{ Mode: string }> }>;
      }
    ).TaskGroups;
    expect(groups.map((g) => g.Networks[0]?.Mode)).toEqual(["cni/payments", "cni/payments"]);
  });

  it("refuse members across environments, host-mode members and denied upstreams", () => {
    const mixed = new App();
    const qa = mixed.environment("qa", { values: {} });
    const prod = mixed.environment("prod", { values: {} });
    const service = (env: typeof qa, name: string, mode?: string, up?: Service) => {
      const g = new Group(new Job(env, name), name, mode ? { network: { mode } } : {});
      new Task(g, name, { driver: sleep() });
      return new Service(g, name, {
        port: new Port(g, "p"),
        connect: Sidecar.connectProxy(up ? { upstreams: [{ service: up, localBindPort: 9000 }] } : {}),
        checks: tcp,
      });
    };
    const db = service(prod, "db");
    const api = service(qa, "api", "host");
    const web = service(qa, "web", undefined, api);
    new Segment(qa, "core", { members: [api, db] });
    new Segment(qa, "edge", { members: [web], allow: [Allow.cidr("10.0.0.0/33")] });
    expect(messages(mixed)).toEqual(
      expect.arrayContaining([
        'env "qa" › segment "core": has member env "prod" › job "db" › group "db" › service "db", which crosses environments ("qa" → "prod"): a segment or ingress may only tie together services of its own environment',
        'env "qa" › job "api" › group "api": network mode is "host" but service "api" is in segment "core", which needs "bridge": set that mode or leave network.mode out',
        'env "qa" › segment "edge": allow: "10.0.0.0/33" is not a CIDR such as "10.0.0.0/8"',
        'env "qa" › job "web" › group "web" › service "web": upstream to env "qa" › job "api" › group "api" › service "api" is denied by the segments\' intentions: add Allow.service(…) or Allow.segment(…) to segment "edge"',
      ]),
    );
  });

  it("refuse an ingress to a service of another environment", () => {
    const mixed = new App();
    const prod = mixed.environment("prod", { values: {} });
    const g = new Group(new Job(prod, "web"), "web");
    new Task(g, "web", { driver: sleep() });
    const web = new Service(g, "web", { port: new Port(g, "http"), checks: tcp });
    new Ingress(mixed.environment("qa", { values: {} }), "web", {
      service: web,
      host: "qa.example.com",
      via: Ingress.fabio(),
    });
    expect(messages(mixed)).toContain(
      'env "qa" › ingress "web": routes to env "prod" › job "web" › group "web" › service "web", which crosses environments ("qa" → "prod"): a segment or ingress may only tie together services of its own environment',
    );
  });
});
