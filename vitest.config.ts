import { defineConfig } from "vitest/config";

const shared = { environment: "node", testTimeout: 60_000, hookTimeout: 60_000 } as const;

// Node-side suites in two groups, one after the other:
// - `convex`: Convex function tests (convex-test, in process, loopback fakes on port 0). They share
//   nothing but the modules, so files run in parallel, one per core, without a fresh module graph
//   each (`isolate: false`: the app and its components load once per worker; ~86 s alone, not ~180).
// - `node`: the local backend's protocol tests with the real ConvexClient and the end-to-end tests
//   that drive a real Chromium. They time streams and start servers: one file at a time.
export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: "convex", include: ["convex/**/*.test.ts"], isolate: false, sequence: { groupOrder: 0 } } },
      {
        test: {
          ...shared,
          name: "node",
          include: ["local-backend/**/*.test.ts", "e2e/**/*.test.ts"],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
