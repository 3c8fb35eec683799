// Browser tests of the widget: real headless Chromium (scripts/chromium.mjs), real local backend.
// The backend, a loopback server that accepts connections and never answers (hung sign-ins) and
// one that starts a streamed answer and then goes quiet (stuck response bodies) start on free ports
// with the dev server; tests fetch their URLs from /__backend.json.
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultReporter } from "@web/test-runner";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { playwrightLauncher } from "@web/test-runner-playwright";
import { spawnBackend } from "./scripts/spawn-backend.mjs";
import { chromiumArgs, findChromium } from "./scripts/chromium.mjs";

const backendLog = join(tmpdir(), "convex-chat-wtr-backend.log");

/** A stream route that answers 200, sends one piece of text and then nothing, for ever. */
function stallingServer(sockets) {
  return createHttpServer((request, response) => {
    const cors = {
      "Access-Control-Allow-Origin": request.headers.origin ?? "*",
      "Access-Control-Allow-Headers": "Authorization, Content-Type",
      "Access-Control-Allow-Methods": "POST, OPTIONS",
    };
    if (request.method === "OPTIONS") return void response.writeHead(204, cors).end();
    response.writeHead(200, { ...cors, "Content-Type": "text/plain; charset=utf-8" });
    response.write("Stalled");
  }).on("connection", (socket) => sockets.add(socket.on("close", () => sockets.delete(socket))));
}

const listening = (server) => new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

/** Starts the local backend and the silent and stalling servers for the run; serves their URLs. */
function backendPlugin() {
  let backend;
  let silent;
  let stalling;
  const silentSockets = new Set();
  return {
    name: "convex-chat-backend",
    async serverStart() {
      // Slow enough that a reply visibly grows, fast enough to keep the run short.
      backend = await spawnBackend({ env: { OFFLINE_TOKEN_DELAY_MS: "8" }, logFile: backendLog });
      silent = createServer((socket) => silentSockets.add(socket.on("close", () => silentSockets.delete(socket))));
      stalling = stallingServer(silentSockets);
      await Promise.all([listening(silent), listening(stalling)]);
    },
    async serverStop() {
      for (const socket of silentSockets) socket.destroy();
      silent?.close();
      stalling?.close();
      await backend?.close();
    },
    serve(context) {
      if (context.path !== "/__backend.json") return undefined;
      const silentUrl = `http://127.0.0.1:${silent.address().port}`;
      const stallingUrl = `http://127.0.0.1:${stalling.address().port}`;
      return { body: JSON.stringify({ url: backend.url, siteUrl: backend.siteUrl, silentUrl, stallingUrl }), type: "json" };
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
