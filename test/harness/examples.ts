import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { App } from "nomadkit";

export const EXAMPLES_DIR = fileURLToPath(new URL("../../examples/", import.meta.url));

/** The example apps (examples/*.ts), by file name; cluster-*.ts describe machines, not apps. */
export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.startsWith("cluster-"))
    .sort();
}

/** Loads an example's default-exported App. */
export async function loadExample(file: string): Promise<App> {
  const module = (await import(`${EXAMPLES_DIR}${file}`)) as { default: App };
  return module.default;
}
