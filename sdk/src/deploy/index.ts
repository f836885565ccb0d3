export { type ClusterSupport, clusterSupport, type DeployProblem, unsupported } from "./cluster-support.js";
export {
  type DeployEvent,
  type DeployOptions,
  type DeployResult,
  deployApp,
  type JobOutcome,
  OWNER_META,
} from "./deploy.js";
export { renderPlan } from "./diff-render.js";
export type { AllocationFailure, TaskFailure } from "./failure-report.js";
export { type JobVersion, jobHistory, RollbackError, rollbackJob } from "./history.js";
export { describeOwner, type Owner, ownerOf } from "./ownership.js";
export { type JobPlan, planExitCode, planJob } from "./plan.js";
export { type Preflight, type PreflightOptions, preflight } from "./preflight.js";
export {
  planResource,
  type ResourceAction,
  type ResourcePlan,
  type ResourceStep,
  type VariableSources,
} from "./resource-plan.js";
export { applyResource, type ResourceResult, VariableRaceError } from "./resources.js";
export { givenValue, parseVariableValues, type VariableValues, variableEnvName } from "./variable-values.js";
export {
  type GroupProgress,
  type WatchOptions,
  type WatchOutcome,
  watchDeployment,
  watchEvaluation,
} from "./watch.js";
