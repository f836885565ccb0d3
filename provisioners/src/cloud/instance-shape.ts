// What one instance type (AWS) or machine type (GCP) gives a Nomad client, as the autoscaler
// needs it to place queued work on nodes that don't exist yet.

export interface ShapeDevice {
  /** Nomad's device naming: vendor "nvidia", type "gpu", name "Tesla T4". */
  readonly vendor: string;
  readonly type: string;
  readonly name: string;
  readonly count: number;
}

export interface InstanceShape {
  readonly name: string;
  /** What Nomad fingerprints as cpu.totalcompute: cores × MHz. */
  readonly cpuMhz: number;
  readonly memoryMb: number;
  readonly devices: readonly ShapeDevice[];
}
