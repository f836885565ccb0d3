// `npm run bench`: prints numbers and ratios; it never fails on a number.
import { benchAutoscale } from "./autoscale.js";
import { benchDecodeCorpus } from "./decode-corpus.js";
import { benchDeployLatency } from "./deploy-latency.js";
import { benchFuzz } from "./fuzz.js";
import { benchLanguageServer } from "./lsp.js";
import { benchLanguageServerStart } from "./lsp-start.js";
import { benchSynth } from "./synth-1000.js";

const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = {
  synth: benchSynth,
  decode: benchDecodeCorpus,
  deploy: benchDeployLatency,
  lsp: benchLanguageServer,
  "lsp-start": benchLanguageServerStart,
  fuzz: benchFuzz,
  autoscale: benchAutoscale,
};
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(`\n# ${name}`);
  await run();
}
