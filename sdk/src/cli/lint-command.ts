// `nomadkit lint [--format text|json] <files or globs…>`: the language server's checks on
// the command line. Exit code 1 if any file has an error.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { type Command, Option } from "commander";
import pc from "picocolors";
import { type AnalysisDiagnostic, analyzeDocument } from "../analysis/index.js";
import { UserError } from "./load-app.js";

export interface LintFileResult {
  file: string;
  kind: string;
  diagnostics: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity: AnalysisDiagnostic["severity"];
    code: string;
    message: string;
  }>;
}

/** Lints the files and returns the exit code; output goes to `write`. */
export function lintCommand(
  patterns: string[],
  options: { format: "text" | "json"; targetNomadVersion?: string },
  write = (s: string) => process.stdout.write(s),
): number {
  const files = expandPatterns(patterns);
  const results: LintFileResult[] = [];
  let errors = 0;
  for (const file of files) {
    const analysis = analyzeDocument(
      file,
      readFileSync(file, "utf8"),
      options.targetNomadVersion ? { targetNomadVersion: options.targetNomadVersion } : {},
    );
    const diagnostics = analysis.diagnostics.map((d) => ({
      range: {
        start: { line: d.range.start.line - 1, character: d.range.start.column - 1 },
        end: { line: d.range.end.line - 1, character: d.range.end.column - 1 },
      },
      severity: d.severity,
      code: d.code,
      message: d.message,
    }));
    errors += diagnostics.filter((d) => d.severity === "error").length;
    results.push({ file, kind: analysis.kind, diagnostics });
  }
  if (options.format === "json") write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    const color = { error: pc.red, warning: pc.yellow, information: pc.blue, hint: pc.dim } as const;
    for (const r of results)
      for (const d of r.diagnostics)
        write(
          `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${color[d.severity](d.severity)}: ${d.message}\n`,
        );
  }
  return errors > 0 ? 1 : 0;
}

/**
 * Files named, and files matching globs (`*`, `**`, `?`, `{a,b}`). Node 20 has no fs.glob,
 * and the patterns people pass to a linter are simple enough not to need a dependency.
 */
export function expandPatterns(patterns: string[]): string[] {
  const out = new Set<string>();
  for (const pattern of patterns) {
    if (!/[*?{]/.test(pattern)) {
      if (!exists(pattern)) throw new UserError(`${pattern}: no such file`);
      if (!statSync(pattern).isDirectory()) out.add(pattern);
      else for (const f of walk(pattern)) if (/\.(hcl|nomad)$/.test(f)) out.add(f);
      continue;
    }
    const base = pattern.slice(0, pattern.search(/[*?{]/)).replace(/[^/]*$/, "") || ".";
    const re = globToRegExp(pattern.startsWith("./") ? pattern.slice(2) : pattern);
    const matches = walk(base).filter((f) => re.test(relative(".", f)) || re.test(f));
    if (matches.length === 0) throw new UserError(`${pattern}: no file matches`);
    for (const f of matches) out.add(f);
  }
  return [...out].sort();
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = dir === "." ? entry.name : join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*" && glob[i + 1] === "*") {
      re += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "{") re += "(?:";
    else if (c === "}") re += ")";
    else if (c === ",") re += "|";
    else re += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

export function registerLint(program: Command): void {
  program
    .command("lint")
    .description(
      "check Nomad files (jobs, agent configs, policies, volume specs) and report problems at file:line:col",
    )
    .argument("<files...>", "files, directories or globs")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--target-nomad-version <version>", "warn about fields newer than this Nomad version")
    .action((files: string[], options: { format: "text" | "json"; targetNomadVersion?: string }) => {
      process.exitCode = lintCommand(files, options);
    });
}
