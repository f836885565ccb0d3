// The plan as `nomad job plan` prints it: each job, group and task line of renderPlan (colour
// removed) is compared with the real CLI's output for the same file on the same agent, for a
// new job, an unchanged one, a count change and a changed task.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JobBody } from "nomadkit/api";
import { planJob, renderPlan } from "nomadkit/deploy";
import { parse } from "nomadkit/hcl";
import { decodeJob } from "nomadkit/jobspec";
import { afterAll, describe, expect, it } from "vitest";
import { agentForFile } from "./harness/agent-for-file.js";
import { nomadBinary } from "./harness/nomad-binary.js";

const { agent, nomad, skipNote } = await agentForFile();
const dir = mkdtempSync(join(tmpdir(), "nomadkit-plan-render-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job = (count: number, args: string) => `job "planned" {
  datacenters = ["dc1"]
  group "a" {
    count = ${count}
    task "t" {
      driver = "raw_exec"
      config {
        command = "/bin/sleep"
        args    = ["${args}"]
      }
    }
  }
  group "b" {
    task "t" {
      driver = "raw_exec"
      config {
        command = "/bin/sleep"
        args    = ["600"]
      }
    }
  }
}
`;

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing terminal colour codes
const ANSI = /\u001b\[[0-9;]*m/g;
/** The lines naming the job, its groups and tasks, without indentation. */
const outline = (lines: string[]) =>
  lines
    .map((l) => l.replace(ANSI, "").trim())
    .filter((l) => /^(\+\/- |\+ |- |)(Job|Task Group|Task): "/.test(l))
    .map((l) => l.replace(/ \(no changes\)$/, ""));

async function both(text: string): Promise<{ ours: string[]; cli: string[] }> {
  const binary = await nomadBinary();
  if ("skip" in binary) throw new Error(binary.skip);
  const file = join(dir, "planned.nomad.hcl");
  writeFileSync(file, text);
  const run = spawnSync(binary.path, ["job", "plan", "-no-color", file], {
    encoding: "utf8",
    env: { ...process.env, NOMAD_ADDR: agent?.address ?? "" },
  });
  const decoded = decodeJob(parse(text).file);
  const plan = await planJob(nomad as NonNullable<typeof nomad>, decoded.job as JobBody);
  return { ours: outline(renderPlan(plan)), cli: outline(run.stdout.split("\n")) };
}

describe.skipIf(!agent)(`the plan reads like nomad job plan${skipNote}`, () => {
  it("a new job, then no change, a count change and a changed task", async () => {
    const created = await both(job(2, "600"));
    expect(created.ours).toEqual(created.cli);
    expect(created.cli).toContain('+ Task Group: "a" (2 create)');

    const register = spawnSync(
      ((await nomadBinary()) as { path: string }).path,
      ["job", "run", "-detach", join(dir, "planned.nomad.hcl")],
      {
        encoding: "utf8",
        env: { ...process.env, NOMAD_ADDR: agent?.address ?? "" },
      },
    );
    expect(register.status, register.stderr).toBe(0);

    const same = await both(job(2, "600"));
    expect(same.ours).toEqual(same.cli);
    expect(same.cli).toContain('Task Group: "a" (2 ignore)');

    const more = await both(job(3, "600"));
    expect(more.ours).toEqual(more.cli);

    const changed = await both(job(2, "700"));
    expect(changed.ours).toEqual(changed.cli);
    expect(changed.cli.some((l) => l.startsWith('+/- Task Group: "a" (') && l.includes("update"))).toBe(true);
  }, 120_000);
});
