import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import pc from "picocolors";
import { formatProblems } from "../synth/problems.js";
import { synthesize } from "../synth/synth.js";
import { loadApp } from "./load-app.js";
import { noteLines } from "./plan-text.js";
import { typecheckEntry, typeErrorReport } from "./typecheck.js";

export interface SynthOptions {
  out: string;
  format: "json" | "hcl" | "both";
  env?: string;
  /** False with --no-typecheck. */
  typecheck?: boolean;
}

/**
 * `nomadkit synth`: writes each job's API JSON and HCL, and each other object the app
 * declares (node pools …); returns the exit code. Without --env, an app with
 * environments gets one sub-directory per environment.
 */
export async function synthCommand(entry: string, options: SynthOptions): Promise<number> {
  if (options.typecheck !== false && !(await typecheckOk(entry))) return 1;
  const app = await loadApp(entry, options.env === undefined ? {} : { env: options.env });
  const result = synthesize(app, options.env === undefined ? {} : { env: options.env });
  if (result.warnings.length > 0)
    process.stderr.write(
      `${pc.yellow("warning")}: ${entry}: ${result.warnings.length} warning(s):\n${formatProblems(result.warnings)}\n`,
    );
  if (result.problems.length > 0) {
    process.stderr.write(
      `${pc.red("error")}: ${entry}: ${result.problems.length} problem(s), nothing written:\n${formatProblems(result.problems)}\n`,
    );
    return 1;
  }
  const dirFor = (environment: string | undefined) =>
    options.env === undefined && environment !== undefined ? join(options.out, environment) : options.out;
  const write = (dir: string, base: string, json: unknown, hcl: string | undefined): string[] => {
    mkdirSync(dir, { recursive: true });
    const written: string[] = [];
    if (options.format !== "hcl") {
      written.push(join(dir, `${base}.json`));
      writeFileSync(join(dir, `${base}.json`), `${JSON.stringify(json, null, 2)}\n`);
    }
    if (options.format !== "json" && hcl !== undefined) {
      written.push(join(dir, `${base}.hcl`));
      writeFileSync(join(dir, `${base}.hcl`), hcl);
    }
    return written;
  };
  for (const resource of result.resources) {
    const written = write(
      dirFor(resource.environment),
      `${resource.kind}.${resource.name}`,
      resource.payload,
      resource.hcl,
    );
    process.stdout.write(
      `${pc.green("✓")} ${resource.kind} ${pc.bold(resource.name)} → ${written.join(", ")}\n`,
    );
  }
  // What the resources can't enforce on their own (a segment's intentions need Consul to hold).
  for (const line of noteLines(result.resources)) process.stdout.write(`${line}\n`);
  for (const job of result.jobs) {
    const written = write(dirFor(job.environment), `${job.id}.nomad`, job.payload, job.hcl);
    const spec = job.payload.Job as { Type?: string; TaskGroups?: Array<{ Tasks?: unknown[] }> };
    const groups = spec.TaskGroups ?? [];
    const tasks = groups.reduce((n, g) => n + (g.Tasks?.length ?? 0), 0);
    const where = job.environment ? ` [${job.environment}]` : "";
    process.stdout.write(
      `${pc.green("✓")} ${pc.bold(job.id)}${where} ${spec.Type ?? "service"}, ${plural(groups.length, "group")}, ${plural(tasks, "task")} → ${written.join(", ")}\n`,
    );
  }
  return 0;
}

/** Type-checks the entry and prints its errors as file:line:col; true when it may be loaded. */
export async function typecheckOk(entry: string): Promise<boolean> {
  if (!existsSync(entry)) return true; // loadApp says so, in its words
  const result = await typecheckEntry(entry);
  if ("skipped" in result) {
    process.stderr.write(`${pc.yellow("warning")}: ${result.skipped}\n`);
    return true;
  }
  if (result.ok) return true;
  process.stderr.write(`${pc.red("error")}: ${typeErrorReport(entry, result.errors)}\n`);
  return false;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function registerSynth(program: Command): void {
  program
    .command("synth")
    .description("write each job of an app as API JSON (<job>.nomad.json) and HCL (<job>.nomad.hcl)")
    .argument("<entry>", "the app's TypeScript entry file")
    .option("-o, --out <dir>", "output directory", "out")
    .addOption(
      new Option("-f, --format <format>", "what to write").choices(["json", "hcl", "both"]).default("both"),
    )
    .option("--no-typecheck", "don't type-check the entry with the project's tsconfig first")
    .option("-e, --env <name>", "synthesize only this environment", (v: string) => {
      if (v.trim() === "") throw new InvalidArgumentError("give an environment name");
      return v;
    })
    .action(async (entry: string, options: SynthOptions) => {
      process.exitCode = await synthCommand(entry, options);
    });
}
