// Health checks beyond their ports and periods (services.ts): which check types Nomad's
// own service provider runs, and check names, which must differ within a task's service
// (Task.Validate; an unnamed check is named `service: "<name>" check`).
import { nomadProviderCheckTypes } from "../schema/semantics.js";
import { groupsOf, list, servicesOf, str } from "./model.js";
import { inProse } from "./prose.js";
import type { Rule } from "./rule.js";

const runs = (types: readonly string[]) => inProse(types, "and");
const either = (types: readonly string[]) => inProse(types, "or");

export const nomadCheckType: Rule = {
  id: "nomad-check-type",
  severity: "error",
  summary: `a service with the nomad provider has a check other than ${either(nomadProviderCheckTypes())}`,
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const s of servicesOf(g)) {
        if (str(s.service.Provider) !== "nomad") continue;
        list(s.service.Checks).forEach((c, i) => {
          const type = (str(c.Type) ?? "").toLowerCase();
          const nomadRuns = nomadProviderCheckTypes();
          if ((nomadRuns as readonly string[]).includes(type)) return;
          ctx.report(
            [...s.path, "Checks", i, "Type"],
            `service "${str(s.service.Name) ?? ""}" uses the nomad provider, which runs only ${runs(nomadRuns)} checks, not ${type || "an untyped one"}.`,
            {
              hint: `Use an ${either(nomadRuns)} check, or register the service in Consul (provider = "consul").`,
            },
          );
        });
      }
  },
};

export const duplicateCheckName: Rule = {
  id: "duplicate-check-name",
  severity: "error",
  summary: "two checks of a task's service have the same name (unnamed checks share one)",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const s of servicesOf(g)) {
        if (!s.task) continue;
        const service = str(s.service.Name) ?? "";
        const seen = new Set<string>();
        list(s.service.Checks).forEach((c, i) => {
          const given = str(c.Name);
          const name = given || `service: "${service}" check`;
          if (seen.has(name))
            ctx.report(
              [...s.path, "Checks", i],
              `two checks of service "${service}" are named ${given ? `"${given}"` : `"${name}" (the name of an unnamed check)`}.`,
              { hint: "Give each check of a service its own name." },
            );
          seen.add(name);
        });
      }
  },
};
