// Which Nomad an app targets, and which one it is deployed to. A field newer than the
// target is a synth warning; a field newer than the cluster is refused before deploy writes
// anything, because a server silently drops a JSON field it doesn't know.
import { App, Driver, Group, Job, synthesize, Task } from "nomadkit";
import { deployApp } from "nomadkit/deploy";
import { newer, parseVersion, pinnedNomadVersion } from "nomadkit/rules";
import { describe, expect, it } from "vitest";
import { agentForFile } from "./harness/agent-for-file.js";

/** A batch job with `max_run_duration`, which Nomad 2.0 added. */
function appWith(targetNomadVersion?: string): App {
  const app = new App({ name: "versions", ...(targetNomadVersion ? { targetNomadVersion } : {}) });
  const job = new Job(app, "bounded", { datacenters: ["dc1"], type: "batch" });
  const group = new Group(job, "work", { maxRunDuration: "1h" });
  new Task(group, "main", {
    driver: Driver.rawExec({ command: "/bin/sh", args: ["-c", "true"] }),
    resources: { cpu: 50, memory: 32 },
  });
  return app;
}

const warningsAbout = (app: App) =>
  synthesize(app).warnings.filter((w) => w.message.includes('"max_run_duration"'));

describe("the target Nomad version", () => {
  it("is today's Nomad by default: a 2.0 field synthesizes without a warning", () => {
    expect(pinnedNomadVersion()).toBe("2.0.5");
    const result = synthesize(appWith());
    expect(result.problems).toEqual([]);
    expect(result.jobs[0]?.payload.Job.TaskGroups).toMatchObject([{ MaxRunDuration: 3_600_000_000_000 }]);
    expect(warningsAbout(appWith())).toEqual([]);
    expect(warningsAbout(appWith("2.0.5"))).toEqual([]);
  });

  it("an older target warns, naming the field, the version that added it and the target", () => {
    const [warning] = warningsAbout(appWith("1.11.3"));
    expect(warning?.path).toContain('group "work"');
    expect(warning?.message).toMatch(
      /"max_run_duration" needs Nomad 2\.0\.\d or newer; the target is 1\.11\.3\./,
    );
  });
});

const { agent, nomad, skipNote } = await agentForFile();

/** The release that added max_run_duration, as the schema records it. */
const since = /needs Nomad (\S+) or newer/.exec(warningsAbout(appWith("1.0.0"))[0]?.message ?? "")?.[1] ?? "";

describe.skipIf(!agent)(`deploy checks the agent's version${skipNote}`, () => {
  it("refuses a field the cluster's Nomad doesn't know, before writing anything", async () => {
    if (!agent || !nomad) return;
    expect(since).toMatch(/^2\.0\.\d+$/);
    const result = await deployApp(nomad, synthesize(appWith()), { app: "versions", detach: true });
    if (!newer(since, parseVersion(agent.version))) {
      // NOMAD_BIN points at a Nomad that has the field: it deploys.
      expect(result.problems).toEqual([]);
      return;
    }
    expect(result.exitCode).toBe(1);
    expect(result.problems).toEqual([
      {
        subject: 'job "bounded" › group "work"',
        message: `"max_run_duration" needs Nomad ${since} or newer; the cluster runs Nomad ${agent.version}`,
        hint: expect.stringContaining("upgrade the cluster"),
      },
    ]);
    const jobs = (await nomad.jobs.list()).data;
    expect(jobs.map((j) => j.ID)).not.toContain("bounded");
  });
});
