// The one escape hatch for what the typed constructs can't say: JSON Patch operations
// (RFC 6902 add, replace, remove) applied to a job's synthesized payload, after synth
// and before the rule engine. Paths are JSON Pointers into the API job, by API field
// name ("/TaskGroups/0/Services/1/PortLabel"). Named and narrow, like cdk8s's
// addJsonPatch: a field the schema and constructs cover is never set through it.

export type JsonPatchOp =
  | { readonly op: "add" | "replace"; readonly path: string; readonly value: unknown }
  | { readonly op: "remove"; readonly path: string };

export const JsonPatch = {
  /** Sets a field or inserts into a list (`/-` appends). */
  add: (path: string, value: unknown): JsonPatchOp => ({ op: "add", path, value }),
  /** Replaces a field that synth wrote. */
  replace: (path: string, value: unknown): JsonPatchOp => ({ op: "replace", path, value }),
  /** Removes a field (or list item) that synth wrote. */
  remove: (path: string): JsonPatchOp => ({ op: "remove", path }),
};

/** "/a/b~1c" → ["a", "b/c"]. */
export function pointerParts(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw new RangeError(`JSON patch path "${path}" must start with "/"`);
  return path
    .slice(1)
    .split("/")
    .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/**
 * Applies the operations in order to `target` (changed in place). Returns a message for
 * each operation whose path doesn't exist, instead of throwing: synth reports them.
 */
export function applyJsonPatch(target: Record<string, unknown>, ops: readonly JsonPatchOp[]): string[] {
  const failures: string[] = [];
  for (const op of ops) {
    const parts = pointerParts(op.path);
    const last = parts.pop();
    let at: unknown = target;
    for (const part of parts) {
      at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[part] : undefined;
    }
    if (last === undefined || typeof at !== "object" || at === null) {
      failures.push(`json patch ${op.op} ${op.path}: the path's parent doesn't exist`);
      continue;
    }
    const value = op.op === "remove" ? undefined : structuredClone(op.value);
    if (Array.isArray(at)) {
      const index = last === "-" ? at.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > at.length - (op.op === "add" ? 0 : 1)) {
        failures.push(`json patch ${op.op} ${op.path}: no list item ${last}`);
      } else if (op.op === "add") at.splice(index, 0, value);
      else if (op.op === "replace") at[index] = value;
      else at.splice(index, 1);
      continue;
    }
    const obj = at as Record<string, unknown>;
    if (op.op !== "add" && !(last in obj)) {
      failures.push(`json patch ${op.op} ${op.path}: synth wrote no such field`);
    } else if (op.op === "remove") delete obj[last];
    else obj[last] = value;
  }
  return failures;
}
