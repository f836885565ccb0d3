// Nomad's main module (github.com/hashicorp/nomad) is not under an open-source licence
// from v1.7.0 on, so no go.mod of ours may require it. The one exception is
// test/nomad-build, which builds the Nomad binary the tests run against: the platform
// under test, like the Docker engine, not a dependency of our code. Its MPL-licensed
// api module (github.com/hashicorp/nomad/api) is fine. The second half plants
// violations in a scratch tree to prove the check bites.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MAIN_MODULE = "github.com/hashicorp/nomad";
/** The only place allowed to require the main module (see nomad-binary.ts). */
const NOMAD_BUILD = "test/nomad-build";
const SKIP_DIRS = new Set(["node_modules", ".git"]);

function goModFiles(dir: string, root: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && relative(root, path) !== NOMAD_BUILD) out.push(...goModFiles(path, root));
    } else if (e.name === "go.mod") out.push(path);
  }
  return out;
}

/**
 * `file:line: text` for each line of a go.mod that requires the main module, or
 * replaces something with it, in a block or a one-line directive.
 */
function mainModuleLines(goMod: string, root: string): string[] {
  const found: string[] = [];
  let block: string | undefined;
  readFileSync(goMod, "utf8")
    .split("\n")
    .forEach((raw, i) => {
      const line = raw.replace(/\/\/.*$/, "").trim();
      if (block && line === ")") {
        block = undefined;
        return;
      }
      const open = /^(require|replace)\s*\($/.exec(line);
      if (open) {
        block = open[1];
        return;
      }
      const one = /^(require|replace)\s+(.*)$/.exec(line);
      const directive = block ?? one?.[1];
      const body = block ? line : one?.[2];
      if (!directive || !body) return;
      // require: "path version". replace: "old [v] => new [v]"; either side counts.
      const paths =
        directive === "require"
          ? [body.split(/\s+/)[0]]
          : body.split("=>").map((s) => s.trim().split(/\s+/)[0]);
      if (paths.includes(MAIN_MODULE)) found.push(`${relative(root, goMod)}:${i + 1}: ${raw.trim()}`);
    });
  return found;
}

function violations(root: string): string[] {
  return goModFiles(root, root).flatMap((f) => mainModuleLines(f, root));
}

describe("licence: no go.mod requires Nomad's main module", () => {
  it("holds for the repository", () => {
    const checked = goModFiles(ROOT, ROOT).map((f) => relative(ROOT, f));
    expect(checked).toContain("sdk/tools/nomad-go/go.mod");
    expect(violations(ROOT)).toEqual([]);
  });

  const scratch = mkdtempSync(join(tmpdir(), "nomadkit-licence-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const plant = (path: string, text: string) => {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  };

  it("catches it required in a block, on one line, or as a replacement", () => {
    plant(
      "sdk/tools/a/go.mod",
      "module a\n\nrequire (\n\tgithub.com/hashicorp/nomad/api v0.0.0-2026\n\tgithub.com/hashicorp/nomad v1.11.3 // indirect\n)\n",
    );
    plant("tools/b/go.mod", "module b\n\nrequire github.com/hashicorp/nomad v1.7.0\n");
    plant("c/go.mod", "module c\n\nreplace example.com/x => github.com/hashicorp/nomad v1.8.0\n");
    expect(violations(scratch)).toEqual([
      "c/go.mod:3: replace example.com/x => github.com/hashicorp/nomad v1.8.0",
      "sdk/tools/a/go.mod:5: github.com/hashicorp/nomad v1.11.3 // indirect",
      "tools/b/go.mod:3: require github.com/hashicorp/nomad v1.7.0",
    ]);
  });

  it("allows the api module, the harness's Nomad build, and node_modules", () => {
    const clean = mkdtempSync(join(tmpdir(), "nomadkit-licence-"));
    try {
      const put = (path: string, text: string) => {
        mkdirSync(dirname(join(clean, path)), { recursive: true });
        writeFileSync(join(clean, path), text);
      };
      put(
        "x/go.mod",
        "module x\n\nrequire github.com/hashicorp/nomad/api v0.0.0-2026 // github.com/hashicorp/nomad v1\n",
      );
      put(`${NOMAD_BUILD}/go.mod`, "module b\n\nrequire github.com/hashicorp/nomad v1.11.3\n");
      put("node_modules/y/go.mod", "module y\n\nrequire github.com/hashicorp/nomad v1.11.3\n");
      expect(violations(clean)).toEqual([]);
    } finally {
      rmSync(clean, { recursive: true, force: true });
    }
  });
});
