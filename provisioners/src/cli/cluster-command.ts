// `nomadkit cluster plan|apply|destroy|status <cluster.ts>`: the desired cluster from
// TypeScript, the actual one from the cloud by ownership tags or labels. Exit codes follow
// `nomadkit plan`: 0 no change, 1 changes (or a failed apply), 255 an error. The cloud is
// the cluster's own (`cloud: "aws" | "gcp"`); cluster-ops.ts holds what differs.
import { createInterface } from "node:readline/promises";
import { Command } from "commander";
import { NomadClient } from "nomadkit/api";
import type { CallCounter } from "../cloud/call-counter.js";
import { ClusterError, InvalidCluster } from "../cloud/cluster-errors.js";
import { formatStatus } from "../cloud/status.js";
import { clusterOps } from "./cluster-ops.js";
import { loadCluster, UserError } from "./load-cluster.js";

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTty: boolean;
  readonly confirm: (question: string) => Promise<boolean>;
}

const stdio: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  confirm: async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return /^(y|yes)$/i.test((await rl.question(`${question} [y/N] `)).trim());
    } finally {
      rl.close();
    }
  },
};

function callLine(calls: CallCounter): string {
  return `${calls.total} cloud API calls (${calls.mutating} mutating, ${calls.attempts} HTTP attempts)\n`;
}

async function mayProceed(io: Io, yes: boolean, question: string): Promise<boolean> {
  if (yes) return true;
  if (!io.isTty) throw new UserError("not a terminal, so nothing was changed: pass --yes to go ahead");
  return io.confirm(question);
}

export function clusterCommand(
  io: Io = stdio,
  setExit: (code: number) => void = (c) => {
    process.exitCode = c;
  },
): Command {
  const cluster = new Command("cluster").description(
    "Nomad servers and client node pools on AWS or GCP: plan, apply, destroy, status",
  );
  const progress = (line: string) => io.err(`${line}\n`);

  cluster
    .command("plan <cluster.ts>")
    .description("show what apply would create, change or delete (exit 0: none, 1: changes)")
    .option("--json", "machine output")
    .action(async (entry: string, opts: { json?: boolean }) =>
      guard(io, setExit, async () => {
        const plan = await clusterOps(await loadCluster(entry)).plan();
        if (opts.json)
          io.out(`${JSON.stringify({ changes: plan.changes, unchanged: plan.unchanged }, null, 2)}\n`);
        else io.out(plan.text);
        setExit(plan.changes.length > 0 ? 1 : 0);
      }),
    );

  cluster
    .command("apply <cluster.ts>")
    .description("make the cloud match the cluster; asks first unless --yes")
    .option("-y, --yes", "don't ask")
    .action(async (entry: string, opts: { yes?: boolean }) =>
      guard(io, setExit, async () => {
        const ops = clusterOps(await loadCluster(entry));
        const plan = await ops.plan();
        io.out(plan.text);
        if (plan.changes.length > 0) {
          if (!(await mayProceed(io, Boolean(opts.yes), "Apply these changes?"))) {
            io.err("Nothing changed.\n");
            return setExit(1);
          }
          await plan.apply(progress);
          io.out("Applied.\n");
        }
        io.err(callLine(ops.calls));
        setExit(0);
      }),
    );

  cluster
    .command("destroy <cluster.ts>")
    .description("remove every instance, group and template the cluster owns")
    .option("-y, --yes", "don't ask")
    .action(async (entry: string, opts: { yes?: boolean }) =>
      guard(io, setExit, async () => {
        const c = await loadCluster(entry);
        const ops = clusterOps(c);
        const plan = await ops.planDestroy();
        io.out(plan.text);
        if (plan.changes.length > 0) {
          if (!(await mayProceed(io, Boolean(opts.yes), `Destroy cluster "${c.name}"?`))) {
            io.err("Nothing changed.\n");
            return setExit(1);
          }
          await plan.apply(progress);
          io.out("Destroyed.\n");
        }
        io.err(callLine(ops.calls));
        setExit(0);
      }),
    );

  cluster
    .command("status <cluster.ts>")
    .description("the cluster's instances and the Nomad nodes they became (NOMAD_ADDR, NOMAD_TOKEN, …)")
    .option("--no-nomad", "list instances only, without asking Nomad")
    .option("--json", "machine output")
    .action(async (entry: string, opts: { nomad: boolean; json?: boolean }) =>
      guard(io, setExit, async () => {
        const ops = clusterOps(await loadCluster(entry));
        const status = await ops.status(opts.nomad ? new NomadClient() : undefined);
        io.out(opts.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status, opts.nomad));
        setExit(status.notJoined.length > 0 ? 1 : 0);
      }),
    );
  return cluster;
}

async function guard(io: Io, setExit: (code: number) => void, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof UserError || error instanceof ClusterError || error instanceof InvalidCluster) {
      io.err(`error: ${error.message}\n`);
      setExit(255);
      return;
    }
    throw error;
  }
}
