// Services and their checks: names, ports a check needs, the tasks they name, and
// Consul Connect's needs (bridge networking, group services only, no tcp checks, one
// listener per upstream). Facts from Nomad's Service.Validate and its Connect job hooks.

import { didYouMean } from "../jobspec/diagnostics.js";
import { portedCheckTypes } from "../schema/semantics.js";
import {
  bridged,
  groupsOf,
  list,
  type ModelObject,
  type ModelPath,
  networkMode,
  num,
  obj,
  servicesOf,
  str,
  tasksOf,
} from "./model.js";
import { inProse } from "./prose.js";
import type { Rule } from "./rule.js";

/** Nomad refuses check intervals and timeouts shorter than this (1s). */
const MIN_CHECK_PERIOD = 1_000_000_000;
/** RFC 1123 labels, as Nomad requires of service names. */
const SERVICE_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
/** What Nomad's args.ReplaceEnvWithPlaceHolder replaces. */
const ENV_REFERENCE = /\$\{[a-zA-Z0-9_\-.]+\}/g;

const checkType = (c: ModelObject) => (str(c.Type) ?? "").toLowerCase();
const sidecarOf = (s: ModelObject) => obj(obj(s.Connect)?.SidecarService);

export const checkNeedsPort: Rule = {
  id: "check-needs-port",
  severity: "error",
  summary: `a check of type ${inProse(portedCheckTypes(), "or")} has no port, and neither has its service`,
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const s of servicesOf(g)) {
        if (str(s.service.PortLabel)) continue;
        list(s.service.Checks).forEach((c, i) => {
          const type = checkType(c);
          if (!(portedCheckTypes() as readonly string[]).includes(type) || str(c.PortLabel)) return;
          ctx.report(
            [...s.path, "Checks", i],
            `the ${type} check of service "${str(s.service.Name) ?? ""}" needs a port, but neither the check nor the service has one.`,
            { hint: "Set port on the service (or on the check) to a port the group declares." },
          );
        });
      }
  },
};

export const checkPeriod: Rule = {
  id: "check-interval",
  severity: "error",
  summary: "a check's interval or timeout is shorter than 1s",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const s of servicesOf(g))
        list(s.service.Checks).forEach((c, i) => {
          for (const key of ["Interval", "Timeout"] as const) {
            const value = num(c[key]);
            if (value !== undefined && value > 0 && value < MIN_CHECK_PERIOD)
              ctx.report(
                [...s.path, "Checks", i, key],
                `a check ${key.toLowerCase()} shorter than 1s is refused by Nomad.`,
                {
                  hint: `Set ${key.toLowerCase()} to "1s" or more.`,
                },
              );
          }
        });
  },
};

export const serviceName: Rule = {
  id: "service-name",
  severity: "error",
  summary: "a service name is not a DNS label (letters, digits and dashes, at most 63)",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const s of servicesOf(g)) {
        const name = str(s.service.Name);
        // Nomad checks the name with each ${…} replaced by a placeholder (it is filled in on
        // the client), so the text around them must still make a DNS label.
        if (name === undefined || SERVICE_NAME.test(name.replace(ENV_REFERENCE, "ENV-VAR"))) continue;
        ctx.report([...s.path, "Name"], `service name "${name}" is not a valid DNS label.`, {
          hint: "Use letters, digits and dashes (not at the start or end), at most 63 characters.",
        });
      }
  },
};

export const duplicateService: Rule = {
  id: "duplicate-service",
  severity: "error",
  summary: "a group or task registers the same service name on the same port twice",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const seen = new Set<string>();
      for (const s of servicesOf(g)) {
        const name = str(s.service.Name) ?? "";
        const key = `${s.task?.name ?? "\0group"}/${name}/${str(s.service.PortLabel) ?? ""}`;
        if (seen.has(key))
          ctx.report([...s.path, "Name"], `service "${name}" is registered twice with the same port.`, {
            hint: "Rename one of them, or give it another port.",
          });
        seen.add(key);
      }
    }
  },
};

export const undeclaredTask: Rule = {
  id: "undeclared-task",
  severity: "error",
  summary: "a service or check names a task the group doesn't have",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const names = tasksOf(g).map((t) => t.name);
      const use = (name: string | undefined, at: ModelPath) => {
        if (!name || name.includes("${") || names.includes(name)) return;
        ctx.report(at, `task "${name}" is not declared in group "${g.name}".${didYouMean(name, names)}`, {
          hint: `Name one of the group's tasks${names.length > 0 ? ` (${names.map((n) => `"${n}"`).join(", ")})` : ""}.`,
          suggestions: names,
        });
      };
      for (const s of servicesOf(g)) {
        if (s.task) continue; // a task's own service runs in that task
        use(str(s.service.TaskName), [...s.path, "TaskName"]);
        list(s.service.Checks).forEach((c, i) => {
          use(str(c.TaskName), [...s.path, "Checks", i, "TaskName"]);
        });
      }
    }
  },
};

export const scriptCheckNeedsTask: Rule = {
  id: "script-check-needs-task",
  severity: "error",
  summary: "a script check of a group service doesn't say which task runs it",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const s of servicesOf(g)) {
        if (s.task || str(s.service.TaskName)) continue;
        list(s.service.Checks).forEach((c, i) => {
          if (checkType(c) === "script" && !str(c.TaskName))
            ctx.report(
              [...s.path, "Checks", i],
              `a script check of group service "${str(s.service.Name) ?? ""}" must name the task it runs in.`,
              {
                hint: "Set task on the check (or on the service).",
              },
            );
        });
      }
  },
};

export const connectNeedsBridge: Rule = {
  id: "connect-needs-bridge",
  severity: "error",
  summary: "a Consul Connect sidecar service in a group without bridge or CNI networking",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      if (bridged(g) && list(g.group.Networks).length === 1) continue;
      for (const s of servicesOf(g)) {
        if (s.task || !sidecarOf(s.service)) continue;
        const mode = networkMode(g);
        const networks = list(g.group.Networks).length;
        const at: ModelPath = mode ? [...g.path, "Networks", 0, "Mode"] : [...s.path, "Connect"];
        const now =
          networks > 1 ? `it has ${networks} networks` : mode ? `it is "${mode}"` : "it has no network";
        ctx.report(
          at,
          `service "${str(s.service.Name) ?? ""}" uses a Connect sidecar, which needs group "${g.name}" to have one network in bridge mode (${now}).`,
          { hint: 'Set the group\'s network mode to "bridge" (or a "cni/…" network).' },
        );
        break; // one finding per group: the fix is the same
      }
    }
  },
};

export const connectOnTaskService: Rule = {
  id: "connect-on-task-service",
  severity: "error",
  summary: "a task's service has a connect block (only group services may)",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const s of servicesOf(g))
        if (s.task && obj(s.service.Connect))
          ctx.report(
            [...s.path, "Connect"],
            `service "${str(s.service.Name) ?? ""}" of task "${s.task.name}" has a connect block, which only group services may have.`,
            {
              hint: "Move the service to the group.",
            },
          );
  },
};

export const connectTcpCheck: Rule = {
  id: "connect-tcp-check",
  severity: "error",
  summary: "a Connect sidecar service has a tcp check",
  check(job, ctx) {
    for (const g of groupsOf(job))
      for (const s of servicesOf(g)) {
        if (!sidecarOf(s.service)) continue;
        list(s.service.Checks).forEach((c, i) => {
          if (checkType(c) === "tcp")
            ctx.report(
              [...s.path, "Checks", i, "Type"],
              `service "${str(s.service.Name) ?? ""}" uses a Connect sidecar, so it can't have a tcp check: the app listens on the allocation's loopback.`,
              {
                hint: "Use an http or grpc check with expose = true, or a script check.",
              },
            );
        });
      }
  },
};

export const upstreamCollision: Rule = {
  id: "upstream-bind-collision",
  severity: "error",
  summary: "two upstreams of a group listen on the same local address and port (or socket)",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      // All sidecars of a group share the allocation's network namespace.
      const listeners = new Map<string, string>();
      for (const s of servicesOf(g)) {
        const upstreams = list(obj(sidecarOf(s.service)?.Proxy)?.Upstreams);
        upstreams.forEach((u, i) => {
          const socket = str(u.LocalBindSocketPath);
          const port = num(u.LocalBindPort) ?? 0;
          const key = socket || `${str(u.LocalBindAddress) ?? ""}:${port}`;
          const name = str(u.DestinationName) ?? "";
          const other = listeners.get(key);
          if (other !== undefined)
            ctx.report(
              [
                ...s.path,
                "Connect",
                "SidecarService",
                "Proxy",
                "Upstreams",
                i,
                socket ? "LocalBindSocketPath" : "LocalBindPort",
              ],
              `upstreams "${other}" and "${name}" both listen on ${socket ? `socket ${socket}` : `local port ${port}`}.`,
              { hint: "Give each upstream its own local_bind_port." },
            );
          else listeners.set(key, name);
        });
      }
    }
  },
};

export const exposedCheckNeedsTo: Rule = {
  id: "exposed-check-needs-to",
  severity: "error",
  summary: "an exposed check of a Connect service can't tell which port the app listens on",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const ports = new Map(
        list(g.group.Networks).flatMap((n) =>
          [...list(n.DynamicPorts), ...list(n.ReservedPorts)].map((p) => [str(p.Label) ?? "", p] as const),
        ),
      );
      for (const s of servicesOf(g)) {
        if (!sidecarOf(s.service)) continue;
        const label = str(s.service.PortLabel);
        const port = label ? ports.get(label) : undefined;
        if (!port || (num(port.To) ?? 0) > 0 || (num(port.Value) ?? 0) > 0) continue;
        list(s.service.Checks).forEach((c, i) => {
          if (c.Expose === true && !str(c.PortLabel))
            ctx.report(
              [...s.path, "Checks", i, "Expose"],
              `an exposed check needs the port the app listens on inside the allocation, but port "${label}" has no "to".`,
              {
                hint: `Give port "${label}" a "to" (the app's port).`,
              },
            );
        });
      }
    }
  },
};

export const singleProvider: Rule = {
  id: "mixed-service-providers",
  severity: "error",
  summary: "services of one group use both the consul and nomad providers",
  check(job, ctx) {
    for (const g of groupsOf(job)) {
      const services = servicesOf(g);
      const providers = new Set(services.map((s) => str(s.service.Provider) || "consul"));
      if (providers.size > 1 && services[0])
        ctx.report(
          g.path,
          `the services of group "${g.name}" use more than one provider (${[...providers].join(", ")}).`,
          {
            hint: "Use the same provider for every service of a group.",
          },
        );
    }
  },
};
