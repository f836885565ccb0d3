// `nomadkit fmt [--check] <files…>`: rewrite files as `nomad fmt` would, or with --check
// list the ones that are not formatted and exit 1.
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { format } from "../hcl/index.js";
import { expandPatterns } from "./lint-command.js";

export function fmtCommand(
  patterns: string[],
  options: { check?: boolean },
  write = (s: string) => process.stdout.write(s),
): number {
  let unformatted = 0;
  for (const file of expandPatterns(patterns)) {
    const text = readFileSync(file, "utf8");
    const formatted = format(text);
    if (formatted === text) continue;
    unformatted++;
    write(`${file}\n`);
    if (!options.check) writeFileSync(file, formatted);
  }
  return options.check && unformatted > 0 ? 1 : 0;
}

export function registerFmt(program: Command): void {
  program
    .command("fmt")
    .description("format Nomad HCL files in place, as `nomad fmt` does")
    .argument("<files...>", "files, directories or globs")
    .option("--check", "list files that are not formatted and exit 1, without changing them")
    .action((files: string[], options: { check?: boolean }) => {
      process.exitCode = fmtCommand(files, options);
    });
}
