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
export { type JobPlan, planExitCode, planJob } from "./plan.js";
export { applyResource, type ResourceResult } from "./resources.js";
export {
  type GroupProgress,
  type WatchOptions,
  type WatchOutcome,
  watchDeployment,
  watchEvaluation,
} from "./watch.js";
