import { printStatements, usedNames } from "./code-emit.js";
import type { Stmt } from "./code-model.js";
import { NameScope } from "./naming.js";

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
}

export function jobModule(m: JobModule): string {
  const used = usedNames(m.stmts);
  const values = VALUE_EXPORTS.filter((n) => used.has(n));
  const types = ["App", "Environment", ...(m.nodePool !== undefined ? ["NodePool"] : [])];
  const specifiers = [...values, ...types.map((t) => `type ${t}`)].sort((a, b) =>
    a.replace(/^type /, "").localeCompare(b.replace(/^type /, ""), "en", { sensitivity: "base" }),
  );
  const params = [
    "scope: App | Environment<unknown>",
    ...(m.nodePool !== undefined ? [`nodePool: NodePool`] : []),
  ];
  return [
    `// Imported by \`nomadkit import\` from ${m.source}.`,
    `import { ${specifiers.join(", ")} } from "nomadkit";`,
    "",
    `/** Builds job ${JSON.stringify(m.jobId)}. */`,
    `export function ${m.builder}(${params.join(", ")}): Job {`,
    printStatements(m.stmts, used, "  "),
    "  return job;",
    "}",
    "",
  ].join("\n");
}

export interface AppJob {
  readonly module: string;
  readonly builder: string;
  readonly nodePool?: string;
}

export function appModule(appName: string, jobs: readonly AppJob[]): string {
  const names = new NameScope(["app", ...jobs.map((j) => j.builder)]);
  const pools = new Map<string, string>();
  for (const job of jobs) {
    if (job.nodePool !== undefined && !pools.has(job.nodePool))
      pools.set(job.nodePool, names.name(job.nodePool, "Pool"));
  }
  const imports = jobs.map((j) => `import { ${j.builder} } from "./${j.module.replace(/\.ts$/, ".js")}";`);
  return [
    "// Built by `nomadkit import`: every imported job in one app.",
    `import { App${pools.size > 0 ? ", NodePool" : ""} } from "nomadkit";`,
    ...imports,
    "",
    `const app = new App({ name: ${JSON.stringify(appName)} });`,
    ...[...pools].map(([pool, bind]) => `const ${bind} = NodePool.existing(app, ${JSON.stringify(pool)});`),
    ...jobs.map((j) => `${j.builder}(app${j.nodePool !== undefined ? `, ${pools.get(j.nodePool)}` : ""});`),
    "",
    "export default app;",
    "",
  ].join("\n");
}
