// One service set, two environments. qa and prod differ only where their typed values
// say: counts, datacenters, node pool, domain and sizes. The database password comes
// from Vault (prod) or a Nomad Variable (qa) at run time and is never in the job.
import {
  App,
  Capability,
  Check,
  Driver,
  type Environment,
  Group,
  Job,
  NodePool,
  Port,
  Secret,
  Service,
  Task,
} from "nomadkit";

interface ShopSettings {
  webCount: number;
  apiCount: number;
  domain: string;
  apiMemory: number;
  dbPassword: Secret;
}

const app = new App({ name: "shop" });
const ssd = new NodePool(app, "ssd", {
  description: "Nodes with local NVMe/SSD disks for databases",
  schedulerConfig: { schedulerAlgorithm: "spread" },
  capabilities: [Capability.diskType("ssd")],
});

const environments: Environment<ShopSettings>[] = [
  app.environment("qa", {
    namespace: "qa",
    datacenters: ["qa-dc1"],
    values: {
      webCount: 1,
      apiCount: 1,
      domain: "shop.qa.internal",
      apiMemory: 256,
      dbPassword: Secret.fromNomadVariable("nomad/jobs/shop-db", "password"),
    },
  }),
  app.environment("prod", {
    namespace: "prod",
    datacenters: ["eu-west-1a", "eu-west-1b"],
    values: {
      webCount: 4,
      apiCount: 3,
      domain: "shop.example.com",
      apiMemory: 1024,
      dbPassword: Secret.fromVault("secret/data/shop/db", "password"),
    },
  }),
];

for (const env of environments) {
  const { values } = env;

  const data = new Job(env, "shop-db", { nodePool: ssd, requires: [Capability.diskType("ssd")] });
  const db = new Group(data, "db", { network: { mode: "bridge" } });
  const pg = new Port(db, "pg", { to: 5432 });
  const postgres = new Task(db, "postgres", {
    driver: Driver.docker({ image: "postgres:16", ports: [pg] }),
    env: { POSTGRES_PASSWORD: values.dbPassword },
    resources: { cpu: 1000, memory: 2048 },
  });
  const dbService = new Service(db, "shop-db", {
    port: pg,
    connect: { sidecarService: {} },
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

  const shop = new Job(env, "shop", {});
  const api = new Group(shop, "api", { count: values.apiCount, network: { mode: "bridge" } });
  const http = new Port(api, "http", { to: 8080 });
  new Task(api, "api", {
    driver: Driver.docker({ image: "ghcr.io/acme/shop-api:3.2.1", ports: [http] }),
    env: { DATABASE_URL: "postgres://shop@127.0.0.1:5432/shop", DATABASE_PASSWORD: values.dbPassword },
    resources: { cpu: 500, memory: values.apiMemory },
  });
  new Service(api, "shop-api", {
    port: http,
    tags: [`host=${values.domain}`],
    connect: { sidecarService: { proxy: { upstreams: [{ destination: dbService, localBindPort: 5432 }] } } },
    checks: [Check.http({ path: "/healthz", interval: "10s", timeout: "2s", expose: true })],
  });

  const web = new Group(shop, "web", { count: values.webCount, network: { mode: "bridge" } });
  const site = new Port(web, "site", { to: 3000 });
  new Task(web, "web", {
    driver: Driver.docker({ image: "ghcr.io/acme/shop-web:3.2.1", ports: [site] }),
    env: { PUBLIC_URL: `https://${values.domain}` },
    resources: { cpu: 200, memory: 256 },
  });
  new Service(web, "shop-web", {
    port: site,
    checks: [Check.http({ path: "/", interval: "10s", timeout: "2s" })],
  });
}

export default app;
