// The rule engine's findings as synth problems: each finding's model path is placed at
// the construct that produced the deepest part of the path it can trace (a service, a
// task, a group, the job), with the same text the editor shows.
import { deepestKnown, findingText, newerThanTarget, pathKey, runRules } from "../rules/index.js";
import type { Origins } from "./job-payload.js";
import type { Problems } from "./problems.js";
import type { ApiObject } from "./spec-to-api.js";

export function checkRules(
  job: ApiObject,
  origins: Origins,
  problems: Problems,
  targetNomadVersion?: string,
): void {
  const paths = constructPaths(job, origins);
  for (const f of [...runRules(job), ...newerThanTarget(job, targetNomadVersion)]) {
    const path = deepestKnown(f.at, (p) => paths.get(pathKey(p))) ?? "";
    problems.add(path, findingText(f), { severity: f.severity, rule: f.rule });
  }
}

/** Model path → construct path, for every payload object a construct produced. */
function constructPaths(job: ApiObject, origins: Origins): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value !== "object" || value === null) return;
    const origin = origins.get(value);
    if (origin !== undefined) out.set(pathKey(path), origin);
    if (Array.isArray(value))
      value.forEach((v, i) => {
        walk(v, [...path, i]);
      });
    else for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(job, []);
  return out;
}
