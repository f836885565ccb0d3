import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Tests run against TypeScript sources, not the compiled dist/.
    conditions: ["source"],
  },
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
