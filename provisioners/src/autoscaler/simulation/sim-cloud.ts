// A small cloud: one group per pool whose instances launch, boot for a while and then join
// Nomad as nodes of the pool, and which can refuse to grow (quota) or launch machines that
// never join.
import {
  type GroupInstance,
  NodeGroupError,
  type NodeGroupErrorKind,
  type NodeGroupState,
  type NodeGroups,
} from "../../cloud/node-groups.js";
import type { ShapeTemplate } from "../pool-spec.js";
import type { FakeClock } from "./fake-clock.js";
import type { SimNomad } from "./sim-nomad.js";

export interface SimGroup {
  readonly pool: string;
  readonly shape: ShapeTemplate;
  min: number;
  max: number;
  desired: number;
  instances: GroupInstance[];
  /** From launch to the node registering in Nomad. */
  bootMs: number;
  /** setDesired above the current size fails with this, when set. */
  failWith?: NodeGroupErrorKind;
  /** Instances launch but never join. */
  neverJoin?: boolean;
}

export class SimCloud implements NodeGroups {
  readonly cloud = "aws" as const;
  readonly groups = new Map<string, SimGroup>();
  readonly calls: string[] = [];
  private nextIp = 1;
  private nextNode = 1;

  constructor(
    private readonly clock: FakeClock,
    private readonly nomad: SimNomad,
  ) {}

  addGroup(
    pool: string,
    shape: ShapeTemplate,
    options: Partial<Omit<SimGroup, "pool" | "shape">> = {},
  ): SimGroup {
    const group: SimGroup = {
      pool,
      shape,
      min: 0,
      max: 20,
      desired: 0,
      instances: [],
      bootMs: 90_000,
      ...options,
    };
    this.groups.set(pool, group);
    return group;
  }

  /** Starts `count` machines of the pool that are already nodes (the cluster as it was). */
  preset(pool: string, count: number): string[] {
    const group = this.group(pool);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const instance = this.launch(group, this.clock.now() - 3_600_000);
      ids.push(this.join(group, instance));
    }
    group.desired += count;
    return ids;
  }

  /** Launched machines whose boot is over join Nomad. */
  tick(): void {
    const now = this.clock.now();
    for (const group of this.groups.values()) {
      while (group.instances.filter((i) => i.phase !== "terminating").length < group.desired)
        this.launch(group, now);
      group.instances = group.instances.map((i) => {
        if (i.phase !== "launching" || group.neverJoin || now - (i.launchedAt ?? now) < group.bootMs)
          return i;
        this.join(group, i);
        return { ...i, phase: "running" };
      });
    }
  }

  private group(pool: string): SimGroup {
    const group = this.groups.get(pool);
    if (!group) throw new NodeGroupError("not-found", pool, `no group for pool "${pool}"`);
    return group;
  }

  private launch(group: SimGroup, at: number): GroupInstance {
    const n = this.nextIp++;
    const instance: GroupInstance = {
      id: `i-${n}`,
      phase: "launching",
      launchedAt: at,
      shape: group.shape.name,
      privateIp: `10.1.${Math.floor(n / 250)}.${n % 250}`,
    };
    group.instances.push(instance);
    return instance;
  }

  private join(group: SimGroup, instance: GroupInstance): string {
    const id = `n${this.nextNode++}`;
    const shape = group.shape;
    this.nomad.addNode({
      id,
      name: `${group.pool}-${id}`,
      address: instance.privateIp ?? "",
      pool: group.pool,
      datacenter: shape.datacenter,
      nodeClass: shape.nodeClass ?? "",
      status: "ready",
      eligible: true,
      draining: false,
      drainMeta: {},
      meta: shape.meta ?? {},
      attributes: shape.attributes ?? {},
      capacity: shape.capacity,
      devices: shape.devices ?? [],
    });
    group.instances = group.instances.map((i) => (i.id === instance.id ? { ...i, phase: "running" } : i));
    return id;
  }

  async list(): Promise<NodeGroupState[]> {
    this.tick();
    this.calls.push("list");
    return [...this.groups.values()].map((g) => ({
      pool: g.pool,
      groupName: `asg-${g.pool}`,
      min: g.min,
      max: g.max,
      desired: g.desired,
      instances: g.instances,
      shapes: g.shape.name ? [g.shape.name] : [],
    }));
  }

  async setDesired(pool: string, desired: number): Promise<void> {
    this.calls.push(`setDesired ${pool} ${desired}`);
    const group = this.group(pool);
    if (group.failWith && desired > group.desired) {
      throw new NodeGroupError(
        group.failWith,
        pool,
        `${group.failWith}: can't launch more ${group.shape.name ?? "instances"}`,
      );
    }
    if (desired < group.desired) {
      // The cloud picks which to remove: the newest first.
      for (const i of group.instances.slice(-(group.desired - desired))) await this.remove(group, i.id);
    }
    group.desired = desired;
    this.tick();
  }

  async terminate(pool: string, instanceId: string): Promise<void> {
    this.calls.push(`terminate ${pool} ${instanceId}`);
    const group = this.group(pool);
    if (!group.instances.some((i) => i.id === instanceId))
      throw new NodeGroupError("not-found", pool, `no instance ${instanceId}`);
    await this.remove(group, instanceId);
    group.desired--;
  }

  private async remove(group: SimGroup, instanceId: string): Promise<void> {
    const instance = group.instances.find((i) => i.id === instanceId);
    group.instances = group.instances.filter((i) => i.id !== instanceId);
    if (instance?.privateIp) this.nomad.machineGone(instance.privateIp);
  }
}
