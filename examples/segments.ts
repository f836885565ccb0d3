// Network segments per environment: in each of qa and prod, the payments services reach
// each other, the ledger database only from payments, the web tier only the payments
// API, and payments may call the card processor outside the mesh. Compiles to Consul
// service-intentions (deny by default) and a CNI network for the payments pool.
import {
  Allow,
  App,
  Check,
  Driver,
  Group,
  Job,
  NodePool,
  Port,
  Segment,
  Service,
  Sidecar,
  Task,
} from "nomadkit";

const app = new App({ name: "payments" });
// Connect services take http/grpc checks exposed through the sidecar, or script checks.
const http = [Check.http({ path: "/health", interval: "10s", timeout: "2s", expose: true })];

for (const [name, namespace] of [
  ["qa", "payments-qa"],
  ["prod", "payments-prod"],
] as const) {
  const env = app.environment(name, { namespace, datacenters: ["dc1"], values: {} });
  const pool = NodePool.existing(env, `payments-${name}`);

  const payments = new Job(env, "payments", { nodePool: pool });
  const ledgerGroup = new Group(payments, "ledger");
  const postgres = new Task(ledgerGroup, "postgres", { driver: Driver.docker({ image: "postgres:16" }) });
  const ledger = new Service(ledgerGroup, "ledger-db", {
    port: new Port(ledgerGroup, "pg", { to: 5432 }),
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
  const apiGroup = new Group(payments, "api", { count: 2 });
  new Task(apiGroup, "api", { driver: Driver.docker({ image: "example/payments:5.2" }) });
  const paymentsApi = new Service(apiGroup, "payments-api", {
    port: new Port(apiGroup, "http", { to: 8080 }),
    connect: Sidecar.connectProxy({ upstreams: [{ service: ledger, localBindPort: 5432 }] }),
    checks: http,
  });

  const webJob = new Job(env, "web");
  const webGroup = new Group(webJob, "web", { count: 2, network: { mode: "bridge" } });
  new Task(webGroup, "web", { driver: Driver.docker({ image: "example/web:9.0" }) });
  const web = new Service(webGroup, "web", {
    port: new Port(webGroup, "http", { to: 3000 }),
    connect: Sidecar.connectProxy({ upstreams: [{ service: paymentsApi, localBindPort: 8080 }] }),
    checks: http,
  });

  new Segment(env, "payments", {
    members: [paymentsApi, ledger],
    allow: [Allow.cidr("198.51.100.0/24", [443])],
    cni: { subnet: name === "qa" ? "10.42.0.0/24" : "10.43.0.0/24", nodePools: [pool] },
  });
  new Segment(env, "frontend", { members: [web], allow: [Allow.service(paymentsApi)] });
}

export default app;
