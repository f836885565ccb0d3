import { defineConfig } from "vitest/config";

// Tests import "nomadkit" and its subpaths from the TypeScript sources (the "source"
// export condition), never from a stale dist/.
const conditions = ["source", "import", "module", "node", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["source"] } },
  test: {
    include: [
      "sdk/src/**/*.test.ts",
      "language-server/src/**/*.test.ts",
      "provisioners/src/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: "forks",
  },
});
