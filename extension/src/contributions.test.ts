// The manifest's contributions checked against the engine: every snippet, with its
// placeholders at their defaults, is a file of its language's kind the analysis finds no
// error in; every language
// id in package.json is one the extension tells the server about, and the reverse.
import { readFileSync } from "node:fs";
import { analyzeDocument } from "nomadkit/analysis";
import { describe, expect, it } from "vitest";
import { kindFromSetting, LANGUAGE_IDS, LANGUAGES } from "./languages.js";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  contributes: {
    languages: { id: string }[];
    grammars: { language: string }[];
    snippets: { language: string; path: string }[];
  };
};
/** `${1:web}` → web, `${2|read,write|}` → read, `$0`/`${2}` → nothing, `\$` → `$`. */
const expand = (body: string[]) =>
  body
    .join("\n")
    .replace(/\$\{\d+:([^}]*)\}/g, "$1")
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, "$1")
    .replace(/\$\{\d+\}|\$\d+/g, "")
    .replace(/\\\$/g, "$");

type Snippets = Record<string, { prefix: unknown; body: string[] }>;
const contributed = manifest.contributes.snippets.map(({ language, path }) => ({
  language,
  kind: LANGUAGES.find((l) => l.id === language)?.kind,
  snippets: JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), "utf8")) as Snippets,
}));

describe("snippets", () => {
  it("each kind has its own snippets, each offered once (one prefix), none for another kind", () => {
    expect(contributed.map((c) => c.language).sort()).toEqual([
      "nomad",
      "nomad-acl-policy",
      "nomad-agent",
      "nomad-volume",
    ]);
    const prefixes = contributed.flatMap((c) => Object.values(c.snippets).map((s) => s.prefix));
    for (const prefix of prefixes) expect(typeof prefix).toBe("string");
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  for (const { language, kind, snippets } of contributed) {
    for (const [name, { body }] of Object.entries(snippets)) {
      it(`${language}: ${name} expands to a ${kind} file without errors or warnings`, () => {
        let text = expand(body);
        if (text.startsWith("group")) text = `job "x" {\n  datacenters = ["dc1"]\n${text}}\n`;
        // Warnings too: a name the kind doesn't have is only a warning.
        const errors = analyzeDocument("file:///s.hcl", text, kind ? { kind } : {}).diagnostics.filter(
          (d) => d.severity === "error" || d.severity === "warning",
        );
        expect(kind).toBeDefined();
        expect(errors.map((e) => e.message)).toEqual([]);
      });
    }
  }
});

describe("languages", () => {
  it("package.json and languages.ts list the same ids, each with the grammar", () => {
    // nomad-plan is the plan document's colouring, not a file kind the server checks.
    const fileLanguages = (ids: string[]) => ids.filter((id) => id !== "nomad-plan").sort();
    expect(fileLanguages(manifest.contributes.languages.map((l) => l.id))).toEqual([...LANGUAGE_IDS].sort());
    expect(fileLanguages(manifest.contributes.grammars.map((g) => g.language))).toEqual(
      [...LANGUAGE_IDS].sort(),
    );
  });

  it("nomadkit.fileKinds: the longest matching suffix or relative path wins", () => {
    const kinds = { ".hcl": "job", "deploy/agent.hcl": "agent" };
    expect(kindFromSetting("/w/deploy/agent.hcl", kinds)).toBe("agent");
    expect(kindFromSetting("/w/web.hcl", kinds)).toBe("job");
    expect(kindFromSetting("/w/web.txt", kinds)).toBeUndefined();
  });
});
