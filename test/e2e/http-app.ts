// A raw_exec HTTP service with a Nomad-provider HTTP check, for the deploy tests.
// NK_E2E_CHECK_PATH picks the path the check probes ("/missing" makes it fail);
// NK_E2E_RELEASE changes the job so each deploy is a new version; NK_E2E_CANARY=1
// rolls it out with one canary.
import { App, Check, Driver, Group, Job, Port, Service, Task, Update } from "nomadkit";

// A function, so each load reads the environment afresh (the latency bench loads it repeatedly).
export default function httpApp(): App {
  const app = new App({ name: "e2e" });
  const job = new Job(app, process.env.NK_E2E_JOB ?? "web", {
    datacenters: ["dc1"],
    meta: { release: process.env.NK_E2E_RELEASE ?? "1" },
  });
  const group = new Group(job, "web", {
    count: 1,
    update:
      process.env.NK_E2E_CANARY === "1"
        ? Update.canary(1, { minHealthyTime: "1s", healthyDeadline: "15s", progressDeadline: "30s" })
        : Update.rolling({ minHealthyTime: "1s", healthyDeadline: "15s", progressDeadline: "30s" }),
    restart: { attempts: 0, mode: "fail" },
    reschedule: { attempts: 0, unlimited: false },
  });
  const http = new Port(group, "http");
  new Task(group, "server", {
    driver: Driver.rawExec({
      command: "python3",
      args: ["-m", "http.server", http.env, "--bind", "127.0.0.1"],
    }),
    resources: { cpu: 50, memory: 64 },
    killTimeout: "1s",
  });
  new Service(group, "web", {
    provider: "nomad",
    port: http,
    checks: [Check.http({ path: process.env.NK_E2E_CHECK_PATH ?? "/", interval: "1s", timeout: "1s" })],
  });
  return app;
}
