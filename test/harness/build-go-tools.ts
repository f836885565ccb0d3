// Builds (or finds in the cache) every Go tool the tests use, so the first test that
// needs one doesn't spend its timeout compiling. .ci/run calls this before `npm test`.
import { goTool } from "./go-tools.js";

for (const name of ["jobspec-oracle", "schemagen"] as const) {
  const started = Date.now();
  const tool = await goTool(name);
  if ("skip" in tool) {
    console.log(`${name}: skipped (${tool.skip})`);
  } else {
    console.log(`${name}: ${tool.path} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}
