export { RULES, runRules } from "./engine.js";
export type { ModelObject, ModelPath } from "./model.js";
export {
  deepestKnown,
  type Finding,
  findingText,
  pathKey,
  type Rule,
  type RuleContext,
  type RuleSeverity,
  startsWith,
} from "./rule.js";
