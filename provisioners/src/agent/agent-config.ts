// Nomad agent configuration for the machines we provision, printed as HCL through the
// shared printer from the schema's `agent` kind: the options below are a friendly front,
// every key they produce is an HCL name the schema checks (kindBody throws on one it lacks),
// and `extra` reaches any other agent field by its HCL name.
import { type KindValue, kindBody, type NodePool } from "nomadkit";
import { print } from "nomadkit/hcl";
import { type DiscoverConfig, formatDiscover } from "nomadkit/schema";

/** Client meta key that carries the cloud instance's own ID; the boot script fills it in. */
export const INSTANCE_ID_META = "nomadkit.instance_id";

export interface TlsOptions {
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  /** Verify that servers' certificates name `server.<region>.nomad` (default true). */
  readonly verifyServerHostname?: boolean;
  readonly verifyHttpsClient?: boolean;
}

export interface CommonAgentOptions {
  readonly datacenter: string;
  readonly region?: string;
  readonly dataDir?: string;
  /** How to find the servers: a go-discover config (cloud auto-join) or addresses. */
  readonly join: DiscoverConfig | readonly string[];
  readonly tls?: TlsOptions;
  /** Turn on ACLs. Tokens are never written here. */
  readonly acl?: boolean;
  /** Expose Prometheus metrics on `/v1/metrics?format=prometheus`. */
  readonly prometheus?: boolean;
  /** Any other top-level agent field, by HCL name; checked against the schema. */
  readonly extra?: KindValue;
}

export interface ServerAgentOptions extends CommonAgentOptions {
  readonly bootstrapExpect: 3 | 5 | 1;
  /** Gossip encryption key (`nomad operator gossip keyring generate`). */
  readonly gossipKey?: string;
}

export interface HostVolumeOptions {
  readonly path: string;
  readonly readOnly?: boolean;
}

export interface ClientAgentOptions extends CommonAgentOptions {
  /** The node pool the client joins; its capabilities become client meta. */
  readonly nodePool: NodePool;
  readonly nodeClass?: string;
  readonly meta?: Readonly<Record<string, string>>;
  readonly hostVolumes?: Readonly<Record<string, HostVolumeOptions>>;
  /** Client `options` (plugin and fingerprint settings such as "fingerprint.denylist"). */
  readonly options?: Readonly<Record<string, string>>;
}

/** The `server_join` block's retry_join list. */
export function retryJoin(join: DiscoverConfig | readonly string[]): string[] {
  return "provider" in join ? [formatDiscover(join)] : [...join];
}

function common(o: CommonAgentOptions): KindValue {
  return {
    region: o.region,
    datacenter: o.datacenter,
    data_dir: o.dataDir ?? "/opt/nomad/data",
    bind_addr: "0.0.0.0",
    acl: o.acl ? { enabled: true } : undefined,
    telemetry: o.prometheus
      ? {
          prometheus_metrics: true,
          publish_allocation_metrics: true,
          publish_node_metrics: true,
          disable_hostname: true,
        }
      : undefined,
    tls: o.tls
      ? {
          http: true,
          rpc: true,
          ca_file: o.tls.caFile,
          cert_file: o.tls.certFile,
          key_file: o.tls.keyFile,
          verify_server_hostname: o.tls.verifyServerHostname ?? true,
          verify_https_client: o.tls.verifyHttpsClient,
        }
      : undefined,
    ...o.extra,
  };
}

/** A server agent's configuration as a value keyed by HCL names. */
export function serverConfig(o: ServerAgentOptions): KindValue {
  return {
    ...common(o),
    server: {
      enabled: true,
      bootstrap_expect: o.bootstrapExpect,
      encrypt: o.gossipKey,
      server_join: { retry_join: retryJoin(o.join) },
    },
  };
}

/** The client meta a pool's nodes carry: its NodePool's capabilities, then the pool's own meta. */
export function clientMeta(
  nodePool: NodePool,
  meta: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of nodePool.capabilities) out[c.key] = c.value;
  return Object.assign(out, meta);
}

/** A client agent's configuration as a value keyed by HCL names. */
export function clientConfig(o: ClientAgentOptions): KindValue {
  const meta = clientMeta(o.nodePool, o.meta);
  const hostVolumes = Object.fromEntries(
    Object.entries(o.hostVolumes ?? {}).map(([name, v]) => [name, { path: v.path, read_only: v.readOnly }]),
  );
  return {
    ...common(o),
    client: {
      enabled: true,
      node_pool: o.nodePool.name,
      node_class: o.nodeClass,
      meta,
      options: o.options,
      host_volume: Object.keys(hostVolumes).length > 0 ? hostVolumes : undefined,
      server_join: { retry_join: retryJoin(o.join) },
    },
  };
}

/** Agent configuration as the HCL file the agent reads (`-config /etc/nomad.d`). */
export function agentHcl(config: KindValue): string {
  return print({ type: "Body", items: kindBody("agent", config) });
}
