// Polling for the end-to-end tests: wait for a condition the cluster reaches on its own time.

/**
 * Polls `fn` (every second by default) until it returns a value. On timeout the error names what was
 * awaited, the last error `fn` threw, and `context()` (the agents' logs, say).
 */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  options: { timeoutMs?: number; intervalMs?: number; context?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (${String(last ?? "")})\n${options.context?.() ?? ""}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 1_000));
  }
}
