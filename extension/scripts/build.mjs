// Bundles the extension and the language server into one CommonJS file each, so the .vsix
// carries no node_modules. The SDK reads its generated schema from disk next to its sources;
// in the bundle it reads a minified copy beside server.cjs instead (see schemaBesideBundle).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const production = process.argv.includes("--production");
const dist = `${root}dist`;

/** Replaces sdk/src/schema/load.ts: same API, reads dist/nomad-schema.json lazily. */
const schemaBesideBundle = {
  name: "schema-beside-bundle",
  setup(b) {
    b.onLoad({ filter: /sdk[\\/]src[\\/]schema[\\/]load\.ts$/ }, () => ({
      loader: "ts",
      contents: `
        import { readFileSync } from "node:fs";
        import { join } from "node:path";
        let loaded: unknown;
        export function nomadSchema(): any {
          loaded ??= JSON.parse(readFileSync(join(__dirname, "nomad-schema.json"), "utf8"));
          return loaded;
        }`,
    }));
  },
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const schema = JSON.parse(readFileSync(`${root}../sdk/src/schema/nomad-schema.json`, "utf8"));
writeFileSync(`${dist}/nomad-schema.json`, JSON.stringify(schema));

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // The workspace packages resolve to their TypeScript sources, as in the tests.
  conditions: ["source"],
  mainFields: ["module", "main"],
  minify: production,
  sourcemap: production ? false : "linked",
  legalComments: "none",
  define: { "process.env.NOMADKIT_BUNDLED": '"1"' },
  logLevel: "warning",
  plugins: [schemaBesideBundle],
};
await build({
  ...common,
  entryPoints: { server: `${root}../language-server/src/server.ts` },
  outdir: dist,
  outExtension: { ".js": ".cjs" },
});
await build({
  ...common,
  entryPoints: { extension: `${root}src/extension.ts` },
  banner: { js: "globalThis.__nomadkitLoadStart = performance.now();" },
  outdir: dist,
  outExtension: { ".js": ".cjs" },
  external: ["vscode"],
});
