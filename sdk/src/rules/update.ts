// The update block: how many canaries, and the three deadlines Nomad orders
// (min_healthy_time < healthy_deadline < progress_deadline, the last unless 0). A group's
// update merges over the job's, so the rules read the merged strategy and report at the
// block that set the field.

import { jobTypeFacts } from "../schema/semantics.js";
import {
  count,
  effectiveUpdate,
  groupsOf,
  jobType,
  type ModelObject,
  num,
  showDuration,
  updatePath,
} from "./model.js";
import type { Rule } from "./rule.js";

export const canaryExceedsCount: Rule = {
  id: "canary-exceeds-count",
  // Nomad accepts it and places every canary: more than the group's count, rarely meant.
  severity: "warning",
  summary: "update canary is larger than the group's count",
  check(job, ctx) {
    // A system job runs one allocation per node whatever its count; its canary is a percentage.
    if (jobTypeFacts(jobType(job))?.perNode) return;
    for (const g of groupsOf(job)) {
      const update = effectiveUpdate(job, g);
      const canary = num(update.get("Canary")) ?? 0;
      const n = count(g);
      if (n >= 0 && canary > n)
        ctx.report(
          updatePath(job, g, "Canary"),
          `update canary is ${canary} but group "${g.name}" has count ${n}: each deployment starts ${canary} canaries, more than the group runs.`,
          { hint: `Lower canary to ${n} or less, or raise count.` },
        );
    }
  },
};

export const healthyDeadlineBeforeProgress: Rule = {
  id: "healthy-deadline-exceeds-progress-deadline",
  severity: "error",
  summary: "update healthy_deadline is not shorter than progress_deadline (unless that is 0)",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const update = effectiveUpdate(job, g);
      if (!update.given) continue;
      const healthy = num(update.get("HealthyDeadline"));
      const progress = num(update.get("ProgressDeadline"));
      if (healthy === undefined || progress === undefined || progress === 0 || healthy < progress) continue;
      ctx.report(
        updatePath(job, g, "HealthyDeadline"),
        `update healthy_deadline (${showDuration(healthy)}) must be shorter than progress_deadline (${showDuration(progress)}).`,
        { hint: "Lower healthy_deadline or raise progress_deadline (0 turns the progress deadline off)." },
      );
    }
  },
};

export const minHealthyBeforeHealthy: Rule = {
  id: "min-healthy-time-exceeds-healthy-deadline",
  severity: "error",
  summary: "update min_healthy_time is not shorter than healthy_deadline",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const update = effectiveUpdate(job, g);
      if (!update.given) continue;
      const min = num(update.get("MinHealthyTime"));
      const healthy = num(update.get("HealthyDeadline"));
      if (min === undefined || healthy === undefined || min < healthy) continue;
      ctx.report(
        updatePath(job, g, "MinHealthyTime"),
        `update min_healthy_time (${showDuration(min)}) must be shorter than healthy_deadline (${showDuration(healthy)}).`,
        { hint: "Lower min_healthy_time or raise healthy_deadline." },
      );
    }
  },
};

export const autoPromoteNeedsCanary: Rule = {
  id: "auto-promote-needs-canary",
  severity: "error",
  summary: "update auto_promote is set without canaries",
  check(job: ModelObject, ctx) {
    for (const g of groupsOf(job)) {
      const update = effectiveUpdate(job, g);
      if (update.get("AutoPromote") === true && (num(update.get("Canary")) ?? 0) === 0)
        ctx.report(
          updatePath(job, g, "AutoPromote"),
          `update auto_promote is set but group "${g.name}" has no canaries to promote.`,
          { hint: "Set canary to 1 or more, or remove auto_promote." },
        );
    }
  },
};
