// Parse + decode every corpus job file to API JSON, against Nomad's jobspec2 (a real dev agent,
// jobspec2.ts) parsing the same files in the same run, median against median. The job files are
// those the agent accepts.
import { CORPUS_DIR, corpusFiles, readCorpus } from "@nomadkit/dev";
import { parse } from "nomadkit/hcl";
import { decodeJob } from "nomadkit/jobspec";
import { ratios, startJobspec2 } from "./jobspec2.js";
import { show, summarize, timed } from "./stats.js";

const RUNS = 5;

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
  const jobspec2 = await startJobspec2();
  if ("skip" in jobspec2) {
    console.log(`decode-corpus skipped (the agent picks the job files): ${jobspec2.skip}`);
    return;
  }
  try {
    const all = names.map((filename) => ({ filename, source: readCorpus(filename) }));
    const jobs: typeof all = [];
    for (const file of all) if (await jobspec2.accepts(file.source)) jobs.push(file);
    const bytes = jobs.reduce((n, f) => n + f.source.length, 0);

    decodeAll(jobs); // warm up the JIT, the parser and the schema indexes
    let errors = 0;
    const ours = summarize(
      await timed(RUNS, () => {
        errors = decodeAll(jobs);
      }),
    );
    console.log(
      `parse + decode ${jobs.length} corpus job files (${(bytes / 1024).toFixed(0)} KiB): ${show(ours, 1)}, ${errors} errors`,
    );
    const theirs = await jobspec2.passes(jobs, RUNS);
    console.log(
      `jobspec2 (Nomad ${jobspec2.version} agent, PUT /v1/jobs/parse) on the same files: ${show(theirs.parse, 1)}; its HTTP floor ${show(theirs.floor, 1)}`,
    );
    console.log(`ratio ours / jobspec2: ${ratios(ours, theirs)}`);
  } finally {
    await jobspec2.stop();
  }
}
