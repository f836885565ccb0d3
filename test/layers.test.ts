// The layer check (`npm run layers`, part of `npm test`) must hold on the real tree and
// must catch what it exists for: an upward import and a cycle between folders. The
// second half plants both in a scratch tree laid out like ours and runs the same config.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, type IReporterOutput } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const config = createRequire(import.meta.url)(join(ROOT, ".dependency-cruiser.cjs"));

async function violations(cwd: string, paths: string[]): Promise<string[]> {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const result: IReporterOutput = await cruise(paths, {
      ruleSet: config,
      validate: true,
      ...config.options,
    });
    if (typeof result.output === "string") throw new Error(result.output);
    return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  } finally {
    process.chdir(previous);
  }
}

describe("layers", () => {
  it("the project has no upward import and no folder cycle", async () => {
    expect(await violations(ROOT, ["sdk/src", "language-server/src"])).toEqual([]);
  });

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
});
