// How a client pool scales, written next to its NodePool in cluster.ts. Plain data: the
// autoscaler (autoscaler/) reads it, and so can nomad-autoscaler policy files (policy-file.ts).

/** A Go-style duration string Nomad and nomad-autoscaler use: "30s", "5m", "1h30m". */
export type DurationString = string;

export type ScalingMetric = "cpu" | "memory";

export type ScalingCheck =
  /** Keep the pool's allocated CPU or memory near `target` percent. */
  | { readonly kind: "target-value"; readonly metric: ScalingMetric; readonly target: number }
  /**
   * nomad-autoscaler's threshold strategy: while allocated percent is within
   * [lowerBound, upperBound) (either side open when left out), change the node count by
   * `delta`: positive adds nodes, negative removes them. Tiers are several checks.
   */
  | ({
      readonly kind: "threshold";
      readonly metric: ScalingMetric;
      readonly delta: number;
    } & (
      | { readonly lowerBound: number; readonly upperBound?: number }
      | { readonly lowerBound?: number; readonly upperBound: number }
    ))
  /** Add the nodes queued work needs, by bin packing it onto the pool's shape. */
  | { readonly kind: "pending-work" };

/** A disruption budget: always in force, or only inside a cron window (both fields, or neither). */
export type DisruptionBudget = {
  /**
   * At most this many nodes (or this share of the pool's active nodes, rounded up) being
   * removed at once. 0 forbids scale-in, which is useful inside a window.
   */
  readonly nodes: number | `${number}%`;
} & (
  | { readonly schedule?: undefined; readonly duration?: undefined }
  | {
      /**
       * The budget applies only while this window is open: from each time the cron expression
       * (Nomad's cron, UTC) names, for `duration`. Outside it the unscheduled budgets apply.
       */
      readonly schedule: string;
      readonly duration: DurationString;
    }
);

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
