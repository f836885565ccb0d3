import fc from "fast-check";
import { analyzeDocument } from "nomadkit/analysis";
import { corpusFiles, readCorpus } from "../../test/harness/corpus.js";
import { applyMutation, corpusMutation } from "../../test/harness/corpus-mutations.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 50_000);

export async function benchFuzz(): Promise<void> {
  const sources = corpusFiles()
    .map((f) => ({ f, text: readCorpus(f) }))
    .filter((s) => s.text.length < 20_000);
  let slowest = 0;
  let thrown = 0;
  const started = performance.now();
  for (const m of fc.sample(corpusMutation(sources.length), { numRuns: RUNS, seed: Date.now() })) {
    const { f, text } = sources[m.file] as { f: string; text: string };
    const t0 = performance.now();
    try {
      analyzeDocument(f, applyMutation(text, m));
    } catch (error) {
      thrown++;
      if (thrown <= 3) console.log(`exception on ${f}: ${String(error)}`);
    }
    slowest = Math.max(slowest, performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${RUNS} mutated corpus files in ${seconds.toFixed(1)} s: ${thrown} exceptions, slowest ${slowest.toFixed(1)} ms (goal: 0, < 1000 ms)`,
  );
}
