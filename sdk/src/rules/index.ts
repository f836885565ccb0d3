export { RULES, runRules } from "./engine.js";
export type { ModelObject, ModelPath } from "./model.js";
export {
  NEWER_THAN_TARGET,
  newer,
  newerThanTarget,
  parseVersion,
  pinnedNomadVersion,
} from "./newer-than-target.js";
export {
  deepestKnown,
  type Finding,
  type Focus,
  findingText,
  pathKey,
  type Rule,
  type RuleContext,
  type RuleSeverity,
  startsWith,
} from "./rule.js";
