// `nomadkit init` makes a project that works: install nomadkit from a local tarball of
// the workspace (npm pack -w sdk; needs `npx tsc -b sdk` first) and the project's dev
// tools from the npm cache, then `nomadkit synth` and the generated test pass.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "sdk/dist/cli/main.js");
const work = mkdtempSync(join(tmpdir(), "nomadkit-init-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}\n${r.stderr}` };
}

describe("nomadkit init", () => {
  it("scaffolds a project that installs, synthesizes and passes its own test", () => {
    const pack = run("npm", ["pack", "-w", "sdk", "--pack-destination", work, "--silent"], ROOT);
    expect(pack.code, pack.all).toBe(0);
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
    expect(tarball).toBeDefined();

    const project = join(work, "my-app");
    const init = run(process.execPath, [CLI, "init", project], ROOT);
    expect(init.code, init.all).toBe(0);
    expect(readdirSync(project).sort()).toEqual([
      ".gitignore",
      "app.test.ts",
      "app.ts",
      "package.json",
      "tsconfig.json",
    ]);
    const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    expect(pkg.name).toBe("my-app");
    expect(pkg.dependencies.nomadkit).toMatch(/^\^\d+\.\d+\.\d+/);

    const again = run(process.execPath, [CLI, "init", project], ROOT);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already has package.json");

    // nomadkit from the tarball; everything else from the npm cache.
    const install = run(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", join(work, tarball ?? "")],
      project,
    );
    expect(install.code, install.all).toBe(0);

    const synth = run(
      join(project, "node_modules/.bin/nomadkit"),
      ["synth", "app.ts", "--out", "out"],
      project,
    );
    expect(synth.code, synth.all).toBe(0);
    expect(synth.stdout).toContain("✓ hello [qa] service, 1 group, 1 task");
    expect(synth.stdout).toContain("✓ hello [prod] service, 1 group, 1 task");
    expect(existsSync(join(project, "out/prod/hello.nomad.json"))).toBe(true);
    expect(existsSync(join(project, "node_modules/.cache/nomadkit")), "the type check's build info").toBe(
      true,
    );

    const test = run("npm", ["test"], project);
    expect(test.code, test.all).toBe(0);
    expect(test.stdout).toMatch(/# pass 1/);
  }, 600_000);
});
