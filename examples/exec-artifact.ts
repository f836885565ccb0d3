// An exec task that downloads a release tarball, checked against its SHA-256, and runs it.
import { App, Driver, Group, Job, Task } from "nomadkit";

const app = new App({ name: "tools" });
const job = new Job(app, "node-exporter", { datacenters: ["dc1"], type: "system" });
const exporter = new Group(job, "exporter");

new Task(exporter, "node-exporter", {
  driver: Driver.exec({
    command: "local/node_exporter-1.8.2.linux-amd64/node_exporter",
    args: ["--web.listen-address=:9100"],
  }),
  artifact: [
    {
      source:
        "https://github.com/prometheus/node_exporter/releases/download/v1.8.2/node_exporter-1.8.2.linux-amd64.tar.gz",
      destination: "local",
      options: { checksum: "sha256:6809dd0b3ec45fd6e992c19071d6b5253aed3ead7bf0686885a51d85c6643c66" },
    },
  ],
  resources: { cpu: 100, memory: 64 },
});

export default app;
