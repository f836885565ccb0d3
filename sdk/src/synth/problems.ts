import { closest, distance } from "fastest-levenshtein";

/** One thing wrong with an app, found at synth: where (a construct path) and what to change. */
export interface Problem {
  /** Construct path, such as `job "web" › group "api" › task "app"`. */
  path: string;
  message: string;
  /** A warning never stops synth; absent means error. */
  severity?: "error" | "warning";
  /** The rule that found it, when the rule engine did (see sdk/README.md, "Rules"). */
  rule?: string;
}

/** Collects every problem of a synth run so the user sees them all at once. */
export class Problems {
  readonly all: Problem[] = [];

  add(path: string, message: string, extra: { severity?: "error" | "warning"; rule?: string } = {}): void {
    this.all.push({ path, message, ...extra });
  }

  /** The errors: synth writes nothing while there is one. */
  get list(): Problem[] {
    return this.all.filter((p) => p.severity !== "warning");
  }

  get warnings(): Problem[] {
    return this.all.filter((p) => p.severity === "warning");
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

/** ` (did you mean "x"?)` when a close enough candidate exists, else "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const list = [...candidates];
  if (list.length === 0) return "";
  const best = closest(word, list);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word, best) <= limit ? ` (did you mean "${best}"?)` : "";
}

/** Problems as lines of text, one per problem. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `  ${p.path}: ${p.message}`).join("\n");
}
