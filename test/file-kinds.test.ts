// One naming for Nomad's file kinds: the schema gives each kind the name users call its
// files by (schema.kinds[…].file, overlay/semantics.json), the analysis FileKind is derived
// from it, and the editor's language ids are `nomad-<file kind>`. Adding a kind to the
// schema without a language for it, or renaming one on one side only, fails here.
import { readFileSync } from "node:fs";
import { fileKinds } from "nomadkit/analysis";
import { nomadSchema } from "nomadkit/schema";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../extension/src/languages.js";

const manifest = JSON.parse(readFileSync(new URL("../extension/package.json", import.meta.url), "utf8")) as {
  activationEvents: string[];
  contributes: { languages: { id: string }[] };
};
const schemaFileKinds = [...new Set(Object.values(nomadSchema().kinds).map((k) => k.file))].sort();
/** Our languages of files a user edits (nomad-plan is the read-only plan view; hcl isn't ours). */
const editable = (ids: string[]) => ids.filter((id) => id.startsWith("nomad") && id !== "nomad-plan").sort();

describe("file kinds", () => {
  it("are the schema's kinds by their file names, jobs, quota specs and other files", () => {
    expect([...fileKinds()].sort()).toEqual(["job", "json-job", "quota", "other", ...schemaFileKinds].sort());
  });

  it("each have one language in extension/package.json, named nomad-<file kind>", () => {
    const expected = ["nomad", ...schemaFileKinds.map((k) => `nomad-${k}`)].sort();
    expect(editable(manifest.contributes.languages.map((l) => l.id))).toEqual(expected);
    expect(
      editable(manifest.activationEvents.flatMap((e) => (e.startsWith("onLanguage:") ? [e.slice(11)] : []))),
    ).toEqual(expected);
    expect(LANGUAGES.map((l) => [l.id, l.kind])).toEqual(
      LANGUAGES.map((l) => [l.kind === "job" ? "nomad" : `nomad-${l.kind}`, l.kind]),
    );
    expect(LANGUAGES.map((l) => l.id).sort()).toEqual(expected);
  });
});
