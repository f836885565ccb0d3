// Task drivers are plugins, so Nomad takes any driver name and the job simply never places
// when no client has that plugin. A name one typo away from a driver the schema knows is
// almost surely that driver misspelt: say so before the job sits unplaced.
import { didYouMean } from "../jobspec/diagnostics.js";
import { nomadSchema } from "../schema/index.js";
import { groupsOf, str, tasksOf } from "./model.js";
import type { Rule } from "./rule.js";

export const misspeltDriver: Rule = {
  id: "misspelt-driver",
  severity: "warning",
  summary: "a task driver one typo away from a driver Nomad ships (dokcer → docker)",
  check(job, ctx) {
    const known = Object.keys(nomadSchema().drivers);
    for (const g of groupsOf(job))
      for (const t of tasksOf(g)) {
        const driver = str(t.task.Driver);
        if (!driver || known.includes(driver)) continue;
        const hint = didYouMean(driver, known);
        if (hint)
          ctx.report(
            [...t.path, "Driver"],
            `no client will run task "${t.name}": driver "${driver}" is not a driver Nomad ships, and it is one typo away from one.${hint}`,
            { hint: "Fix the name, or ignore this if your clients run a plugin of that name." },
          );
      }
  },
};
