import { formatProblems } from "../synth/problems.js";
import { type SynthResult, synthesize } from "../synth/synth.js";
import { loadApp, UserError } from "./load-app.js";
import type { ConnectionOptions } from "./nomad-connection.js";
import { typecheckEntry, typeErrorReport } from "./typecheck.js";

/** The flags plan and deploy share. */
export interface AppOptions extends ConnectionOptions {
  env?: string;
  json?: boolean;
  varFile?: string;
  adopt?: boolean;
  appVersion?: string;
  /** Type-check the entry first: plan sets it (true unless --no-typecheck). */
  typecheck?: boolean;
}

/** Loads and synthesizes the entry; any synth problem is a UserError listing them all. */
export async function synthFor(
  entry: string,
  options: AppOptions,
): Promise<{ name: string; result: SynthResult }> {
  if (options.typecheck === true) {
    const checked = await typecheckEntry(entry);
    if ("ok" in checked && !checked.ok) throw new UserError(typeErrorReport(entry, checked.errors));
  }
  const app = await loadApp(entry, options.env === undefined ? {} : { env: options.env });
  const result = synthesize(app, options.env === undefined ? {} : { env: options.env });
  if (result.problems.length > 0) {
    throw new UserError(
      `${entry}: ${result.problems.length} problem(s):\n${formatProblems(result.problems)}`,
    );
  }
  return { name: app.name, result };
}
