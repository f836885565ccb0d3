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

/** What every cloud's client pool has: its NodePool and its size bounds. */
interface SizedPool {
  readonly pool: NodePool;
  readonly min: number;
  readonly max: number;
  readonly desired?: number;
}

/** The checks every cloud makes of its servers and pools, each problem naming its place. */
export function commonProblems(serverCount: number, pools: readonly SizedPool[]): ClusterProblem[] {
  const problems: ClusterProblem[] = [];
  const at = (path: string, message: string) => problems.push({ path, message });
  if (serverCount !== 3 && serverCount !== 5)
    at("servers", `count ${serverCount} can't keep a quorum: use 3 or 5`);
  const seen = new Set<string>();
  for (const c of pools) {
    const path = `pool "${c.pool.name}"`;
    if (seen.has(c.pool.name)) at(path, "the pool is listed twice");
    seen.add(c.pool.name);
    if (!Number.isInteger(c.min) || c.min < 0) at(path, `min ${c.min} must be a whole number ≥ 0`);
    if (!Number.isInteger(c.max) || c.max < 1) at(path, `max ${c.max} must be a whole number ≥ 1`);
    if (c.min > c.max) at(path, `min ${c.min} is larger than max ${c.max}: raise max or lower min`);
    if (c.desired !== undefined && (!Number.isInteger(c.desired) || c.desired < c.min || c.desired > c.max))
      at(path, `desired ${c.desired} must be a whole number within min ${c.min} … max ${c.max}`);
  }
  return problems;
}
