// Devices as Nomad matches them: an ask names a type ("gpu"), vendor and type ("nvidia/gpu")
// or vendor, type and model ("nvidia/gpu/Tesla T4"), and takes `count` instances from one
// matching device group of the node.
import type { DeviceAsk, NodeDevice } from "./snapshot.js";

export function deviceMatches(device: NodeDevice, askName: string): boolean {
  const parts = askName.split("/");
  if (parts.length === 1) return parts[0] === device.type;
  if (parts.length === 2) return parts[0] === device.vendor && parts[1] === device.type;
  return parts[0] === device.vendor && parts[1] === device.type && parts.slice(2).join("/") === device.name;
}

/** The free instances of one node's device groups; changes as work is placed on it. */
export class DeviceSlots {
  private readonly free: number[];

  constructor(
    readonly devices: readonly NodeDevice[],
    inUse: readonly DeviceAsk[] = [],
  ) {
    this.free = devices.map((d) => d.count);
    for (const ask of inUse) this.take(ask, 1);
  }

  /** How many copies of an allocation asking for `asks` these devices can still hold. */
  copiesThatFit(asks: readonly DeviceAsk[]): number {
    let copies = Number.POSITIVE_INFINITY;
    for (const ask of asks) {
      if (ask.count <= 0) continue;
      let perAsk = 0;
      this.devices.forEach((device, i) => {
        if (deviceMatches(device, ask.name)) perAsk += Math.floor((this.free[i] ?? 0) / ask.count);
      });
      copies = Math.min(copies, perAsk);
    }
    return copies;
  }

  /** Takes `copies` × each ask, from the first matching groups with room. */
  takeAll(asks: readonly DeviceAsk[], copies: number): void {
    for (const ask of asks) this.take(ask, copies);
  }

  private take(ask: DeviceAsk, copies: number): void {
    let left = copies;
    this.devices.forEach((device, i) => {
      if (left === 0 || !deviceMatches(device, ask.name)) return;
      const here = Math.min(left, Math.floor((this.free[i] ?? 0) / Math.max(1, ask.count)));
      this.free[i] = (this.free[i] ?? 0) - here * ask.count;
      left -= here;
    });
  }
}

/** Whether a node with these devices could ever hold one allocation asking for `asks`. */
export function devicesCanHold(devices: readonly NodeDevice[], asks: readonly DeviceAsk[]): boolean {
  return asks.length === 0 || new DeviceSlots(devices).copiesThatFit(asks) >= 1;
}
