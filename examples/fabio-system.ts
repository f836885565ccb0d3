// fabio as a system job: one load balancer on every client node, on fixed ports.
import { App, Check, Driver, Group, Job, Port, Service, Task } from "nomadkit";

const app = new App({ name: "edge" });
const job = new Job(app, "fabio", { datacenters: ["dc1"], type: "system" });
const lb = new Group(job, "fabio");
const proxy = new Port(lb, "lb", { static: 9999 });
const ui = new Port(lb, "ui", { static: 9998 });

new Task(lb, "fabio", {
  driver: Driver.docker({ image: "fabiolb/fabio:1.6.4", networkMode: "host", ports: [proxy, ui] }),
  env: { registry_consul_addr: "127.0.0.1:8500" },
  resources: { cpu: 200, memory: 128 },
});

new Service(lb, "fabio-ui", {
  port: ui,
  checks: [Check.http({ path: "/health", interval: "10s", timeout: "2s" })],
});

export default app;
