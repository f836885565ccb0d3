// Shared by the hcl tests: strip ranges and parse-only details so ASTs compare by shape.
const sourceOnly = new Set(["range", "nameRange", "typeRange", "rootRange", "raw"]);

export function shape<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (sourceOnly.has(key) ? undefined : v))) as T;
}
