// One job per NK_E2E_KIND, for the deploy watcher's tests: job types that get no
// evaluation (periodic, parameterized) and jobs no node can take (a service and a
// system job constrained to an OS no agent runs).
import { App, attr, Constraint, Driver, Group, Job, Task } from "nomadkit";

type Kind = "periodic" | "parameterized" | "unplaceable-service" | "unplaceable-system";

export default function jobTypesApp(): App {
  const kind = (process.env.NK_E2E_KIND ?? "periodic") as Kind;
  const app = new App({ name: "e2e-types" });
  const nowhere = [Constraint.equals(attr("kernel.name"), "plan9")];
  const job = new Job(app, kind, {
    datacenters: ["dc1"],
    ...(kind === "periodic" ? { type: "batch", periodic: { crons: ["0 3 * * *"], timeZone: "UTC" } } : {}),
    ...(kind === "parameterized" ? { type: "batch", parameterized: { payload: "optional" } } : {}),
    ...(kind === "unplaceable-service" ? { type: "service", constraints: nowhere } : {}),
    ...(kind === "unplaceable-system" ? { type: "system", constraints: nowhere } : {}),
  });
  const group = new Group(job, "work", {
    count: kind === "unplaceable-service" ? 2 : 1,
    restart: { attempts: 0, mode: "fail" },
  });
  new Task(group, "run", {
    driver: Driver.rawExec({ command: "/bin/sh", args: ["-c", "sleep 300"] }),
    resources: { cpu: 20, memory: 32 },
    killTimeout: "1s",
  });
  return app;
}
