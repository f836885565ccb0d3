// Agent configs are checked the way `nomad config validate` checks them: for each bad value
// the agent refuses, the editor and `nomadkit lint` give an error on the line the agent names
// (or, where the agent names none, on the line of the value), and a good file passes both.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeDocument } from "nomadkit/analysis";
import { afterAll, describe, expect, it } from "vitest";
import { nomadBinary } from "./harness/nomad-binary.js";

const binary = await nomadBinary();
const dir = mkdtempSync(join(tmpdir(), "nomadkit-config-validate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A client config with `line` in its client block (line 4 of the file). */
const client = (line: string) =>
  `data_dir = "/tmp/nomadkit-never-started"\nclient {\n  enabled = true\n  ${line}\n}\n`;

const CASES: Array<[string, string]> = [
  ["a misspelt bool", client("gc_disk_usage_threshold = flase")],
  ["a bare word", client("node_class = gpu")],
  ["a bool written as a word", client('host_volume "d" {\n    path      = "/d"\n    read_only = yes\n  }')],
  ["a duration that is not one", client('gc_interval = "5 minutes"')],
  ["a number that is not one", client('gc_max_allocs = "many"')],
  ["a bool that is not one", client('no_host_uuid = "maybe"')],
];

function validate(text: string, name: string): { ok: boolean; line?: number; out: string } {
  const file = join(dir, `${name}.hcl`);
  writeFileSync(file, text);
  const run = spawnSync((binary as { path: string }).path, ["config", "validate", file], {
    encoding: "utf8",
  });
  const out = run.stdout + run.stderr;
  const at = /At (\d+):\d+/.exec(out);
  return { ok: run.status === 0, ...(at ? { line: Number(at[1]) } : {}), out };
}

describe.skipIf("skip" in binary)(
  `agent config checks agree with nomad config validate${"skip" in binary ? ` (skipped: ${binary.skip})` : ""}`,
  () => {
    it("a good client config passes both", () => {
      const text = client('gc_interval = "5m"');
      expect(validate(text, "good").ok).toBe(true);
      expect(analyzeDocument("file:///client.hcl", text).diagnostics).toEqual([]);
    });

    it("a deprecated form the agent still reads passes it, and we only warn, with what to write instead", () => {
      const text =
        'data_dir = "/tmp/nomadkit-never-started"\nserver {\n  enabled          = true\n  bootstrap_expect = 1\n  retry_join       = ["127.0.0.1"]\n}\n';
      const nomad = validate(text, "deprecated");
      expect(nomad.ok, nomad.out).toBe(true);
      const found = analyzeDocument("file:///server.hcl", text).diagnostics;
      expect(found.map((d) => [d.severity, d.code, d.range.start.line])).toEqual([
        ["warning", "deprecated", 5],
      ]);
      expect(found[0]?.message).toContain("server_join");
    });

    it.each(CASES)("%s: refused by both, on the same line", (name, text) => {
      const nomad = validate(text, name.replaceAll(" ", "-"));
      expect(nomad.ok, nomad.out).toBe(false);
      const errors = analyzeDocument("file:///client.hcl", text).diagnostics.filter(
        (d) => d.severity === "error",
      );
      expect(errors.length, JSON.stringify(errors)).toBeGreaterThan(0);
      // Where the agent names no place (a value that parses but doesn't convert), the value's line.
      const line = nomad.line ?? 4;
      expect(errors.map((e) => e.range.start.line)).toContain(line);
    });
  },
);
