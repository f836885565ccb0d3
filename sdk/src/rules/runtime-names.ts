// Runtime names a task's text uses (`${NOMAD_PORT_http}`, `{{ env "NOMAD_UPSTREAM_ADDR_db" }}`)
// that nothing in the group declares: the client leaves them empty, so the task starts
// with a blank port or address. Only a warning: the text may be read by something else.

import { didYouMean } from "../jobspec/diagnostics.js";
import { envLabel, findRuntimeNames } from "../schema/runtime-env.js";
import { declaredPorts, groupsOf, list, obj, servicesOf, str, stringsIn, tasksOf } from "./model.js";
import type { Rule } from "./rule.js";

export const unknownRuntimeName: Rule = {
  id: "unknown-runtime-name",
  severity: "warning",
  summary:
    "a task uses ${NOMAD_PORT_x} (or another per-port or per-upstream name) that no port label or upstream declares",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const services = servicesOf(g);
      const ports = declaredPorts(g);
      // Nomad adds a port per Connect sidecar, labelled after its service.
      for (const s of services)
        if (!s.task && obj(obj(s.service.Connect)?.SidecarService))
          ports.push(`connect-proxy-${str(s.service.Name) ?? ""}`);
      const upstreams = services.flatMap((s) =>
        list(obj(obj(obj(s.service.Connect)?.SidecarService)?.Proxy)?.Upstreams).map(
          (u) => str(u.DestinationName) ?? "",
        ),
      );
      const known = { port: ports.map(envLabel), upstream: upstreams.map(envLabel) };
      for (const t of tasksOf(g))
        for (const { text, at } of stringsIn(t.task, t.path, "NOMAD_")) {
          for (const ref of findRuntimeNames(text)) {
            if (known[ref.kind].includes(envLabel(ref.name))) continue;
            const what = ref.kind === "port" ? "port label" : "upstream";
            ctx.report(
              at,
              `${ref.prefix}${ref.name} names ${what} "${ref.name}", which group "${g.name}" doesn't declare, so it will be empty at run time.${didYouMean(ref.name, ref.kind === "port" ? ports : upstreams)}`,
              {
                hint:
                  ref.kind === "port"
                    ? `Declare port "${ref.name}" in the group's network block, or use a declared label.`
                    : `Add an upstream with destination_name "${ref.name}", or use a declared one.`,
                suggestions: ref.kind === "port" ? ports : upstreams,
                // The label alone, so a did-you-mean quick fix replaces just it.
                focus: { text: ref.name, after: ref.prefix },
              },
            );
          }
        }
    }
  },
};
