import { type App, synthesize } from "nomadkit";
import { parse, print } from "nomadkit/hcl";
import { decodeJob, encodeJob } from "nomadkit/jobspec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allFixtures } from "./fixtures/index.js";
import { corpusFiles, readCorpus } from "./harness/corpus.js";
import { exampleFiles, loadExample } from "./harness/examples.js";
import { type Oracle, type ParseResult, startOracle } from "./harness/oracle.js";

const files = corpusFiles();

/**
 * Rejected by jobspec2 for a reason a decoder without file system access can't see:
 * file("/root/.ssh/id_rsa") fails because that file doesn't exist on the machine. We
 * warn that file() isn't evaluated here instead.
 */
const NEEDS_FILE_SYSTEM = new Set(["demo_csi_kadalu-csi_controller.nomad"]);

const started = await startOracle();
const oracle: Oracle | undefined = "skip" in started ? undefined : started;
const skipReason = "skip" in started ? started.skip : "";

function ours(source: string) {
  const parsed = parse(source);
  const decoded = decodeJob(parsed.file);
  const errors = [
    ...parsed.errors.map((e) => e.message),
    ...decoded.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`),
  ];
  return { parsed, decoded, errors };
}

/** A job file, by content: it has a top-level job block (agent configs, policies and volume specs don't). */
const isJobFile = (source: string) =>
  parse(source).file.body.items.some((i) => i.type === "Block" && i.blockType === "job");

describe.skipIf(!oracle || files.length === 0)(
  `jobspec decode vs jobspec2${oracle ? "" : ` (skipped: ${skipReason})`}`,
  () => {
    const o = oracle as Oracle;
    const verdicts = new Map<string, ParseResult>();
    let agreed = 0;
    afterAll(async () => {
      console.log(
        `jobspec decode: ${agreed} of ${[...verdicts.values()].filter((v) => v.ok).length} corpus jobs agree with jobspec2`,
      );
      await o?.close();
    });

    beforeAll(async () => {
      for (const f of files) verdicts.set(f, await o.parse(readCorpus(f), f));
    });

    it("the corpus has jobs jobspec2 accepts and some it rejects", () => {
      const accepted = [...verdicts.values()].filter((v) => v.ok).length;
      expect(accepted).toBeGreaterThanOrEqual(200);
      expect(verdicts.size - accepted).toBeGreaterThan(0);
    });

    it.each(files)("%s", async (f) => {
      const source = readCorpus(f);
      const verdict = verdicts.get(f) as ParseResult;
      const { decoded, errors } = ours(source);
      if (!verdict.ok) {
        if (!isJobFile(source) || NEEDS_FILE_SYSTEM.has(f)) return;
        expect(
          errors.length,
          `jobspec2 rejects this file (${verdict.error.split("\n")[0]}) but we found nothing`,
        ).toBeGreaterThan(0);
        return;
      }
      expect(errors, "jobspec2 accepts this file").toEqual([]);
      const canonical = await o.canonicalize({ Job: decoded.job });
      if (!canonical.ok) throw new Error(`api.Job rejected our JSON: ${canonical.error}`);
      expect(canonical.job, "as parsed").toEqual(verdict.job);
      expect(canonical.canonical, "after Canonicalize()").toEqual(verdict.canonical);
      agreed++;
    });
  },
);

describe("jobspec round trip: API JSON → HCL → API JSON", () => {
  const apps: Array<[string, () => Promise<App> | App]> = [
    ...exampleFiles().map((file): [string, () => Promise<App>] => [
      `examples/${file}`,
      () => loadExample(file),
    ]),
    ...Object.entries(allFixtures).map(([name, build]): [string, () => App] => [`fixture ${name}`, build]),
  ];
  it.each(apps)("%s", async (_name, build) => {
    const app = await build();
    for (const job of synthesize(app).jobs) {
      const hcl = print(encodeJob(job.payload.Job));
      const { decoded, errors } = ours(hcl);
      expect(errors).toEqual([]);
      expect(decoded.diagnostics).toEqual([]);
      expect(decoded.job).toEqual(job.payload.Job);
    }
  });
});
