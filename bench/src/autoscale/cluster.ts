// The cluster the autoscale bench reads over HTTP: 5,000 client nodes in three pools, 1,000,000
// live allocations (plus finished ones Nomad still keeps), and blocked evaluations for queued
// work. Everything is computed from an index, so the server holds no million objects: allocation
// i's stub is the same every time it is asked for, until `change()` bumps its version.
//
// The shapes are Nomad's own (schema/api-types.generated.ts), filled the way a 1.11 agent fills
// them: an allocation stub with `resources=true` is about 1.1 KB of JSON, and every allocation
// has its own ask.
import type { AllocationListStub, Evaluation, Job, NodeListStub } from "nomadkit/api";

type AllocatedTaskResources = NonNullable<
  NonNullable<AllocationListStub["AllocatedResources"]>["Tasks"]
>[string];

export interface PoolLayout {
  readonly name: string;
  readonly nodes: number;
  readonly cpuMhz: number;
  readonly cores: number;
  readonly memoryMb: number;
  readonly nodeClass: string;
  readonly gpus: number;
  readonly shape: string;
}

export const POOLS: readonly PoolLayout[] = [
  {
    name: "general",
    nodes: 4_000,
    cpuMhz: 48_000,
    cores: 48,
    memoryMb: 192 * 1024,
    nodeClass: "general",
    gpus: 0,
    shape: "m6i.12xlarge",
  },
  {
    name: "highmem",
    nodes: 800,
    cpuMhz: 64_000,
    cores: 32,
    memoryMb: 128 * 1024,
    nodeClass: "highmem",
    gpus: 0,
    shape: "r6i.4xlarge",
  },
  {
    name: "gpu",
    nodes: 200,
    cpuMhz: 48_000,
    cores: 48,
    memoryMb: 192 * 1024,
    nodeClass: "gpu",
    gpus: 4,
    shape: "g5.12xlarge",
  },
];

export const NODES = POOLS.reduce((n, p) => n + p.nodes, 0);
/** `BENCH_ALLOCS=100000 npm run bench autoscale` for a quicker, smaller run. */
export const LIVE_ALLOCS = Number(process.env.BENCH_ALLOCS ?? 1_000_000);

/**
 * Every 50th allocation past the system job's has finished and waits for garbage collection:
 * Nomad still lists it unless the filter leaves it out.
 */
export const isFinished = (i: number) => i >= NODES && i % 50 === 49;

/** How many allocations Nomad holds so that LIVE_ALLOCS of them are live. */
export const TOTAL_ALLOCS = (() => {
  let total = NODES;
  for (let live = NODES; live < LIVE_ALLOCS; total++) if (!isFinished(total)) live++;
  return total;
})();

/** A deterministic 32-bit mix (splitmix-style), so ids and asks look random but repeat. */
function mix(n: number): number {
  let x = (n ^ 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0").slice(-width);

/** A UUID whose first group is `i`, so ids sort in index order (Nomad pages by id). */
function uuid(kind: number, i: number): string {
  const a = mix(i * 4 + kind);
  const b = mix(a);
  const c = mix(b);
  return `${hex(i, 8)}-${hex(a, 4)}-4${hex(a >>> 16, 3)}-a${hex(b, 3)}-${hex(b >>> 12, 4)}${hex(c, 8)}`;
}

export const nodeId = (n: number) => uuid(1, n);
export const allocId = (i: number) => uuid(2, i);
/** The index an id (or a next_token) names, or NaN. */
export const indexOfId = (id: string) => Number.parseInt(id.slice(0, 8), 16);

function poolOf(n: number): { pool: PoolLayout; i: number } {
  let first = 0;
  for (const pool of POOLS) {
    if (n < first + pool.nodes) return { pool, i: n - first };
    first += pool.nodes;
  }
  throw new Error(`no node ${n}`);
}

function nodeName(n: number): string {
  const { pool, i } = poolOf(n);
  return `${pool.name}-${i}`;
}

const address = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

export function nodeStub(n: number, os: boolean, resources: boolean): NodeListStub {
  const { pool } = poolOf(n);
  const driver = (name: string) => ({
    Attributes: { [`driver.${name}`]: "true" },
    Detected: true,
    Healthy: true,
    HealthDescription: "Healthy",
    UpdateTime: "2026-12-07T09:12:44.52Z",
  });
  return {
    Address: address(n),
    ID: nodeId(n),
    Attributes: os ? { "os.name": "ubuntu" } : null,
    Datacenter: n % 2 === 0 ? "dc1" : "dc2",
    Name: nodeName(n),
    NodeClass: pool.nodeClass,
    NodePool: pool.name,
    Version: "1.11.3",
    Drain: false,
    SchedulingEligibility: "eligible",
    Status: "ready",
    StatusDescription: "",
    Drivers: { docker: driver("docker"), exec: driver("exec"), raw_exec: driver("raw_exec") },
    NodeResources: resources
      ? {
          Cpu: { CpuShares: pool.cpuMhz, TotalCpuCores: pool.cores, ReservableCpuCores: null },
          Memory: { MemoryMB: pool.memoryMb },
          Disk: { DiskMB: 400_000 },
          Networks: null,
          Devices:
            pool.gpus > 0
              ? [
                  {
                    Vendor: "nvidia",
                    Type: "gpu",
                    Name: "A10G",
                    Instances: Array.from({ length: pool.gpus }, (_, g) => ({
                      ID: `GPU-${hex(mix(n * 8 + g), 8)}`,
                      Healthy: true,
                      HealthDescription: "",
                      Locality: null,
                    })),
                    Attributes: null,
                  },
                ]
              : null,
          MinDynamicPort: 20_000,
          MaxDynamicPort: 32_000,
        }
      : null,
    ReservedResources: resources
      ? {
          Cpu: { CpuShares: 500 },
          Memory: { MemoryMB: 1024 },
          Disk: { DiskMB: 0 },
          Networks: { ReservedHostPorts: "" },
        }
      : null,
    LastDrain: null,
    CreateIndex: 10 + n,
    ModifyIndex: 10 + n,
  };
}

/** Every 50th node runs only the system job, so placement and scale-in have choices. */
const BUSY_NODES = Array.from({ length: NODES }, (_, n) => n).filter((n) => n % 50 !== 0);
const JOBS = 2_000;

interface AllocLayout {
  node: number;
  namespace: string;
  job: string;
  jobType: "system" | "service" | "batch";
  group: string;
  cpuMhz: number;
  memoryMb: number;
  sidecar: boolean;
  finished: boolean;
}

/** Allocation i: the first NODES are the system job, one per node; the rest spread over busy nodes. */
function allocLayout(i: number, version: number): AllocLayout {
  const finished = isFinished(i);
  if (i < NODES)
    return {
      node: i,
      namespace: "default",
      job: "logs",
      jobType: "system",
      group: "agent",
      cpuMhz: 100,
      memoryMb: 128,
      sidecar: false,
      finished,
    };
  const job = i % JOBS;
  const r = mix(i + version * 7_919_993);
  // Averages 225 MHz and 480 MB per allocation, so the busy nodes are about 95% allocated on CPU.
  return {
    node: BUSY_NODES[i % BUSY_NODES.length] as number,
    namespace: `team-${job % 20}`,
    job: `svc-${job}`,
    jobType: job % 10 === 0 ? "batch" : "service",
    group: "app",
    cpuMhz: 50 + (r % 15) * 25,
    memoryMb: 128 + ((r >>> 8) % 12) * 64,
    sidecar: job % 3 === 0,
    finished,
  };
}

export const allocNamespace = (i: number) => allocLayout(i, 0).namespace;

function taskResources(cpuMhz: number, memoryMb: number): AllocatedTaskResources {
  return {
    Cpu: { CpuShares: cpuMhz },
    Memory: { MemoryMB: memoryMb, MemoryMaxMB: 0 },
    Networks: null,
    Devices: null,
  };
}

export function allocStub(
  i: number,
  version: number,
  o: { resources: boolean; taskStates: boolean },
): AllocationListStub {
  const a = allocLayout(i, version);
  const id = allocId(i);
  const port = 20_000 + (mix(i) % 12_000);
  const tasks: Record<string, AllocatedTaskResources> = a.sidecar
    ? {
        app: taskResources(a.cpuMhz - 25, a.memoryMb - 64),
        "connect-proxy-app": taskResources(25, 64),
      }
    : { [a.group === "agent" ? "vector" : "app"]: taskResources(a.cpuMhz, a.memoryMb) };
  const status = a.finished ? "complete" : "running";
  const created = 1_733_500_000_000_000_000 + i * 1_000_000;
  const modifyIndex = 100_000 + i + version * 2_000_000;
  return {
    ID: id,
    EvalID: uuid(3, i),
    Name: `${a.job}.${a.group}[${i % 250}]`,
    Namespace: a.namespace,
    NodeID: nodeId(a.node),
    NodeName: nodeName(a.node),
    JobID: a.job,
    JobType: a.jobType,
    JobVersion: version,
    TaskGroup: a.group,
    AllocatedResources: o.resources
      ? {
          Tasks: tasks,
          Shared: {
            DiskMB: 300,
            Networks: [
              {
                Mode: "bridge",
                Device: "",
                CIDR: "",
                IP: address(a.node),
                DNS: null,
                ReservedPorts: null,
                DynamicPorts: [
                  { Label: "http", Value: port, To: 8080, HostNetwork: "default", IgnoreCollision: false },
                ],
                Hostname: "",
                MBits: 0,
                CNI: null,
              },
            ],
            Ports: [{ Label: "http", Value: port, To: 8080, HostIP: address(a.node) }],
          },
        }
      : null,
    DesiredStatus: "run",
    DesiredDescription: "",
    ClientStatus: status,
    ClientDescription: a.finished ? "All tasks have completed" : "Tasks are running",
    TaskStates: o.taskStates
      ? Object.fromEntries(
          Object.keys(tasks).map((t) => [
            t,
            {
              State: a.finished ? "dead" : "running",
              Failed: false,
              Restarts: 0,
              LastRestart: null,
              StartedAt: "2026-12-07T09:12:44.52Z",
              FinishedAt: null,
              Events: null,
            },
          ]),
        )
      : null,
    DeploymentStatus:
      a.jobType === "service"
        ? { Healthy: true, Timestamp: "2026-12-07T09:13:02.11Z", Canary: false, ModifyIndex: modifyIndex }
        : null,
    FollowupEvalID: "",
    NextAllocation: "",
    RescheduleTracker: null,
    PreemptedAllocations: null,
    PreemptedByAllocation: "",
    CreateIndex: 100_000 + i,
    ModifyIndex: modifyIndex,
    CreateTime: created,
    ModifyTime: created + version * 60_000_000_000,
  } as AllocationListStub;
}

/** Queued work: what Nomad's blocked evaluations and the jobs they name say. */
interface QueuedJob {
  id: string;
  count: number;
  pool: string;
  cpu: number;
  memoryMb: number;
  gpus: number;
  constraint?: { LTarget: string; RTarget: string; Operand: string };
}

export const QUEUED: readonly QueuedJob[] = [
  ...Array.from({ length: 40 }, (_, j) => ({
    id: `burst-${j}`,
    count: 250,
    pool: "general",
    cpu: 2000,
    memoryMb: 8192,
    gpus: 0,
  })),
  ...Array.from({ length: 10 }, (_, j) => ({
    id: `cache-${j}`,
    count: 40,
    pool: "highmem",
    cpu: 4000,
    memoryMb: 64 * 1024,
    gpus: 0,
  })),
  ...Array.from({ length: 5 }, (_, j) => ({
    id: `train-${j}`,
    count: 40,
    pool: "all",
    cpu: 8000,
    memoryMb: 32 * 1024,
    gpus: 1,
    constraint: { LTarget: "${node.class}", RTarget: "gpu", Operand: "=" },
  })),
  {
    id: "tpu",
    count: 10,
    pool: "all",
    cpu: 100,
    memoryMb: 128,
    gpus: 0,
    constraint: { LTarget: "${node.class}", RTarget: "tpu", Operand: "=" },
  },
];

export function blockedEvaluation(q: QueuedJob, n: number): Evaluation {
  return {
    ID: uuid(4, n),
    Priority: 50,
    Type: "service",
    TriggeredBy: "queued-allocs",
    Namespace: "default",
    JobID: q.id,
    JobModifyIndex: 90_000 + n,
    NodeID: "",
    NodeModifyIndex: 0,
    DeploymentID: "",
    Status: "blocked",
    StatusDescription: "created to place remaining allocations",
    Wait: 0,
    WaitUntil: "0001-01-01T00:00:00Z",
    NextEval: "",
    PreviousEval: uuid(5, n),
    BlockedEval: "",
    RelatedEvals: null,
    FailedTGAllocs: {
      app: {
        NodesEvaluated: 0,
        NodesFiltered: 0,
        NodesInPool: q.pool === "all" ? NODES : (POOLS.find((p) => p.name === q.pool)?.nodes ?? 0),
        NodePool: q.pool,
        NodesAvailable: { dc1: NODES / 2, dc2: NODES / 2 },
        ClassFiltered: null,
        ConstraintFiltered: null,
        NodesExhausted: 0,
        ClassExhausted: null,
        DimensionExhausted: { cpu: NODES },
        QuotaExhausted: null,
        ResourcesExhausted: null,
        Scores: null,
        AllocationTime: 1_200_000,
        CoalescedFailures: q.count - 1,
        ScoreMetaData: null,
      },
    },
    PlanAnnotations: null,
    ClassEligibility: null,
    EscapedComputedClass: false,
    QuotaLimitReached: "",
    MissingNonNodeResources: null,
    AnnotatePlan: false,
    QueuedAllocations: null,
    SnapshotIndex: 90_000 + n,
    CreateIndex: 90_000 + n,
    ModifyIndex: 90_000 + n,
    CreateTime: 1_733_500_000_000_000_000,
    ModifyTime: 1_733_500_000_000_000_000,
  };
}

/** The job a blocked evaluation names, with the fields the snapshot reads. */
export function queuedJob(q: QueuedJob): Partial<Job> {
  return {
    Region: "global",
    Namespace: "default",
    ID: q.id,
    Name: q.id,
    Type: "service",
    Priority: 50,
    Datacenters: ["*"],
    NodePool: q.pool,
    Constraints: q.constraint ? [q.constraint] : null,
    TaskGroups: [
      {
        Name: "app",
        Count: q.count,
        Constraints: null,
        Tasks: [
          {
            Name: "app",
            Driver: "docker",
            Config: { image: `registry.local/${q.id}:1.0.0` },
            Constraints: null,
            Lifecycle: null,
            Resources: {
              CPU: q.cpu,
              Cores: null,
              MemoryMB: q.memoryMb,
              MemoryMaxMB: null,
              DiskMB: null,
              Networks: null,
              Devices:
                q.gpus > 0
                  ? [{ Name: "nvidia/gpu", Count: q.gpus, Constraints: null, Affinities: null }]
                  : null,
              NUMA: null,
              SecretsMB: null,
              IOPS: null,
            },
          },
        ],
      },
      // The job as Nomad returns it has every field; the bench fills those the snapshot reads.
    ] as unknown as Job["TaskGroups"],
    Stop: false,
    Status: "pending",
  };
}
