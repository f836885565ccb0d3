// How a client pool scales, written next to its NodePool in cluster.ts. Plain data: the
// autoscaler (autoscaler/) reads it, and so can nomad-autoscaler policy files (policy-file.ts).

/** A Go-style duration string Nomad and nomad-autoscaler use: "30s", "5m", "1h30m". */
export type DurationString = string;

export type ScalingMetric = "cpu" | "memory";

export type ScalingCheck =
  /** Keep the pool's allocated CPU or memory near `target` percent. */
  | { readonly kind: "target-value"; readonly metric: ScalingMetric; readonly target: number }
  /** Add `delta` nodes above `upperBound` percent, remove `delta` below `lowerBound`. */
  | {
      readonly kind: "threshold";
      readonly metric: ScalingMetric;
      readonly lowerBound?: number;
      readonly upperBound?: number;
      readonly delta: number;
    }
  /** Add the nodes queued work needs, by bin packing it onto the pool's shape. */
  | { readonly kind: "pending-work" };

export interface DisruptionBudget {
  /** At most this many nodes (or this share of the pool) being removed at once. */
  readonly nodes: number | `${number}%`;
  /** Only while this cron window is open (5 or 6 fields, Nomad's cron), for `duration`. */
  readonly schedule?: string;
  readonly duration?: DurationString;
}

export interface ScalingPolicy {
  /** Default: the pool's min / max. */
  readonly min?: number;
  readonly max?: number;
  readonly evaluationInterval?: DurationString;
  readonly cooldown?: { readonly up?: DurationString; readonly down?: DurationString };
  /** Default: [{ kind: "pending-work" }]. */
  readonly checks?: readonly ScalingCheck[];
  readonly disruption?: readonly DisruptionBudget[];
  readonly drain?: { readonly deadline?: DurationString; readonly ignoreSystemJobs?: boolean };
  /** How long a new instance may take to join before it counts as failed. */
  readonly provisioningTimeout?: DurationString;
}
