import { defineConfig } from "vitest/config";

// Tests import "nomadkit" and its subpaths from the TypeScript sources (the "source"
// export condition), never from a stale dist/.
const conditions = ["source", "import", "module", "node", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["source"] } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: "forks",
    // `vitest run --project editor` runs the VS Code e2e test alone; `npm test` runs both.
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
          exclude: ["**/node_modules/**", "test/e2e-editor/**"],
        },
      },
      {
        extends: true,
        test: { name: "editor", include: ["test/e2e-editor/**/*.test.ts"], testTimeout: 120_000 },
      },
    ],
  },
});
