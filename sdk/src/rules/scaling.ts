// A group's scaling block against its count (Nomad's ScalingPolicy validation): min ≤ max,
// and a count that is set lies between them. A count left out starts at min; a min left
// out is the count.
import { groupsOf, num, obj } from "./model.js";
import type { Rule } from "./rule.js";

export const scalingBounds: Rule = {
  id: "scaling-bounds",
  severity: "error",
  summary: "a group's scaling max is below its min, or its count is outside min…max",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const scaling = obj(g.group.Scaling);
      if (!scaling) continue;
      const count = num(g.group.Count);
      const min = num(scaling.Min) ?? count;
      const max = num(scaling.Max);
      const at = [...g.path, "Scaling"];
      if (min !== undefined && max !== undefined && max < min) {
        ctx.report([...at, "Max"], `group "${g.name}" scales up to max ${max}, below its min ${min}.`, {
          hint: "Make max at least min.",
        });
        continue;
      }
      if (count === undefined) continue;
      if (min !== undefined && count < min)
        ctx.report(
          [...g.path, "Count"],
          `group "${g.name}" has count ${count}, below its scaling min ${min}.`,
          {
            hint: `Raise count to ${min} or more, or lower min.`,
          },
        );
      if (max !== undefined && count > max)
        ctx.report(
          [...g.path, "Count"],
          `group "${g.name}" has count ${count}, above its scaling max ${max}.`,
          {
            hint: `Lower count to ${max} or less, or raise max.`,
          },
        );
    }
  },
};
