// The autoscaler for one cluster.ts: its pools' policies (written next to each NodePool, or
// read from nomad-autoscaler policy files), the shape of each pool's machines from the cloud
// (so a pool can grow from zero), and the cloud's node groups. The autoscaler itself knows no
// cloud; this file is where AWS or GCP is chosen.
import { readFileSync } from "node:fs";
import type { NomadClient } from "nomadkit/api";
import { clientMeta } from "../agent/agent-config.js";
import {
  Autoscaler,
  type Clock,
  type DecisionEvent,
  formatPolicyProblem,
  type PoolSpec,
  policiesByPool,
  readPolicyFile,
  resolvePolicy,
} from "../autoscaler/index.js";
import { nomadPort } from "../autoscaler/nomad-port.js";
import { awsClients } from "../aws/clients.js";
import { awsInstanceShapes } from "../aws/instance-shapes.js";
import { awsNodeGroups } from "../aws/node-groups.js";
import type { CallCounter } from "../cloud/call-counter.js";
import type { InstanceShape } from "../cloud/instance-shape.js";
import type { NodeGroups } from "../cloud/node-groups.js";
import type { ScalingPolicy } from "../cloud/scaling-policy.js";
import { gcpClients } from "../gcp/clients.js";
import { gcpMachineShapes } from "../gcp/machine-shapes.js";
import { gcpNodeGroups } from "../gcp/node-groups.js";
import type { AnyCluster } from "./cluster-ops.js";
import { UserError } from "./load-cluster.js";

export interface ClusterAutoscalerOptions {
  readonly nomad: NomadClient;
  /** nomad-autoscaler cluster policy files; a pool may have a policy here or in cluster.ts, not both. */
  readonly policyFiles?: readonly string[];
  readonly id?: string;
  readonly dryRun?: boolean;
  readonly clock?: Clock;
  readonly log?: (event: DecisionEvent) => void;
  /** Node groups to use instead of the cluster's cloud ones (tests wrap them to count calls). */
  readonly groups?: NodeGroups;
}

export interface ClusterAutoscaler {
  readonly autoscaler: Autoscaler;
  readonly groups: NodeGroups;
  readonly pools: readonly PoolSpec[];
  /** The shortest evaluation interval of any pool: how often the runner looks. */
  readonly intervalMs: number;
  /** Pools left alone because nothing gives them a policy. */
  readonly unmanaged: readonly string[];
  /** What works less well than it could, for the log. */
  readonly warnings: readonly string[];
  readonly cloudCalls: CallCounter;
}

interface CloudSide {
  readonly groups: NodeGroups;
  readonly calls: CallCounter;
  readonly shapes: (types: readonly string[]) => Promise<Map<string, InstanceShape>>;
}

function cloudSide(cluster: AnyCluster): CloudSide {
  if (cluster.cloud === "aws") {
    const aws = awsClients({ region: cluster.props.region });
    return {
      groups: awsNodeGroups(aws, cluster),
      calls: aws.calls,
      shapes: (types) => awsInstanceShapes(aws, types),
    };
  }
  const gcp = gcpClients();
  return {
    groups: gcpNodeGroups(gcp, cluster),
    calls: gcp.calls,
    shapes: (types) => gcpMachineShapes(gcp, cluster.props.project, cluster.props.region, types),
  };
}

/** What each pool runs on and carries, whichever cloud the cluster is on. */
function poolFacts(cluster: AnyCluster) {
  const datacenter = cluster.props.datacenter ?? cluster.props.region ?? "dc1";
  const pools =
    cluster.cloud === "aws"
      ? cluster.props.pools.map((p) => ({
          props: p,
          type: typeof p.instanceType === "string" ? p.instanceType : (p.instanceType[0] ?? ""),
        }))
      : cluster.props.pools.map((p) => ({ props: p, type: p.machineType }));
  return pools.map(({ props, type }) => ({
    name: props.pool.name,
    min: props.min,
    max: props.max,
    policy: props.autoscaling,
    type,
    datacenter,
    nodeClass: props.nodeClass,
    meta: clientMeta(props.pool, props.meta),
  }));
}

export async function clusterAutoscaler(
  cluster: AnyCluster,
  options: ClusterAutoscalerOptions,
): Promise<ClusterAutoscaler> {
  const cloud = cloudSide(cluster);
  const groups = options.groups ?? cloud.groups;
  const facts = poolFacts(cluster);
  const fromFiles = await filePolicies(options.policyFiles ?? [], groups);

  const problems: string[] = [];
  const policies = new Map<string, ScalingPolicy>();
  for (const f of facts) {
    const fromFile = fromFiles.get(f.name);
    if (f.policy && fromFile)
      problems.push(`pool "${f.name}" has a policy in the cluster file and in a policy file: keep one`);
    const policy = f.policy ?? fromFile;
    if (policy) policies.set(f.name, policy);
  }
  for (const name of fromFiles.keys())
    if (!facts.some((f) => f.name === name))
      problems.push(`a policy file scales pool "${name}", which cluster "${cluster.name}" doesn't have`);
  if (problems.length > 0) throw new UserError(problems.join("\n"));
  const managed = facts.filter((f) => policies.has(f.name));
  if (managed.length === 0)
    throw new UserError(
      `no pool of cluster "${cluster.name}" has a scaling policy: give a pool \`autoscaling: { … }\` or pass --policy <file>`,
    );

  // A pool's machine shape lets it grow from zero; without it the pool learns from its nodes.
  const warnings: string[] = [];
  let shapes = new Map<string, InstanceShape>();
  try {
    shapes = await cloud.shapes(managed.map((f) => f.type));
  } catch (error) {
    warnings.push(
      `could not read the pools' machine shapes, so an empty pool can't grow until it has a node: ${(error as Error).message}`,
    );
  }
  const pools: PoolSpec[] = managed.map((f) => {
    const shape = shapes.get(f.type);
    return {
      name: f.name,
      min: f.min,
      max: f.max,
      policy: policies.get(f.name),
      meta: f.meta,
      ...(shape
        ? {
            shape: {
              name: shape.name,
              datacenter: f.datacenter,
              nodeClass: f.nodeClass,
              meta: f.meta,
              capacity: { cpuMhz: shape.cpuMhz, memoryMb: shape.memoryMb },
              devices: shape.devices,
            },
          }
        : {}),
    };
  });

  const intervals = pools.map((p) => {
    const r = resolvePolicy(p);
    return r.ok ? r.policy.evaluationIntervalMs : Number.POSITIVE_INFINITY;
  });
  const autoscaler = new Autoscaler({
    nomad: nomadPort(options.nomad),
    groups,
    pools,
    ...(options.id ? { id: options.id } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    autoscaler,
    groups,
    pools,
    intervalMs: Math.min(...intervals),
    unmanaged: facts.filter((f) => !policies.has(f.name)).map((f) => f.name),
    warnings,
    cloudCalls: cloud.calls,
  };
}

async function filePolicies(
  files: readonly string[],
  groups: NodeGroups,
): Promise<Map<string, ScalingPolicy>> {
  if (files.length === 0) return new Map();
  const entries = [];
  const problems: string[] = [];
  for (const file of files) {
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch (error) {
      throw new UserError(
        `${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
      );
    }
    const result = readPolicyFile(source, file);
    entries.push(...result.entries);
    problems.push(...result.problems.map(formatPolicyProblem));
  }
  const byPool = policiesByPool(entries, await groups.list());
  problems.push(...byPool.problems);
  if (problems.length > 0) throw new UserError(problems.join("\n"));
  return new Map(byPool.byPool);
}
