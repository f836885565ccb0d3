// CPU and memory as Nomad schedules them: MHz and MiB. One small value type, so "free",
// "allocated" and "capacity" are added and compared the same way everywhere.

export interface Resources {
  readonly cpuMhz: number;
  readonly memoryMb: number;
}

export const NO_RESOURCES: Resources = { cpuMhz: 0, memoryMb: 0 };

export function addResources(a: Resources, b: Resources): Resources {
  return { cpuMhz: a.cpuMhz + b.cpuMhz, memoryMb: a.memoryMb + b.memoryMb };
}

export function subtractResources(a: Resources, b: Resources): Resources {
  return { cpuMhz: a.cpuMhz - b.cpuMhz, memoryMb: a.memoryMb - b.memoryMb };
}

export function scaleResources(a: Resources, factor: number): Resources {
  return { cpuMhz: a.cpuMhz * factor, memoryMb: a.memoryMb * factor };
}

/** How many copies of `ask` fit in `free` (Infinity for an ask of nothing). */
export function copiesThatFit(free: Resources, ask: Resources): number {
  const byCpu = ask.cpuMhz > 0 ? Math.floor(free.cpuMhz / ask.cpuMhz) : Number.POSITIVE_INFINITY;
  const byMemory = ask.memoryMb > 0 ? Math.floor(free.memoryMb / ask.memoryMb) : Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(byCpu, byMemory));
}

/** "24000 MHz, 96 GiB" for messages. */
export function describeResources(r: Resources): string {
  const memory = r.memoryMb >= 1024 ? `${round(r.memoryMb / 1024)} GiB` : `${round(r.memoryMb)} MiB`;
  return `${round(r.cpuMhz)} MHz, ${memory}`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
