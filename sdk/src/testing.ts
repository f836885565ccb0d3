import type { App } from "./constructs/app.js";
import { formatProblems } from "./synth/problems.js";
import { type SynthesizedJob, synthesize } from "./synth/synth.js";

/** Helpers for users' own tests: one line to synthesize an app or fail with every problem. */
export const Testing = {
  /** The synthesized jobs; throws listing every problem when the app is invalid. */
  synth(app: App): SynthesizedJob[] {
    const result = synthesize(app);
    if (result.problems.length > 0) {
      throw new Error(
        `the app has ${result.problems.length} problem(s):\n${formatProblems(result.problems)}`,
      );
    }
    return result.jobs;
  },
  /** Just the `{"Job": …}` payloads, keyed by job ID: handy for snapshot tests. */
  payloads(app: App): Record<string, unknown> {
    return Object.fromEntries(Testing.synth(app).map((j) => [j.id, j.payload]));
  },
};
