// The cached view of the connected cluster: what completion, the plan lens and the
// no-matching-node warning read. Each list is read once, then kept current with blocking
// queries (Nomad answers when its index moves), so features never wait on the network for
// names. Plans are cached per document text and dropped when jobs or nodes change.
// Nothing here runs unless a cluster address is set: no address, no ClusterView.
import {
  HttpClient,
  type JobBody,
  NomadClient,
  type NomadClientConfig,
  resolveConfig,
  type TlsConfig,
} from "nomadkit/api";
import { type JobPlan, planJob } from "nomadkit/deploy";

/** What the extension sends as settings.cluster; the token never appears in a log. */
export interface ClusterSettings {
  address?: string;
  token?: string;
  namespace?: string;
  region?: string;
  tls?: TlsConfig;
}

/** The names completion offers, as the cluster last reported them. */
export interface ClusterNames {
  datacenters: string[];
  nodePools: string[];
  namespaces: string[];
  variablePaths: string[];
  services: string[];
}

type Resource = keyof ClusterNames | "jobs";

/** How long one blocking query may wait before Nomad answers anyway. */
const BLOCKING_WAIT_MS = 60_000;
/** After a failed read, wait this long before the next one. */
const RETRY_AFTER_MS = 5_000;
const MAX_RETRY_AFTER_MS = 60_000;

export class ClusterView {
  readonly address: string;
  readonly #nomad: NomadClient;
  readonly #http: HttpClient;
  readonly #stop = new AbortController();
  readonly #names: ClusterNames = {
    datacenters: [],
    nodePools: [],
    namespaces: [],
    variablePaths: [],
    services: [],
  };
  readonly #ready = new Map<Resource, Promise<void>>();
  #generation = 0;
  readonly #plans = new Map<string, { key: string; generation: number; plan: Promise<JobPlan | Error> }>();
  readonly #changed: () => void;
  readonly #log: (message: string) => void;

  /** `changed` runs when jobs or nodes moved, so plans and warnings are stale. */
  constructor(
    settings: ClusterSettings & { address: string },
    changed: () => void,
    log: (m: string) => void,
  ) {
    const config: NomadClientConfig = { address: settings.address, timeoutMs: 10_000 };
    // The extension puts the token in the server's environment, out of any protocol trace.
    const token = settings.token || process.env.NOMADKIT_CLUSTER_TOKEN;
    if (token) config.token = token;
    if (settings.namespace) config.namespace = settings.namespace;
    if (settings.region) config.region = settings.region;
    if (settings.tls) config.tls = settings.tls;
    // env: {} — the cluster is the one the editor names, never NOMAD_ADDR by accident.
    this.#nomad = new NomadClient({ ...config, env: {} });
    this.#http = new HttpClient(resolveConfig(config, {}));
    this.address = this.#nomad.address;
    this.#changed = changed;
    this.#log = log;
    this.#watch("datacenters", async (o) => {
      const r = await this.#nomad.nodes.list(o);
      return { index: r.meta.index, names: r.data.map((n) => n.Datacenter) };
    });
    this.#watch("nodePools", async (o) => {
      const r = await this.#nomad.nodePools.list(o);
      return { index: r.meta.index, names: r.data.map((p) => p.Name) };
    });
    this.#watch("namespaces", async (o) => {
      const r = await this.#nomad.namespaces.list(o);
      return { index: r.meta.index, names: r.data.map((n) => n.Name) };
    });
    this.#watch("variablePaths", async (o) => {
      const r = await this.#nomad.variables.list({ ...o, namespace: "*" });
      return { index: r.meta.index, names: r.data.map((v) => v.Path) };
    });
    this.#watch("services", async (o) => {
      // No typed endpoint in the sdk for the service catalog; the one HTTP client reads it.
      const r = await this.#http.json<Array<{ Services?: Array<{ ServiceName: string }> }>>({
        method: "GET",
        path: "/v1/services",
        options: { ...o, namespace: "*" },
      });
      return {
        index: r.meta.index,
        names: r.data.flatMap((ns) => (ns.Services ?? []).map((s) => s.ServiceName)),
      };
    });
    this.#watch("jobs", async (o) => {
      const r = await this.#nomad.jobs.list({ ...o, namespace: "*" });
      return { index: r.meta.index, names: [] };
    });
  }

  /** The names as last read; waits for the first read of each, at most `waitMs`. */
  async names(waitMs = 2_000): Promise<ClusterNames> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.#ready.values()),
      new Promise((r) => {
        timer = setTimeout(r, waitMs);
      }),
    ]);
    clearTimeout(timer);
    return this.#names;
  }

  /** What `nomad job plan` says about `job`, cached by `key` until jobs or nodes change. */
  plan(uri: string, key: string, job: JobBody): Promise<JobPlan | Error> {
    const hit = this.#plans.get(uri);
    if (hit && hit.key === key && hit.generation === this.#generation) return hit.plan;
    const plan = planJob(this.#nomad, job).catch((e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      this.#log(`cluster ${this.address}: plan of ${String(job.ID)} failed: ${error.message}`);
      return error;
    });
    this.#plans.set(uri, { key, generation: this.#generation, plan });
    return plan;
  }

  /** The cached plan for `uri` if it is current for `key`, without asking the cluster. */
  cachedPlan(uri: string, key: string): Promise<JobPlan | Error> | undefined {
    const hit = this.#plans.get(uri);
    return hit && hit.key === key && hit.generation === this.#generation ? hit.plan : undefined;
  }

  forget(uri: string): void {
    this.#plans.delete(uri);
  }

  dispose(): void {
    this.#stop.abort();
    this.#nomad.close();
    this.#http.close();
  }

  #watch(
    resource: Resource,
    read: (options: { index?: number; waitMs?: number; signal: AbortSignal }) => Promise<{
      index: number;
      names: string[];
    }>,
  ): void {
    const signal = this.#stop.signal;
    let first: () => void = () => {};
    this.#ready.set(resource, new Promise<void>((done) => (first = done)));
    const loop = async () => {
      let index = 0;
      // One log line when reads start failing and one when they work again, not one per retry.
      let failing = false;
      let backoffMs = RETRY_AFTER_MS;
      while (!signal.aborted) {
        try {
          const answer = await read(index > 0 ? { index, waitMs: BLOCKING_WAIT_MS, signal } : { signal });
          if (answer.index !== index) {
            if (resource !== "jobs") this.#names[resource] = [...new Set(answer.names)].sort();
            if (index > 0 && (resource === "jobs" || resource === "datacenters")) {
              this.#generation++;
              this.#changed();
            }
          }
          // An index that went backwards (a restored cluster) starts over, as Nomad advises.
          index = answer.index < index ? 0 : answer.index;
          if (failing) this.#log(`cluster ${this.address}: reading ${resource} works again`);
          failing = false;
          backoffMs = RETRY_AFTER_MS;
        } catch (e) {
          if (signal.aborted) break;
          if (!failing)
            this.#log(`cluster ${this.address}: reading ${resource} failed: ${(e as Error).message}`);
          failing = true;
          await new Promise((r) => setTimeout(r, backoffMs).unref());
          backoffMs = Math.min(backoffMs * 2, MAX_RETRY_AFTER_MS);
        } finally {
          first();
        }
      }
    };
    void loop();
  }
}
