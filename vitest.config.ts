import { defineConfig } from "vitest/config";

// Tests import "nomadkit" and its subpaths from the TypeScript sources (the "source"
// export condition), never from a stale dist/. No "module" condition: packages such as the
// AWS SDK map it to bundler-only builds that Node can't load.
const conditions = ["source", "import", "node", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["source"] } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: "forks",
    // `vitest run --project editor` runs the VS Code e2e test alone, `--project e2e-cluster`
    // the cloud ones; `npm test` runs them all.
    projects: [
      {
        extends: true,
        test: {
          name: "default",
          include: [
            "sdk/src/**/*.test.ts",
            "language-server/src/**/*.test.ts",
            "extension/src/**/*.test.ts",
            "provisioners/src/**/*.test.ts",
            "test/**/*.test.ts",
          ],
          exclude: ["**/node_modules/**", "test/e2e-editor/**", "test/e2e-cluster/**"],
        },
      },
      {
        extends: true,
        test: { name: "editor", include: ["test/e2e-editor/**/*.test.ts"], testTimeout: 120_000 },
      },
      {
        // Slow: moto, a Docker engine and real Nomad agents. One file at a time.
        extends: true,
        test: {
          name: "e2e-cluster",
          include: ["test/e2e-cluster/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 600_000,
        },
      },
    ],
  },
});
