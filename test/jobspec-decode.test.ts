import { type App, synthesize } from "nomadkit";
import { analyzeDocument } from "nomadkit/analysis";
import { parse, print } from "nomadkit/hcl";
import { decodeJob, encodeJob } from "nomadkit/jobspec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allFixtures } from "./fixtures/index.js";
import { corpusFiles, corpusSkipNote, readCorpus } from "./harness/corpus.js";
import { exampleFiles, loadExample } from "./harness/examples.js";
import { type Oracle, type ParseResult, startOracle } from "./harness/oracle.js";

const files = corpusFiles();

const started = await startOracle();
const oracle: Oracle | undefined = "skip" in started ? undefined : started;
const skipNote = "skip" in started ? ` (skipped: ${started.skip})` : corpusSkipNote();

/** Our verdict: parse and decode errors with their lines, and every decode diagnostic. */
function ours(source: string) {
  const parsed = parse(source);
  const decoded = decodeJob(parsed.file);
  const errors = [
    ...parsed.errors.map((e) => ({ line: e.range.start.line, text: e.message })),
    ...decoded.diagnostics
      .filter((d) => d.severity === "error")
      .map((d) => ({ line: d.range.start.line, text: `${d.code}: ${d.message}` })),
  ];
  return { parsed, decoded, errors };
}

/** A job file, by content: it has a top-level job block (agent configs, policies and volume specs don't). */
const isJobFile = (source: string) =>
  parse(source).file.body.items.some((i) => i.type === "Block" && i.blockType === "job");

/**
 * What we must say where Nomad rejects a job file, from Nomad's own error: at the line it
 * names, an error (or, where Nomad failed evaluating a function such as file() on this
 * machine's file system, which we never read, a diagnostic); for an unset variable, which
 * Nomad names without a place, our unset-variable diagnostic for that variable.
 */
function disagreement(f: string, source: string, nomadError: string): string | undefined {
  const { decoded, errors } = ours(source);
  const first = nomadError.split("\n")[0] ?? "";
  const place = /:(\d+):(\d+):/.exec(first);
  if (place) {
    const line = Number(place[1]);
    const functionCall = /Error in function call|Call to function "\w+" failed/.test(first);
    const found = functionCall
      ? decoded.diagnostics.some((d) => d.range.start.line === line)
      : errors.some((e) => e.line === line);
    if (found) return undefined;
    const said = errors.map((e) => `${e.line}: ${e.text}`).join("; ") || "nothing";
    return `${f}: Nomad rejects line ${line} (${first}); we say ${said}`;
  }
  const unset = [...nomadError.matchAll(/Unset variable "([^"]+)"/g)].map((m) => m[1] as string);
  if (unset.length > 0) {
    const missing = unset.filter(
      (name) =>
        !decoded.diagnostics.some((d) => d.code === "unset-variable" && d.message.includes(`"${name}"`)),
    );
    return missing.length === 0
      ? undefined
      : `${f}: Nomad says ${missing.map((n) => `"${n}"`).join(", ")} unset; we don't`;
  }
  return `${f}: Nomad's rejection names no line or variable to compare with ours: ${first}`;
}

describe.skipIf(!oracle || files.length === 0)(`jobspec decode vs Nomad's jobspec2${skipNote}`, () => {
  const o = oracle as Oracle;
  const verdicts = new Map<string, ParseResult>();
  const sources = new Map(files.map((f) => [f, readCorpus(f)]));
  const jobFiles = files.filter((f) => isJobFile(sources.get(f) ?? ""));
  const otherFiles = files.filter((f) => !jobFiles.includes(f));
  let agreed = 0;
  afterAll(async () => {
    console.log(
      `jobspec decode: ${agreed} of ${[...verdicts.values()].filter((v) => v.ok).length} corpus jobs agree with jobspec2`,
    );
    await o?.close();
  });

  beforeAll(async () => {
    for (const f of files) verdicts.set(f, await o.parse(sources.get(f) ?? "", f));
  }, 300_000);

  it("the corpus has jobs jobspec2 accepts and some it rejects", () => {
    const accepted = jobFiles.filter((f) => verdicts.get(f)?.ok).length;
    expect(accepted).toBeGreaterThanOrEqual(200);
    expect(jobFiles.length - accepted).toBeGreaterThan(0);
  });

  it("leaves the files without a job block to their own kinds, and Nomad and we both refuse them as jobs", () => {
    const byKind: Record<string, number> = {};
    const wrong: string[] = [];
    for (const f of otherFiles) {
      const source = sources.get(f) ?? "";
      const kind = analyzeDocument(f, source).kind;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      if (verdicts.get(f)?.ok) wrong.push(`${f}: Nomad reads it as a job, though it has no job block`);
      if (ours(source).errors.length === 0) wrong.push(`${f}: we decode it as a job without an error`);
    }
    // Agent configs, ACL policies, volume and node pool specs are compared with Nomad in
    // kinds-corpus.test.ts; "other" are files Nomad reads as none of its kinds (licence
    // headers, Consul and Vault policies, a Terraform lock file, an upstart script).
    console.log(`jobspec decode: ${otherFiles.length} files without a job block: ${JSON.stringify(byKind)}`);
    expect(wrong).toEqual([]);
    expect(otherFiles.length).toBeGreaterThan(0);
  });

  it.each(jobFiles)("%s", async (f) => {
    const source = sources.get(f) ?? "";
    const verdict = verdicts.get(f) as ParseResult;
    if (!verdict.ok) {
      expect(disagreement(f, source, verdict.error)).toBeUndefined();
      return;
    }
    const { decoded, errors } = ours(source);
    expect(
      errors.map((e) => `${e.line}: ${e.text}`),
      "jobspec2 accepts this file",
    ).toEqual([]);
    const canonical = await o.canonicalize({ Job: decoded.job });
    if (!canonical.ok) throw new Error(`api.Job rejected our JSON: ${canonical.error}`);
    expect(canonical.job, "as parsed").toEqual(verdict.job);
    expect(canonical.canonical, "after Canonicalize()").toEqual(verdict.canonical);
    agreed++;
  });
});

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
