// Builds (or finds in the cache) every Go tool the tests use, so the first test that
// needs one doesn't spend its timeout compiling. .ci/run calls this before `npm test`.
import { goTool } from "./go-tools.js";
import { nomadBinary } from "./nomad-binary.js";

for (const name of ["jobspec-oracle", "schemagen"] as const) {
  const started = Date.now();
  const tool = await goTool(name);
  if ("skip" in tool) {
    console.log(`${name}: skipped (${tool.skip})`);
  } else {
    console.log(`${name}: ${tool.path} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

// The Nomad agent for the real-agent tests and the oracle's parse (NOMAD_BIN, `nomad`
// on PATH, or a cached build of test/nomad-build: ~9-11 min cold on 2 cores, ~15 s once
// Go's build cache is warm). The only Go build of Nomad's main module.
{
  const started = Date.now();
  const nomad = await nomadBinary();
  if ("skip" in nomad) {
    console.log(`nomad: skipped (${nomad.skip})`);
  } else {
    console.log(`nomad ${nomad.version}: ${nomad.path} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}
