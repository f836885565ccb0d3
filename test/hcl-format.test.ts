import { format, parse } from "nomadkit/hcl";
import { afterAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, corpusFiles, readCorpus } from "./harness/corpus.js";
import { type Oracle, startOracle } from "./harness/oracle.js";

const files = corpusFiles();

const started = await startOracle();
const oracle: Oracle | undefined = "skip" in started ? undefined : started;
const skipReason = "skip" in started ? started.skip : files.length === 0 ? `no corpus at ${CORPUS_DIR}` : "";

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

describe.skipIf(!oracle || files.length === 0)(
  `hcl format/parse vs hclwrite${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
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
  },
);
