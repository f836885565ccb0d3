// A nightly batch report: runs at 02:30 UTC, never two at once.
import { App, Driver, Group, Job, Task } from "nomadkit";

const app = new App({ name: "reports" });
const job = new Job(app, "nightly-report", {
  datacenters: ["dc1"],
  type: "batch",
  periodic: { crons: ["30 2 * * *"], prohibitOverlap: true, timeZone: "UTC" },
});
const report = new Group(job, "report", {
  restart: { attempts: 2, delay: "30s", mode: "fail", interval: "10m" },
});

new Task(report, "generate", {
  driver: Driver.docker({
    image: "python:3.12-slim",
    command: "python3",
    args: ["-c", "print('report done')"],
  }),
  resources: { cpu: 500, memory: 512 },
  killTimeout: "30s",
});

export default app;
