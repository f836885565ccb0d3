// A training batch job that needs one NVIDIA GPU with at least 8 GiB of memory.
import { App, attr, Constraint, Driver, Group, Job, Task } from "nomadkit";

const app = new App({ name: "ml" });
const job = new Job(app, "train", { datacenters: ["dc1"], type: "batch" });
const train = new Group(job, "train", {
  constraints: [Constraint.setContainsAll(attr("driver.docker.runtimes"), ["nvidia"])],
});

new Task(train, "train", {
  driver: Driver.docker({ image: "nvcr.io/nvidia/pytorch:24.08-py3", command: "python", args: ["train.py"] }),
  resources: {
    cpu: 4000,
    memory: 16384,
    device: [
      {
        name: "nvidia/gpu",
        count: 1,
        constraint: [{ attribute: "${device.attr.memory}", operator: ">=", value: "8 GiB" }],
      },
    ],
  },
});

export default app;
