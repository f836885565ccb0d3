// Names in the generated code: TypeScript identifiers from Nomad labels and file names,
// kept unique within their scope.

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false " +
    "finally for function if import in instanceof new null return super switch this throw true try " +
    "typeof var void while with yield let static implements interface package private protected public " +
    "await app scope vars job node attr meta spread"
  ).split(" "),
);

export function isIdentifier(text: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text);
}

/** `redis-cache.v2` → `redisCacheV2`; never empty, never starts with a digit. */
export function camelIdentifier(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words
    .map((w, i) =>
      i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join("");
  if (joined === "") return "x";
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** Hands out identifiers unique within one scope (a function body, a module). */
export class NameScope {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }

  /** `camelIdentifier(label) + suffix`, numbered when already taken. */
  name(label: string, suffix = ""): string {
    let base = camelIdentifier(label) + suffix;
    if (RESERVED.has(base)) base = `${base}_`;
    let candidate = base;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${base}${n}`;
    this.taken.add(candidate);
    return candidate;
  }
}

/** The file a job is written to: `web.ts`, or `web-2.ts` for a second job with that ID. */
export function jobFileName(jobId: string, taken: Set<string>): string {
  const base =
    jobId
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^[-.]+|[-.]+$/g, "") || "job";
  let candidate = base === "app" ? "app-job" : base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
  taken.add(candidate);
  return candidate;
}
