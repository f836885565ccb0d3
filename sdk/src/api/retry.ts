// The client's one retry policy: which failures are worth another try, and how
// long to wait before it.

export interface RetryPolicy {
  /** Total tries, the first included. 1 turns retries off. */
  maxAttempts: number;
  /** Backoff before the second try; doubles each time. */
  baseDelayMs: number;
  /** Upper bound of one backoff. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5_000 };

/** What one try ended with, as far as retrying cares. */
export type Outcome =
  | { kind: "response"; status: number; message: string }
  | { kind: "network"; code: string | undefined; timedOut: boolean };

/**
 * Whether to try again. Reads (idempotent) are retried on any connection error,
 * timeout, 429 and 5xx. Writes are retried only when Nomad cannot have applied
 * them: the connection was refused or the name did not resolve, Nomad said it
 * has no leader, or it rate-limited us. A write that timed out or got a 500
 * may have been applied, and registering a job twice makes two versions, so it
 * is left to the caller.
 */
export function isRetryable(outcome: Outcome, idempotent: boolean): boolean {
  if (outcome.kind === "network") {
    if (idempotent) return true;
    return outcome.code !== undefined && NOT_SENT_CODES.has(outcome.code);
  }
  const { status, message } = outcome;
  if (status === 429) return true;
  if (status >= 500 && /no cluster leader|no path to region|rpc error: EOF/i.test(message)) return true;
  // A stale EnforceIndex is a 500 too, and trying again can never succeed.
  if (message.includes("Enforcing job modify index")) return false;
  return idempotent && status >= 500;
}

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENOENT"]);

/**
 * Exponential backoff with "equal jitter": between half and all of
 * min(max, base·2^retry). The random half spreads many clients out instead of
 * hammering a recovering server in step; the fixed half makes sure a retry
 * waits at least a little (a leader election takes a moment).
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}
