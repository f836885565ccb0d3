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
 * Files whose errors are right: Nomad v1.11.3 (the schema's version) rejects or ignores what
 * they hold, so we must not be quiet about it. The corpus is from Nomad 2.0.6, whose test
 * fixtures use keys 1.11.3 does not have, and keep keys Nomad dropped to check that it still
 * reads files that have them.
 */
const EXPECTED_ERRORS: Record<string, { line: number; why: string }[]> = {
  "command_agent_testdata_basic.hcl": [
    {
      line: 88,
      why: "client { stats {} }: dropped long ago; Nomad removes the key before its unused-keys check",
    },
    { line: 155, why: "server.non_production: added after 1.11.3; 1.11.3 rejects it as an unexpected key" },
    {
      line: 256,
      why: "consul.allow_unauthenticated: removed; consul blocks are weakly decoded, so it is ignored",
    },
  ],
  "command_agent_testdata_extra-consul.hcl": [
    { line: 7, why: "consul.allow_unauthenticated: removed, ignored by the weak decode" },
    { line: 22, why: "consul.allow_unauthenticated: removed, ignored by the weak decode" },
  ],
  "command_agent_testdata_extra-vault.hcl": [
    { line: 14, why: "vault.allow_unauthenticated: removed, ignored by the weak decode" },
    { line: 15, why: "vault.task_token_ttl: removed, ignored by the weak decode" },
  ],
  "command_agent_testdata_sample1_sample2.hcl": [
    { line: 24, why: "rpc.max_stream_window_size: removed; rpc has no unused-keys check, so it is ignored" },
    { line: 27, why: "rpc.dial_timeout: added after 1.11.3, ignored by 1.11.3" },
  ],
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

  it("gives no error on a file Nomad reads, besides the listed ones", () => {
    const wrong: string[] = [];
    for (const { f, analysis } of kindFiles) {
      const expected = EXPECTED_ERRORS[f] ?? [];
      for (const d of errors(analysis)) {
        if (expected.some((e) => e.line === d.range.start.line)) continue;
        wrong.push(`${f}:${d.range.start.line}:${d.range.start.column}: ${d.code}: ${d.message}`);
      }
      for (const e of expected)
        if (!errors(analysis).some((d) => d.range.start.line === e.line))
          wrong.push(`${f}:${e.line}: expected an error (${e.why})`);
    }
    expect(wrong).toEqual([]);
  });

  it("reports a misspelled attribute name on its line at least 95% of the time", () => {
    let mutations = 0;
    let caught = 0;
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
          const found = after.some(
            (d) => d.range.start.line === r.start.line && !before.has(`${d.range.start.line} ${d.message}`),
          );
          if (found) caught++;
          else missed.push(`${f}:${r.start.line}: ${attr.name} → ${typo}`);
        }
      }
    }
    const rate = mutations === 0 ? 0 : caught / mutations;
    console.log(
      `kinds corpus: ${kindFiles.length} files, ${mutations} misspellings, ${caught} caught (${(100 * rate).toFixed(1)}%)`,
    );
    if (missed.length) console.log(`missed:\n  ${missed.slice(0, 40).join("\n  ")}`);
    expect(mutations).toBeGreaterThan(500);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });
});
