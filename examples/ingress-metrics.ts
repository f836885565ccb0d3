// Ingress without Kubernetes: the storefront is routed by Traefik (Host + PathPrefix
// rule), the legacy admin by fabio (urlprefix-), and the public API through a Consul API
// gateway (api-gateway + http-route config entries). Each service's metrics endpoint
// becomes the tags and meta Prometheus service discovery reads.
import { App, Check, Driver, Group, Ingress, Job, Port, Service, Sidecar, Task } from "nomadkit";

const app = new App({ name: "storefront" });
const job = new Job(app, "storefront", { datacenters: ["dc1"] });

const web = new Group(job, "web", { count: 3 });
const http = new Port(web, "http", { to: 3000 });
new Task(web, "web", { driver: Driver.docker({ image: "example/storefront:2.0", ports: [http] }) });
const storefront = new Service(web, "storefront", {
  port: http,
  checks: [Check.http({ path: "/ready", interval: "10s", timeout: "2s" })],
  metrics: { path: "/metrics" },
});

const admin = new Group(job, "admin");
const adminHttp = new Port(admin, "http", { to: 8000 });
const adminMetrics = new Port(admin, "metrics", { to: 9100 });
new Task(admin, "admin", {
  driver: Driver.docker({ image: "example/admin:1.0", ports: [adminHttp, adminMetrics] }),
});
const adminService = new Service(admin, "admin", {
  port: adminHttp,
  checks: [Check.http({ path: "/", interval: "10s", timeout: "2s" })],
  metrics: { port: adminMetrics },
});

const apiGroup = new Group(job, "api", { count: 2, network: { mode: "bridge" } });
const apiHttp = new Port(apiGroup, "http", { to: 8080 });
new Task(apiGroup, "api", { driver: Driver.docker({ image: "example/api:3.1", ports: [apiHttp] }) });
const api = new Service(apiGroup, "public-api", {
  port: apiHttp,
  connect: Sidecar.connectProxy(),
  checks: [Check.http({ path: "/health", interval: "10s", timeout: "2s", expose: true })],
});

new Ingress(app, "shop", {
  service: storefront,
  host: "shop.example.com",
  via: Ingress.traefik({ entrypoints: ["websecure"], certResolver: "letsencrypt" }),
});
new Ingress(app, "admin", {
  service: adminService,
  host: "admin.example.com",
  path: "/console",
  via: Ingress.fabio({ options: ["strip=/console"] }),
});
new Ingress(app, "public-api", {
  service: api,
  host: "api.example.com",
  path: "/v1",
  via: Ingress.apiGateway({ gateway: "public", port: 8443 }),
});

export default app;
