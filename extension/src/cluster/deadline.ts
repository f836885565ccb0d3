// How long a cluster command may wait, and how it stops: the user's cancel and the
// nomadkit.cluster.timeoutSeconds deadline as one AbortSignal, and the errors each ends with.

/** Options of every call to the cluster: the command's cancel (and deadline) signal. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** The cluster did not answer within the nomadkit.cluster.timeoutSeconds setting. */
export class ClusterTimeoutError extends Error {
  override readonly name = "ClusterTimeoutError";
  constructor(
    readonly address: string,
    readonly seconds: number,
  ) {
    super(
      `Nomad at ${address} did not answer within ${seconds} s. Check nomadkit.cluster.address (and that the agent runs), or raise nomadkit.cluster.timeoutSeconds.`,
    );
  }
}

/** The user cancelled the command: not a failure to report. */
export class CancelledError extends Error {
  override readonly name = "CancelledError";
  constructor() {
    super("cancelled");
  }
}

/**
 * A signal that aborts when `cancel` does (with CancelledError) or when `seconds` pass
 * (with ClusterTimeoutError), whichever comes first. The client's retries stop at it too,
 * so an address that never answers fails within the timeout, not after every retry's.
 */
export function deadline(
  address: string,
  seconds: number,
  cancel?: AbortSignal,
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new ClusterTimeoutError(address, seconds)), seconds * 1000);
  const onCancel = () => controller.abort(new CancelledError());
  if (cancel?.aborted) onCancel();
  cancel?.addEventListener("abort", onCancel, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      cancel?.removeEventListener("abort", onCancel);
    },
  };
}

/** `work`, or the signal's reason as soon as it aborts (for calls that take no signal). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
