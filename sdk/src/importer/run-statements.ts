import { App } from "../constructs/app.js";
import { Driver } from "../constructs/drivers.js";
import { Group } from "../constructs/group.js";
import { Job } from "../constructs/job.js";
import { JsonPatch } from "../constructs/json-patch.js";
import { NodePool } from "../constructs/node-pool.js";
import { Affinity, attr, Constraint, meta, node, spread } from "../constructs/placement.js";
import { Port } from "../constructs/port.js";
import { Check, Service } from "../constructs/service.js";
import { Task } from "../constructs/task.js";
import { Volume } from "../constructs/volume.js";
import { type Expr, plainValue, type Stmt } from "./code-model.js";

// Runs the code model against the real constructs: what the printed TypeScript would do.
// Only the names the model walk emits are known here.

const CLASSES: Record<string, new (...args: never[]) => unknown> = {
  App,
  Job,
  Group,
  Task,
  Port,
  Service,
  Volume,
};

const VALUES: Record<string, unknown> = {
  Driver,
  Check,
  Constraint,
  Affinity,
  JsonPatch,
  NodePool,
  attr,
  meta,
  node,
  spread,
};

/** Runs the statements with `names` in scope (the scope argument, `vars`); returns the bound names. */
export function runStatements(
  stmts: readonly Stmt[],
  names: Record<string, unknown>,
): Record<string, unknown> {
  const scope: Record<string, unknown> = { ...VALUES, ...names };
  stmts.forEach((stmt, i) => {
    const value = evaluate(stmt.expr, scope);
    scope[stmt.bind ?? `\u0000${i}`] = value;
  });
  return scope;
}

export function evaluate(e: Expr, scope: Record<string, unknown>): unknown {
  switch (e.kind) {
    case "lit":
      return plainValue(e.value);
    case "obj":
      return Object.fromEntries(e.entries.map(([k, v]) => [k, evaluate(v, scope)]));
    case "arr":
      return e.items.map((i) => evaluate(i, scope));
    case "ref":
      return lookup(e.name, scope);
    case "call": {
      const parts = e.callee.split(".");
      const fn = lookup(e.callee, scope);
      if (typeof fn !== "function") throw new Error(`bug: ${e.callee} is not a function`);
      const self = parts.length > 1 ? lookup(parts.slice(0, -1).join("."), scope) : undefined;
      return (fn as (...a: unknown[]) => unknown).apply(
        self,
        e.args.map((a) => evaluate(a, scope)),
      );
    }
    case "new": {
      const cls = CLASSES[e.cls];
      if (!cls) throw new Error(`bug: unknown construct class ${e.cls}`);
      return new (cls as new (...a: unknown[]) => unknown)(...e.args.map((a) => evaluate(a, scope)));
    }
  }
}

function lookup(name: string, scope: Record<string, unknown>): unknown {
  let at: unknown = scope;
  for (const part of name.split(".")) {
    if (typeof at !== "object" || at === null || !(part in at))
      throw new Error(`bug: "${name}" is not in scope`);
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}
