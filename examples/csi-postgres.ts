// Postgres on declared volumes: one EBS-backed CSI volume per allocation, created from
// code (capacity, modes, topology, plugin secrets by reference), and a dynamic host
// volume for a scratch cache on the SSD pool.
import {
  App,
  Check,
  CsiVolume,
  Driver,
  Group,
  HostVolume,
  Job,
  NodePool,
  Port,
  Secret,
  Service,
  Task,
  Volume,
} from "nomadkit";

const app = new App({ name: "pg" });
const ssd = new NodePool(app, "ssd", { description: "Nodes with local SSDs" });

const pgData = new CsiVolume(app, "pg-data", {
  pluginId: "aws-ebs0",
  capacityMin: "20GiB",
  capacityMax: "50GiB",
  capabilities: [{ accessMode: "single-node-writer", attachmentMode: "file-system" }],
  mountOptions: { fsType: "ext4", mountFlags: ["noatime"] },
  topology: { required: [{ "topology.ebs.csi.aws.com/zone": "eu-west-1a" }] },
  parameters: { type: "gp3" },
  secrets: { kmsKeyId: Secret.fromVault("kv/storage/ebs", "kms_key_id") },
  perAlloc: { copies: 2 },
});

const cache = new HostVolume(app, "pg-cache", {
  pluginId: "mkdir",
  nodePool: ssd,
  capacityMin: "1GiB",
  capabilities: [{ accessMode: "single-node-writer", attachmentMode: "file-system" }],
  parameters: { mode: "0700" },
});

const job = new Job(app, "postgres", { datacenters: ["dc1"], nodePool: ssd });
const db = new Group(job, "db", { count: 2, network: { mode: "bridge" } });
const pgPort = new Port(db, "pg", { to: 5432 });
const data = new Volume(db, "data", {
  source: pgData,
  accessMode: "single-node-writer",
  attachmentMode: "file-system",
  perAlloc: true,
});
const scratch = new Volume(db, "cache", { source: cache, accessMode: "single-node-writer" });

new Task(db, "postgres", {
  driver: Driver.docker({ image: "postgres:16", ports: [pgPort] }),
  volumeMounts: [
    { volume: data, destination: "/var/lib/postgresql/data" },
    { volume: scratch, destination: "/cache" },
  ],
  env: { POSTGRES_PASSWORD: Secret.fromNomadVariable("nomad/jobs/postgres", "password") },
  resources: { cpu: 1000, memory: 2048 },
});

new Service(db, "postgres", {
  provider: "nomad",
  port: pgPort,
  checks: [Check.tcp({ interval: "10s", timeout: "2s" })],
});

export default app;
