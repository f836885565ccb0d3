// Type-checks an app's entry before synth loads it (tsx only strips types), with the
// project's own TypeScript and tsconfig. The program is incremental: its build info is
// kept in node_modules/.cache/nomadkit, so a second run only re-checks what changed.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

type TS = typeof import("typescript");

export type TypecheckResult =
  | { ok: true }
  | { ok: false; errors: string[] }
  /** Why no check happened (no TypeScript installed); synth goes on. */
  | { skipped: string };

/** Checks `entry` and what it imports; errors are `file:line:col - error TSnnnn: message`. */
export async function typecheckEntry(entry: string): Promise<TypecheckResult> {
  const path = resolve(entry);
  const ts = await loadTypeScript(path);
  if (!ts)
    return {
      skipped:
        "TypeScript is not installed here, so the entry was not type-checked: `npm install -D typescript`",
    };
  const configPath = ts.findConfigFile(dirname(path), ts.sys.fileExists, "tsconfig.json");
  const base = configPath ? readConfig(ts, configPath) : { options: defaultOptions(ts), errors: [] };
  if ("failed" in base) return { ok: false, errors: base.failed };
  // What the project's tsconfig leaves unset (a solution-style root config sets nothing)
  // takes the defaults `nomadkit init` writes, so "nomadkit" resolves through its exports.
  const options: import("typescript").CompilerOptions = {
    ...defaultOptions(ts),
    ...base.options,
    noEmit: true,
    incremental: true,
    composite: false,
    declaration: false,
    declarationMap: false,
    emitDeclarationOnly: false,
    tsBuildInfoFile: buildInfoPath(path, configPath),
  };
  const host = ts.createIncrementalCompilerHost(options);
  const program = ts.createIncrementalProgram({ rootNames: [path], options, host });
  // The project's own files only: packages (nomadkit among them) were checked when built.
  const own = program
    .getProgram()
    .getSourceFiles()
    .filter((f) => !f.isDeclarationFile && !program.getProgram().isSourceFileFromExternalLibrary(f));
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
  ].filter((d) => d.category === ts.DiagnosticCategory.Error);
  program.emit(); // with noEmit, writes only the build info for the next run
  if (diagnostics.length === 0) return { ok: true };
  return { ok: false, errors: diagnostics.map((d) => formatDiagnostic(ts, d)) };
}

/** What a failed check prints: one line per error, under a headline naming the entry. */
export function typeErrorReport(entry: string, errors: readonly string[], flag = "--no-typecheck"): string {
  return (
    `${entry}: ${errors.length} type error(s), nothing written (${flag} skips this check):\n` +
    errors.map((e) => `  ${e}`).join("\n")
  );
}

/** The project's TypeScript (resolved from the entry), else the one beside nomadkit. */
async function loadTypeScript(entry: string): Promise<TS | undefined> {
  for (const from of [pathToFileURL(entry).href, import.meta.url]) {
    try {
      const resolved = createRequire(from).resolve("typescript");
      const module = (await import(pathToFileURL(resolved).href)) as TS & { default?: TS };
      return module.default ?? module;
    } catch {
      // not installed at this place; try the next
    }
  }
  return undefined;
}

function readConfig(
  ts: TS,
  configPath: string,
): { options: import("typescript").CompilerOptions } | { failed: string[] } {
  const errors: string[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        errors.push(formatDiagnostic(ts, d));
      },
    },
  );
  if (!parsed || errors.length > 0)
    return { failed: errors.length > 0 ? errors : [`${configPath}: unreadable`] };
  return { options: parsed.options };
}

/** What a project without a tsconfig gets: what `nomadkit init` writes. */
function defaultOptions(ts: TS): import("typescript").CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
  };
}

/** node_modules/.cache/nomadkit/<hash>.tsbuildinfo in the project's (or a parent's), else in the temp dir. */
function buildInfoPath(entry: string, configPath: string | undefined): string {
  let modules: string | undefined;
  for (let at = configPath ? dirname(configPath) : dirname(entry); ; at = dirname(at)) {
    if (existsSync(join(at, "node_modules"))) {
      modules = join(at, "node_modules");
      break;
    }
    if (dirname(at) === at) break;
  }
  const dir = modules ? join(modules, ".cache/nomadkit") : join(tmpdir(), "nomadkit-typecheck");
  mkdirSync(dir, { recursive: true });
  const key = createHash("sha256")
    .update(`${entry}\0${configPath ?? ""}`)
    .digest("hex")
    .slice(0, 16);
  return join(dir, `${key}.tsbuildinfo`);
}

function formatDiagnostic(ts: TS, d: import("typescript").Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n  ");
  if (!d.file || d.start === undefined) return `error TS${d.code}: ${message}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const file = relative(process.cwd(), d.file.fileName) || d.file.fileName;
  return `${file}:${line + 1}:${character + 1} - error TS${d.code}: ${message}`;
}
