// A small Nomad: nodes, allocations and queued work, a scheduler of its own that places queued
// work on nodes that can take it (sim-scheduler.ts, which shares no code with the planner it
// judges), and drains that move service/batch work off a node and finish, or hang until the
// deadline.

import type { DrainOptions, NomadPort } from "../ports.js";
import type { AllocState, NodeState, PendingWork, Snapshot } from "../snapshot.js";
import type { FakeClock } from "./fake-clock.js";
import { nodeForCopy } from "./sim-scheduler.js";

interface Drain {
  readonly deadlineAt: number;
  readonly ignoreSystemJobs: boolean;
}

export class SimNomad implements NomadPort {
  readonly nodes = new Map<string, NodeState>();
  allocs: AllocState[] = [];
  /** Queued work by "ns/job/group". */
  readonly queued = new Map<string, PendingWork>();
  readonly drains = new Map<string, Drain>();
  /** Nodes whose drain doesn't finish by itself: Nomad forces it at the deadline. */
  readonly slowDrains = new Set<string>();
  /** Nodes whose drain never finishes, not even at the deadline (a wedged client). */
  readonly hungDrains = new Set<string>();
  readonly calls: string[] = [];
  private nextAlloc = 0;

  constructor(private readonly clock: FakeClock) {}

  addNode(node: NodeState): void {
    this.nodes.set(node.id, node);
  }

  submit(work: PendingWork): void {
    const key = `${work.namespace}/${work.jobId}/${work.taskGroup}`;
    const existing = this.queued.get(key);
    this.queued.set(key, existing ? { ...existing, count: existing.count + work.count } : work);
  }

  place(nodeId: string, alloc: Partial<AllocState> & Pick<AllocState, "jobId" | "jobType">): AllocState {
    const a: AllocState = {
      id: `a${this.nextAlloc++}`,
      nodeId,
      namespace: "default",
      taskGroup: "app",
      ask: { cpuMhz: 100, memoryMb: 100, devices: [] },
      ...alloc,
    };
    this.allocs.push(a);
    return a;
  }

  private update(id: string, change: Partial<NodeState>): void {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`node ${id} not found`);
    this.nodes.set(id, { ...node, ...change });
  }

  /** Moves drains on and places queued work, as time passes. */
  tick(): void {
    const now = this.clock.now();
    for (const [id, drain] of this.drains) {
      if (this.hungDrains.has(id)) continue;
      if (this.slowDrains.has(id) && now < drain.deadlineAt) continue;
      this.stopAllocs(id, drain.ignoreSystemJobs);
      this.drains.delete(id);
      this.update(id, { draining: false });
    }
    this.schedule();
  }

  private stopAllocs(nodeId: string, ignoreSystemJobs: boolean): void {
    const system = (a: AllocState) => a.jobType === "system" || a.jobType === "sysbatch";
    const stopping = this.allocs.filter((a) => a.nodeId === nodeId && !(ignoreSystemJobs && system(a)));
    this.allocs = this.allocs.filter((a) => !stopping.includes(a));
    for (const a of stopping.filter((x) => !system(x))) {
      this.submit({
        namespace: a.namespace,
        jobId: a.jobId,
        taskGroup: a.taskGroup,
        count: 1,
        ask: a.ask,
        nodePool: this.nodes.get(nodeId)?.pool ?? "default",
        datacenters: ["*"],
        constraints: [],
      });
    }
  }

  private schedule(): void {
    for (const [key, work] of this.queued) {
      let left = work.count;
      while (left > 0) {
        const node = nodeForCopy(work, this.nodes.values(), this.allocs);
        if (!node) break;
        this.place(node.id, { ...work, jobType: "service" });
        left--;
      }
      if (left === 0) this.queued.delete(key);
      else this.queued.set(key, { ...work, count: left });
    }
  }

  async snapshot(): Promise<Snapshot> {
    this.tick();
    this.calls.push("snapshot");
    return {
      takenAt: this.clock.now(),
      // Like Nomad's node list: no client meta (placement here still reads it).
      nodes: [...this.nodes.values()].map((n) => ({ ...n, meta: {} })),
      allocs: [...this.allocs],
      pending: [...this.queued.values()],
      // Nodes, allocations, blocked evaluations, and one job read per queued job.
      apiCalls: 3 + new Set([...this.queued.values()].map((w) => `${w.namespace}/${w.jobId}`)).size,
    };
  }

  async setEligibility(nodeId: string, eligible: boolean): Promise<void> {
    this.calls.push(`eligibility ${nodeId} ${eligible}`);
    this.update(nodeId, { eligible });
  }

  async drain(nodeId: string, options: DrainOptions): Promise<void> {
    this.calls.push(`drain ${nodeId}`);
    this.update(nodeId, { draining: true, eligible: false, drainMeta: options.meta });
    this.drains.set(nodeId, {
      deadlineAt: this.clock.now() + options.deadlineMs,
      ignoreSystemJobs: options.ignoreSystemJobs,
    });
  }

  async cancelDrain(nodeId: string): Promise<void> {
    this.calls.push(`cancel-drain ${nodeId}`);
    this.drains.delete(nodeId);
    this.update(nodeId, { draining: false, eligible: true });
  }

  async purge(nodeId: string): Promise<void> {
    this.calls.push(`purge ${nodeId}`);
    this.nodes.delete(nodeId);
    this.allocs = this.allocs.filter((a) => a.nodeId !== nodeId);
  }

  /** The machine behind a node went away: its node goes down and its allocations are lost. */
  machineGone(address: string): void {
    for (const node of this.nodes.values()) {
      if (node.address !== address) continue;
      this.update(node.id, { status: "down" });
      this.stopAllocs(node.id, false);
    }
  }
}
