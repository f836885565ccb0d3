// What every cloud's cluster description shares: the agent settings common to servers and
// clients, and how a problem in the description is named.
import type { KindValue, NodePool } from "nomadkit";
import type { DiscoverConfig } from "nomadkit/schema";
import type { CommonAgentOptions, TlsOptions } from "../agent/agent-config.js";

export interface AgentProps {
  readonly tls?: TlsOptions;
  readonly acl?: boolean;
  readonly prometheus?: boolean;
  readonly gossipKey?: string;
  /** Client `options`, e.g. { "fingerprint.denylist": "env_aws" }. */
  readonly clientOptions?: Readonly<Record<string, string>>;
  /** Any other top-level agent field by HCL name (`plugin`, `consul`, …); checked against the schema. */
  readonly extra?: KindValue;
}

/** Something wrong with the description, named by where it is (`pool "gpu"`). */
export interface ClusterProblem {
  readonly path: string;
  readonly message: string;
}

/** The agent settings servers and clients of one cluster share. */
export function sharedAgentOptions(
  agent: AgentProps | undefined,
  datacenter: string,
  join: DiscoverConfig | readonly string[],
): CommonAgentOptions & { region: undefined } {
  return {
    datacenter,
    region: undefined,
    join,
    tls: agent?.tls,
    acl: agent?.acl,
    prometheus: agent?.prometheus,
    extra: agent?.extra,
  };
}

/** The group key used in names and tags: "server", or "pool-<name>". */
export function groupKey(pool?: NodePool): string {
  return pool ? `pool-${pool.name}` : "server";
}

/** How a group is named for people: `servers`, `pool "gpu"`. */
export function groupLabel(key: string): string {
  return key === "server" ? "servers" : `pool "${key.replace(/^pool-/, "")}"`;
}
