// Apps for the isolation tests. NK_ISO_KIND=owned: one plain job (NK_ISO_JOB, default
// "owned") of app NK_ISO_APP, for ownership, --adopt and --prune. NK_ISO_KIND=platform: environment "qa" in its own Namespace,
// a node pool, and a job whose task reads a Nomad Variable (so synth adds an ACL policy).
import { App, Driver, Group, Job, Namespace, NodePool, Secret, Task, Update } from "nomadkit";

export default function isolationApp(): App {
  const app = new App({ name: process.env.NK_ISO_APP ?? "iso" });
  const quick = Update.rolling({ minHealthyTime: "1s", healthyDeadline: "20s", progressDeadline: "40s" });
  const sleep = Driver.rawExec({ command: "/bin/sleep", args: ["3600"] });
  if (process.env.NK_ISO_KIND === "platform") {
    const namespace = new Namespace(app, "nk-iso-qa", { description: "qa of the isolation test" });
    const pool = new NodePool(app, "iso-pool", { description: "made by the isolation test" });
    const qa = app.environment("qa", { namespace, datacenters: ["dc1"], values: {} });
    const job = new Job(qa, "iso-web");
    const group = new Group(job, "web", { update: quick, restart: { attempts: 0, mode: "fail" } });
    new Task(group, "server", {
      driver: sleep,
      env: { TOKEN: Secret.fromNomadVariable("shared/iso", "token") },
      resources: { cpu: 20, memory: 32 },
    });
    void pool;
    return app;
  }
  const job = new Job(app, process.env.NK_ISO_JOB ?? "owned", { datacenters: ["dc1"] });
  const group = new Group(job, "work", { update: quick, restart: { attempts: 0, mode: "fail" } });
  new Task(group, "sleep", { driver: sleep, resources: { cpu: 20, memory: 32 } });
  return app;
}
