import { defineConfig } from "vitest/config";

// Node-side suites: Convex function tests (convex-test), the local backend's protocol tests with the
// real ConvexClient, and end-to-end tests that drive a real Chromium with playwright-core.
export default defineConfig({
  test: {
    include: ["convex/**/*.test.ts", "local-backend/**/*.test.ts", "e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: run files one at a time so timing-sensitive streams are not starved.
    fileParallelism: false,
  },
});
