// Convex function test files share their worker's modules (vitest.config.ts: `isolate: false`, about
// half the time of a fresh module graph per file), so each file must leave nothing to the next:
// no scheduled function still to run, no environment variable it set.
import { afterAll, beforeAll } from "vitest";
import { settleOpenConvexTests } from "./convexTest.helpers";

let envAtStart: Record<string, string | undefined> = {};

beforeAll(() => {
  envAtStart = { ...process.env };
});

// Registered first, so it runs after the file's own afterAll hooks (vitest runs them as a stack).
afterAll(async () => {
  await settleOpenConvexTests();
  for (const name of Object.keys(process.env)) if (!(name in envAtStart)) delete process.env[name];
  Object.assign(process.env, envAtStart);
});
