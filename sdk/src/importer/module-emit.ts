import { printExpr, printStatements, usedNames } from "./code-emit.js";
import { call, lit, obj, type Stmt } from "./code-model.js";
import { NameScope } from "./naming.js";
import type { JobVariable } from "./parameterize.js";

// The files `nomadkit import` writes: one module per job exporting the function that
// builds it, and app.ts that builds the App from them and `export default`s it.

/** Names the generated code may import from "nomadkit" as values. */
const VALUE_EXPORTS = [
  "Affinity",
  "Check",
  "Constraint",
  "Driver",
  "Group",
  "Job",
  "JsonPatch",
  "Port",
  "Service",
  "Task",
  "Volume",
  "attr",
  "meta",
  "node",
  "spread",
];

export interface JobModule {
  readonly source: string;
  readonly jobId: string;
  readonly builder: string;
  readonly stmts: readonly Stmt[];
  readonly nodePool?: string;
  /** For a job built per environment: its typed values (name → TypeScript type). */
  readonly values?: ReadonlyArray<readonly [string, string]>;
  /** The job file's variables, which become the builder's `vars` parameter. */
  readonly variables?: readonly JobVariable[];
}

/** `webJob` → `WebJobVariables`. */
export const variablesTypeName = (builder: string): string =>
  `${builder.charAt(0).toUpperCase()}${builder.slice(1)}Variables`;

/** The name of the values type of an environment job's builder: `webJob` → `WebJobValues`. */
export const valuesTypeName = (builder: string): string =>
  `${builder.charAt(0).toUpperCase()}${builder.slice(1)}Values`;

export function jobModule(m: JobModule): string {
  const used = usedNames(m.stmts);
  const values = VALUE_EXPORTS.filter((n) => used.has(n));
  const types = ["App", "Environment", ...(m.nodePool !== undefined ? ["NodePool"] : [])];
  const specifiers = [...values, ...types.map((t) => `type ${t}`)].sort((a, b) =>
    a.replace(/^type /, "").localeCompare(b.replace(/^type /, ""), "en", { sensitivity: "base" }),
  );
  const params = [
    "scope: App | Environment<unknown>",
    ...(m.nodePool !== undefined ? ["nodePool: NodePool"] : []),
    ...(m.values ? [`values: ${valuesTypeName(m.builder)}`] : []),
    ...(m.variables ? [`vars: ${variablesTypeName(m.builder)} = ${m.builder}Defaults`] : []),
  ];
  const variablesType = m.variables
    ? [
        "/** The job file's variables and constant locals; the defaults are the file's own. */",
        `export interface ${variablesTypeName(m.builder)} {`,
        ...m.variables.map((v) => `  readonly ${v.key}: ${v.type};`),
        "}",
        "",
        `export const ${m.builder}Defaults: ${variablesTypeName(m.builder)} = ${printExpr(
          obj(m.variables.map((v) => [v.key, lit(v.value)])),
          "",
          40,
        )};`,
        "",
      ]
    : [];
  const valuesType = m.values
    ? [
        "/** What differs between the environments this job was imported from. */",
        `export interface ${valuesTypeName(m.builder)} {`,
        ...m.values.map(([name, type]) => `  readonly ${name}: ${type};`),
        "}",
        "",
      ]
    : [];
  return [
    `// Imported by \`nomadkit import\` from ${m.source}.`,
    `import { ${specifiers.join(", ")} } from "nomadkit";`,
    "",
    ...valuesType,
    ...variablesType,
    `/** Builds job ${JSON.stringify(m.jobId)}. */`,
    `export function ${m.builder}(${params.join(", ")}): Job {`,
    printStatements(m.stmts, used, "  "),
    "  return job;",
    "}",
    "",
  ].join("\n");
}

/**
 * One job as a module that also builds and `export default`s its app, for converting a
 * single file in the editor: `nomadkit synth web.ts` works on it as it is.
 */
export function standaloneModule(m: JobModule, appName: string): string {
  const module = jobModule(m).replace(/import \{ ([^}]*) \} from "nomadkit";/, (_, names: string) => {
    const list = names.split(", ").map((n) => (n === "type App" ? "App" : n));
    if (m.nodePool !== undefined) list.splice(list.indexOf("type NodePool"), 1, "NodePool");
    return `import { ${list.join(", ")} } from "nomadkit";`;
  });
  const pool = m.nodePool !== undefined ? `, NodePool.existing(app, ${JSON.stringify(m.nodePool)})` : "";
  return `${module}
const app = new App({ name: ${JSON.stringify(appName)} });
${m.builder}(app${pool});

export default app;
`;
}

export interface AppJob {
  readonly module: string;
  readonly builder: string;
  readonly nodePool?: string;
  /** For a job built per environment: each environment's values. */
  readonly environments?: ReadonlyArray<{ readonly name: string; readonly values: Record<string, unknown> }>;
}

export function appModule(appName: string, jobs: readonly AppJob[]): string {
  const names = new NameScope(["app", ...jobs.map((j) => j.builder)]);
  const pools = new Map<string, string>();
  for (const job of jobs) {
    if (job.nodePool !== undefined && !pools.has(job.nodePool))
      pools.set(job.nodePool, names.name(job.nodePool, "Pool"));
  }
  const imports = jobs.map((j) => {
    const what = j.environments ? `type ${valuesTypeName(j.builder)}, ${j.builder}` : j.builder;
    return `import { ${what} } from "./${j.module.replace(/\.ts$/, ".js")}";`;
  });
  const envNames = [...new Set(jobs.flatMap((j) => (j.environments ?? []).map((e) => e.name)))];
  const envBinds = new Map(envNames.map((e) => [e, names.name(e)]));
  const envLines = envNames.map((env) => {
    const members = jobs.filter((j) => j.environments?.some((e) => e.name === env));
    const type = members.map((j) => `${j.builder}: ${valuesTypeName(j.builder)}`).join("; ");
    const values = obj(
      members.map((j) => [j.builder, lit(j.environments?.find((e) => e.name === env)?.values ?? {})]),
    );
    const bind = envBinds.get(env) as string;
    const environment = call(`app.environment<{ ${type} }>`, lit(env), obj([["values", values]]));
    return `const ${bind} = ${printExpr(environment, "")};`;
  });
  const calls = jobs.flatMap((j) => {
    const pool = j.nodePool !== undefined ? `, ${pools.get(j.nodePool)}` : "";
    if (!j.environments) return [`${j.builder}(app${pool});`];
    return j.environments.map((e) => {
      const bind = envBinds.get(e.name) as string;
      return `${j.builder}(${bind}${pool}, ${bind}.values.${j.builder});`;
    });
  });
  return [
    "// Built by `nomadkit import`: every imported job in one app.",
    `import { App${pools.size > 0 ? ", NodePool" : ""} } from "nomadkit";`,
    ...imports,
    "",
    `const app = new App({ name: ${JSON.stringify(appName)} });`,
    ...[...pools].map(([pool, bind]) => `const ${bind} = NodePool.existing(app, ${JSON.stringify(pool)});`),
    ...envLines,
    ...calls,
    "",
    "export default app;",
    "",
  ].join("\n");
}
