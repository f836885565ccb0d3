// Conformance with Nomad's own parser: for every example and fixture, the HCL we print
// must parse with jobspec2 into exactly the job our JSON describes, raw (same
// normalizations) and after Nomad's Canonicalize(); and our HCL must already be in
// `nomad fmt` form.

import { type App, synthesize } from "nomadkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allFixtures } from "./fixtures/index.js";
import { exampleFiles, loadExample } from "./harness/examples.js";
import { type Oracle, startOracle } from "./harness/oracle.js";

const started = await startOracle();
const oracle: Oracle | undefined = "skip" in started ? undefined : started;
const skipReason = "skip" in started ? started.skip : "";

const cases: Array<[string, () => Promise<App> | App]> = [
  ...exampleFiles().map((file): [string, () => Promise<App>] => [
    `examples/${file}`,
    () => loadExample(file),
  ]),
  ...Object.entries(allFixtures).map(([name, build]): [string, () => App] => [`fixture ${name}`, build]),
];

describe.skipIf(!oracle)(`jobspec2 conformance${oracle ? "" : ` (skipped: ${skipReason})`}`, () => {
  afterAll(() => oracle?.close());

  it("covers at least 40 fixtures and every example", () => {
    expect(Object.keys(allFixtures).length).toBeGreaterThanOrEqual(40);
    expect(exampleFiles().length).toBeGreaterThanOrEqual(9);
  });

  it.each(cases)("%s", async (_name, build) => {
    const o = oracle as Oracle;
    const app = await build();
    const result = synthesize(app);
    expect(result.problems).toEqual([]);
    expect(result.jobs.length).toBeGreaterThan(0);
    for (const job of result.jobs) {
      const parsed = await o.parse(job.hcl, `${job.id}.nomad.hcl`);
      if (!parsed.ok) throw new Error(`jobspec2 rejected our HCL for ${job.id}: ${parsed.error}\n${job.hcl}`);
      const ours = await o.canonicalize(job.payload);
      if (!ours.ok) throw new Error(`api.Job rejected our JSON for ${job.id}: ${ours.error}`);
      expect(ours.job, "raw JSON vs jobspec2's parse of our HCL").toEqual(parsed.job);
      expect(ours.canonical, "after Canonicalize()").toEqual(parsed.canonical);
      const formatted = await o.fmt(job.hcl);
      expect(formatted.ok && formatted.formatted, "our HCL is already in nomad fmt form").toBe(job.hcl);
    }
  });
});

beforeAll(() => {
  if (!oracle) console.warn(`jobspec2 conformance tests skipped: ${skipReason}`);
});
