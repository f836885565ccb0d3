// `nomadkit synth` type-checks the entry with the project's tsconfig before loading it,
// through the real CLI (sdk/dist: run `npx tsc -b sdk` first).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "sdk/dist/cli/main.js");
// Inside the repo so "nomadkit" resolves; a dot directory, so `tsc -p test` skips it.
const dir = mkdtempSync(join(ROOT, "test/.typecheck-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APP = (count: string) => `import { App, Driver, Group, Job, Task } from "nomadkit";

const app = new App({ name: "typed" });
const job = new Job(app, "web", { datacenters: ["dc1"] });
const group = new Group(job, "api", { count: ${count} });
new Task(group, "app", { driver: Driver.rawExec({ command: "/bin/sleep" }) });
export default app;
`;

function synth(file: string, ...args: string[]) {
  return nomadkit("synth", file, "--out", join(dir, "out"), ...args);
}

function nomadkit(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("nomadkit synth type-checks the entry", () => {
  it("prints a type error as file:line:col and writes nothing", () => {
    const file = join(dir, "bad.ts");
    writeFileSync(file, APP('"two"'));
    const run = synth(file);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("1 type error(s), nothing written");
    expect(run.stderr).toContain(
      `${relative(ROOT, file)}:5:39 - error TS2322: Type 'string' is not assignable to type 'number'.`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("--no-typecheck skips it; synth then reports the value at its construct path", () => {
    const run = synth(join(dir, "bad.ts"), "--no-typecheck");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('job "web" › group "api": group › count: expected int, got "two"');
  });

  it("a well-typed entry synthesizes", () => {
    const file = join(dir, "good.ts");
    writeFileSync(file, APP("2"));
    const run = synth(file);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("✓ web service, 1 group, 1 task");
  });

  it("plan checks too, before it talks to a cluster (exit 255, like nomad job plan)", () => {
    const run = nomadkit("plan", join(dir, "bad.ts"), "--address", "http://127.0.0.1:1");
    expect(run.code).toBe(255);
    expect(run.stderr).toMatch(/bad\.ts:5:39 - error TS2322/);
  });
});
