// What one more node of a pool would offer. Learned from a node the pool already runs (its
// real capacity after reservations, its real attributes); from the operator's template when
// the pool has no node yet, which is what lets a pool scale from zero.
import type { PlacementTarget } from "./placement-target.js";
import type { PoolSpec } from "./pool-spec.js";
import type { PoolView } from "./pool-view.js";
import type { Resources } from "./resources.js";

export interface PoolShape {
  readonly target: PlacementTarget;
  readonly capacity: Resources;
  /** "g5.xlarge", or "node" when nothing better is known. */
  readonly name: string;
  readonly learnedFrom: "node" | "template";
}

export function poolShape(spec: PoolSpec, view: PoolView | undefined): PoolShape | undefined {
  const groupShape = view?.group?.shapes[0];
  const sample =
    view && (view.byCondition.ready[0] ?? view.byCondition.initializing[0] ?? view.byCondition.ineligible[0]);
  if (sample) {
    const { node } = sample;
    return {
      // A new node gets its own name and ID, so those are unknown rather than the sample's.
      target: {
        pool: spec.name,
        datacenter: node.datacenter,
        nodeClass: node.nodeClass,
        meta: node.meta,
        attributes: node.attributes,
        devices: node.devices,
      },
      capacity: node.capacity,
      name: spec.shape?.name ?? sample.instance?.shape ?? groupShape ?? "node",
      learnedFrom: "node",
    };
  }
  const shape = spec.shape;
  if (!shape) return undefined;
  return {
    target: {
      pool: spec.name,
      datacenter: shape.datacenter,
      nodeClass: shape.nodeClass ?? "",
      meta: shape.meta ?? {},
      attributes: shape.attributes ?? {},
      attributesUnknown: true,
      devices: shape.devices ?? [],
    },
    capacity: shape.capacity,
    name: shape.name ?? groupShape ?? "node",
    learnedFrom: "template",
  };
}
