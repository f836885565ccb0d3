// The extension's Run sends exactly what the file says. Runtime references (`${NOMAD_*}`,
// `${attr.*}`, `${meta.*}`, `${node.*}`, `$${…}`, template `{{ env … }}`, heredocs) are filled
// in by the Nomad client, so they must reach the cluster as written. The job the extension
// registers is compared with what `nomad job run` registers for the same file on the same
// agent, and the task's own output shows the port it was really given.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeJobFile, planText, runJob } from "../extension/src/cluster/operations.js";
import { agentForFile } from "./harness/agent-for-file.js";
import { nomadBinary } from "./harness/nomad-binary.js";
import { until } from "./harness/until.js";

const { agent, nomad, skipNote } = await agentForFile();

const JOB = `job "runtime-names" {
  datacenters = ["dc1"]

  meta {
    owner = "team-a"
  }

  constraint {
    attribute = "\${attr.kernel.name}"
    value     = "linux"
  }

  group "app" {
    network {
      port "http" {}
    }

    task "main" {
      driver = "raw_exec"
      config {
        command = "/bin/sh"
        args    = ["-c", "echo port=\${NOMAD_PORT_http} listen=$LISTEN_PORT dc=\${node.datacenter} owner=$INDEXED && sleep 600"]
      }

      env {
        LISTEN_PORT = "\${NOMAD_PORT_http}"
        ADDR        = "\${NOMAD_ADDR_http}"
        SPACED      = "\${ NOMAD_ALLOC_ID }"
        KERNEL      = "\${attr.kernel.name}"
        NODE        = "\${node.unique.name}"
        ESCAPED     = "$\${HOME}"
        MIXED       = "a-\${NOMAD_TASK_NAME}-b-\${meta.owner}"
        INDEXED     = "\${NOMAD_META_owner}"
      }

      template {
        destination = "local/app.env"
        env         = true
        data        = <<EOF
PORT={{ env "NOMAD_PORT_http" }}
ALLOC=\${NOMAD_ALLOC_ID}
LITERAL=$\${NOT_A_REFERENCE}
EOF
      }

      template {
        destination = "local/indented.txt"
        data        = <<-EOT
          task {{ env "NOMAD_TASK_NAME" }} in \${NOMAD_GROUP_NAME}
        EOT
      }

      kill_timeout = "1s"
      resources {
        cpu    = 50
        memory = 32
      }
    }
  }
}
`;

/** Fields the servers set on a registered job; the rest is what the submitter sent. */
const SERVER_SET = new Set([
  "CreateIndex",
  "ModifyIndex",
  "JobModifyIndex",
  "SubmitTime",
  "Version",
  "Status",
  "StatusDescription",
  "Stable",
  "Stop",
]);

function submitted(job: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(job).filter(([k]) => !SERVER_SET.has(k)));
}

describe.skipIf(!agent)(`the extension's Run keeps runtime references${skipNote}`, () => {
  it("registers the same job as `nomad job run`, and the task sees its real port", async () => {
    if (!agent || !nomad) return;
    const decoded = decodeJobFile(JOB);
    if (!decoded.job) throw new Error(JSON.stringify(decoded.problems));
    const { plan } = await planText(nomad, decoded.job);
    const outcome = await runJob(nomad, decoded.job, { enforceIndex: plan.jobModifyIndex });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
    const fromEditor = (await nomad.jobs.read("runtime-names")).data as unknown as Record<string, unknown>;

    // The running task printed the port Nomad gave it, through both the arg and the env.
    const alloc = await until("a running allocation", async () => {
      const { data } = await nomad.allocations.listForJob("runtime-names");
      return data.find((a) => a.ClientStatus === "running");
    });
    const stdout = await until("the task's first line", async () => {
      const { data } = await nomad.allocations.logs(alloc.ID, {
        task: "main",
        type: "stdout",
        origin: "start",
      });
      return data.includes("port=") ? data : undefined;
    });
    const port = /port=(\d+) listen=(\d+) dc=dc1 owner=team-a/.exec(stdout);
    expect(port, stdout).not.toBeNull();
    expect(port?.[1]).toBe(port?.[2]);
    expect(Number(port?.[1])).toBeGreaterThan(0);

    await nomad.jobs.deregister("runtime-names", { purge: true });

    // The same file through Nomad's own CLI, on the same agent.
    const binary = await nomadBinary();
    if ("skip" in binary) throw new Error(binary.skip);
    const dir = mkdtempSync(join(tmpdir(), "nomadkit-runtime-names-"));
    try {
      const file = join(dir, "runtime-names.nomad.hcl");
      writeFileSync(file, JOB);
      const run = spawnSync(binary.path, ["job", "run", "-detach", file], {
        encoding: "utf8",
        env: { ...process.env, NOMAD_ADDR: agent.address, NOMAD_TOKEN: agent.token ?? "" },
      });
      expect(run.status, run.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const fromCli = (await nomad.jobs.read("runtime-names")).data as unknown as Record<string, unknown>;

    expect(submitted(fromEditor)).toEqual(submitted(fromCli));
    // Not equal by both being empty: the references are really there, as written.
    const task = JSON.stringify(fromEditor);
    for (const written of [
      "${NOMAD_PORT_http}",
      "${ NOMAD_ALLOC_ID }",
      "${attr.kernel.name}",
      "${node.unique.name}",
      "${meta.owner}",
      '"ESCAPED":"${HOME}"',
      "LITERAL=${NOT_A_REFERENCE}",
      '{{ env \\"NOMAD_PORT_http\\" }}',
      "ALLOC=${NOMAD_ALLOC_ID}",
      "${NOMAD_GROUP_NAME}",
    ])
      expect(task).toContain(written);
    await nomad.jobs.deregister("runtime-names", { purge: true });
  }, 180_000);
});
