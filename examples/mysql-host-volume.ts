// MySQL keeping its data on a host volume the client config declares as "mysql-data".
import {
  App,
  attr,
  Check,
  Constraint,
  Driver,
  Group,
  Job,
  Port,
  Secret,
  Service,
  Task,
  Volume,
} from "nomadkit";

const app = new App({ name: "db" });
const job = new Job(app, "mysql", {
  datacenters: ["dc1"],
  constraints: [Constraint.equals(attr("kernel.name"), "linux")],
});
const db = new Group(job, "db", { count: 1, network: { mode: "bridge" } });
const mysqlPort = new Port(db, "mysql", { static: 3306, to: 3306 });
const data = new Volume(db, "data", { type: "host", source: "mysql-data", readOnly: false });

new Task(db, "mysql", {
  driver: Driver.docker({ image: "mysql:8.4", ports: [mysqlPort] }),
  volumeMounts: [{ volume: data, destination: "/var/lib/mysql" }],
  // The root password comes from a Nomad Variable at run time; it is never in the job.
  env: { MYSQL_ROOT_PASSWORD: Secret.fromNomadVariable("nomad/jobs/mysql", "root_password") },
  resources: { cpu: 1000, memory: 1024 },
});

new Service(db, "mysql", {
  provider: "nomad",
  port: mysqlPort,
  checks: [Check.tcp({ interval: "10s", timeout: "2s" })],
});

export default app;
