import type { JsonPatchOp } from "../constructs/json-patch.js";
import { call, lit, type Stmt } from "./code-model.js";

// What the typed constructs couldn't say, found by comparing the job they synthesize with
// the original, and written back through the one escape hatch (`job.addJsonPatch`), each
// with the reason in a comment. Nothing is dropped silently.

export interface EscapedField {
  readonly op: JsonPatchOp;
  readonly reason: string;
}

/** The JSON patch that turns `actual` (what synth wrote) into `expected` (the original). */
export function jsonDiff(actual: unknown, expected: unknown, path = ""): JsonPatchOp[] {
  if (deepEqual(actual, expected)) return [];
  if (isObject(actual) && isObject(expected)) {
    const ops: JsonPatchOp[] = [];
    for (const [k, v] of Object.entries(expected)) {
      const at = `${path}/${escapeKey(k)}`;
      if (!(k in actual)) ops.push({ op: "add", path: at, value: v });
      else ops.push(...jsonDiff(actual[k], v, at));
    }
    for (const k of Object.keys(actual)) {
      if (!(k in expected)) ops.push({ op: "remove", path: `${path}/${escapeKey(k)}` });
    }
    return ops;
  }
  if (Array.isArray(actual) && Array.isArray(expected) && actual.length === expected.length) {
    return expected.flatMap((v, i) => jsonDiff(actual[i], v, `${path}/${i}`));
  }
  return [{ op: "replace", path, value: expected }];
}

/** Why a field needed the escape hatch, from the API field it changes. */
export function reasonFor(op: JsonPatchOp): string {
  const parts = op.path.split("/");
  const field = parts[parts.length - 1] ?? "";
  const parent = parts[parts.length - 3] ?? "";
  if (field === "PortLabel" && parent === "Services")
    return "the service's port is not a port label of the group (a number or an interpolation); Service takes Port objects";
  if (field === "TaskName" && parent === "Services")
    return "a group service names the task it runs in (task = …); Service has no field for it";
  if ((field === "Driver" || field === "Config") && op.op === "remove")
    return "the task names no driver (jobspec2 accepts that); a Task construct needs one";
  if (field === "PortLabel" || field === "TaskName")
    return "the check names a port or task that the group doesn't declare, or a check type without a helper";
  if (field === "Checks")
    return "a check has no typed helper (its type, or a missing interval, timeout or path)";
  if (
    ["Constraints", "Affinities", "Spreads"].includes(field) ||
    ["Constraints", "Affinities", "Spreads"].includes(parent)
  )
    return "a placement rule whose target is not ${attr.…}, ${meta.…} or ${node.…}, or uses an operator alias (==, is, not), or an affinity without a weight";
  if (field === "VolumeMounts" || parent === "VolumeMounts")
    return "a volume_mount names a volume the group doesn't request";
  if (field === "Config" || parts.includes("Config"))
    return "a driver config value the driver's schema doesn't describe, or docker ports that are not port labels of the group";
  if (field === "Name" && parent === "Services" && op.op === "replace")
    return "nomadkit names an environment's Consul services with its suffix (web → web-qa); the original doesn't";
  if (field === "Name" && parent === "Services")
    return "the service has no name (Nomad names it job-group-task)";
  if (field === "Identity")
    return "an identity block without a name (the task's default workload identity) has no field in the task spec";
  if (field === "Networks") return "the group has more than one network block";
  return "the constructs write this field differently";
}

/** The escaped fields, grouped into one `job.addJsonPatch(…)` statement per reason. */
export function escapeStatements(ops: readonly JsonPatchOp[]): { stmts: Stmt[]; reasons: string[] } {
  const byReason = new Map<string, JsonPatchOp[]>();
  for (const op of ops) {
    const reason = reasonFor(op);
    byReason.set(reason, [...(byReason.get(reason) ?? []), op]);
  }
  const stmts = [...byReason].map(
    ([reason, list]): Stmt => ({
      comment: [`Escape hatch: ${reason}.`],
      expr: call(
        "job.addJsonPatch",
        ...list.map((op) =>
          op.op === "remove"
            ? call("JsonPatch.remove", lit(op.path))
            : call(`JsonPatch.${op.op}`, lit(op.path), lit(op.value)),
        ),
      ),
    }),
  );
  return { stmts, reasons: [...byReason.keys()] };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const escapeKey = (k: string): string => k.replaceAll("~", "~0").replaceAll("/", "~1");

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}
