// Run before every Convex test file (vitest.config.ts `setupFiles`). The files share a worker and
// its modules (`isolate: false`), so what one file changes in the process must not reach the next:
// its environment (tests set variables, some without restoring them, e.g. a short
// REPLY_IDLE_TIMEOUT_MS that timed out the next file's replies) and fake timers.
// (Named *.setup.ts: two dots, so the Convex bundler never pushes it.)
import { afterAll, beforeAll, vi } from "vitest";

let environment: Record<string, string | undefined> = {};

beforeAll(() => {
  environment = { ...process.env };
});

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
  Object.assign(process.env, environment);
  vi.useRealTimers();
});
