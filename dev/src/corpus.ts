// Nomad's own files in ../shared/corpus/nomad, read in place (never copied into the repo).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CORPUS_DIR = fileURLToPath(new URL("../../../shared/corpus/nomad", import.meta.url));

/** What to install when the corpus is missing. */
export const CORPUS_HINT =
  `put Nomad's own HCL files in ${CORPUS_DIR} (hashicorp/nomad's .hcl and .nomad files, each named ` +
  "after its path with / replaced by _; see ../shared/corpus/README.md)";

let listed: string[] | undefined;

/**
 * The corpus file names, sorted. Without the corpus beside the repo this is empty, the
 * corpus tests skip and a warning says what to install; in CI, where it must be there,
 * a missing corpus is an error instead.
 */
export function corpusFiles(): string[] {
  if (listed) return listed;
  let why = "";
  try {
    listed = readdirSync(CORPUS_DIR)
      .filter((f) => f.endsWith(".hcl") || f.endsWith(".nomad"))
      .sort();
    if (listed.length === 0) why = "it holds no .hcl or .nomad file";
  } catch (error) {
    listed = [];
    why = String(error);
  }
  if (why) {
    if (process.env.CI)
      throw new Error(
        `the Nomad corpus is missing at ${CORPUS_DIR} (CI is set, so this test may not skip): ${why}`,
      );
    console.warn(`corpus tests skipped: ${CORPUS_HINT}`);
  }
  return listed;
}

/** " (skipped: no corpus, …)" for a describe title when the corpus is missing, else "". */
export function corpusSkipNote(): string {
  return corpusFiles().length === 0 ? ` (skipped: no corpus, ${CORPUS_HINT})` : "";
}

export function readCorpus(name: string): string {
  return readFileSync(join(CORPUS_DIR, name), "utf8");
}
