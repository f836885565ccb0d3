// Leader election for running two autoscalers: a Nomad Variable lock (Nomad ≥ 1.7). One
// instance holds it and acts; the others wait on a blocking read of the variable, which wakes
// them when the holder releases it or Nomad expires it (about 2×TTL without a renewal, plus
// the lock delay). The holder renews at TTL/2 and counts itself out once a TTL has passed
// without a successful renewal, before Nomad could hand the lock to someone else.
import type { NomadClient } from "nomadkit/api";
import { type Clock, systemClock } from "./ports.js";

export interface LeaderLockOptions {
  readonly client: NomadClient;
  /** The variable that holds the lock, e.g. "nomadkit/autoscaler/leader". */
  readonly path: string;
  readonly namespace?: string;
  /** Nomad takes 10 s to 24 h. Default 15 s. */
  readonly ttlMs?: number;
  /** How long Nomad keeps an expired lock from being taken again. Default 15 s. */
  readonly lockDelayMs?: number;
  /** Written into the variable so an operator can see who leads (a host or allocation name). */
  readonly holder?: string;
  readonly clock?: Clock;
  /** Called once when a held lock is lost (not on release()). The holder must stop acting. */
  readonly onLost?: (reason: string) => void;
}

const DEFAULT_TTL_MS = 15_000;

export class LeaderLock {
  readonly #o: LeaderLockOptions;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  #lockId: string | undefined;
  #stopRenewing: AbortController | undefined;
  #renewing: Promise<void> | undefined;

  constructor(options: LeaderLockOptions) {
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  }

  get held(): boolean {
    return this.#lockId !== undefined;
  }

  /** Aborts when the current hold ends (lost or released), so work under the lock can stop at once. */
  get whileHeld(): AbortSignal {
    return this.#stopRenewing?.signal ?? AbortSignal.abort();
  }

  /** Resolves once the lock is held; rejects with the signal's reason when it aborts first. */
  async acquire(signal?: AbortSignal): Promise<void> {
    // Asking again under a new lock ID would wait on our own lock until it expired.
    if (this.held) return;
    const vars = this.#o.client.variables;
    const ns = this.#o.namespace ? { namespace: this.#o.namespace } : {};
    const opts = { ...ns, ...(signal ? { signal } : {}) };
    for (;;) {
      signal?.throwIfAborted();
      // Read before trying, so a release that lands between the try and the wait still
      // moves the variable past the index the wait starts from.
      const before = await vars.read(this.#o.path, opts);
      const got = await vars.acquireLock(
        this.#o.path,
        {
          ttl: `${this.#ttlMs}ms`,
          ...(this.#o.lockDelayMs !== undefined ? { lockDelay: `${this.#o.lockDelayMs}ms` } : {}),
        },
        { items: { holder: this.#o.holder ?? "nomadkit-autoscaler" }, ...opts },
      );
      if (got.data.ok) {
        this.#lockId = got.data.lockId;
        this.#startRenewing();
        return;
      }
      // Held by someone else: wait until the variable changes (release or expiry), or a TTL
      // passes. Nomad hides the lock from non-holders, so its content says nothing.
      if (!before.data) continue; // created since the read: read it again
      await vars
        .read(this.#o.path, { ...opts, index: before.data.ModifyIndex, waitMs: this.#ttlMs })
        .catch(() => {
          if (signal?.aborted) throw signal.reason;
          // A failed wait only means trying again.
        });
    }
  }

  /** Stops renewing and frees the lock at once, so another instance takes over without delay. */
  async release(): Promise<void> {
    const lockId = this.#lockId;
    this.#lockId = undefined;
    this.#stopRenewing?.abort();
    await this.#renewing;
    if (!lockId) return;
    await this.#o.client.variables.releaseLock(this.#o.path, lockId, {
      ...(this.#o.namespace ? { namespace: this.#o.namespace } : {}),
    });
  }

  #startRenewing(): void {
    const stop = new AbortController();
    this.#stopRenewing = stop;
    this.#renewing = this.#renewLoop(stop.signal);
  }

  async #renewLoop(stop: AbortSignal): Promise<void> {
    let lastRenewed = this.#clock.now();
    for (;;) {
      await this.#clock.sleep(this.#ttlMs / 2, stop);
      const lockId = this.#lockId;
      if (stop.aborted || !lockId) return;
      let reason: string | undefined;
      try {
        const res = await this.#o.client.variables.renewLock(this.#o.path, lockId, {
          ...(this.#o.namespace ? { namespace: this.#o.namespace } : {}),
          signal: stop,
        });
        if (res.data.ok) lastRenewed = this.#clock.now();
        else reason = `Nomad refused to renew the lock on ${this.#o.path}: ${res.data.reason}`;
      } catch (err) {
        if (stop.aborted) return;
        // Nomad unreachable: keep trying while the lock can still be ours.
        if (this.#clock.now() - lastRenewed >= this.#ttlMs)
          reason = `could not renew the lock on ${this.#o.path} within its TTL: ${(err as Error).message}`;
      }
      if (reason !== undefined) {
        this.#lockId = undefined;
        this.#o.onLost?.(reason);
        this.#stopRenewing?.abort(new Error(reason));
        return;
      }
    }
  }
}
