import { defineConfig } from "vitest/config";

const shared = { environment: "node", testTimeout: 60_000, hookTimeout: 60_000 } as const;

// Node-side suites in two groups, one after the other:
// - `convex`: Convex function tests (convex-test, in process, loopback fakes on port 0). Files run
//   in parallel, one per core, sharing their worker's modules (`isolate: false`: the app and its
//   components load once per worker, not once per file: ~86 s instead of ~155 s, a third of the
//   CPU). What a file changes in the process (environment, timers) is put back when it ends
//   (convex/tests/file.setup.ts); convex-test runs each test's scheduled functions on its own database.
// - `node`: the local backend's protocol tests with the real ConvexClient and the end-to-end tests
//   that drive a real Chromium. They time streams and start servers: one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: "convex",
          include: ["convex/**/*.test.ts"],
          isolate: false,
          setupFiles: ["convex/tests/file.setup.ts"],
          sequence: { groupOrder: 0 },
        },
      },
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
