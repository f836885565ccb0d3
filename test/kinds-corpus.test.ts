// Nomad's own agent configurations, ACL policies and volume / node pool specs, read in place
// from the corpus: (a) the analysis gives an error exactly where the real Nomad refuses the
// file (asked each run: `nomad config validate`, an ACL-enabled dev agent, `nomad volume
// create`, `nomad node pool apply`; see harness/nomad-verdicts.ts), and (b) misspelling any
// attribute name the schema knows is reported on that line.
import {
  type Analysis,
  analyzeDocument,
  type BodySchema,
  fieldOf,
  rootSchemaOf,
  walkBlocks,
} from "nomadkit/analysis";
import type { Attribute, Body } from "nomadkit/hcl";
import { afterAll, describe, expect, it } from "vitest";
import { corpusFiles, corpusSkipNote, readCorpus } from "./harness/corpus.js";
import { misspellings } from "./harness/corpus-mutations.js";
import { type Agent, startAgent } from "./harness/nomad-agent.js";
import { nomadBinary } from "./harness/nomad-binary.js";
import { NomadVerdicts, type VerdictKind } from "./harness/nomad-verdicts.js";

const KINDS = new Set(["agent", "acl-policy", "volume", "node-pool", "namespace"]);

const files = corpusFiles();
const kindFiles = files
  .map((f) => ({ f, text: readCorpus(f) }))
  .map((s) => ({ ...s, analysis: analyzeDocument(s.f, s.text) }))
  .filter((s) => KINDS.has(s.analysis.kind));

const errors = (a: Analysis) => a.diagnostics.filter((d) => d.severity === "error");

const binary = await nomadBinary();
const started = "skip" in binary ? binary : await startAgent({ acl: true });
const agent: Agent | undefined = "skip" in started ? undefined : started;
const verdicts = agent && !("skip" in binary) ? new NomadVerdicts(binary.path, agent) : undefined;
const agentSkipNote = "skip" in started ? ` (skipped: ${started.skip})` : "";
if ("skip" in started) console.warn(`kinds corpus vs Nomad skipped: ${started.skip}`);
afterAll(async () => {
  verdicts?.close();
  await agent?.stop();
});

/**
 * Where we disagree with Nomad's verdict on a file: it refuses a line we say nothing about
 * (or, naming no line, keys we don't name, or anything at all), or it reads a file we give
 * an error. Unknown keys Nomad 1.11.3 refuses may be fields the schema's newer Nomad has:
 * those we report as "needs a newer Nomad" for the 1.11.3 target, at the key.
 */
function disagreements(
  f: string,
  analysis: Analysis,
  verdict: Awaited<ReturnType<NomadVerdicts["verdict"]>>,
) {
  const ours = errors(analysis);
  if (verdict.ok)
    return ours.map((d) => `${f}:${d.range.start.line}:${d.range.start.column}: ${d.code}: ${d.message}`);
  const { line, error } = verdict;
  const first = error.split("\n").find((l) => l.trim() !== "") ?? error;
  if (line !== undefined)
    return ours.some((d) => d.range.start.line === line)
      ? []
      : [`${f}:${line}: Nomad refuses it (${first}) but we give no error there`];
  const keys = /unexpected keys? ([\w, -]+)/.exec(error)?.[1]?.split(/,\s*/) ?? [];
  if (keys.length > 0) {
    const named = keys.filter((k) => analysis.diagnostics.some((d) => d.message.includes(`"${k}"`)));
    return named.length === keys.length
      ? []
      : [`${f}: Nomad refuses unknown keys ${keys.join(", ")}; we name ${named.join(", ") || "none"}`];
  }
  return ours.length > 0 ? [] : [`${f}: Nomad refuses it (${first}) but we give no error`];
}

/** Attributes whose names the schema checks (not the keys of `meta`, `options`, plugin `config`, …). */
function schemaAttributes(analysis: Analysis): Attribute[] {
  const out: Attribute[] = [];
  const take = (body: Body, schema: BodySchema) => {
    if (schema.kind !== "struct") return;
    for (const item of body.items)
      if (item.type === "Attribute" && fieldOf(schema, item.name)?.kind === "attribute") out.push(item);
  };
  const root = rootSchemaOf(analysis);
  take(analysis.ast.body, root);
  walkBlocks(analysis.ast, ({ block, schema }) => take(block.body, schema), root);
  return out;
}

describe.skipIf(files.length === 0)(
  `agent, ACL policy and volume files of the Nomad corpus${corpusSkipNote()}`,
  () => {
    it("finds the agent, ACL and volume files by their content", () => {
      const byKind: Record<string, number> = {};
      for (const s of kindFiles) byKind[s.analysis.kind] = (byKind[s.analysis.kind] ?? 0) + 1;
      console.log(`kinds corpus: ${JSON.stringify(byKind)}`);
      expect(byKind.agent).toBeGreaterThan(40);
      expect(byKind["acl-policy"]).toBeGreaterThanOrEqual(4);
      expect(byKind.volume).toBeGreaterThanOrEqual(12);
      expect(byKind["node-pool"]).toBe(1);
    });

    it.skipIf(!verdicts)(
      `gives an error where Nomad refuses the file, and none where it reads it${agentSkipNote}`,
      async () => {
        const wrong: string[] = [];
        const tally: Record<string, { read: number; refused: number }> = {};
        for (const { f, text, analysis } of kindFiles) {
          const verdict = await (verdicts as NomadVerdicts).verdict(analysis.kind as VerdictKind, f, text);
          tally[analysis.kind] ??= { read: 0, refused: 0 };
          const t = tally[analysis.kind] as { read: number; refused: number };
          if (verdict.ok) t.read++;
          else t.refused++;
          wrong.push(...disagreements(f, analysis, verdict));
        }
        console.log(`kinds corpus vs Nomad: ${JSON.stringify(tally)}`);
        expect(wrong).toEqual([]);
      },
      300_000,
    );

    it("reports a misspelled attribute name on its line at least 95% of the time", () => {
      let mutations = 0;
      let caught = 0;
      let asErrors = 0;
      const missed: string[] = [];
      for (const { f, text, analysis } of kindFiles) {
        const before = new Set(analysis.diagnostics.map((d) => `${d.range.start.line} ${d.message}`));
        for (const attr of schemaAttributes(analysis)) {
          const r = attr.nameRange;
          if (!r || text.slice(r.start.offset, r.end.offset) !== attr.name) continue;
          for (const typo of misspellings(attr.name)) {
            const mutated = text.slice(0, r.start.offset) + typo + text.slice(r.end.offset);
            mutations++;
            const after = analyzeDocument(f, mutated).diagnostics;
            const found = after.filter(
              (d) => d.range.start.line === r.start.line && !before.has(`${d.range.start.line} ${d.message}`),
            );
            if (found.length > 0) caught++;
            if (found.some((d) => d.severity === "error")) asErrors++;
            else missed.push(`${f}:${r.start.line}: ${attr.name} → ${typo}`);
          }
        }
      }
      const rate = mutations === 0 ? 0 : caught / mutations;
      console.log(
        `kinds corpus: ${kindFiles.length} files, ${mutations} misspellings, ${caught} caught (${(100 * rate).toFixed(1)}%), ${asErrors} of them as errors`,
      );
      if (missed.length) console.log(`missed:\n  ${missed.slice(0, 40).join("\n  ")}`);
      expect(mutations).toBeGreaterThan(500);
      expect(rate).toBeGreaterThanOrEqual(0.95);
    });
  },
);
