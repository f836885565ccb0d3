// A Nomad cluster on AWS: 3 servers, a general pool and a gpu pool. The pools are the same
// NodePool objects the jobs name, so "this job needs a GPU" and "these machines have GPUs"
// are one fact. `nomadkit cluster plan examples/cluster-aws.ts` shows what apply would make.
import { AwsCluster } from "@nomadkit/provisioners";
import { App, Capability, Driver, Group, Job, NodePool, Task } from "nomadkit";

export const app = new App({ name: "ml" });
export const hasGpu = Capability.of("has-gpu", "true");
export const general = new NodePool(app, "general", { capabilities: [Capability.diskType("ssd")] });
export const gpu = new NodePool(app, "gpu", { capabilities: [hasGpu] });

// A job that must land on GPU machines: the constraint is the pool's own capability.
const train = new Job(app, "train", { datacenters: ["*"], type: "batch", nodePool: gpu, requires: [hasGpu] });
new Task(new Group(train, "train"), "train", {
  driver: Driver.rawExec({ command: "/bin/sh", args: ["-c", "echo training; sleep 5"] }),
});

export default new AwsCluster({
  name: "ml",
  region: "eu-west-1",
  nomad: { version: "1.11.3" },
  imageId: "ami-0123456789abcdef0", // a Debian or Ubuntu image with curl and unzip
  iamInstanceProfile: "nomad-node", // its role allows ec2:DescribeInstances (auto-join)
  // Agents reach the EC2 API the provisioner uses (unset on AWS itself).
  joinEndpoint: process.env.AWS_ENDPOINT_URL_EC2 ?? process.env.AWS_ENDPOINT_URL,
  servers: { count: 3, instanceType: "t3.small" },
  pools: [
    {
      pool: general,
      instanceType: ["m6i.large", "m5.large"],
      min: 2,
      max: 10,
      desired: 2,
      spot: { onDemandBase: 1 },
    },
    {
      pool: gpu,
      instanceType: "g5.xlarge",
      min: 1,
      max: 4,
      // `nomadkit autoscale examples/cluster-aws.ts` grows it for queued GPU work and removes
      // idle nodes one at a time; apply leaves the size it chose alone.
      autoscaling: {
        checks: [{ kind: "pending-work" }],
        cooldown: { down: "10m" },
        disruption: [{ nodes: 1 }],
        drain: { deadline: "30m" },
      },
    },
  ],
  agent: { acl: true, prometheus: true },
});
