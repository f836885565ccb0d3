import { format, parse } from "nomadkit/hcl";
import { afterAll, describe, expect, it } from "vitest";
import { corpusFiles, corpusSkipNote, readCorpus } from "./harness/corpus.js";
import { type Oracle, startOracle } from "./harness/oracle.js";

const files = corpusFiles();

const started = await startOracle();
const oracle: Oracle | undefined = "skip" in started ? undefined : started;
const skipNote = "skip" in started ? ` (skipped: ${started.skip})` : corpusSkipNote();

/** The first differing line, with its neighbours, marked. */
function lineDiff(ours: string, theirs: string): string {
  const a = ours.split("\n");
  const b = theirs.split("\n");
  let i = 0;
  while (i < Math.max(a.length, b.length) && a[i] === b[i]) i++;
  const from = Math.max(0, i - 2);
  const show = (lines: string[]) =>
    lines
      .slice(from, i + 3)
      .map((l, k) => `${from + k + 1 === i + 1 ? ">" : " "} ${from + k + 1}| ${JSON.stringify(l)}`)
      .join("\n");
  return `first difference at line ${i + 1}\n  ours:\n${show(a)}\n  nomad fmt:\n${show(b)}`;
}

describe.skipIf(!oracle || files.length === 0)(`hcl format/parse vs hclwrite${skipNote}`, () => {
  afterAll(() => oracle?.close());

  it("formats every accepted corpus file exactly like nomad fmt, and agrees on which files are valid", async () => {
    const o = oracle as Oracle;
    const problems: string[] = [];
    let accepted = 0;
    for (const name of files) {
      const source = readCorpus(name);
      const [theirs, hcl1] = await Promise.all([o.fmt(source, name), o.hcl1(source)]);
      const ourErrors = parse(source).errors;
      if (theirs.ok) {
        accepted++;
        if (ourErrors.length > 0) {
          const e = ourErrors[0];
          problems.push(
            `${name}: hclwrite accepts it, we report ${e?.range.start.line}:${e?.range.start.column} ${e?.message}`,
          );
          continue;
        }
        const ours = format(source);
        if (ours !== theirs.formatted)
          problems.push(`${name}: formatting differs, ${lineDiff(ours, theirs.formatted)}`);
      } else {
        if (ourErrors.length === 0)
          problems.push(`${name}: hclwrite rejects it (${theirs.error.split("\n")[0]}), we accept it`);
        if (hcl1.ok && parse(source, { mode: "hcl1" }).errors.length > 0) {
          problems.push(
            `${name}: HCL1 accepts it, our hcl1 mode does not: ${parse(source, { mode: "hcl1" }).errors[0]?.message}`,
          );
        }
      }
    }
    expect(problems.join("\n\n")).toBe("");
    expect(accepted).toBeGreaterThan(300);
  });
});

// These need only the corpus, not the oracle: nomad fmt's own golden pairs, and that our
// parser never throws and our formatting is a fixed point on every file it accepts.
describe.skipIf(files.length === 0)(`format on Nomad's corpus${corpusSkipNote()}`, () => {
  it.each([
    "command_testdata_fmt_job",
    "command_testdata_fmt_nomad",
  ])("matches nomad fmt's golden output for %s", (name) => {
    expect(format(readCorpus(`${name}.in.hcl`))).toBe(readCorpus(`${name}.out.hcl`));
  });

  it("parses every corpus file, and formatting valid ones is idempotent", () => {
    const unstable: string[] = [];
    let valid = 0;
    for (const name of files) {
      const source = readCorpus(name);
      for (const mode of ["hcl2", "hcl1"] as const) expect(() => parse(source, { mode })).not.toThrow();
      if (parse(source).errors.length > 0) continue;
      valid++;
      const once = format(source);
      if (format(once) !== once) unstable.push(name);
    }
    expect(unstable).toEqual([]);
    expect(valid).toBeGreaterThan(300);
  });
});
