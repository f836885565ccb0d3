// Machine types as shapes for the autoscaler: one filtered aggregated list per distinct type
// the cluster's pools use (a regional group may run in any zone of the region, and every zone
// offers a type with the same size).
import type { InstanceShape } from "../cloud/instance-shape.js";
import { counted, type GcpClients, LIST } from "./clients.js";

/** GCE doesn't publish a clock per type; Nomad fingerprints about this on current types. */
const MHZ_PER_VCPU = 2200;

export async function gcpMachineShapes(
  c: GcpClients,
  project: string,
  region: string,
  types: readonly string[],
): Promise<Map<string, InstanceShape>> {
  const shapes = new Map<string, InstanceShape>();
  for (const type of new Set(types)) {
    await counted(c.calls, "machineTypes.aggregatedList", async () => {
      const pages = c.machineTypes.aggregatedListAsync(
        { project, filter: `name = "${type}"`, maxResults: c.maxResults },
        LIST,
      );
      for await (const [zone, scoped] of pages) {
        const found = scoped.machineTypes?.find((m) => m.name === type);
        if (!found || !zone.startsWith(`zones/${region}-`)) continue;
        shapes.set(type, {
          name: type,
          cpuMhz: (found.guestCpus ?? 0) * MHZ_PER_VCPU,
          memoryMb: found.memoryMb ?? 0,
          devices: (found.accelerators ?? []).map((a) => ({
            vendor: (a.guestAcceleratorType ?? "").split("-")[0] ?? "",
            type: "gpu",
            name: a.guestAcceleratorType ?? "",
            count: a.guestAcceleratorCount ?? 0,
          })),
        });
        break;
      }
    });
  }
  return shapes;
}
