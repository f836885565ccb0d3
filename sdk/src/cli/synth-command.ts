import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pc from "picocolors";
import { formatProblems } from "../synth/problems.js";
import { loadApp } from "./load-app.js";

export interface SynthOptions {
  out: string;
  format: "json" | "hcl" | "both";
  env?: string;
}

/** `nomadkit synth`: writes each job's API JSON and HCL; returns the exit code. */
export async function synthCommand(entry: string, options: SynthOptions): Promise<number> {
  const app = await loadApp(entry, options.env === undefined ? {} : { env: options.env });
  const result = app.synth();
  if (result.problems.length > 0) {
    process.stderr.write(
      `${pc.red("error")}: ${entry}: ${result.problems.length} problem(s), nothing written:\n${formatProblems(result.problems)}\n`,
    );
    return 1;
  }
  mkdirSync(options.out, { recursive: true });
  for (const job of result.jobs) {
    const written: string[] = [];
    if (options.format !== "hcl") {
      const path = join(options.out, `${job.id}.nomad.json`);
      writeFileSync(path, `${JSON.stringify(job.payload, null, 2)}\n`);
      written.push(path);
    }
    if (options.format !== "json") {
      const path = join(options.out, `${job.id}.nomad.hcl`);
      writeFileSync(path, job.hcl);
      written.push(path);
    }
    const spec = job.payload.Job as { Type?: string; TaskGroups?: Array<{ Tasks?: unknown[] }> };
    const groups = spec.TaskGroups ?? [];
    const tasks = groups.reduce((n, g) => n + (g.Tasks?.length ?? 0), 0);
    process.stdout.write(
      `${pc.green("✓")} ${pc.bold(job.id)} ${spec.Type ?? "service"}, ${plural(groups.length, "group")}, ${plural(tasks, "task")} → ${written.join(", ")}\n`,
    );
  }
  return 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
