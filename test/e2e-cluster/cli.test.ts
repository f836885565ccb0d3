// `nomadkit cluster …` run as a user runs it: the sdk's CLI hands the command to the
// provisioners' nomadkit-cluster program, against moto.
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { type Moto, startMoto } from "../harness/moto.js";

const started = await startMoto();
const moto: Moto | undefined = "skip" in started ? undefined : started;
afterAll(() => moto?.stop());

function nomadkit(...args: string[]) {
  const run = spawnSync("node", ["sdk/bin/nomadkit.js", ...args], {
    encoding: "utf8",
    input: "",
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ENDPOINT_URL: moto?.endpoint,
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
    },
  });
  const stderr = run.stderr
    .split("\n")
    .filter(
      (l) =>
        !/NodeVersionSupportWarning|node >=22|versions published|To continue|security updates|More information|trace-warnings|^$/.test(
          l,
        ),
    )
    .join("\n");
  return { code: run.status, stdout: run.stdout, stderr };
}

describe.skipIf(!moto)("nomadkit cluster", () => {
  it("plans (exit 1), refuses to apply without --yes off a terminal, applies, then plans no change (exit 0)", () => {
    const plan = nomadkit("cluster", "plan", "examples/cluster-aws.ts");
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('+ pool "gpu" (create)');

    const refused = nomadkit("cluster", "apply", "examples/cluster-aws.ts");
    expect(refused.code).toBe(255);
    expect(refused.stderr).toContain("pass --yes");

    const apply = nomadkit("cluster", "apply", "--yes", "examples/cluster-aws.ts");
    expect(apply.code).toBe(0);
    expect(apply.stderr).toMatch(/11 cloud API calls \(6 mutating/);

    const again = nomadkit("cluster", "apply", "--yes", "examples/cluster-aws.ts");
    expect(again.stdout).toContain("No changes");
    expect(again.stderr).toMatch(/4 cloud API calls \(0 mutating/);
    expect(nomadkit("cluster", "plan", "examples/cluster-aws.ts").code).toBe(0);

    const status = nomadkit("cluster", "status", "--no-nomad", "examples/cluster-aws.ts");
    expect(status.stdout.match(/^servers {2}i-/gm)).toHaveLength(3);

    expect(nomadkit("cluster", "destroy", "--yes", "examples/cluster-aws.ts").code).toBe(0);
    expect(nomadkit("cluster", "status", "--no-nomad", "examples/cluster-aws.ts").stdout).toBe(
      "No instances.\n",
    );
  });

  it("exits 255 with the problem for a file that is not a cluster", () => {
    const bad = nomadkit("cluster", "plan", "examples/redis-bridge.ts");
    expect(bad.code).toBe(255);
    expect(bad.stderr).toContain("export the cluster");
  });
});
