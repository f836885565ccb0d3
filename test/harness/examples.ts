import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { App } from "nomadkit";

export const EXAMPLES_DIR = fileURLToPath(new URL("../../examples/", import.meta.url));

/** The example entry files (examples/*.ts), by file name. */
export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .sort();
}

/** Loads an example's default-exported App. */
export async function loadExample(file: string): Promise<App> {
  const module = (await import(`${EXAMPLES_DIR}${file}`)) as { default: App };
  return module.default;
}
