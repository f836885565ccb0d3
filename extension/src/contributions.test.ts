// The manifest's contributions checked against the engine: every snippet, with its
// placeholders at their defaults, is a job the analysis finds no error in; every language
// id in package.json is one the extension tells the server about, and the reverse.
import { readFileSync } from "node:fs";
import { analyzeDocument } from "nomadkit/analysis";
import { describe, expect, it } from "vitest";
import { kindFromSetting, LANGUAGE_IDS } from "./languages.js";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  contributes: { languages: { id: string }[]; grammars: { language: string }[] };
};
const snippets = JSON.parse(
  readFileSync(new URL("../snippets/nomad.json", import.meta.url), "utf8"),
) as Record<string, { body: string[] }>;

/** `${1:web}` → web, `$0`/`${2}` → nothing, `\$` → `$`. */
const expand = (body: string[]) =>
  body
    .join("\n")
    .replace(/\$\{\d+:([^}]*)\}/g, "$1")
    .replace(/\$\{\d+\}|\$\d+/g, "")
    .replace(/\\\$/g, "$");

describe("snippets", () => {
  for (const [name, { body }] of Object.entries(snippets)) {
    it(`${name} expands to a file without errors`, () => {
      let text = expand(body);
      if (text.startsWith("group")) text = `job "x" {\n  datacenters = ["dc1"]\n${text}}\n`;
      const errors = analyzeDocument("file:///s.nomad.hcl", text).diagnostics.filter(
        (d) => d.severity === "error",
      );
      expect(errors.map((e) => e.message)).toEqual([]);
    });
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
