// `nomadkit import <files or globs…> [--out DIR] [--environments]`: existing Nomad job
// files → nomadkit TypeScript (one module per job and DIR/app.ts). A file with errors is
// reported at file:line:col and skipped; the others are still imported (exit code 1).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { type ImportResult, importEnvironments, importJobFiles } from "../importer/index.js";
import { expandPatterns } from "./lint-command.js";

export interface ImportCommandOptions {
  out: string;
  environments?: boolean;
  name?: string;
}

export function importCommand(
  patterns: string[],
  options: ImportCommandOptions,
  write = (s: string) => process.stdout.write(s),
  writeError = (s: string) => process.stderr.write(s),
): number {
  const sources = expandPatterns(patterns).map((path) => ({ path, source: readFileSync(path, "utf8") }));
  const importOptions = { appName: options.name ?? "imported" };
  const result: ImportResult = options.environments
    ? importEnvironments(sources, importOptions)
    : importJobFiles(sources, importOptions);
  for (const e of result.errors) {
    writeError(`${e.file}:${e.line}:${e.column}: ${pc.red("error")}: ${e.message}\n`);
  }
  const skipped = new Set(result.errors.map((e) => e.file));
  for (const file of skipped)
    writeError(`${file}: ${pc.yellow("skipped")}: fix the errors above and import it again\n`);
  for (const note of result.notes) write(`${pc.dim("note")}: ${note}\n`);
  if (result.files.length > 0) {
    mkdirSync(options.out, { recursive: true });
    for (const f of result.files) writeFileSync(join(options.out, f.path), f.content);
    const envs =
      result.environments && result.environments.length > 0
        ? ` in ${result.environments.length} environments`
        : "";
    write(
      `${pc.green("✓")} imported ${result.jobs.length} job${result.jobs.length === 1 ? "" : "s"}${envs} → ${join(options.out, "app.ts")}\n`,
    );
  }
  return skipped.size > 0 || result.files.length === 0 ? 1 : 0;
}

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("turn existing Nomad job files into nomadkit TypeScript (one module per job, plus app.ts)")
    .argument("<files...>", "job files, directories or globs")
    .option("--out <dir>", "where to write the TypeScript", "imported")
    .option("--name <app>", "the app's name", "imported")
    .option(
      "--environments",
      "merge files that differ only by environment (web.qa.nomad.hcl, web.prod.nomad.hcl, or web.nomad.hcl with web.qa.vars.hcl, web.prod.vars.hcl) into one job with typed values per environment",
    )
    .action((files: string[], options: ImportCommandOptions) => {
      process.exitCode = importCommand(files, options);
    });
}
