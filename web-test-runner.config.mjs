// Browser tests of the widget: real headless Chromium (scripts/chromium.mjs), real local backend.
// The backend, a loopback server that accepts connections and never answers (hung sign-ins) and
// one that starts a streamed answer and then goes quiet (stuck response bodies) start on free ports
// with the dev server; tests fetch their URLs from /__backend.json.
import { createHmac, randomBytes } from "node:crypto";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultReporter } from "@web/test-runner";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { playwrightLauncher } from "@web/test-runner-playwright";
import { spawnBackend } from "./scripts/spawn-backend.mjs";
import { startCuttingProxy } from "./scripts/cutting-proxy.mjs";
import { chromiumArgs, findChromium } from "./scripts/chromium.mjs";
import { bundleTestFilesPlugin } from "./scripts/bundle-test-files.mjs";

const backendLog = join(tmpdir(), "convex-chat-wtr-backend.log");
// The demo site's identity secret for this run: tests sign customer identities with it, standing in
// for a host site's server (scripts/backend-child.ts gives it to the seeded `demo` site).
const demoIdentitySecret = randomBytes(32).toString("hex");
/**
 * The console tests' sites. Files run side by side, so a test that counts what arrives on its site
 * (the inbox's rows, the handoff's title count, the notifications) has a site of its own.
 */
const CONSOLE_SITE_NAMES = {
  "console-a": "Console A",
  "console-b": "Console B",
  "console-inbox": "Console inbox",
  "console-handoff": "Console handoff",
  "console-notifications": "Console notifications",
};
/**
 * Sites besides `demo` for tests that need other settings: `limited` refuses a second message
 * within a minute; `switchable` is one a test turns off (command `update-site`); `elsewhere` allows
 * another origin than the test page's (its stream route refuses the page); `no-handoff` offers no
 * person; `short-replies` cuts replies at 150 tokens. The console's tests work on `console-a` and `console-b`, whose operators they create
 * (command `invite`), so that no other test's conversations show in their inboxes.
 */
const EXTRA_SITES = [
  { key: "elsewhere", name: "Another origin's", allowedOrigins: ["https://elsewhere.example"], enabled: true },
  { key: "switchable", name: "Turned off by a test", allowedOrigins: ["http://localhost:*", "http://127.0.0.1:*"], enabled: true },
  {
    key: "limited",
    name: "Small limits",
    allowedOrigins: ["http://localhost:*", "http://127.0.0.1:*"],
    enabled: true,
    limits: { visitorMessagesPerMinute: 1, visitorBurst: 1 },
  },
  // Offers no person: the widget must not show "Talk to a person", even before any conversation.
  {
    key: "no-handoff",
    name: "AI only",
    allowedOrigins: ["http://localhost:*", "http://127.0.0.1:*"],
    enabled: true,
    greeting: "Only the AI answers here.",
    humanHandoff: false,
  },
  // Replies of at most 150 tokens (600 characters): a long answer is cut at its length limit.
  {
    key: "short-replies",
    name: "Short replies",
    allowedOrigins: ["http://localhost:*", "http://127.0.0.1:*"],
    enabled: true,
    model: { maxOutputTokens: 150 },
    limits: { visitorMessagesPerMinute: 600, visitorBurst: 100 },
  },
  ...Object.entries(CONSOLE_SITE_NAMES).map(([key, name]) => ({
    key,
    name,
    allowedOrigins: ["http://localhost:*", "http://127.0.0.1:*"],
    enabled: true,
    limits: { visitorMessagesPerMinute: 600, visitorBurst: 100, maxConversationsPerVisitor: 100 },
  })),
];
/** Sites whose operators tests may invite (command `invite`). */
const CONSOLE_SITES = new Set(Object.keys(CONSOLE_SITE_NAMES));
/** The run's backend, once started (the proxy plugin forwards to it). */
let runBackend;

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
      backend = await spawnBackend({
        env: {
          OFFLINE_TOKEN_DELAY_MS: "8",
          DEMO_IDENTITY_SECRET: demoIdentitySecret,
          EXTRA_SITES: JSON.stringify(EXTRA_SITES),
          // One backend serves every browser test file at once: their staff sign-ups (unique
          // operators) and owner sign-ins together can pass the deployment's auth limits, which
          // convex/tests/authLimits.test.ts tests at their own settings.
          PASSWORD_SIGN_UPS_PER_MINUTE: "100000",
          STAFF_SESSIONS_PER_HOUR: "100000",
        },
        logFile: backendLog,
      });
      runBackend = backend;
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
      return {
        body: JSON.stringify({ url: backend.url, siteUrl: backend.siteUrl, silentUrl, stallingUrl, demoIdentitySecret }),
        type: "json",
      };
    },
    // executeServerCommand("update-site", { key, enabled }): runs sites:update on the run's backend
    // (only the `switchable` site, so that no test can change what the others rely on).
    async executeCommand({ command, payload }) {
      // executeServerCommand("invite", { siteKey, email, role }): an invitation code, as the
      // deployment's operator makes one (`npx convex run operators:invite`), for the console sites only.
      if (command === "invite") {
        if (!CONSOLE_SITES.has(payload?.siteKey)) throw new Error("invite works on the console test sites only");
        return await backend.runMutation("operators:invite", payload);
      }
      // executeServerCommand("seed-exchanges", { conversationId, exchanges }): adds that many finished
      // exchanges to a conversation at once (convex/conversationSeed.ts), for tests of long ones.
      if (command === "seed-exchanges") {
        return await backend.runMutation("conversationSeed:seedExchanges", {
          conversationId: payload?.conversationId,
          exchanges: payload?.exchanges,
        });
      }
      if (command !== "update-site") return undefined;
      if (payload?.key !== "switchable") throw new Error("update-site changes the site `switchable` only");
      await backend.runMutation("sites:update", payload);
      return true;
    },
  };
}

/**
 * A host site's identity route (what the WordPress plugin's REST route does): `/__identity`
 * answers the customer named by the `test-customer` cookie, signed with the demo site's secret,
 * with `no-store`; without the cookie, 401 (nobody logged in). Tests log in and out by setting
 * the cookie.
 */
function identityRoute(context, next) {
  if (context.path === "/__operator-identity") return operatorIdentityRoute(context);
  if (context.path !== "/__identity") return next();
  context.set("Cache-Control", "no-store");
  context.type = "json";
  const customerId = /(?:^|;\s*)test-customer=([^;]+)/.exec(context.get("cookie") ?? "")?.[1];
  if (!customerId) {
    context.status = 401;
    context.body = JSON.stringify({ code: "not_logged_in" });
    return undefined;
  }
  const expiresAt = Date.now() + 10 * 60_000;
  const signature = createHmac("sha256", demoIdentitySecret).update(`demo:${customerId}:${expiresAt}`).digest("hex");
  context.body = JSON.stringify({ customerId, expiresAt, signature });
  return undefined;
}

/** The same for the console: the `test-operator` cookie's staff member as an operator of `demo`. */
function operatorIdentityRoute(context) {
  context.set("Cache-Control", "no-store");
  context.type = "json";
  const operatorId = /(?:^|;\s*)test-operator=([^;]+)/.exec(context.get("cookie") ?? "")?.[1];
  if (!operatorId) {
    context.status = 401;
    context.body = JSON.stringify({ code: "not_logged_in" });
    return undefined;
  }
  const expiresAt = Date.now() + 10 * 60_000;
  const email = `staff-${operatorId}@demo.test`;
  const message = `operator/v1:demo:${operatorId}:${email}:${expiresAt}`;
  const signature = createHmac("sha256", demoIdentitySecret).update(message).digest("hex");
  context.body = JSON.stringify({ siteKey: "demo", operatorId, email, expiresAt, signature });
  return undefined;
}

/**
 * Proxies in front of the backend's sync and http-actions ports that tests drive with the
 * `proxy` command (executeServerCommand("proxy", { action })): `urls` (their origins), `cut` every
 * live connection, `refuse`/`accept` new ones, `mute`/`unmute` the server's answers, `reset`,
 * `stats`. Each test file has a pair of its own, started on its first command: files run side by
 * side, and one file's `refuse` or `reset` must not reach another's connections.
 */
function proxyPlugin() {
  /** Per test session: its pair of proxies (a promise while they start). */
  const pairs = new Map();
  const pairOf = (sessionId) => {
    let pair = pairs.get(sessionId);
    if (!pair) {
      pair = Promise.all([startCuttingProxy(runBackend.url), startCuttingProxy(runBackend.siteUrl)]);
      pairs.set(sessionId, pair);
    }
    return pair;
  };
  const actions = {
    urls: ([sync, site]) => ({ url: sync.url, siteUrl: site.url }),
    cut: (both) => both.reduce((count, proxy) => count + proxy.cut(), 0),
    refuse: (both) => both.forEach((proxy) => proxy.setRefusing(true)),
    accept: (both) => both.forEach((proxy) => proxy.setRefusing(false)),
    mute: (both) => both.forEach((proxy) => proxy.setMuted(true)),
    unmute: (both) => both.forEach((proxy) => proxy.setMuted(false)),
    reset: (both) => both.forEach((proxy) => (proxy.setRefusing(false), proxy.setMuted(false))),
    stats: ([sync, site]) => ({ sync: sync.stats(), site: site.stats() }),
  };
  return {
    name: "convex-chat-proxy",
    async serverStop() {
      const all = await Promise.all(pairs.values());
      await Promise.all(all.flat().map((proxy) => proxy.close()));
    },
    async executeCommand({ command, payload, session }) {
      if (command !== "proxy") return undefined;
      const action = actions[payload?.action];
      if (!action) throw new Error(`Unknown proxy action ${JSON.stringify(payload?.action)}`);
      return action(await pairOf(session.id)) ?? true;
    },
  };
}

/**
 * A second backend whose AI provider is unreachable (an OpenAI base URL on a closed port), so every
 * reply fails on the server like a real provider outage: tests of failed replies (Retry) use it.
 * Started on the first request for /__failing-backend.json only.
 */
function failingBackendPlugin() {
  let started;
  return {
    name: "convex-chat-failing-backend",
    async serve(context) {
      if (context.path !== "/__failing-backend.json") return undefined;
      started ??= spawnBackend({
        env: { OPENAI_API_KEY: "unreachable-provider", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" },
        logFile: join(tmpdir(), "convex-chat-wtr-failing-backend.log"),
      });
      const { url, siteUrl } = await started;
      return { body: JSON.stringify({ url, siteUrl }), type: "json" };
    },
    async serverStop() {
      await (await started)?.close();
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
/** `WTR_SLOWEST=10`: the ten test files whose tests took longest, for whoever shortens the suite. */
function printSlowest(sessions, count) {
  const total = (suite) =>
    suite.tests.reduce((sum, test) => sum + (test.duration ?? 0), 0) + suite.suites.reduce((sum, s) => sum + total(s), 0);
  const files = sessions.filter((s) => s.testResults).map((s) => [total(s.testResults), s.testFile]);
  files.sort((a, b) => b[0] - a[0]);
  for (const [ms, file] of files.slice(0, count)) console.log(`${(ms / 1000).toFixed(1).padStart(7)} s  ${file}`);
}

function summaryReporter() {
  let summary;
  process.once("exit", () => {
    // A run that never finished (crash, server failed to start) counts as a failure.
    const { passed, failed } = summary ?? { passed: 0, failed: 1 };
    console.log(`wtr: ${passed} passed, ${failed} failed`);
  });
  return {
    onTestRunFinished({ sessions }) {
      if (process.env.WTR_SLOWEST) printSlowest(sessions, Number(process.env.WTR_SLOWEST));
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

/** A port free right now: wtr's default (8000) collides when two runs share the machine. */
async function freePort() {
  const server = createServer();
  await listening(server);
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export default {
  files: ["widget/src/**/*.test.ts"],
  port: await freePort(),
  nodeResolve: true,
  // Three files at a time: the tests mostly wait on streams and timers, each page has its own
  // browser context (storage), and a test that counts what arrives on a site has a site of its own
  // (CONSOLE_SITE_NAMES). `WTR_CONCURRENCY=1` runs them one by one.
  concurrency: Number(process.env.WTR_CONCURRENCY ?? 3),
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  // One retry: the suites share one backend, and a test can meet another's leftovers (an operator
  // still "online" for 60 s, a site setting mid-change). A test that fails twice fails the run.
  testFramework: { config: { timeout: 60_000, retries: Number(process.env.WTR_RETRIES ?? 1) } },
  middleware: [identityRoute],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: "./widget/tsconfig.json" }),
    bundleTestFilesPlugin({ tsconfig: "widget/tsconfig.json" }),
    backendPlugin(),
    proxyPlugin(),
    failingBackendPlugin(),
  ],
  browsers: [
    playwrightLauncher({
      product: "chromium",
      launchOptions: { executablePath: await findChromium(), args: chromiumArgs },
      // The Copy button's test reads back what was written to the clipboard.
      createBrowserContext: ({ browser }) => browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] }),
    }),
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
