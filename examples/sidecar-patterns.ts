// The common sidecar patterns through the Sidecar helpers: a promtail log shipper
// reading alloc/logs (the main task becomes the leader), a prestart migration, a
// poststart cache warmer, and a Connect proxy with an upstream by Service object.
import { App, Check, Driver, Group, Job, Port, Service, Sidecar, Task } from "nomadkit";

const app = new App({ name: "orders" });
const job = new Job(app, "orders", { datacenters: ["dc1"] });

const dbGroup = new Group(job, "db", { network: { mode: "bridge" } });
const postgres = new Task(dbGroup, "postgres", { driver: Driver.docker({ image: "postgres:16" }) });
const db = new Service(dbGroup, "orders-db", {
  port: new Port(dbGroup, "pg", { to: 5432 }),
  connect: Sidecar.connectProxy(),
  checks: [
    Check.script({
      command: "pg_isready",
      args: ["-h", "127.0.0.1"],
      interval: "10s",
      timeout: "2s",
      task: postgres,
    }),
  ],
});

const api = new Group(job, "api", { count: 2, network: { mode: "bridge" } });
const http = new Port(api, "http", { to: 8080 });
const main = new Task(api, "api", {
  driver: Driver.docker({ image: "example/orders:1.4.0", ports: [http] }),
  env: { DATABASE_URL: "postgres://orders@127.0.0.1:5432/orders" },
  resources: { cpu: 300, memory: 256 },
});
Sidecar.logShipper(api, { main, config: { lokiUrl: "http://loki.service.consul:3100/loki/api/v1/push" } });
Sidecar.init(api, "migrate", {
  driver: Driver.docker({ image: "example/orders:1.4.0", args: ["migrate", "up"] }),
  resources: { cpu: 100, memory: 128 },
});
Sidecar.poststart(api, "warm-cache", {
  driver: Driver.docker({ image: "curlimages/curl:8.9.1", args: ["-sf", "http://127.0.0.1:8080/warm"] }),
  resources: { cpu: 50, memory: 32 },
});
new Service(api, "orders-api", {
  port: http,
  connect: Sidecar.connectProxy({
    upstreams: [{ service: db, localBindPort: 5432 }],
    sidecarTask: { resources: { cpu: 100, memory: 96 } },
  }),
  checks: [Check.http({ path: "/health", interval: "10s", timeout: "2s", expose: true })],
});

export default app;
