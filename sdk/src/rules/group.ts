// Rules inside one group: its count, its tasks (names, leader, lifecycle), and the
// restart, reschedule and disk settings Nomad's TaskGroup.Validate and Task.Validate check.

import { jobTypeFacts, perNodeJobTypes } from "../schema/semantics.js";
import {
  count,
  groupsOf,
  jobType,
  list,
  type ModelObject,
  num,
  obj,
  servicesOf,
  showDuration,
  str,
  tasksOf,
} from "./model.js";
import { inProse } from "./prose.js";
import type { Rule } from "./rule.js";

export const negativeCount: Rule = {
  id: "negative-count",
  severity: "error",
  summary: "a group's count is below 0",
  check(job, ctx) {
    for (const g of groupsOf(job))
      if (count(g) < 0)
        ctx.report([...g.path, "Count"], `group "${g.name}" has count ${count(g)}.`, {
          hint: "Use 0 or more.",
        });
  },
};

export const groupHasTasks: Rule = {
  id: "group-has-tasks",
  severity: "error",
  summary: "a group has no tasks",
  check(job, ctx) {
    // A group of only a Consul gateway service gets its task from Nomad's Connect hook.
    for (const g of groupsOf(job))
      if (
        list(g.group.Tasks).length === 0 &&
        !servicesOf(g).some((s) => obj(obj(s.service.Connect)?.Gateway))
      )
        ctx.report(g.path, `group "${g.name}" has no tasks, so it runs nothing.`, { hint: "Add a task." });
  },
};

export const duplicateTask: Rule = {
  id: "duplicate-task",
  severity: "error",
  summary: "two tasks of a group have the same name",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const seen = new Set<string>();
      for (const t of tasksOf(g)) {
        if (seen.has(t.name))
          ctx.report([...t.path, "Name"], `two tasks of group "${g.name}" are named "${t.name}".`, {
            hint: "Give each task of a group its own name.",
          });
        seen.add(t.name);
      }
    }
  },
};

export const taskName: Rule = {
  id: "task-name",
  severity: "error",
  summary: 'a task is named "alloc" or has a slash in its name',
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const t of tasksOf(g)) {
        const bad =
          t.name === ""
            ? "is empty"
            : t.name === "alloc"
              ? 'is "alloc", the name of the allocation\'s shared directory'
              : /[/\\\0]/.test(t.name)
                ? "has a slash in it"
                : undefined;
        if (bad)
          ctx.report([...t.path, "Name"], `task name "${t.name}" ${bad}.`, {
            hint: "Name tasks with letters, digits, - and _.",
          });
      }
  },
};

export const taskDriver: Rule = {
  id: "task-driver",
  severity: "error",
  summary: "a task has no driver",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const t of tasksOf(g))
        if ((str(t.task.Driver) ?? "") === "")
          ctx.report([...t.path, "Driver"], `task "${t.name}" has no driver, so Nomad can't run it.`, {
            hint: 'Set driver = "docker" (or exec, raw_exec, java, …) in the task.',
          });
  },
};

export const multipleLeaders: Rule = {
  id: "multiple-leaders",
  severity: "error",
  summary: "more than one task of a group is the leader",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const leaders = tasksOf(g).filter((t) => t.task.Leader === true);
      for (const t of leaders.slice(1))
        ctx.report(
          [...t.path, "Leader"],
          `group "${g.name}" has more than one leader task (${leaders.map((l) => `"${l.name}"`).join(", ")}).`,
          { hint: "Mark only one task as leader." },
        );
    }
  },
};

export const noMainTask: Rule = {
  id: "no-main-task",
  severity: "warning",
  summary: "every task of a group has a lifecycle hook, so none is the main task",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const tasks = tasksOf(g);
      if (tasks.length > 0 && tasks.every((t) => obj(t.task.Lifecycle)))
        ctx.report(
          g.path,
          `every task of group "${g.name}" has a lifecycle hook, so none is the main task.`,
          {
            hint: "Remove lifecycle from the task that does the group's work.",
          },
        );
    }
  },
};

export const poststopSidecar: Rule = {
  id: "poststop-sidecar",
  severity: "warning",
  summary: "a poststop task is marked as a sidecar",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const t of tasksOf(g)) {
        const lifecycle = obj(t.task.Lifecycle);
        if (lifecycle?.Hook === "poststop" && lifecycle.Sidecar === true)
          ctx.report(
            [...t.path, "Lifecycle", "Sidecar"],
            `task "${t.name}" runs poststop, so it can't be a sidecar.`,
            {
              hint: "Remove sidecar from its lifecycle.",
            },
          );
      }
  },
};

export const resourcesMinimum: Rule = {
  id: "resources-minimum",
  severity: "error",
  summary: "a task asks for less than 1 MHz of CPU or 10 MB of memory",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const t of tasksOf(g)) {
        const r = obj(t.task.Resources);
        if (!r) continue;
        const at = [...t.path, "Resources"];
        const cpu = num(r.CPU);
        if (cpu !== undefined && cpu < 1 && !(num(r.Cores) ?? 0))
          ctx.report([...at, "CPU"], `task "${t.name}" asks for ${cpu} MHz of CPU; Nomad's minimum is 1.`, {
            hint: "Set cpu to 1 or more, or reserve cores.",
          });
        const memory = num(r.MemoryMB);
        if (memory !== undefined && memory < 10)
          ctx.report(
            [...at, "MemoryMB"],
            `task "${t.name}" asks for ${memory} MB of memory; Nomad's minimum is 10.`,
            {
              hint: "Set memory to 10 or more.",
            },
          );
      }
  },
};

export const ephemeralDisk: Rule = {
  id: "ephemeral-disk-size",
  severity: "error",
  summary: "a group's ephemeral_disk is smaller than 10 MB",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const size = num(obj(g.group.EphemeralDisk)?.SizeMB);
      if (size !== undefined && size < 10)
        ctx.report(
          [...g.path, "EphemeralDisk", "SizeMB"],
          `ephemeral_disk size is ${size} MB; Nomad's minimum is 10.`,
          {
            hint: "Set size to 10 or more.",
          },
        );
    }
  },
};

/** Nomad refuses restart intervals shorter than this (5s). */
const MIN_RESTART_INTERVAL = 5_000_000_000;

export const restartPolicy: Rule = {
  id: "restart-policy",
  severity: "error",
  summary:
    "a group restart block Nomad refuses: 0 attempts in delay mode, too short an interval, or attempts × delay > interval",
  check(job, ctx) {
    // Nomad validates the group's policy only; a task's own restart block is merged over it
    // at registration and never validated (see taskRestartFit).
    for (const g of groupsOf(job)) {
      const policy = obj(g.group.RestartPolicy);
      if (!policy) continue;
      const at = [...g.path, "RestartPolicy"];
      const attempts = num(policy.Attempts);
      const interval = num(policy.Interval);
      if (policy.Mode === "delay" && attempts === 0)
        ctx.report([...at, "Attempts"], 'restart mode "delay" with 0 attempts is ambiguous.', {
          hint: 'Give attempts of 1 or more, or use mode "fail".',
        });
      if (interval !== undefined && interval < MIN_RESTART_INTERVAL)
        ctx.report(
          [...at, "Interval"],
          `restart interval ${showDuration(interval)} is shorter than Nomad's minimum of 5s.`,
          { hint: "Use an interval of 5s or more." },
        );
      const overflow = restartsOverflow(policy);
      if (overflow)
        ctx.report([...at, "Attempts"], overflow, { hint: "Lower attempts or delay, or raise interval." });
    }
  },
};

export const taskRestartFit: Rule = {
  id: "task-restart-fit",
  severity: "warning",
  summary:
    "a task restart block whose attempts × delay exceed its interval: Nomad accepts it, but the limit is never reached",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const t of tasksOf(g)) {
        const policy = obj(t.task.RestartPolicy);
        const overflow = policy && restartsOverflow(policy);
        if (overflow)
          ctx.report([...t.path, "RestartPolicy", "Attempts"], overflow, {
            hint: "Nomad accepts this in a task, but the attempts can never all happen within the interval, so the task restarts forever: lower attempts or delay, or raise interval.",
          });
      }
  },
};

/** The message when `attempts` restarts, each `delay` apart, can't fit in `interval`. */
function restartsOverflow(policy: ModelObject): string | undefined {
  const attempts = num(policy.Attempts);
  const interval = num(policy.Interval);
  const delay = num(policy.Delay);
  if (attempts === undefined || interval === undefined || delay === undefined || attempts * delay <= interval)
    return undefined;
  return `${attempts} restarts with a delay of ${showDuration(delay)} don't fit in the restart interval of ${showDuration(interval)}.`;
}

export const rescheduleOnSystem: Rule = {
  id: "reschedule-on-system",
  severity: "error",
  summary: `a ${inProse(perNodeJobTypes(), "or")} job has a reschedule block`,
  check(job, ctx) {
    const type = jobType(job);
    if (!jobTypeFacts(type)?.perNode) return;
    for (const g of groupsOf(job))
      if (obj(g.group.ReschedulePolicy))
        ctx.report(
          [...g.path, "ReschedulePolicy"],
          `a ${type} job is never rescheduled, so it can't have a reschedule block.`,
          {
            hint: "Remove the reschedule block.",
          },
        );
  },
};

export const templateDestination: Rule = {
  id: "duplicate-template-destination",
  severity: "error",
  summary: "two templates of a task write the same destination",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const t of tasksOf(g)) {
        const seen = new Set<string>();
        list(t.task.Templates).forEach((tmpl, i) => {
          const dest = str(tmpl.DestPath);
          if (dest === undefined || dest === "") return;
          if (seen.has(dest))
            ctx.report(
              [...t.path, "Templates", i, "DestPath"],
              `two templates of task "${t.name}" write "${dest}".`,
              {
                hint: "Give each template its own destination.",
              },
            );
          seen.add(dest);
        });
      }
  },
};

export const templateSourceAndDestination: Rule = {
  id: "template-source-destination",
  severity: "error",
  summary: "a template has neither source nor data, or no destination",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const t of tasksOf(g))
        list(t.task.Templates).forEach((tmpl, i) => {
          const at = [...t.path, "Templates", i];
          if ((str(tmpl.SourcePath) ?? "") === "" && (str(tmpl.EmbeddedTmpl) ?? "") === "")
            ctx.report(at, `a template of task "${t.name}" has nothing to render.`, {
              hint: "Give it source = <path> or data = <template text>.",
            });
          if ((str(tmpl.DestPath) ?? "") === "")
            ctx.report([...at, "DestPath"], `a template of task "${t.name}" has no destination.`, {
              hint: 'Set destination = "local/<file>" (or secrets/…).',
            });
        });
  },
};

/** Nomad refuses reschedule delays shorter than this (5s). */
const MIN_RESCHEDULE_DELAY = 5_000_000_000;

export const reschedulePolicy: Rule = {
  id: "reschedule-policy",
  severity: "error",
  summary:
    "a reschedule block Nomad refuses: attempts with unlimited, a delay under 5s, or max_delay under delay",
  check(job, ctx) {
    // Only what the block itself writes: Nomad merges the rest from defaults that depend on the job type.
    const places = [
      { policy: obj(job.Reschedule), at: ["Reschedule"] },
      ...groupsOf(job).map((g) => ({
        policy: obj(g.group.ReschedulePolicy),
        at: [...g.path, "ReschedulePolicy"],
      })),
    ];
    for (const { policy, at } of places) {
      if (!policy) continue;
      const attempts = num(policy.Attempts) ?? 0;
      const delay = num(policy.Delay);
      const maxDelay = num(policy.MaxDelay);
      if (attempts > 0 && policy.Unlimited === true)
        ctx.report(
          [...at, "Unlimited"],
          `reschedule sets ${attempts} attempts and unlimited = true, which is ambiguous.`,
          {
            hint: "Set unlimited = false to limit attempts, or remove attempts.",
          },
        );
      if (delay !== undefined && delay < MIN_RESCHEDULE_DELAY)
        ctx.report(
          [...at, "Delay"],
          `reschedule delay ${showDuration(delay)} is shorter than Nomad's minimum of 5s.`,
          {
            hint: "Use a delay of 5s or more.",
          },
        );
      if (
        delay !== undefined &&
        maxDelay !== undefined &&
        maxDelay < delay &&
        policy.DelayFunction !== "constant"
      )
        ctx.report(
          [...at, "MaxDelay"],
          `reschedule max_delay ${showDuration(maxDelay)} is shorter than delay ${showDuration(delay)}.`,
          {
            hint: "Raise max_delay to at least the delay.",
          },
        );
    }
  },
};
