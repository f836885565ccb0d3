// Port labels: a group's network declares them, and services, checks, expose paths and
// docker's `ports` use them by name. Nomad refuses a job that names a port no network
// declares, or declares a label or a static port twice.
import { didYouMean } from "../jobspec/diagnostics.js";
import {
  bridged,
  declaredPorts,
  type GroupView,
  groupsOf,
  list,
  type ModelPath,
  networkMode,
  num,
  obj,
  servicesOf,
  str,
  tasksOf,
} from "./model.js";
import type { Rule, RuleContext } from "./rule.js";

/** Each place a port label is used, with whether a driver-side port map may be meant instead. */
function portUses(g: GroupView): { label: string; at: ModelPath }[] {
  const uses: { label: string; at: ModelPath }[] = [];
  for (const s of servicesOf(g)) {
    const label = str(s.service.PortLabel);
    // In driver address mode the port may name a driver-side port map entry: not ours to know.
    if (label && s.service.AddressMode !== "driver") uses.push({ label, at: [...s.path, "PortLabel"] });
    list(s.service.Checks).forEach((c, i) => {
      const port = str(c.PortLabel);
      if (port && c.AddressMode !== "driver")
        uses.push({ label: port, at: [...s.path, "Checks", i, "PortLabel"] });
    });
    const proxy = obj(obj(obj(s.service.Connect)?.SidecarService)?.Proxy);
    list(obj(proxy?.ExposeConfig ?? proxy?.Expose)?.Paths).forEach((p, i) => {
      const port = str(p.ListenerPort);
      const key = proxy?.ExposeConfig ? "ExposeConfig" : "Expose";
      if (port)
        uses.push({
          label: port,
          at: [...s.path, "Connect", "SidecarService", "Proxy", key, "Paths", i, "ListenerPort"],
        });
    });
  }
  return uses.filter((u) => !/^\d+$/.test(u.label) && !u.label.includes("${"));
}

function undeclared(ctx: RuleContext, g: GroupView, label: string, at: ModelPath, declared: string[]): void {
  ctx.report(at, `port "${label}" is not declared in group "${g.name}".${didYouMean(label, declared)}`, {
    hint: `Add port "${label}" to the group's network block.`,
    suggestions: declared,
  });
}

export const undeclaredPort: Rule = {
  id: "undeclared-port",
  severity: "error",
  summary: "a service, check, expose path or docker ports entry names a port the group doesn't declare",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const declared = declaredPorts(g);
      for (const use of portUses(g))
        if (!declared.includes(use.label)) undeclared(ctx, g, use.label, use.at, declared);
      if (bridged(g)) continue; // see dockerPortInBridge
      for (const use of dockerPorts(g))
        if (!declared.includes(use.label)) undeclared(ctx, g, use.label, use.at, declared);
    }
  },
};

function dockerPorts(g: GroupView): { label: string; at: ModelPath }[] {
  return tasksOf(g).flatMap((t) => {
    if (t.task.Driver !== "docker") return [];
    const ports = obj(t.task.Config)?.ports;
    if (!Array.isArray(ports)) return [];
    return ports.flatMap((p, i) =>
      typeof p === "string" && !p.includes("${") ? [{ label: p, at: [...t.path, "Config", "ports", i] }] : [],
    );
  });
}

export const dockerPortInBridge: Rule = {
  id: "docker-port-in-bridge",
  severity: "warning",
  summary: "a docker ports entry names an undeclared port in a bridge-mode group (docker ignores it there)",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      if (!bridged(g)) continue;
      const declared = declaredPorts(g);
      for (const use of dockerPorts(g))
        if (!declared.includes(use.label))
          ctx.report(
            use.at,
            `port "${use.label}" is not declared in group "${g.name}"; in ${networkMode(g)} mode the docker driver ignores ports, so this entry does nothing.${didYouMean(use.label, declared)}`,
            {
              hint: "Remove the entry, or declare the port in the group's network block.",
              suggestions: declared,
            },
          );
    }
  },
};

export const duplicatePort: Rule = {
  id: "duplicate-port",
  severity: "error",
  summary: "a group declares a port label, or a static port on one host network, twice",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const labels = new Set<string>();
      const statics = new Set<string>();
      list(g.group.Networks).forEach((n, ni) => {
        for (const key of ["ReservedPorts", "DynamicPorts"] as const)
          list(n[key]).forEach((p, pi) => {
            const at = [...g.path, "Networks", ni, key, pi];
            const label = str(p.Label) ?? "";
            if (labels.has(label))
              ctx.report(at, `group "${g.name}" declares port "${label}" twice.`, {
                hint: "Give each port its own label.",
              });
            labels.add(label);
            const value = num(p.Value) ?? 0;
            const where = `${str(p.HostNetwork) || "default"}:${value}`;
            if (value > 0 && statics.has(where) && p.IgnoreCollision !== true)
              ctx.report([...at, "Value"], `static port ${value} is reserved twice in group "${g.name}".`, {
                hint: "Use another static port, or a dynamic one.",
              });
            if (value > 0) statics.add(where);
          });
      });
    }
  },
};
