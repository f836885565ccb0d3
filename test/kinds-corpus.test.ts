// Nomad's own agent configurations, ACL policies and volume / node pool specs, read in place
// from the corpus: (a) each gets no error from the analysis, and (b) misspelling any
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
import { describe, expect, it } from "vitest";
import { corpusFiles, readCorpus } from "./harness/corpus.js";
import { misspellings } from "./harness/corpus-mutations.js";

const KINDS = new Set(["agent", "acl-policy", "volume", "node-pool", "namespace"]);

/**
 * Files Nomad v1.11.3 (the schema's version) refuses, and the line it refuses. Decided with
 * Nomad's own parsers: command/agent.ParseConfigFile over every agent file and
 * acl.Parse(strict) over every ACL policy; only this one fails. The corpus is from Nomad
 * 2.0.6, whose fixture sets a server option 1.11.3 does not have.
 */
const REJECTED_BY_NOMAD: Record<string, { line: number; why: string }> = {
  "command_agent_testdata_basic.hcl": { line: 155, why: "server unexpected keys non_production" },
};

const files = corpusFiles();
const kindFiles = files
  .map((f) => ({ f, text: readCorpus(f) }))
  .map((s) => ({ ...s, analysis: analyzeDocument(s.f, s.text) }))
  .filter((s) => KINDS.has(s.analysis.kind));

const errors = (a: Analysis) => a.diagnostics.filter((d) => d.severity === "error");

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

describe.skipIf(files.length === 0)("agent, ACL policy and volume files of the Nomad corpus", () => {
  it("finds the agent, ACL and volume files by their content", () => {
    const byKind: Record<string, number> = {};
    for (const s of kindFiles) byKind[s.analysis.kind] = (byKind[s.analysis.kind] ?? 0) + 1;
    console.log(`kinds corpus: ${JSON.stringify(byKind)}`);
    expect(byKind.agent).toBeGreaterThan(40);
    expect(byKind["acl-policy"]).toBeGreaterThanOrEqual(4);
    expect(byKind.volume).toBeGreaterThanOrEqual(12);
    expect(byKind["node-pool"]).toBe(1);
  });

  it("gives no error on a file Nomad reads, and a diagnostic where Nomad refuses one", () => {
    const wrong: string[] = [];
    for (const { f, analysis } of kindFiles) {
      const rejected = REJECTED_BY_NOMAD[f];
      if (rejected) {
        if (!analysis.diagnostics.some((d) => d.range.start.line === rejected.line))
          wrong.push(`${f}:${rejected.line}: Nomad refuses it (${rejected.why}) but we say nothing there`);
        continue;
      }
      for (const d of errors(analysis))
        wrong.push(`${f}:${d.range.start.line}:${d.range.start.column}: ${d.code}: ${d.message}`);
    }
    expect(wrong).toEqual([]);
  });

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
});
