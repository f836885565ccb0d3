// Rules about the job as a whole: its ID, its groups, and which job types may be
// periodic or parameterized (Nomad's Job.Validate).
import { cronProblem } from "../schema/cron.js";
import { jobTypeFacts, launchedJobTypes } from "../schema/semantics.js";
import { groupsOf, jobType, list, obj, str } from "./model.js";
import { inProse } from "./prose.js";
import type { Rule } from "./rule.js";

export const jobId: Rule = {
  id: "job-id",
  severity: "error",
  summary: "the job ID is empty or has a space or null character",
  check(job, ctx) {
    const id = str(job.ID) ?? "";
    if (id === "" || id.includes(" ") || id.includes("\0"))
      ctx.report(["ID"], `job ID "${id}" must be non-empty and have no spaces.`, {
        hint: 'Use letters, digits, - and _ such as "web-api".',
      });
  },
};

export const jobHasGroups: Rule = {
  id: "job-has-groups",
  severity: "error",
  summary: "the job has no groups",
  scope: "job",
  check(job, ctx) {
    if (list(job.TaskGroups).length === 0)
      ctx.report([], "the job has no groups, so there is nothing to run.", {
        hint: "Add a group with a task.",
      });
  },
};

export const duplicateGroup: Rule = {
  id: "duplicate-group",
  severity: "error",
  summary: "two groups of the job have the same name",
  scope: "job",
  check(job, ctx) {
    const seen = new Set<string>();
    for (const g of groupsOf(job)) {
      if (seen.has(g.name))
        ctx.report([...g.path, "Name"], `two groups are named "${g.name}".`, {
          hint: "Give each group of a job its own name.",
        });
      seen.add(g.name);
    }
  },
};

/** Only job types that run to completion may run on a schedule or be dispatched. */
const launched = () => inProse(launchedJobTypes(), "and");

export const periodicNeedsBatch: Rule = {
  id: "periodic-needs-batch",
  severity: "error",
  summary: `a periodic job is not of type ${inProse(launchedJobTypes(), "or")}`,
  check(job, ctx) {
    const periodic = obj(job.Periodic);
    const type = jobType(job);
    if (periodic && periodic.Enabled !== false && !jobTypeFacts(type)?.launched)
      ctx.report(["Periodic"], `only ${launched()} jobs can be periodic, and this job is "${type}".`, {
        hint: `Set the job type to "${launchedJobTypes()[0]}", or remove periodic.`,
      });
  },
};

export const parameterizedNeedsBatch: Rule = {
  id: "parameterized-needs-batch",
  severity: "error",
  summary: `a parameterized job is not of type ${inProse(launchedJobTypes(), "or")}`,
  check(job, ctx) {
    const type = jobType(job);
    if (obj(job.ParameterizedJob) && !jobTypeFacts(type)?.launched)
      ctx.report(
        ["ParameterizedJob"],
        `only ${launched()} jobs can be parameterized, and this job is "${type}".`,
        {
          hint: `Set the job type to "${launchedJobTypes()[0]}", or remove parameterized.`,
        },
      );
  },
};

export const badCron: Rule = {
  id: "bad-cron",
  severity: "error",
  summary: "a periodic cron expression Nomad can't read",
  check(job, ctx) {
    const periodic = obj(job.Periodic);
    if (!periodic) return;
    const one = str(periodic.Spec);
    const many = Array.isArray(periodic.Specs) ? periodic.Specs : [];
    if (one !== undefined && one !== "" && many.length > 0)
      ctx.report(["Periodic"], "periodic sets both cron and crons.", { hint: "Keep one of them." });
    const specs: [unknown, (string | number)[]][] = [
      ...(one !== undefined ? [[one, ["Periodic", "Spec"]] as [unknown, (string | number)[]]] : []),
      ...many.map((s, i) => [s, ["Periodic", "Specs", i]] as [unknown, (string | number)[]]),
    ];
    for (const [spec, at] of specs) {
      if (typeof spec !== "string" || spec.includes("${")) continue;
      const problem = cronProblem(spec);
      if (problem) ctx.report(at, `${problem}.`);
    }
  },
};

export const systemCount: Rule = {
  id: "system-count",
  severity: "error",
  summary: "a group of a system job has a count above 1",
  check(job, ctx) {
    if (jobType(job) !== "system") return;
    for (const g of groupsOf(job)) {
      const n = g.group.Count;
      if (typeof n === "number" && n > 1)
        ctx.report(
          [...g.path, "Count"],
          `group "${g.name}" has count ${n}, but a system job runs one allocation per node.`,
          {
            hint: "Remove count (or set it to 1).",
          },
        );
    }
  },
};

export const systemPlacement: Rule = {
  id: "system-no-affinity-spread",
  severity: "error",
  summary: "a system job has an affinity or spread block",
  check(job, ctx) {
    if (jobType(job) !== "system") return;
    const places: [unknown, (string | number)[]][] = [
      [job.Affinities, ["Affinities"]],
      [job.Spreads, ["Spreads"]],
    ];
    for (const g of groupsOf(job)) {
      places.push([g.group.Affinities, [...g.path, "Affinities"]], [g.group.Spreads, [...g.path, "Spreads"]]);
      list(g.group.Tasks).forEach((t, i) => {
        places.push([t.Affinities, [...g.path, "Tasks", i, "Affinities"]]);
      });
    }
    for (const [value, at] of places) {
      if (!Array.isArray(value) || value.length === 0) continue;
      const what = at[at.length - 1] === "Spreads" ? "spread" : "affinity";
      ctx.report(
        [...at, 0],
        `a system job runs on every eligible node, so it can't have ${what === "spread" ? "a" : "an"} ${what} block.`,
        {
          hint: `Remove the ${what} block, or use a constraint.`,
        },
      );
    }
  },
};
