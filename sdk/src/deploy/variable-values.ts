// Values for the Nomad Variables an app reads. Synth knows only paths and keys; the values
// come from a var file, the environment, or what Nomad already holds. A key with no value
// from any of them is never written: deploy refuses and lists it.

/** Values by variable path (or `namespace:path`, which wins), then key. */
export type VariableValues = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** What a var file holds is wrong; the message says where. */
export class VariableValuesError extends Error {}

/**
 * Reads a var file's JSON: `{ "shared/db": { "password": "…" }, "qa:shared/db": { … } }`.
 * Variable paths can't contain ":", so `namespace:path` is unambiguous.
 */
export function parseVariableValues(text: string, source: string): VariableValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new VariableValuesError(`${source}: not JSON (${(error as Error).message})`);
  }
  if (!isRecord(parsed))
    throw new VariableValuesError(
      `${source}: expected an object of variable paths, e.g. {"shared/db": {"password": "…"}}`,
    );
  const out: Record<string, Record<string, string>> = {};
  for (const [path, items] of Object.entries(parsed)) {
    if (!isRecord(items))
      throw new VariableValuesError(`${source}: "${path}" must be an object of key → string value`);
    for (const [key, value] of Object.entries(items)) {
      if (typeof value !== "string")
        throw new VariableValuesError(`${source}: "${path}" › "${key}" must be a string`);
    }
    out[path] = items as Record<string, string>;
  }
  return out;
}

/** `NOMADKIT_VAR_SHARED_DB__PASSWORD` for key "password" of path "shared/db". */
export function variableEnvName(path: string, key: string): string {
  const part = (s: string) => s.replace(/[^A-Za-z0-9]/g, "_").toUpperCase();
  return `NOMADKIT_VAR_${part(path)}__${part(key)}`;
}

/**
 * The value given for a key: from the environment (`variableEnvName`), else the var
 * file's `namespace:path`, else its `path`; undefined when none gives one.
 */
export function givenValue(
  values: VariableValues,
  env: Readonly<Record<string, string | undefined>>,
  namespace: string,
  path: string,
  key: string,
): string | undefined {
  return env[variableEnvName(path, key)] ?? values[`${namespace}:${path}`]?.[key] ?? values[path]?.[key];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
