// Redis on a bridge network: a static host port mapped into the container, and a TCP
// health check on it, registered in Nomad's own service catalog.
import { App, Check, Driver, Group, Job, Port, Service, Task } from "nomadkit";

const app = new App({ name: "cache" });
const job = new Job(app, "redis", { datacenters: ["dc1"], type: "service" });
const cache = new Group(job, "cache", { count: 1, network: { mode: "bridge" } });
const db = new Port(cache, "db", { static: 6379, to: 6379 });

new Task(cache, "redis", {
  driver: Driver.docker({ image: "redis:7.4-alpine", ports: [db], args: ["--appendonly", "yes"] }),
  resources: { cpu: 500, memory: 256 },
});

new Service(cache, "redis", {
  provider: "nomad",
  port: db,
  checks: [Check.tcp({ name: "redis-alive", interval: "10s", timeout: "2s" })],
});

export default app;
