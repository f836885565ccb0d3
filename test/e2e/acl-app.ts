// One app with a node pool, a host volume, a Nomad Variable, an ACL policy and a job, for the ACL
// deploy test: the job reads a shared variable, so synth adds a policy for it.
import { App, Check, Driver, Group, HostVolume, Job, NodePool, Port, Secret, Service, Task } from "nomadkit";

const app = new App({ name: "e2e-acl" });
const pool = new NodePool(app, "e2e-pool", { description: "made by the nomadkit deploy test" });
const job = new Job(app, "acl-web", { datacenters: ["dc1"] });
const group = new Group(job, "web", { restart: { attempts: 0, mode: "fail" } });
const http = new Port(group, "http");
new Task(group, "server", {
  driver: Driver.rawExec({
    command: "python3",
    args: ["-m", "http.server", http.env, "--bind", "127.0.0.1"],
  }),
  env: { GREETING: Secret.fromNomadVariable("shared/e2e", "greeting") },
  resources: { cpu: 50, memory: 64 },
});
new Service(group, "acl-web", {
  provider: "nomad",
  port: http,
  checks: [Check.http({ path: "/", interval: "1s", timeout: "1s" })],
});
// A dynamic host volume made by Nomad's built-in "mkdir" plugin, which a dev agent has.
new HostVolume(app, "e2e-data", {
  pluginId: "mkdir",
  capabilities: [{ accessMode: "single-node-writer", attachmentMode: "file-system" }],
});
void pool;

export default app;
