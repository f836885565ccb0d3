// Nomad's own files in ../shared/corpus/nomad, read in place (never copied into the repo).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CORPUS_DIR = fileURLToPath(new URL("../../../shared/corpus/nomad", import.meta.url));

let listed: string[] | undefined;

/**
 * The corpus file names, sorted. Without the corpus beside the repo this is empty and
 * the corpus tests skip; in CI, where it must be there, that is an error instead.
 */
export function corpusFiles(): string[] {
  if (listed) return listed;
  try {
    listed = readdirSync(CORPUS_DIR)
      .filter((f) => f.endsWith(".hcl") || f.endsWith(".nomad"))
      .sort();
  } catch (error) {
    if (process.env.CI) throw new Error(`the Nomad corpus is missing at ${CORPUS_DIR}: ${String(error)}`);
    listed = [];
  }
  return listed;
}

export function readCorpus(name: string): string {
  return readFileSync(join(CORPUS_DIR, name), "utf8");
}
