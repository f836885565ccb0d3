// Builds the autoscaler's Snapshot from Nomad's HTTP API: the node list, the allocation list and
// the blocked evaluations (in parallel), then one job read per distinct job with unplaced work.
// Nothing here is per node or per allocation: the two big lists are read in pages of PER_PAGE,
// so the calls grow with the cluster only by one per page.
//
// How the big reads stay within memory at 5,000 nodes and 1,000,000 allocations (1.1 GB of JSON):
// - Each page is parsed element by element as it arrives (nomadkit/api's jsonArray), never as
//   one string, and turned into the snapshot's small records before the next page is asked for.
// - Reads are `stale`: any server answers, not only the leader.
// - The strings that repeat across a million records (node ids, namespaces, job ids, task group
//   names) are kept once each.
//
// Why these sources:
// - Node stubs with `resources=true` carry NodeResources and ReservedResources; the scheduler
//   places against the first minus the second, so that is the capacity. Stubs carry no client
//   meta and, with `os=true`, only the `os.name` attribute, so nodes map to instances by Address.
// - Unplaced work is what blocked evaluations say: Nomad keeps one blocked evaluation per job
//   while some of its allocations cannot be placed, and its FailedTGAllocs hold, per task group,
//   one metric for the first failure plus CoalescedFailures for the others like it. So the
//   count is CoalescedFailures + 1 (what `nomad job status` prints as "failed to place N").
//   The evaluation's QueuedAllocations is empty on blocked evaluations, and the job summary's
//   Queued would cost one more call per job.
// - The ask comes from the job (the blocked evaluation carries no resources), summed the way the
//   scheduler does: main tasks plus sidecars, or the prestart or poststop tasks if larger.
import type {
  AllocationListStub,
  Evaluation,
  Job,
  NodeListStub,
  NomadClient,
  QueryOptions,
} from "nomadkit/api";
import type {
  AllocState,
  Ask,
  DeviceAsk,
  NodeDevice,
  NodeState,
  NodeStatus,
  PendingWork,
  PlacementConstraint,
  Snapshot,
} from "./snapshot.js";

type TaskGroup = NonNullable<Job["TaskGroups"]>[number];
type Task = NonNullable<TaskGroup["Tasks"]>[number];
type Constraint = NonNullable<Job["Constraints"]>[number];
type AllocatedResources = NonNullable<AllocationListStub["AllocatedResources"]>;

export interface NomadSnapshotOptions {
  readonly signal?: AbortSignal;
  /** The snapshot's `takenAt`; defaults to Date.now. */
  readonly now?: () => number;
  /** Items per page of the node and allocation lists (default PER_PAGE). */
  readonly perPage?: number;
}

/**
 * A page of allocation stubs is about 1.1 KB each, so 5,000 is ~6 MB on the wire and a few
 * tens of MB as parsed objects, dropped once turned into records; 200 pages for 1M allocations.
 */
export const PER_PAGE = 5_000;

export async function nomadSnapshot(
  client: NomadClient,
  options: NomadSnapshotOptions = {},
): Promise<Snapshot> {
  const signal = options.signal;
  const takenAt = (options.now ?? Date.now)();
  const read = { stale: true, ...(signal ? { signal } : {}) };
  const perPage = options.perPage ?? PER_PAGE;
  let apiCalls = 0;
  const call = <T>(p: Promise<{ data: T }>): Promise<T> => {
    apiCalls++;
    return p.then((r) => r.data);
  };
  /** Every page's records; each stub became its record as it was parsed (see jsonArray). */
  const paged = async <U>(pages: AsyncIterable<{ data: U[] }>) => {
    const out: U[] = [];
    for await (const page of pages) {
      apiCalls++;
      for (const item of page.data) out.push(item);
    }
    return out;
  };
  const intern = interner();

  const [nodeRecords, allocs, blocked] = await Promise.all([
    paged(
      client.nodes.pages({ resources: true, os: true, perPage, ...read }, (n) => {
        const cpu = n.NodeResources?.Cpu;
        const mhzPerCore = cpu && cpu.TotalCpuCores > 0 ? cpu.CpuShares / cpu.TotalCpuCores : undefined;
        return { node: nodeState(n), mhzPerCore };
      }),
    ),
    paged(
      client.allocations.pages(
        {
          resources: true,
          taskStates: false,
          namespace: "*",
          // Nomad keeps finished allocations until garbage collection; leave them on the server.
          filter: LIVE_ALLOCS,
          perPage,
          ...read,
        },
        (a) => (holdsResources(a) ? allocState(a, intern) : undefined),
      ),
    ),
    call(client.evaluations.list({ status: "blocked", namespace: "*", ...read })),
  ]);

  const evals = latestPerJob(blocked);
  const jobs = await Promise.all(
    evals.map((e) =>
      call(readJob(client, e.JobID, { namespace: e.Namespace, ...read })).then((job) => ({ e, job })),
    ),
  );
  const nodes = nodeRecords.map((r) => r.node);
  const mhzPerCore = median(nodeRecords.flatMap((r) => (r.mhzPerCore === undefined ? [] : [r.mhzPerCore])));
  const pending = jobs.flatMap(({ e, job }) => (job ? pendingWork(e, job, mhzPerCore) : []));

  return { takenAt, nodes, allocs, pending, apiCalls };
}

function nodeState(n: NodeListStub): NodeState {
  const res = n.NodeResources;
  const reserved = n.ReservedResources;
  const attributes: Record<string, string> = { ...(n.Attributes ?? {}) };
  if (n.Version) attributes["nomad.version"] = n.Version;
  return {
    id: n.ID,
    name: n.Name,
    address: n.Address,
    pool: n.NodePool,
    datacenter: n.Datacenter,
    nodeClass: n.NodeClass,
    status: n.Status as NodeStatus,
    eligible: n.SchedulingEligibility === "eligible",
    draining: n.Drain,
    drainMeta: { ...(n.LastDrain?.Meta ?? {}) },
    meta: {},
    attributes,
    capacity: {
      cpuMhz: Math.max(0, (res?.Cpu.CpuShares ?? 0) - (reserved?.Cpu.CpuShares ?? 0)),
      memoryMb: Math.max(0, (res?.Memory.MemoryMB ?? 0) - (reserved?.Memory.MemoryMB ?? 0)),
    },
    devices: (res?.Devices ?? []).map(
      (d): NodeDevice => ({
        vendor: d.Vendor,
        type: d.Type,
        name: d.Name,
        // Only healthy instances can be handed to an allocation.
        count: (d.Instances ?? []).filter((i) => i.Healthy).length,
      }),
    ),
  };
}

/** holdsResources() as a go-bexpr filter, so the answer doesn't carry the allocation history. */
const LIVE_ALLOCS = 'DesiredStatus == "run" and (ClientStatus == "pending" or ClientStatus == "running")';

/** The allocations that count against a node: the scheduler wants them running and the client hasn't finished them. */
function holdsResources(a: AllocationListStub): boolean {
  return a.DesiredStatus === "run" && (a.ClientStatus === "pending" || a.ClientStatus === "running");
}

/** One copy of each string value seen, for the fields a million allocations repeat. */
function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const kept = seen.get(s);
    if (kept !== undefined) return kept;
    seen.set(s, s);
    return s;
  };
}

function allocState(a: AllocationListStub, intern: (s: string) => string): AllocState {
  return {
    id: a.ID,
    nodeId: intern(a.NodeID),
    namespace: intern(a.Namespace),
    jobId: intern(a.JobID),
    jobType: intern(a.JobType) as AllocState["jobType"],
    taskGroup: intern(a.TaskGroup),
    ask: allocatedAsk(a.AllocatedResources),
  };
}

/**
 * What a placed allocation holds. The stub's AllocatedResources has no task lifecycles, so
 * every task is summed: a finished prestart task still counts, as it does on the node until
 * the allocation stops.
 */
export function allocatedAsk(r: AllocatedResources | null): Ask {
  let cpuMhz = 0;
  let memoryMb = 0;
  const devices: DeviceAsk[] = [];
  for (const t of Object.values(r?.Tasks ?? {})) {
    cpuMhz += t.Cpu.CpuShares;
    memoryMb += t.Memory.MemoryMB;
    for (const d of t.Devices ?? [])
      devices.push({ name: `${d.Vendor}/${d.Type}/${d.Name}`, count: d.DeviceIDs?.length ?? 0 });
  }
  return { cpuMhz, memoryMb, devices: mergeDevices(devices) };
}

/** Nomad keeps one blocked evaluation per job; should two show up mid-update, the newer wins. */
function latestPerJob(evals: readonly Evaluation[]): Evaluation[] {
  const byJob = new Map<string, Evaluation>();
  for (const e of evals) {
    if (e.Status !== "blocked" || !e.FailedTGAllocs) continue;
    const key = `${e.Namespace}\u0000${e.JobID}`;
    const seen = byJob.get(key);
    if (!seen || e.ModifyIndex > seen.ModifyIndex) byJob.set(key, e);
  }
  return [...byJob.values()];
}

/** The job, or undefined when it was purged between the two reads. */
async function readJob(
  client: NomadClient,
  id: string,
  options: QueryOptions,
): Promise<{ data: Job | undefined }> {
  try {
    return await client.jobs.read(id, options);
  } catch (err) {
    if ((err as { isNotFound?: boolean }).isNotFound) return { data: undefined };
    throw err;
  }
}

function pendingWork(e: Evaluation, job: Job, mhzPerCore: number): PendingWork[] {
  if (job.Stop) return [];
  const out: PendingWork[] = [];
  for (const [groupName, metric] of Object.entries(e.FailedTGAllocs ?? {})) {
    const group = (job.TaskGroups ?? []).find((g) => g.Name === groupName);
    if (!group) continue; // the job changed since; its next evaluation will say
    const tasks = group.Tasks ?? [];
    out.push({
      namespace: e.Namespace,
      jobId: e.JobID,
      taskGroup: groupName,
      count: metric.CoalescedFailures + 1,
      ask: taskGroupAsk(tasks, mhzPerCore),
      nodePool: job.NodePool ?? "default",
      datacenters: job.Datacenters ?? [],
      constraints: [
        ...(job.Constraints ?? []),
        ...(group.Constraints ?? []),
        ...tasks.flatMap((t) => t.Constraints ?? []),
      ].map(placementConstraint),
    });
  }
  return out;
}

/**
 * A group's ask as the scheduler counts it: main tasks (with prestart sidecars and poststart
 * tasks) or, if larger per dimension, the prestart or the poststop tasks, which run apart.
 * `cores` asks are turned into MHz at the cluster's usual MHz per core.
 */
export function taskGroupAsk(tasks: readonly Task[], mhzPerCore: number): Ask {
  const main = { cpuMhz: 0, memoryMb: 0 };
  const prestart = { cpuMhz: 0, memoryMb: 0 };
  const poststop = { cpuMhz: 0, memoryMb: 0 };
  const devices: DeviceAsk[] = [];
  for (const t of tasks) {
    const r = t.Resources;
    const cpuMhz = r?.Cores ? r.Cores * mhzPerCore : (r?.CPU ?? 0);
    // MemoryMaxMB is what the task may burst to, not what is reserved for it.
    const memoryMb = r?.MemoryMB ?? 0;
    const add = (into: { cpuMhz: number; memoryMb: number }) => {
      into.cpuMhz += cpuMhz;
      into.memoryMb += memoryMb;
    };
    const hook = t.Lifecycle?.Hook;
    if (hook === "prestart") {
      add(prestart);
      if (t.Lifecycle?.Sidecar) add(main);
    } else if (hook === "poststop") add(poststop);
    else add(main);
    for (const d of r?.Devices ?? []) devices.push({ name: d.Name, count: d.Count ?? 1 });
  }
  return {
    cpuMhz: Math.max(main.cpuMhz, prestart.cpuMhz, poststop.cpuMhz),
    memoryMb: Math.max(main.memoryMb, prestart.memoryMb, poststop.memoryMb),
    devices: mergeDevices(devices),
  };
}

/** Most allocations ask for no device: they share one empty, frozen list. */
const NO_DEVICES: readonly DeviceAsk[] = Object.freeze([]);

function mergeDevices(devices: readonly DeviceAsk[]): readonly DeviceAsk[] {
  if (devices.length === 0) return NO_DEVICES;
  const byName = new Map<string, number>();
  for (const d of devices) byName.set(d.name, (byName.get(d.name) ?? 0) + d.count);
  return [...byName].map(([name, count]) => ({ name, count }));
}

function placementConstraint(c: Constraint): PlacementConstraint {
  return { ltarget: c.LTarget, rtarget: c.RTarget, operand: c.Operand };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor(sorted.length / 2)] ?? 0);
}
