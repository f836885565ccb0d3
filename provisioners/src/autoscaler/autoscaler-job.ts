// The autoscaler as a Nomad job on the cluster it scales, with the ACL policy its workload
// identity needs and nothing more. It reaches Nomad through the task API socket with its
// workload identity (no token to hand out or rotate), and two instances share a Variable
// lock, so losing the node one of them runs on (even to its own scale-in) hands over.
import {
  type App,
  Check,
  Driver,
  type Environment,
  Group,
  Job,
  kindBody,
  type NodePool,
  Port,
  Service,
  Task,
  type TaskDriver,
} from "nomadkit";
import type { AclPolicy } from "nomadkit/api";
import { file, print } from "nomadkit/hcl";

export interface AutoscalerJobProps {
  /** Default "nomadkit-autoscaler". */
  readonly id?: string;
  /** The cluster file (cluster.ts) as the task sees it, e.g. "local/cluster.ts". */
  readonly clusterFile: string;
  /** A container image with the nomadkit CLI; without one, `nomadkit` on the node's PATH runs under exec. */
  readonly image?: string;
  /** Default 2: one leads, the other waits on the lock. */
  readonly count?: number;
  /** The job's namespace, where the lock variable lives too. Default "default". */
  readonly namespace?: string;
  /** The lock variable's path. Default "nomadkit/autoscaler/leader". */
  readonly lockPath?: string;
  readonly datacenters?: readonly string[];
  /** Where the autoscaler itself runs: best a pool it doesn't scale in. */
  readonly nodePool?: NodePool;
  readonly resources?: { readonly cpu?: number; readonly memory?: number };
}

export interface AutoscalerJob {
  readonly job: Job;
  /** `PUT /v1/acl/policy/<Name>`: bound to the task's workload identity through JobACL. */
  readonly policy: Pick<AclPolicy, "Name" | "Description" | "Rules" | "JobACL">;
}

export const DEFAULT_LOCK_PATH = "nomadkit/autoscaler/leader";
const GROUP = "autoscaler";
const TASK = "autoscaler";

export function autoscalerJob(scope: App | Environment<unknown>, props: AutoscalerJobProps): AutoscalerJob {
  const id = props.id ?? "nomadkit-autoscaler";
  const namespace = props.namespace ?? "default";
  const lockPath = props.lockPath ?? DEFAULT_LOCK_PATH;

  const job = new Job(scope, id, {
    type: "service",
    ...(props.namespace ? { namespace: props.namespace } : {}),
    ...(props.datacenters ? { datacenters: [...props.datacenters] } : {}),
    ...(props.nodePool ? { nodePool: props.nodePool } : {}),
    meta: { "nomadkit.role": "autoscaler" },
  });
  const group = new Group(job, GROUP, { count: props.count ?? 2 });
  const http = new Port(group, "http");
  const args = ["autoscale", props.clusterFile, "--listen", `0.0.0.0:${http.env}`, "--lock", lockPath];
  const driver: TaskDriver = props.image
    ? Driver.docker({ image: props.image, args, ports: [http] })
    : Driver.exec({ command: "nomadkit", args });
  new Task(group, TASK, {
    driver,
    resources: { cpu: props.resources?.cpu ?? 200, memory: props.resources?.memory ?? 256 },
    // The default workload identity as NOMAD_TOKEN; the task API socket takes it in place of
    // an ACL token, and the policy below is bound to it.
    identity: [{ env: true }],
    env: { NOMAD_ADDR: "unix://${NOMAD_SECRETS_DIR}/api.sock" },
    killTimeout: "30s",
  });
  new Service(group, id, {
    provider: "nomad",
    port: http,
    checks: [Check.http({ path: "/healthz", interval: "10s", timeout: "2s" })],
  });

  return {
    job,
    policy: {
      Name: `${id}-${namespace}`.replace(/[^A-Za-z0-9-]/g, "-").slice(0, 128),
      Description: `What the nomadkit autoscaler (job "${id}") reads and changes (written by nomadkit).`,
      Rules: autoscalerPolicyRules(namespace, lockPath),
      JobACL: { Namespace: namespace, JobID: id, Group: GROUP, Task: TASK },
    },
  };
}

/**
 * The policy's rules, as HCL: node write (drain, eligibility, purge; list with resources),
 * read-job in every namespace (jobs of pending work, allocations, evaluations), and read and
 * write on the lock variable only.
 */
export function autoscalerPolicyRules(namespace: string, lockPath: string): string {
  const readJobs = ["list-jobs", "read-job"];
  return print(
    file(
      kindBody("aclPolicy", {
        namespace: {
          "*": { capabilities: readJobs },
          // An exact namespace rule wins over "*", so it repeats the job capabilities.
          [namespace]: {
            capabilities: readJobs,
            variables: { path: { [lockPath]: { capabilities: ["read", "write"] } } },
          },
        },
        node: { policy: "write" },
      }),
    ),
  );
}
