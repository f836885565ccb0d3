import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "sdk/dist/cli/main.js");
const out = mkdtempSync(join(tmpdir(), "nomadkit-cli-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function nomadkit(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("the nomadkit command", () => {
  it("is linked by npm for `npx nomadkit` (the README's first command)", () => {
    const run = spawnSync(join(ROOT, "node_modules/.bin/nomadkit"), ["--help"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("synth [options] <entry>");
  });
});

describe("nomadkit synth", () => {
  it("writes JSON and HCL for each job with a one-line summary", () => {
    const dir = join(out, "ok");
    const run = nomadkit("synth", "examples/connect-echo.ts", "--out", dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ echo service, 2 groups, 2 tasks → .*echo\.nomad\.json, .*echo\.nomad\.hcl/);
    expect(readdirSync(dir).sort()).toEqual(["echo.nomad.hcl", "echo.nomad.json"]);
    const payload = JSON.parse(readFileSync(join(dir, "echo.nomad.json"), "utf8"));
    expect(payload.Job.ID).toBe("echo");
    expect(readFileSync(join(dir, "echo.nomad.hcl"), "utf8")).toMatch(/^job "echo" \{\n/);
  });

  it("--format json writes only JSON", () => {
    const dir = join(out, "json");
    expect(nomadkit("synth", "examples/redis-bridge.ts", "--out", dir, "--format", "json").code).toBe(0);
    expect(readdirSync(dir)).toEqual(["redis.nomad.json"]);
  });

  it("prints what a segment can't enforce on its own", () => {
    const run = nomadkit("synth", "examples/segments.ts", "--out", join(out, "segments"));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^! cni-config payments: install as payments\.conflist .* on the nodes of "payments-qa"/m,
    );
  });

  it("exits 1 listing every problem by construct path, with no stack trace", () => {
    const run = nomadkit("synth", "test/fixtures/broken-app.ts", "--out", join(out, "broken"));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("3 problem(s), nothing written");
    expect(run.stderr).toContain(
      'job "web" › group "api": update healthy_deadline (10m) must be shorter than progress_deadline (5m)',
    );
    expect(run.stderr).toContain(
      'job "web" › group "api" › task "app": port "http" is not declared in group "api"',
    );
    expect(run.stderr).toContain(
      'job "web" › group "api" › task "app": task › kill_timeout: "ten seconds" is not a duration',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("says what to do when the entry is missing or exports no app", () => {
    const missing = nomadkit("synth", "examples/nope.ts");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("error: examples/nope.ts: no such file\n");
    const noApp = nomadkit("synth", "test/fixtures/build.ts");
    expect(noApp.code).toBe(1);
    expect(noApp.stderr).toContain("export the App");
    expect(noApp.stderr).not.toMatch(/\n\s+at /);
  });
});
