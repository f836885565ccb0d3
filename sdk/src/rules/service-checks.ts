// Health checks beyond their ports and periods (services.ts): which check types Nomad's
// own service provider runs, and check names, which must differ within a task's service
// (Task.Validate; an unnamed check is named `service: "<name>" check`).
import { groupsOf, list, servicesOf, str } from "./model.js";
import type { Rule } from "./rule.js";

/** The check types Nomad's own service provider runs. */
const NOMAD_CHECK_TYPES = ["http", "tcp"];

export const nomadCheckType: Rule = {
  id: "nomad-check-type",
  severity: "error",
  summary: "a service with the nomad provider has a check other than http or tcp",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const s of servicesOf(g)) {
        if (str(s.service.Provider) !== "nomad") continue;
        list(s.service.Checks).forEach((c, i) => {
          const type = (str(c.Type) ?? "").toLowerCase();
          if (NOMAD_CHECK_TYPES.includes(type)) return;
          ctx.report(
            [...s.path, "Checks", i, "Type"],
            `service "${str(s.service.Name) ?? ""}" uses the nomad provider, which runs only http and tcp checks, not ${type || "an untyped one"}.`,
            { hint: 'Use an http or tcp check, or register the service in Consul (provider = "consul").' },
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
