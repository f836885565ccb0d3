// Which pool each entry of a nomad-autoscaler policy file scales: the node_pool it names, or
// else the pool whose cloud group has the ASG/MIG name it names. Disabled entries are left out.
import type { NodeGroupState } from "../cloud/node-groups.js";
import type { ScalingPolicy } from "../cloud/scaling-policy.js";
import type { PolicyFileEntry } from "./policy-file.js";

export interface PoolPolicies {
  readonly byPool: ReadonlyMap<string, ScalingPolicy>;
  readonly problems: readonly string[];
}

export function policiesByPool(
  entries: readonly PolicyFileEntry[],
  groups: readonly NodeGroupState[],
): PoolPolicies {
  const byPool = new Map<string, ScalingPolicy>();
  const from = new Map<string, string>();
  const problems: string[] = [];
  for (const entry of entries) {
    if (!entry.enabled) continue;
    const selector = entry.selector;
    const pool =
      selector.by === "node-pool"
        ? selector.nodePool
        : groups.find((g) => g.groupName === selector.groupName)?.pool;
    if (pool === undefined) {
      const names = groups.map((g) => g.groupName).join(", ") || "none";
      problems.push(
        `scaling "${entry.name}": no node group is named "${selector.groupName}" (groups: ${names})`,
      );
      continue;
    }
    const earlier = from.get(pool);
    if (earlier !== undefined) {
      problems.push(`scaling "${entry.name}": pool "${pool}" is already scaled by scaling "${earlier}"`);
      continue;
    }
    from.set(pool, entry.name);
    byPool.set(pool, entry.policy);
  }
  return { byPool, problems };
}
