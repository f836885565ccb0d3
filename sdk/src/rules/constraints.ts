// Constraint and affinity operators and values, as Nomad's Constraint.Validate and
// Affinity.Validate check them; jobspec2 itself accepts any string for both.
import {
  operatorSemantics,
  operatorsPlacingAllocations,
  operatorsWithoutValue,
} from "../schema/semantics.js";
import { groupsOf, list, type ModelObject, type ModelPath, str, tasksOf } from "./model.js";
import { inProse } from "./prose.js";
import type { Rule, RuleContext } from "./rule.js";

interface Placement {
  item: ModelObject;
  at: ModelPath;
  kind: "constraint" | "affinity";
  /** Job, group or task. */
  level: "job" | "group" | "task";
}

function placements(job: ModelObject): Placement[] {
  const out: Placement[] = [];
  const add = (owner: ModelObject, at: ModelPath, level: Placement["level"]) => {
    list(owner.Constraints).forEach((item, i) => {
      out.push({ item, at: [...at, "Constraints", i], kind: "constraint", level });
    });
    list(owner.Affinities).forEach((item, i) => {
      out.push({ item, at: [...at, "Affinities", i], kind: "affinity", level });
    });
  };
  add(job, [], "job");
  for (const g of groupsOf(job)) {
    add(g.group, g.path, "group");
    for (const t of tasksOf(g)) add(t.task, t.path, "task");
  }
  return out;
}

/** go-version's constraint syntax: `>= 1.2.3, < 2`, `~> 1.0`. */
const VERSION_CONSTRAINT =
  /^\s*(=|!=|>|<|>=|<=|~>)?\s*v?\d+(\.\d+)*(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?\s*$/;

function each(
  job: ModelObject,
  ctx: RuleContext,
  visit: (p: Placement, op: string, value: string, ctx: RuleContext) => void,
) {
  for (const p of placements(job)) visit(p, str(p.item.Operand) ?? "=", str(p.item.RTarget) ?? "", ctx);
}

/** The `${…}` attributes Nomad's constraint validation knows. */
const NODE_TARGETS = ["node.unique.id", "node.unique.name", "node.datacenter", "node.class", "node.pool"];

/** Why Nomad refuses a constraint's attribute, as a real agent answered; undefined when it takes it. */
function attributeProblem(attribute: string): string | undefined {
  if (!attribute.startsWith("$")) return undefined;
  if (!attribute.startsWith("${")) return `attribute "${attribute}" starts with $ but not \${.`;
  if (!attribute.endsWith("}")) return `attribute "${attribute}" has no closing brace.`;
  const inner = attribute.slice(2, -1);
  if (NODE_TARGETS.includes(inner) || /^(attr|meta|device)\./.test(inner)) return undefined;
  return `attribute "${attribute}" is not one Nomad can read: use \${attr.…}, \${meta.…}, \${device.…} or \${${NODE_TARGETS[0]}}-style node fields.`;
}

export const constraintNeedsAttribute: Rule = {
  id: "missing-attribute",
  severity: "error",
  summary: "a constraint has no attribute to test, or one Nomad can't read",
  check(job, ctx) {
    each(job, ctx, (p, op) => {
      if (p.kind !== "constraint" || operatorSemantics(op)?.attribute === false) return;
      const attribute = str(p.item.LTarget);
      if (attribute) {
        const problem = attributeProblem(attribute);
        if (problem)
          ctx.report([...p.at, "LTarget"], problem, {
            hint: `Write one of ${NODE_TARGETS.map((t) => `\${${t}}`).join(", ")}, \${attr.<name>}, \${meta.<key>}.`,
          });
        return;
      }
      ctx.report(p.at, `a constraint with operator "${op}" needs an attribute to test.`, {
        hint: 'Set attribute, such as "${attr.kernel.name}".',
      });
    });
  },
};

export const constraintNeedsValue: Rule = {
  id: "missing-value",
  severity: "error",
  summary: "a comparing operator has no value to compare with",
  check(job, ctx) {
    each(job, ctx, (p, op, value) => {
      if (operatorSemantics(op)?.value === "required" && value === "")
        ctx.report([...p.at, "Operand"], `operator "${op}" needs a value to compare with.`, {
          hint: "Set value.",
        });
    });
  },
};

export const unexpectedValue: Rule = {
  id: "unexpected-value",
  severity: "error",
  summary: `${inProse(operatorsWithoutValue(), "or")} is given a value`,
  check(job, ctx) {
    each(job, ctx, (p, op, value) => {
      if (operatorSemantics(op)?.value === "none" && value !== "")
        ctx.report([...p.at, "RTarget"], `operator "${op}" takes no value.`, { hint: "Remove value." });
    });
  },
};

export const versionConstraint: Rule = {
  id: "bad-version-constraint",
  severity: "error",
  summary: "a version or semver value is not a version constraint",
  check(job, ctx) {
    each(job, ctx, (p, op, value) => {
      if ((op !== "version" && op !== "semver") || value === "" || value.includes("${")) return;
      const bad = value.split(",").find((c) => !VERSION_CONSTRAINT.test(c));
      if (bad !== undefined)
        ctx.report([...p.at, "RTarget"], `"${bad.trim()}" is not a version constraint.`, {
          hint: 'Write an operator and a version, such as ">= 1.2.0, < 2.0".',
        });
    });
  },
};

export const regexpValue: Rule = {
  id: "bad-regexp",
  severity: "warning",
  summary: "a regexp value does not compile (a warning: Go's RE2 and JavaScript differ at the edges)",
  check(job, ctx) {
    each(job, ctx, (p, op, value) => {
      // Nomad compiles the value as written, ${…} and all, when the job is registered.
      if (op !== "regexp" || value === "") return;
      const js = value
        .replace(/^\(\?[imsU]+\)/, "")
        .replace(/\(\?P</g, "(?<")
        // RE2 reads a brace that doesn't make a repeat count as a literal; Unicode mode needs it escaped.
        .replace(/(\\.)|(\{\d+(?:,\d*)?\})|([{}])/g, (m, escaped, count) => escaped ?? count ?? `\\${m}`);
      // Unicode mode refuses escapes of ordinary letters (`\E`), as RE2 does; RE2 also has
      // no lookaround and no backreferences.
      const re2Lacks = /\(\?<?[=!]|\\[1-9]/.exec(js);
      try {
        if (re2Lacks) throw new Error(`Go's RE2 has no "${re2Lacks[0]}"`);
        new RegExp(js, "u");
      } catch (e) {
        ctx.report(
          [...p.at, "RTarget"],
          `this regular expression does not compile: ${(e as Error).message}.`,
        );
      }
    });
  },
};

export const distinctPropertyLimit: Rule = {
  id: "distinct-property-limit",
  severity: "error",
  summary: "a distinct_property value is not a whole number",
  check(job, ctx) {
    each(job, ctx, (p, op, value) => {
      if (op === "distinct_property" && value !== "" && !value.includes("${") && !/^\d+$/.test(value))
        ctx.report(
          [...p.at, "RTarget"],
          "distinct_property takes a whole number: how many allocations may share a value.",
          {
            hint: 'Set value to a number such as "2", or remove it for 1.',
          },
        );
    });
  },
};

export const taskDistinct: Rule = {
  id: "task-distinct-constraint",
  severity: "error",
  summary: `a task has a ${inProse(operatorsPlacingAllocations(), "or")} constraint (only jobs and groups may)`,
  check(job, ctx) {
    each(job, ctx, (p, op) => {
      if (p.level === "task" && p.kind === "constraint" && operatorSemantics(op)?.allocations)
        ctx.report(
          [...p.at, "Operand"],
          `a task can't have a ${op} constraint: it places allocations, not tasks.`,
          {
            hint: "Move the constraint to the group or the job.",
          },
        );
    });
  },
};
