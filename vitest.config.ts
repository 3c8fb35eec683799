import { defineConfig } from "vitest/config";

const shared = { environment: "node", testTimeout: 60_000, hookTimeout: 60_000 } as const;

// Node-side suites in two groups, one after the other:
// - `convex`: Convex function tests (convex-test, in process, loopback fakes on port 0). They share
//   nothing, so files run in parallel, one per core. They stay isolated (vitest's default): with
//   `isolate: false` (twice as fast) a file's scheduled functions still pending when it ended ran
//   in the next file, against its database, where ids repeat from one instance to the next.
// - `node`: the local backend's protocol tests with the real ConvexClient and the end-to-end tests
//   that drive a real Chromium. They time streams and start servers: one file at a time.
export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: "convex", include: ["convex/**/*.test.ts"], sequence: { groupOrder: 0 } } },
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
