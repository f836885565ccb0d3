// The autoscaler: snapshot → pool views → pending-work plan and checks → decisions → actions.
export {
  Autoscaler,
  type AutoscalerOptions,
  DEFAULT_AUTOSCALER_ID,
  DRAIN_POLL_MS,
  type Evaluation,
  PolicyError,
} from "./autoscaler.js";
export type { DecisionAction, DecisionEvent } from "./decision-event.js";
export type { UnplaceableWork } from "./pending-planner.js";
export { POLICY_DEFAULTS, type ResolvedPolicy, resolvePolicy } from "./policy.js";
export {
  formatPolicyProblem,
  type PolicyFileEntry,
  type PolicyFileProblem,
  type PolicyFileResult,
  type PolicySelector,
  readPolicyFile,
} from "./policy-file.js";
export { type PoolPolicies, policiesByPool } from "./policy-file-pools.js";
export type { PoolSpec, ShapeTemplate } from "./pool-spec.js";
export { type Clock, DRAIN_META_KEY, type NodeGroups, type NomadPort, systemClock } from "./ports.js";
export { DRAIN_META } from "./removal.js";
export type * from "./snapshot.js";
