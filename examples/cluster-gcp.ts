// A Nomad cluster on GCP: 3 servers, a general pool and a gpu pool, as instance templates and
// regional managed instance groups. The pools are the same NodePool objects the jobs name.
// `nomadkit cluster plan examples/cluster-gcp.ts` (GOOGLE_CLOUD_PROJECT names the project).
import { GcpCluster } from "@nomadkit/provisioners";
import { App, Capability, NodePool } from "nomadkit";

export const app = new App({ name: "ml" });
export const hasGpu = Capability.of("has-gpu", "true");
export const general = new NodePool(app, "general", { capabilities: [Capability.diskType("ssd")] });
export const gpu = new NodePool(app, "gpu", { capabilities: [hasGpu] });

export default new GcpCluster({
  name: "ml",
  project: process.env.GOOGLE_CLOUD_PROJECT ?? "my-project",
  region: "europe-west1",
  nomad: { version: "1.11.3" },
  image: "projects/debian-cloud/global/images/family/debian-12",
  // Its role allows compute.instances.list (auto-join).
  serviceAccount: "nomad-node@my-project.iam.gserviceaccount.com",
  servers: { count: 3, machineType: "e2-small" },
  pools: [
    // Starts at 2; an autoscaler may move it within 2 … 6, and apply leaves its choice alone.
    { pool: general, machineType: "n2-standard-2", min: 2, max: 6 },
    {
      pool: gpu,
      machineType: "g2-standard-4",
      min: 0,
      max: 2,
      // Pinned: apply sets the group back to 1 whatever changed it.
      desired: 1,
      image: "projects/deeplearning-platform-release/global/images/family/common-cu124-debian-11",
    },
  ],
  agent: { acl: true, prometheus: true },
});
