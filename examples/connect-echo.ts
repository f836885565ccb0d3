// Two http-echo instances behind Consul Connect, and an nginx ingress group that
// reaches them through a sidecar upstream on localhost:8080.
import { App, Check, Driver, Group, Job, Port, Service, Task } from "nomadkit";

const app = new App({ name: "echo" });
const job = new Job(app, "echo", { datacenters: ["dc1"] });

const api = new Group(job, "api", { count: 2, network: { mode: "bridge" } });
const apiHttp = new Port(api, "http", { to: 5678 });
new Task(api, "echo", {
  driver: Driver.docker({
    image: "hashicorp/http-echo:1.0",
    args: ["-listen", ":5678", "-text", "hello from nomadkit"],
  }),
  resources: { cpu: 100, memory: 64 },
});
const echoService = new Service(api, "echo-api", {
  port: apiHttp,
  connect: { sidecarService: {} },
  checks: [Check.http({ path: "/", interval: "10s", timeout: "2s", expose: true })],
});

const ingress = new Group(job, "ingress", { count: 1, network: { mode: "bridge" } });
const web = new Port(ingress, "web", { static: 8080, to: 80 });
new Task(ingress, "nginx", {
  driver: Driver.docker({
    image: "nginx:1.27-alpine",
    ports: [web],
    volumes: ["local/default.conf:/etc/nginx/conf.d/default.conf"],
  }),
  template: [
    {
      destination: "local/default.conf",
      data: "server {\n  listen 80;\n  location / { proxy_pass http://127.0.0.1:8080; }\n}\n",
    },
  ],
});
new Service(ingress, "echo-ingress", {
  port: web,
  connect: {
    sidecarService: { proxy: { upstreams: [{ destination: echoService, localBindPort: 8080 }] } },
  },
  checks: [Check.http({ path: "/", interval: "10s", timeout: "2s", expose: true })],
});

export default app;
