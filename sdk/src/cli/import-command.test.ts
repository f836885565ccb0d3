// `nomadkit import` through the real process (sdk/dist, built by `npm run build`).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const CLI = join(ROOT, "sdk/dist/cli/main.js");
// Without a build this skips and says how to make one; in CI, where `npm test` builds first,
// a missing build is a failure.
const built = existsSync(CLI);
const NO_BUILD = `no ${CLI}: run \`npm run build\` to test the real CLI`;
if (!built) {
  if (process.env.CI) throw new Error(`${NO_BUILD} (CI is set, so this test may not skip)`);
  console.warn(`nomadkit import tests skipped: ${NO_BUILD}`);
}
// Inside the repo, so the generated app resolves "nomadkit" like a user's project does.
const DIR = join(ROOT, ".cache", `import-cli-${process.pid}`);
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

function nomadkit(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: DIR,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, text: string): string {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, name), text);
  return name;
}

const WEB = `job "web" {
  datacenters = ["dc1"]
  group "web" {
    network {
      port "http" { to = 8080 }
    }
    service {
      name = "web"
      port = "http"
      check {
        type     = "http"
        path     = "/health"
        interval = "10s"
        timeout  = "2s"
      }
    }
    task "app" {
      driver = "docker"
      config {
        image = "nginx:1.27"
        ports = ["http"]
      }
    }
  }
}
`;

describe.skipIf(!built)(`nomadkit import (the real CLI)${built ? "" : ` (skipped: ${NO_BUILD})`}`, () => {
  it("reports a file with syntax errors at file:line:col, skips it and imports the rest", () => {
    const good = file("web.nomad.hcl", WEB);
    const bad = file("broken.nomad.hcl", 'job "broken" {\n  group "g" {\n    count = = 2\n  }\n}\n');
    const run = nomadkit("import", good, bad, "--out", "out1");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^broken\.nomad\.hcl:3:\d+: error: /m);
    expect(run.stderr).toContain("broken.nomad.hcl: skipped");
    expect(run.stdout).toContain("imported 1 job → out1/app.ts");
    expect(readFileSync(join(DIR, "out1/web.ts"), "utf8")).toContain(
      'Driver.docker({ image: "nginx:1.27", ports: [httpPort] })',
    );
    const synth = nomadkit("synth", "out1/app.ts", "--out", "out1/synth", "--format", "json");
    expect(synth.stderr).toBe("");
    expect(synth.code).toBe(0);
    const payload = JSON.parse(readFileSync(join(DIR, "out1/synth/web.nomad.json"), "utf8"));
    expect(payload.Job.TaskGroups[0].Services[0].PortLabel).toBe("http");
  });

  it("imports two files with the same job ID under distinct names, with a note", () => {
    const a = file("a.nomad.hcl", WEB);
    const b = file("b.nomad.hcl", WEB.replace("nginx:1.27", "nginx:1.26"));
    const run = nomadkit("import", a, b, "--out", "out2");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /note: b\.nomad\.hcl: job "web" was already imported from a\.nomad\.hcl; this one is imported as job "web-2"/,
    );
    const app = readFileSync(join(DIR, "out2/app.ts"), "utf8");
    expect(app).toContain('import { webJob } from "./web.js";');
    expect(app).toContain('import { web2Job } from "./web-2.js";');
    const synth = nomadkit("synth", "out2/app.ts", "--out", "out2/synth", "--format", "json");
    expect(synth.code).toBe(0);
    const second = JSON.parse(readFileSync(join(DIR, "out2/synth/web-2.nomad.json"), "utf8"));
    expect([second.Job.ID, second.Job.Name]).toEqual(["web-2", "web"]);
  });
});
