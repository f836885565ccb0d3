import { parse } from "nomadkit/hcl";
import { decodeJob } from "nomadkit/jobspec";
import { CORPUS_DIR, corpusFiles, readCorpus } from "../../test/harness/corpus.js";
import { startOracle } from "../../test/harness/oracle.js";

function decodeAll(files: Array<{ filename: string; source: string }>): number {
  let errors = 0;
  for (const { source } of files) {
    const parsed = parse(source);
    const decoded = decodeJob(parsed.file);
    errors += parsed.errors.length + decoded.diagnostics.filter((d) => d.severity === "error").length;
  }
  return errors;
}

export async function benchDecodeCorpus(): Promise<void> {
  const names = corpusFiles();
  if (names.length === 0) {
    console.log(`decode-corpus skipped: no corpus at ${CORPUS_DIR}`);
    return;
  }
  const oracle = await startOracle();
  if ("skip" in oracle) {
    console.log(`decode-corpus skipped (the oracle picks the job files): ${oracle.skip}`);
    return;
  }
  try {
    const all = names.map((filename) => ({ filename, source: readCorpus(filename) }));
    const jobs: typeof all = [];
    for (const file of all) if ((await oracle.parse(file.source, file.filename)).ok) jobs.push(file);
    const bytes = jobs.reduce((n, f) => n + f.source.length, 0);

    decodeAll(jobs); // warm up the JIT, the parser and the schema indexes
    const runs: number[] = [];
    let errors = 0;
    for (let r = 0; r < 5; r++) {
      const start = process.hrtime.bigint();
      errors = decodeAll(jobs);
      runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const oursMs = Math.min(...runs);
    console.log(
      `parse + decode ${jobs.length} corpus job files (${(bytes / 1024).toFixed(0)} KiB): best ${oursMs.toFixed(1)} ms of 5 runs, ${errors} errors`,
    );

    await oracle.parseMany(jobs.slice(0, 10), 1); // warm up
    const parsed = await oracle.parseMany(jobs, 5);
    if (!parsed.ok) throw new Error(parsed.error);
    const oracleMs = parsed.elapsedNs / 5 / 1e6;
    console.log(
      `jobspec2 parse of the same files: ${oracleMs.toFixed(1)} ms per pass (mean of 5), ${parsed.rejected} rejected`,
    );
    console.log(`ratio ours / jobspec2: ${(oursMs / oracleMs).toFixed(2)}`);
  } finally {
    await oracle.close();
  }
}
