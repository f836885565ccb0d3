import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { UserError } from "./load-app.js";

// `nomadkit init [dir]`: a project that works after `npm install`: an app with one job
// in two environments, a tsconfig that `nomadkit synth` type-checks with, and a test
// that synthesizes the app with `Testing.synth` (node's own test runner, through tsx).

/** The versions a new project starts with: nomadkit's own, and the tools it was built with. */
function versions(): { nomadkit: string } {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return { nomadkit: pkg.version };
}

function packageJson(name: string): string {
  const pkg = {
    name,
    private: true,
    type: "module",
    scripts: {
      synth: "nomadkit synth app.ts --out out",
      test: "node --import tsx --test app.test.ts",
    },
    dependencies: { nomadkit: `^${versions().nomadkit}` },
    devDependencies: { "@types/node": "^20.19.0", tsx: "^4.23.15", typescript: "~5.9.3" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["node"],
    },
    include: ["*.ts"],
  },
  null,
  2,
)}\n`;

const APP = `import { App, Check, Driver, Group, Job, Port, Service, Task, Update } from "nomadkit";

// One job, two environments: the same code builds each from its typed values.
const app = new App({ name: "hello" });

const environments = [
  app.environment("qa", { namespace: "qa", datacenters: ["dc1"], values: { replicas: 1 } }),
  app.environment("prod", { namespace: "prod", datacenters: ["dc1"], values: { replicas: 3 } }),
];

for (const env of environments) {
  const job = new Job(env, "hello");
  const web = new Group(job, "web", { count: env.values.replicas, update: Update.rolling() });
  const http = new Port(web, "http", { to: 5678 });
  new Task(web, "server", {
    driver: Driver.docker({ image: "hashicorp/http-echo:1.0", args: ["-text", \`hello from \${env.name}\`], ports: [http] }),
    resources: { cpu: 100, memory: 64 },
  });
  new Service(web, "hello", {
    provider: "nomad",
    port: http,
    checks: [Check.http({ path: "/", interval: "10s", timeout: "2s" })],
  });
}

export default app;
`;

const TEST = `import assert from "node:assert/strict";
import { test } from "node:test";
import { Testing } from "nomadkit/testing";
import app from "./app.js";

test("the app synthesizes one job per environment", () => {
  const jobs = Testing.synth(app); // throws listing every problem
  assert.deepEqual(
    jobs.map((j) => \`\${j.environment}/\${j.id}\`),
    ["qa/hello", "prod/hello"],
  );
  const prod = jobs.find((j) => j.environment === "prod")?.payload.Job as { TaskGroups: { Count: number }[] };
  assert.equal(prod.TaskGroups[0]?.Count, 3);
});
`;

const GITIGNORE = "node_modules/\nout/\n";

/** Writes the project; returns the files written. Refuses to overwrite anything. */
export function initProject(dir: string): string[] {
  const root = resolve(dir);
  const files: Record<string, string> = {
    "package.json": packageJson(projectName(root)),
    "tsconfig.json": TSCONFIG,
    "app.ts": APP,
    "app.test.ts": TEST,
    ".gitignore": GITIGNORE,
  };
  const taken = Object.keys(files).filter((f) => existsSync(join(root, f)));
  if (taken.length > 0)
    throw new UserError(
      `${dir}: already has ${taken.join(", ")}; nomadkit init only writes a new project: pick an empty directory`,
    );
  mkdirSync(root, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return Object.keys(files);
}

/** An npm package name from the directory's name. */
function projectName(root: string): string {
  const name = basename(root)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+/, "");
  return name || "nomad-app";
}

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("scaffold a project: package.json, tsconfig, app.ts (one job, two environments) and a test")
    .argument("[dir]", "where to create it", ".")
    .action((dir: string) => {
      const files = initProject(dir);
      process.stdout.write(`${pc.green("✓")} wrote ${files.join(", ")} in ${dir}\n`);
      const cd = dir === "." ? "" : `cd ${dir} && `;
      process.stdout.write(`next: ${cd}npm install && npx nomadkit synth app.ts && npm test\n`);
    });
}
