// Browser tests of the widget: real headless Chromium (scripts/chromium.mjs), real local backend.
// The backend (and a loopback server that accepts connections and never answers, for hang tests)
// starts on free ports with the dev server; tests fetch their URLs from /__backend.json.
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultReporter } from "@web/test-runner";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { playwrightLauncher } from "@web/test-runner-playwright";
import { spawnBackend } from "./e2e/spawn-backend.mjs";
import { chromiumArgs, findChromium } from "./scripts/chromium.mjs";

const backendLog = join(tmpdir(), "convex-chat-wtr-backend.log");

/** Starts the local backend and a silent server for the run; serves their URLs to the tests. */
function backendPlugin() {
  let backend;
  let silent;
  const silentSockets = new Set();
  return {
    name: "convex-chat-backend",
    async serverStart() {
      // Slow enough that a reply visibly grows, fast enough to keep the run short.
      backend = await spawnBackend({ env: { OFFLINE_TOKEN_DELAY_MS: "8" }, logFile: backendLog });
      silent = createServer((socket) => silentSockets.add(socket.on("close", () => silentSockets.delete(socket))));
      await new Promise((resolve) => silent.listen(0, "127.0.0.1", resolve));
    },
    async serverStop() {
      for (const socket of silentSockets) socket.destroy();
      silent?.close();
      await backend?.close();
    },
    serve(context) {
      if (context.path !== "/__backend.json") return undefined;
      const silentUrl = `http://127.0.0.1:${silent.address().port}`;
      return { body: JSON.stringify({ url: backend.url, siteUrl: backend.siteUrl, silentUrl }), type: "json" };
    },
  };
}

function countTests(suite) {
  let passed = 0;
  let failed = 0;
  for (const test of suite?.tests ?? []) {
    if (test.skipped) continue;
    if (test.passed) passed += 1;
    else failed += 1;
  }
  for (const child of suite?.suites ?? []) {
    const counts = countTests(child);
    passed += counts.passed;
    failed += counts.failed;
  }
  return { passed, failed };
}

/** Ends the output with one line `wtr: N passed, N failed` for CI (printed at exit: see notes). */
function summaryReporter() {
  let summary;
  process.once("exit", () => {
    // A run that never finished (crash, server failed to start) counts as a failure.
    const { passed, failed } = summary ?? { passed: 0, failed: 1 };
    console.log(`wtr: ${passed} passed, ${failed} failed`);
  });
  return {
    onTestRunFinished({ sessions }) {
      summary = { passed: 0, failed: 0 };
      for (const session of sessions) {
        const counts = countTests(session.testResults);
        summary.passed += counts.passed;
        // A file that failed to load (or errored outside a test) has no failed test: count it.
        summary.failed += counts.failed + (session.passed === false && counts.failed === 0 ? 1 : 0);
      }
    },
  };
}

export default {
  files: ["widget/src/**/*.test.ts"],
  nodeResolve: true,
  // The tests share one backend, one storage origin and two cores: run files one at a time.
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 60_000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: "./tsconfig.json" }), backendPlugin()],
  browsers: [
    playwrightLauncher({
      product: "chromium",
      launchOptions: { executablePath: await findChromium(), args: chromiumArgs },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
