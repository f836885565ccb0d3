// nginx with a promtail sidecar that ships its logs from alloc/logs to Loki. nginx is
// the leader: when it stops, Nomad stops the sidecar too.
import { App, Check, Driver, Group, Job, Port, Service, Task } from "nomadkit";

const app = new App({ name: "frontend" });
const job = new Job(app, "frontend", { datacenters: ["dc1"] });
const web = new Group(job, "web", { count: 3 });
const http = new Port(web, "http", { to: 80 });

new Task(web, "nginx", {
  leader: true,
  driver: Driver.docker({ image: "nginx:1.27-alpine", ports: [http] }),
  logs: { maxFiles: 5, maxFileSize: 20 },
  resources: { cpu: 200, memory: 128 },
});

new Task(web, "promtail", {
  lifecycle: { hook: "poststart", sidecar: true },
  driver: Driver.docker({
    image: "grafana/promtail:3.1.1",
    args: ["-config.file=/local/promtail.yaml"],
  }),
  template: [
    {
      destination: "local/promtail.yaml",
      data: `server:
  http_listen_port: 9080
positions:
  filename: /alloc/data/positions.yaml
clients:
  - url: http://loki.service.consul:3100/loki/api/v1/push
scrape_configs:
  - job_name: nginx
    static_configs:
      - targets: [localhost]
        labels:
          job: nginx
          alloc: {{ env "NOMAD_ALLOC_ID" }}
          __path__: /alloc/logs/nginx.std*.*
`,
    },
  ],
  resources: { cpu: 50, memory: 64 },
});

new Service(web, "frontend", {
  port: http,
  provider: "nomad",
  checks: [Check.http({ path: "/", interval: "10s", timeout: "2s" })],
});

export default app;
