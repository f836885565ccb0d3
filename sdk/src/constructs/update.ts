import type { DurationLike } from "../schema/duration.js";
import type { UpdateStrategySpec } from "../schema/specs.generated.js";

/** How long a rollout waits: shared by every `Update` helper. */
export interface Timing {
  readonly minHealthyTime?: DurationLike;
  readonly healthyDeadline?: DurationLike;
  readonly progressDeadline?: DurationLike;
}

export interface RollingUpdateProps extends Timing {
  readonly maxParallel?: number;
}

export interface CanaryUpdateProps extends Timing {
  readonly autoPromote?: boolean;
  readonly maxParallel?: number;
}

export interface BlueGreenUpdateProps extends Timing {
  readonly autoPromote?: boolean;
}

const BLUE_GREEN = Symbol("nomadkit.blueGreen");

/** A blue/green update: as many canaries as the group has allocations. See `Update.blueGreen`. */
export type BlueGreenUpdate = UpdateStrategySpec & { readonly [BLUE_GREEN]: true };

/** What a group's (or job's) `update` takes: a spec, or what an `Update` helper returns. */
export type UpdateProps = UpdateStrategySpec | BlueGreenUpdate;

export function isBlueGreen(update: unknown): update is BlueGreenUpdate {
  return typeof update === "object" && update !== null && BLUE_GREEN in update;
}

/**
 * Update strategies for the common rollout shapes. Each waits for health checks and
 * reverts to the last stable version when a deployment fails.
 */
export const Update = {
  /** Replace allocations a few at a time. */
  rolling(options: RollingUpdateProps = {}): UpdateStrategySpec {
    const { maxParallel = 1, ...timing } = options;
    return { maxParallel, healthCheck: "checks", autoRevert: true, ...timing };
  },

  /** Start `count` canaries next to the old version; promote by hand or automatically. */
  canary(count: number, options: CanaryUpdateProps = {}): UpdateStrategySpec {
    const { autoPromote = false, maxParallel = count, ...timing } = options;
    return { canary: count, maxParallel, autoPromote, healthCheck: "checks", autoRevert: true, ...timing };
  },

  /**
   * Start a full second set (canary = the group's count), then switch over at once on
   * promotion. Only on groups: synth fills in the group's count.
   */
  blueGreen(options: BlueGreenUpdateProps = {}): BlueGreenUpdate {
    const { autoPromote = false, ...timing } = options;
    const update = { autoPromote, healthCheck: "checks" as const, autoRevert: true, ...timing };
    Object.defineProperty(update, BLUE_GREEN, { value: true, enumerable: false });
    return update as BlueGreenUpdate;
  },
};

/** What a service job gets when it doesn't say: wait for checks, revert failed deployments. */
export const SAFE_SERVICE_UPDATE: UpdateStrategySpec = { healthCheck: "checks", autoRevert: true };
