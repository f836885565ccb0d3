// Loads a cluster.ts entry directly (no build step), like `nomadkit synth` loads an app.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import type { AnyCluster } from "./cluster-ops.js";

export class UserError extends Error {}

export async function loadCluster(entry: string): Promise<AnyCluster> {
  const path = resolve(entry);
  if (!existsSync(path)) throw new UserError(`${entry}: no such file`);
  let module: Record<string, unknown>;
  try {
    module = (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n").slice(0, 6).join("\n") : String(error);
    throw new UserError(`${entry}: could not load the cluster: ${message}`);
  }
  let exported = module.default ?? module.cluster;
  if (isObject(exported) && "default" in exported && !isCluster(exported)) exported = exported.default;
  if (typeof exported === "function") exported = await (exported as () => unknown)();
  if (!isCluster(exported))
    throw new UserError(
      `${entry}: export the cluster: \`export default new AwsCluster({ … })\` or \`new GcpCluster({ … })\``,
    );
  return exported;
}

// Duck-typed: the entry may load the provisioners from another copy (src vs dist).
function isCluster(value: unknown): value is AnyCluster {
  return isObject(value) && (value.cloud === "aws" || value.cloud === "gcp") && isObject(value.props);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
