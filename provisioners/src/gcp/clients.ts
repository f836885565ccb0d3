// The Compute clients a cluster needs. Credentials are Application Default Credentials
// (GOOGLE_APPLICATION_CREDENTIALS, gcloud's, the metadata server). NOMADKIT_GCE_ENDPOINT
// ("http://127.0.0.1:8080") points every client at another Compute API (a fake, a proxy).
// The client returns operations without waiting: waitOperation polls until DONE and throws
// op.error. 429 and 5xx are retried with backoff (RESOURCE_EXHAUSTED, UNAVAILABLE, INTERNAL).
import {
  GlobalOperationsClient,
  InstancesClient,
  InstanceTemplatesClient,
  MachineTypesClient,
  type protos,
  RegionInstanceGroupManagersClient,
  RegionOperationsClient,
} from "@google-cloud/compute";
import { CallCounter } from "../cloud/call-counter.js";
import { ClusterError } from "../cloud/cluster-errors.js";

export type Operation = protos.google.cloud.compute.v1.IOperation;

export interface GcpClientOptions {
  /** Passed to every client: apiEndpoint, port, protocol, authClient, … */
  readonly clientOptions?: Record<string, unknown>;
  /** Page size for list calls (default 500). */
  readonly maxResults?: number;
  /** The longest wait between polls of an operation (default 2000 ms; the first polls come sooner). */
  readonly pollMs?: number;
}

export interface GcpClients {
  readonly templates: InstanceTemplatesClient;
  readonly groups: RegionInstanceGroupManagersClient;
  readonly instances: InstancesClient;
  readonly globalOps: GlobalOperationsClient;
  readonly regionOps: RegionOperationsClient;
  readonly machineTypes: MachineTypesClient;
  readonly calls: CallCounter;
  readonly maxResults: number;
  readonly pollMs: number;
}

/** gRPC codes the REST client maps 429 and 5xx to. */
const RETRY_CODES = [8 /* RESOURCE_EXHAUSTED */, 14 /* UNAVAILABLE */, 13 /* INTERNAL */, 2 /* UNKNOWN */];

/** Call options for every call: retry throttling and server errors with backoff. */
export const RETRY = {
  retry: {
    retryCodes: RETRY_CODES,
    backoffSettings: {
      initialRetryDelayMillis: 200,
      retryDelayMultiplier: 2,
      maxRetryDelayMillis: 10_000,
      initialRpcTimeoutMillis: 60_000,
      rpcTimeoutMultiplier: 1,
      maxRpcTimeoutMillis: 60_000,
      totalTimeoutMillis: 120_000,
    },
  },
};

/** For the *Async list iterators, which page themselves: gax warns unless told so. */
export const LIST = { ...RETRY, autoPaginate: false };

function endpointOptions(): Record<string, unknown> {
  const raw = process.env.NOMADKIT_GCE_ENDPOINT;
  if (!raw) return {};
  const u = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!u || !/^https?:$/.test(u.protocol))
    throw new ClusterError(
      "cluster",
      `NOMADKIT_GCE_ENDPOINT "${raw}" is not a URL like http://127.0.0.1:8080`,
    );
  return {
    apiEndpoint: u.hostname,
    port: Number(u.port || (u.protocol === "http:" ? 80 : 443)),
    protocol: u.protocol.replace(":", ""),
  };
}

export function gcpClients(options: GcpClientOptions = {}): GcpClients {
  const o = { fallback: true, ...endpointOptions(), ...options.clientOptions };
  return {
    templates: new InstanceTemplatesClient(o),
    groups: new RegionInstanceGroupManagersClient(o),
    instances: new InstancesClient(o),
    globalOps: new GlobalOperationsClient(o),
    regionOps: new RegionOperationsClient(o),
    machineTypes: new MachineTypesClient(o),
    calls: new GcpCallCounter(),
    maxResults: options.maxResults ?? 500,
    pollMs: options.pollMs ?? 2000,
  };
}

/** Calls by "resource.method"; list*, aggregatedList and get don't change anything. */
export class GcpCallCounter extends CallCounter {
  override get mutating(): number {
    let n = 0;
    for (const [name, v] of this.byCommand) if (!/\.(list\w*|aggregatedList|get)$/.test(name)) n += v;
    return n;
  }
}

/** HTTP status or gRPC code of a failed call, when it is worth another try (429, 5xx). */
export function retryable(error: unknown): boolean {
  const e = error as { status?: number; code?: number | string; response?: { status?: number } };
  const status = e.response?.status ?? e.status ?? (typeof e.code === "string" ? Number(e.code) : undefined);
  if (status !== undefined && (status === 429 || status >= 500)) return true;
  return typeof e.code === "number" && e.code < 100 && RETRY_CODES.includes(e.code);
}

/**
 * Counts one call and retries it on 429 and 5xx with exponential backoff and jitter. The
 * REST transport surfaces HTTP errors without the gRPC code gax's own retry matches on, so
 * the retry is done here too.
 */
export async function counted<T>(
  calls: CallCounter,
  name: string,
  call: () => Promise<T>,
  attempts = 6,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await call();
      calls.record(name, attempt);
      return result;
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) {
        calls.record(name, attempt);
        throw error;
      }
      await new Promise((r) =>
        setTimeout(r, Math.min(10_000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2)),
      );
    }
  }
}

/** A failed operation, with Google's error codes (QUOTA_EXCEEDED, …). */
export class OperationError extends Error {
  constructor(
    readonly codes: readonly string[],
    message: string,
  ) {
    super(message);
  }
}

/** Polls an operation until DONE, then throws its error if it has one. */
export async function waitOperation(c: GcpClients, project: string, op: Operation): Promise<Operation> {
  let current = op;
  // Short operations (a resize, a template) finish in well under a second: poll soon, then
  // back off to pollMs.
  for (let poll = 0; current.status !== "DONE"; poll++) {
    await new Promise((r) => setTimeout(r, Math.min(c.pollMs, 100 * 2 ** poll)));
    const name = current.name ?? "";
    const zone = current.region ? current.region.split("/").pop() : undefined;
    [current] = zone
      ? await c.regionOps.get({ project, region: zone, operation: name }, RETRY)
      : await c.globalOps.get({ project, operation: name }, RETRY);
  }
  const errors = current.error?.errors ?? [];
  if (errors.length > 0)
    throw new OperationError(
      errors.map((e) => e.code ?? "ERROR"),
      errors.map((e) => `${e.code}: ${e.message}`).join("; "),
    );
  return current;
}
