// One statistic on both sides of every ratio: the median of the runs, printed with min and max.

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0, runs: sorted.length };
}

/** `123 ms (median of 5; min 118, max 131)`. */
export function show(s: Summary, digits = 0): string {
  const f = (n: number) => n.toFixed(digits);
  return `${f(s.median)} ms (median of ${s.runs}; min ${f(s.min)}, max ${f(s.max)})`;
}

/** Runs `run` `n` times and times each, in ms. */
export async function timed(n: number, run: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  return samples;
}
