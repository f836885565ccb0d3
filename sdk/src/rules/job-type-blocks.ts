// Blocks only some job types may have (Nomad's TaskGroup.Validate): update is for service
// and system jobs, migrate for service jobs. A job-level block is copied into every group,
// so one written on the job is refused the same way.
import { jobTypes, launchedJobTypes, perNodeJobTypes } from "../schema/semantics.js";
import type { JobType } from "../schema/specs.generated.js";
import { groupsOf, jobType, type ModelObject, type ModelPath, obj } from "./model.js";
import { inProse } from "./prose.js";
import type { Rule, RuleContext } from "./rule.js";

/** Update is for job types that don't run to completion; migrate also not for per-node ones. */
const updatable = () => jobTypes().filter((t) => !launchedJobTypes().includes(t));
const migratable = (): JobType[] => updatable().filter((t) => !perNodeJobTypes().includes(t));

function blocksOf(job: ModelObject, api: string): ModelPath[] {
  const at: ModelPath[] = obj(job[api]) ? [[api]] : [];
  for (const g of groupsOf(job)) if (obj(g.group[api])) at.push([...g.path, api]);
  return at;
}

function refuse(
  job: ModelObject,
  ctx: RuleContext,
  api: string,
  block: string,
  allowed: readonly JobType[],
): void {
  const type = jobType(job);
  if ((allowed as readonly string[]).includes(type)) return;
  const kinds = inProse(allowed, "and");
  for (const at of blocksOf(job, api))
    ctx.report(at, `a ${type} job can't have a ${block} block: only ${kinds} jobs do.`, {
      hint: `Remove ${block}, or make the job a ${allowed[0]} job.`,
    });
}

export const updateJobType: Rule = {
  id: "update-job-type",
  severity: "error",
  summary: `a ${inProse(launchedJobTypes(), "or")} job has an update block`,
  check(job, ctx) {
    refuse(job, ctx, "Update", "update", updatable());
  },
};

export const migrateJobType: Rule = {
  id: "migrate-job-type",
  severity: "error",
  summary: "a job other than a service job has a migrate block",
  check(job, ctx) {
    refuse(job, ctx, "Migrate", "migrate", migratable());
  },
};
