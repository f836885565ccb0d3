// One decision from several checks, the safe way round: any check that wants more nodes wins
// (the largest ask); a pool shrinks only when every check agrees, and then by the least any of
// them asks. The result always stays within the pool's min and max.
import type { CheckVerdict, Direction } from "./checks.js";

export interface PoolDecision {
  readonly direction: Direction;
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

export function combineVerdicts(
  verdicts: readonly CheckVerdict[],
  active: number,
  bounds: { readonly min: number; readonly max: number },
): PoolDecision {
  const ups = verdicts.filter((v) => v.direction === "up");
  const downs = verdicts.filter((v) => v.direction === "down");
  let chosen: CheckVerdict | undefined;
  if (ups.length > 0) chosen = ups.reduce((a, b) => (b.desired > a.desired ? b : a));
  else if (downs.length > 0 && downs.length === verdicts.length)
    chosen = downs.reduce((a, b) => (b.desired > a.desired ? b : a));
  let to = chosen?.desired ?? active;
  let reason = chosen
    ? `${chosen.check}: ${chosen.reason}`
    : verdicts.map((v) => `${v.check}: ${v.reason}`).join("; ");
  if (to > bounds.max) {
    reason += ` (held at max ${bounds.max})`;
    to = bounds.max;
  }
  if (to < bounds.min) {
    reason = to < active || active < bounds.min ? `${reason} (held at min ${bounds.min})` : reason;
    to = bounds.min;
  }
  if (active < bounds.min && to === bounds.min && !chosen) reason = `below min ${bounds.min}`;
  const direction: Direction = to > active ? "up" : to < active ? "down" : "none";
  return { direction, from: active, to, reason };
}
