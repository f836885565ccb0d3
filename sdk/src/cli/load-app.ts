import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import type { App } from "../constructs/app.js";

/** What the user did wrong when loading an entry file; printed without a stack trace. */
export class UserError extends Error {}

export interface LoadOptions {
  env?: string;
}

/**
 * Loads a TypeScript (or JavaScript) entry file directly, with no compile step, and
 * returns its App. The entry either default-exports an App, exports `app`, or
 * default-exports a function that takes `{ env }` and returns an App.
 */
export async function loadApp(entry: string, options: LoadOptions = {}): Promise<App> {
  const path = resolve(entry);
  if (!existsSync(path)) throw new UserError(`${entry}: no such file`);
  let module: Record<string, unknown>;
  try {
    module = (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    throw new UserError(`${entry}: could not load the app: ${describeLoadError(error)}`);
  }
  let exported = module.default ?? module.app;
  // A CommonJS-style double wrap happens when tsx compiles the entry as CJS.
  if (isObject(exported) && "default" in exported && !isApp(exported)) exported = exported.default;
  if (typeof exported === "function") exported = await (exported as (o: LoadOptions) => unknown)(options);
  if (!isApp(exported)) {
    throw new UserError(
      `${entry}: export the App: \`export default app\` (or a function \`({ env }) => app\`)`,
    );
  }
  return exported;
}

// Duck-typed on purpose: the entry may load nomadkit from another copy (src vs dist).
function isApp(value: unknown): value is App {
  return isObject(value) && value.kind === "app" && Array.isArray(value.jobs);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function describeLoadError(error: unknown): string {
  if (error instanceof Error) {
    // esbuild's transform errors already name file:line:col; keep only the message.
    return error.message.split("\n").slice(0, 6).join("\n");
  }
  return String(error);
}
