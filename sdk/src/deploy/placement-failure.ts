// Why the scheduler could not place a task group: Nomad's AllocMetric, as an
// evaluation's or a plan's FailedTGAllocs carries it, turned into the lines
// `nomad job plan` and `nomad job status` print (filtered by a constraint,
// resources exhausted, a missing driver, no eligible node).
import type { AllocationMetric } from "../schema/api-types.generated.js";

/** The parts of an AllocMetric a failed placement reports; all may be missing from older servers. */
type AllocMetric = Partial<AllocationMetric>;

/** One task group that could not be placed, and the reasons, one per line. */
export interface PlacementFailure {
  group: string;
  /** How many allocations failed to place (1 + coalesced failures). */
  count: number;
  reasons: string[];
}

export function placementFailures(
  failed: Readonly<Record<string, unknown>> | null | undefined,
): PlacementFailure[] {
  return Object.entries(failed ?? {}).map(([group, metric]) => {
    const m = (metric ?? {}) as AllocMetric;
    return { group, count: 1 + (m.CoalescedFailures ?? 0), reasons: placementReasons(m) };
  });
}

export function placementReasons(m: AllocMetric): string[] {
  const reasons: string[] = [];
  const available = Object.values(m.NodesAvailable ?? {}).reduce((a, b) => a + b, 0);
  if ((m.NodesEvaluated ?? 0) === 0) {
    reasons.push(
      available === 0 && m.NodesAvailable && Object.keys(m.NodesAvailable).length > 0
        ? `no nodes are available in datacenter(s) ${Object.keys(m.NodesAvailable).join(", ")}`
        : "no nodes were eligible for evaluation (check datacenters and node pool)",
    );
  }
  for (const [klass, n] of entries(m.ClassFiltered)) reasons.push(`class "${klass}" filtered ${n} node(s)`);
  for (const [constraint, n] of entries(m.ConstraintFiltered))
    reasons.push(`constraint ${constraint} filtered ${n} node(s)`);
  if ((m.NodesExhausted ?? 0) > 0) reasons.push(`resources exhausted on ${m.NodesExhausted} node(s)`);
  for (const [klass, n] of entries(m.ClassExhausted))
    reasons.push(`class "${klass}" exhausted on ${n} node(s)`);
  for (const [dimension, n] of entries(m.DimensionExhausted))
    reasons.push(`dimension "${dimension}" exhausted on ${n} node(s)`);
  for (const quota of m.QuotaExhausted ?? []) reasons.push(`quota limit reached: ${quota}`);
  if (reasons.length === 0) reasons.push("no node fits the group");
  return reasons;
}

/** `group "web" (2 allocations): constraint … filtered 1 node(s); …` on one line. */
export function describePlacementFailure(failure: PlacementFailure): string {
  const allocations = failure.count === 1 ? "1 allocation" : `${failure.count} allocations`;
  return `group "${failure.group}" (${allocations} not placed): ${failure.reasons.join("; ")}`;
}

function entries(map: Record<string, number> | null | undefined): Array<[string, number]> {
  return Object.entries(map ?? {}).filter(([, n]) => n > 0);
}
