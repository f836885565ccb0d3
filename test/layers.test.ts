// The layer check (`npm run layers`, part of `npm test`) must hold on the real tree and
// must catch what it exists for: an upward import, a cycle between folders, a package or
// bench (unit tests included) importing test/, and an import of a workspace package the
// importer's package.json does not declare. The second half plants each in a scratch tree
// laid out like ours and runs the same config.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, type IReporterOutput } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");
const require = createRequire(import.meta.url);
const config = require(CONFIG);
/** What `npm run layers` cruises (package.json "layers"). */
const LAYERS_PATHS = ["sdk/src", "language-server/src", "extension", "provisioners", "bench", "dev"];

/** The config as loaded in `cwd`: its package.json rules are built from the package.json files there. */
function configIn(cwd: string) {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    delete require.cache[require.resolve(CONFIG)];
    return require(CONFIG);
  } finally {
    delete require.cache[require.resolve(CONFIG)];
    process.chdir(previous);
  }
}

async function violations(cwd: string, paths: string[], ruleSet = config): Promise<string[]> {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const result: IReporterOutput = await cruise(paths, {
      ruleSet,
      validate: true,
      ...ruleSet.options,
    });
    if (typeof result.output === "string") throw new Error(result.output);
    return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  } finally {
    process.chdir(previous);
  }
}

describe("layers", () => {
  it("the project has no upward import, no folder cycle, no import of test/ and no undeclared package", async () => {
    expect(await violations(ROOT, LAYERS_PATHS)).toEqual([]);
  }, 120_000);

  const scratch = mkdtempSync(join(tmpdir(), "nomadkit-layers-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const plant = (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), text);
    }
  };

  it("catches the schema importing synth, and the folder cycle that makes", async () => {
    plant({
      "sdk/src/schema/duration.ts":
        'import { synthesize } from "../synth/synth.js";\nexport const d = synthesize;\n',
      "sdk/src/synth/synth.ts": 'import { d } from "../schema/other.js";\nexport const synthesize = d;\n',
      "sdk/src/schema/other.ts": "export const d = 1;\n",
    });
    const found = await violations(scratch, ["sdk/src"]);
    expect(found).toContain("sdk-schema-imports-upward: sdk/src/schema/duration.ts → sdk/src/synth/synth.ts");
    expect(found.some((v) => v.startsWith("no-folder-cycles:"))).toBe(true);
  });

  it("catches a package subfolder importing its package's root files", async () => {
    plant({
      "provisioners/src/index.ts": 'export { x } from "./aws/cluster.js";\n',
      "provisioners/src/aws/cluster.ts": 'import { y } from "../agent-config.js";\nexport const x = y;\n',
      "provisioners/src/agent-config.ts": "export const y = 1;\n",
    });
    const found = await violations(scratch, ["provisioners/src"]);
    expect(found).toContain(
      "subfolder-imports-package-root: provisioners/src/aws/cluster.ts → provisioners/src/agent-config.ts",
    );
  });

  it("catches the autoscaler importing a cloud, and one cloud importing the other", async () => {
    plant({
      "provisioners/src/autoscaler/scale.ts": 'import { g } from "../aws/groups.js";\nexport const s = g;\n',
      "provisioners/src/aws/groups.ts": 'import { e } from "../gcp/errors.js";\nexport const g = e;\n',
      "provisioners/src/gcp/errors.ts": "export const e = 1;\n",
    });
    const found = await violations(scratch, ["provisioners/src"]);
    expect(found).toContain(
      "provisioners-autoscaler-imports-beyond-its-layer: provisioners/src/autoscaler/scale.ts → provisioners/src/aws/groups.ts",
    );
    expect(found).toContain(
      "provisioners-aws-imports-beyond-its-layer: provisioners/src/aws/groups.ts → provisioners/src/gcp/errors.ts",
    );
  });

  it("catches the sdk importing the language server", async () => {
    plant({
      "sdk/src/hcl/parser.ts":
        'import { x } from "../../../language-server/src/server.js";\nexport const p = x;\n',
      "language-server/src/server.ts": "export const x = 1;\n",
    });
    const found = await violations(scratch, ["sdk/src", "language-server/src"]);
    expect(found).toContain(
      "sdk-imports-another-package: sdk/src/hcl/parser.ts → language-server/src/server.ts",
    );
  });

  it("catches a unit test and a benchmark importing the test harness", async () => {
    plant({
      "sdk/src/api/locks.test.ts":
        'import { agentForFile } from "../../../test/harness/agent-for-file.js";\nexport const a = agentForFile;\n',
      "bench/src/deploy.ts":
        'import { startAgent } from "../../test/harness/nomad-agent.js";\nexport const b = startAgent;\n',
      "test/harness/agent-for-file.ts": "export const agentForFile = 1;\n",
      "test/harness/nomad-agent.ts": "export const startAgent = 1;\n",
    });
    const found = await violations(scratch, ["sdk/src", "bench"]);
    expect(found).toContain("imports-test: sdk/src/api/locks.test.ts → test/harness/agent-for-file.ts");
    expect(found).toContain("imports-test: bench/src/deploy.ts → test/harness/nomad-agent.ts");
  });

  it("catches product code importing the dev package (the corpus and a dev agent)", async () => {
    plant({
      "provisioners/src/agent/boot.ts":
        'import { corpusFiles } from "../../../dev/src/corpus.js";\nexport const b = corpusFiles;\n',
      "dev/src/corpus.ts": "export const corpusFiles = 1;\n",
    });
    const found = await violations(scratch, ["provisioners/src", "dev"]);
    expect(found).toContain(
      "provisioners-imports-another-package: provisioners/src/agent/boot.ts → dev/src/corpus.ts",
    );
  });

  it("catches an import of a workspace package the importer's package.json does not declare", async () => {
    const tree = mkdtempSync(join(tmpdir(), "nomadkit-layers-deps-"));
    try {
      const manifest = (name: string, dependencies: Record<string, string> = {}) =>
        JSON.stringify({ name, dependencies });
      const files: Record<string, string> = {
        "sdk/package.json": manifest("nomadkit"),
        "sdk/src/api/index.ts": "export const client = 1;\n",
        "language-server/package.json": manifest("@nomadkit/language-server", { nomadkit: "*" }),
        "language-server/src/server.ts":
          'import { client } from "../../sdk/src/api/index.js";\nexport const s = client;\n',
        // The extension declares the language server but not the sdk it imports.
        "extension/package.json": manifest("nomadkit-vscode", { "@nomadkit/language-server": "*" }),
        "extension/src/cluster/ops.ts":
          'import { client } from "../../../sdk/src/api/index.js";\nexport const o = client;\n',
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(tree, path)), { recursive: true });
        writeFileSync(join(tree, path), text);
      }
      const found = await violations(tree, ["extension", "language-server"], configIn(tree));
      expect(found).toEqual([
        "extension-imports-an-undeclared-package: extension/src/cluster/ops.ts → sdk/src/api/index.ts",
      ]);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
