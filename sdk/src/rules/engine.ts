// The one list of semantic rules, and the runner both front ends call: synth over the
// payload it built, the editor and `nomadkit lint` over the decoded HCL.

import * as constraints from "./constraints.js";
import * as drivers from "./drivers.js";
import * as group from "./group.js";
import * as interpolation from "./interpolation.js";
import * as job from "./job.js";
import * as jobTypeBlocks from "./job-type-blocks.js";
import type { ModelObject } from "./model.js";
import * as ports from "./port-labels.js";
import type { Finding, Rule } from "./rule.js";
import * as runtimeNames from "./runtime-names.js";
import * as scaling from "./scaling.js";
import * as checks from "./service-checks.js";
import * as services from "./services.js";
import * as update from "./update.js";
import * as volumes from "./volumes.js";

/** Every rule, in the order findings are reported. */
export const RULES: readonly Rule[] = [
  ...Object.values(job),
  ...Object.values(jobTypeBlocks),
  ...Object.values(update),
  ...Object.values(group),
  ...Object.values(drivers),
  ...Object.values(scaling),
  ...Object.values(ports),
  ...Object.values(volumes),
  ...Object.values(services),
  ...Object.values(checks),
  ...Object.values(constraints),
  ...Object.values(runtimeNames),
  ...Object.values(interpolation),
].filter((r): r is Rule => typeof r === "object" && r !== null && "check" in r);

/** Runs every rule over a job (an API JSON object, not wrapped in `{"Job": …}`). */
export function runRules(jobModel: ModelObject, rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    rule.check(jobModel, {
      report(at, message, extra) {
        findings.push({
          rule: rule.id,
          severity: rule.severity,
          message,
          ...(extra?.hint ? { hint: extra.hint } : {}),
          ...(extra?.suggestions?.length ? { suggestions: extra.suggestions } : {}),
          ...(extra?.focus ? { focus: extra.focus } : {}),
          at,
        });
      },
    });
  }
  return findings;
}
