// Why and until when a pool may not grow. A quota or capacity error means the pool's shape is
// unavailable for a while (Karpenter's "insufficient capacity" cache): retrying every
// evaluation would only hammer the cloud. Throttling is retried soon. Each further failure
// doubles the wait, up to a cap; one success clears it. Kept per pool, so one pool stuck on
// quota never holds up another.
import { NodeGroupError, type NodeGroupErrorKind } from "../cloud/node-groups.js";

export type FailureKind = NodeGroupErrorKind | "provisioning-timeout";

const DELAYS: Record<FailureKind, { readonly baseMs: number; readonly capMs: number }> = {
  quota: { baseMs: 5 * 60_000, capMs: 60 * 60_000 },
  capacity: { baseMs: 5 * 60_000, capMs: 60 * 60_000 },
  "provisioning-timeout": { baseMs: 5 * 60_000, capMs: 60 * 60_000 },
  throttled: { baseMs: 5_000, capMs: 2 * 60_000 },
  permission: { baseMs: 60_000, capMs: 15 * 60_000 },
  "not-found": { baseMs: 60_000, capMs: 15 * 60_000 },
  other: { baseMs: 30_000, capMs: 15 * 60_000 },
};

export interface PoolBackoff {
  readonly kind: FailureKind;
  readonly failures: number;
  readonly untilMs: number;
  readonly message: string;
}

export class Backoffs {
  private readonly byPool = new Map<string, PoolBackoff>();

  /** The backoff in force for `pool` at `now`, if any. */
  active(pool: string, now: number): PoolBackoff | undefined {
    const b = this.byPool.get(pool);
    return b && b.untilMs > now ? b : undefined;
  }

  failed(pool: string, kind: FailureKind, message: string, now: number): PoolBackoff {
    const failures = (this.byPool.get(pool)?.failures ?? 0) + 1;
    const { baseMs, capMs } = DELAYS[kind];
    const delay = Math.min(capMs, baseMs * 2 ** (failures - 1));
    const backoff = { kind, failures, untilMs: now + delay, message };
    this.byPool.set(pool, backoff);
    return backoff;
  }

  succeeded(pool: string): void {
    this.byPool.delete(pool);
  }
}

export function failureKindOf(error: unknown): FailureKind {
  return error instanceof NodeGroupError ? error.kind : "other";
}
