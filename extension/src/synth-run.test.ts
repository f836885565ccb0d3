// The preview's synth run on a real example app, on an entry that does not synthesize, and
// in projects set up wrong: nomadkit not installed, package.json without "type": "module".
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { synthEntry } from "./synth-run.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const projects: string[] = [];
afterAll(() => {
  for (const p of projects) rmSync(p, { recursive: true, force: true });
});

/** A user's project with the redis example as app.ts, and nomadkit linked in or not. */
function project(pkg: Record<string, unknown>, withNomadkit: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "nomadkit-preview-"));
  projects.push(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", private: true, ...pkg }));
  writeFileSync(
    join(dir, "app.ts"),
    'import { App, Driver, Group, Job, Task } from "nomadkit";\nconst app = new App({ name: "x" });\n' +
      'const job = new Job(app, "x", { datacenters: ["dc1"] });\nconst g = new Group(job, "g");\n' +
      'new Task(g, "t", { driver: Driver.rawExec({ command: "/bin/true" }) });\nexport default app;\n',
  );
  if (withNomadkit) {
    mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
    symlinkSync(join(ROOT, "sdk"), join(dir, "node_modules", "nomadkit"));
    symlinkSync("../nomadkit/bin/nomadkit.js", join(dir, "node_modules", ".bin", "nomadkit"));
  }
  return dir;
}

describe("synthEntry", () => {
  it("returns the example's HCL and API JSON", async () => {
    const result = await synthEntry(ROOT, "examples/redis-bridge.ts", 120_000);
    if (!result.ok) throw new Error(result.message);
    expect(result.hcl).toContain('job "redis"');
    expect(JSON.parse(result.json)).toMatchObject({ Job: { ID: "redis" } });
  }, 150_000);

  it("says why when the entry does not synthesize", async () => {
    const result = await synthEntry(ROOT, "examples/does-not-exist.ts", 120_000);
    expect(result.ok).toBe(false);
  }, 150_000);

  it("says to install nomadkit when the project doesn't have it, instead of npm's E404", async () => {
    const dir = project({ type: "module" }, false);
    const result = await synthEntry(dir, "app.ts", 120_000);
    expect(result).toMatchObject({
      ok: false,
      hint: `nomadkit is not installed in ${dir}: run \`npm install --save-dev nomadkit\` there, then preview again.`,
    });
  }, 150_000);

  it('says to add "type": "module" when package.json lacks it, and synthesizes once it is there', async () => {
    const dir = project({}, true);
    const result = await synthEntry(dir, join(dir, "app.ts"), 120_000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.hint).toBe(
      `Add "type": "module" to ${join(dir, "package.json")}: nomadkit apps are ES modules, and Node loads this one as CommonJS.`,
    );
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    const fixed = await synthEntry(dir, join(dir, "app.ts"), 120_000);
    if (!fixed.ok) throw new Error(fixed.message);
    expect(JSON.parse(fixed.json)).toMatchObject({ Job: { ID: "x" } });
  }, 250_000);
});
