// Nomad's node list carries no client meta, yet constraints such as `${meta.has-gpu}` read it.
// Every node of a pool we provision carries the meta its description gives (the boot script
// writes it), so a node whose snapshot has none takes its pool's (PoolSpec.meta, else the shape's).
import type { PoolSpec } from "./pool-spec.js";
import type { NodeState, Snapshot } from "./snapshot.js";

export function withPoolMeta(snapshot: Snapshot, pools: readonly PoolSpec[]): Snapshot {
  const metaByPool = new Map<string, Readonly<Record<string, string>>>();
  for (const p of pools) {
    const meta = p.meta ?? p.shape?.meta;
    if (meta && Object.keys(meta).length > 0) metaByPool.set(p.name, meta);
  }
  if (metaByPool.size === 0) return snapshot;
  const nodes = snapshot.nodes.map((n): NodeState => {
    const meta = metaByPool.get(n.pool);
    return meta && Object.keys(n.meta).length === 0 ? { ...n, meta } : n;
  });
  return { ...snapshot, nodes };
}
