// Random edits of Nomad's own files through the editor analysis: exceptions and the slowest case.
// Each run prints its seed; `FUZZ_SEED=<seed> npm run bench fuzz` replays that run exactly.
import { applyMutation, corpusFiles, corpusMutation, readCorpus } from "@nomadkit/dev";
import fc from "fast-check";
import { analyzeDocument } from "nomadkit/analysis";

const RUNS = Number(process.env.FUZZ_RUNS ?? 50_000);

export async function benchFuzz(): Promise<void> {
  const sources = corpusFiles()
    .map((f) => ({ f, text: readCorpus(f) }))
    .filter((s) => s.text.length < 20_000);
  if (sources.length === 0) {
    console.log("fuzz skipped: no corpus");
    return;
  }
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
  console.log(`seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${RUNS} npm run bench fuzz)`);
  let slowest = { ms: 0, run: -1, file: "" };
  let thrown = 0;
  let run = 0;
  const started = performance.now();
  for (const m of fc.sample(corpusMutation(sources.length), { numRuns: RUNS, seed })) {
    const { f, text } = sources[m.file] as { f: string; text: string };
    const t0 = performance.now();
    try {
      analyzeDocument(f, applyMutation(text, m));
    } catch (error) {
      thrown++;
      if (thrown <= 3)
        console.log(`exception at run ${run} on ${f} (${JSON.stringify(m)}): ${String(error)}`);
    }
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { ms, run, file: f };
    run++;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${RUNS} mutated corpus files in ${seconds.toFixed(1)} s: ${thrown} exceptions, slowest ${slowest.ms.toFixed(1)} ms (run ${slowest.run}, ${slowest.file}) (goal: 0, < 1000 ms)`,
  );
}
