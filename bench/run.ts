/**
 * `npm run bench`: the figures of issues 2, 3 and 6, over loopback with the offline responder,
 * issue 4's markdown rendering cost (in the browser alone), issue 10's console figures (7, 8), and
 * issue 13's page view and watcher bytes (9, 10), long open paragraph (12, in the browser alone),
 * layout per exchange over a 100-exchange conversation (13) and exchange #1 vs #100 bytes (14).
 * `BENCH_ONLY=13` runs only issue 13's figures.
 * Bounded: two backends (one per persistence policy), each 50 + 1 replies and one 8 KB reply;
 * one build (and main's, cached), 20 + 1 browser sends, 2 × 3 browser conversations of 100 exchanges; one 24 KB reply rendered five ways; stops by itself.
 */
import { DEFAULT_OFFLINE_TOKEN_DELAY_MS } from "../convex/providers/offline.ts";
import { startBenchBackend } from "./backend.ts";
import { ensureBuilt, measureBundleSize } from "./bundle-size.ts";
import { measureConversationLayout } from "./conversation-layout.ts";
import { measureFirstByte } from "./first-byte.ts";
import { measureConsoleBundleSize, measureConsoleRowUpdate } from "./console-row-update.ts";
import { measureKnowledgeRetrieval } from "./knowledge-retrieval.ts";
import { measureOpenParagraph } from "./markdown-open-paragraph.ts";
import { measureMarkdownRender } from "./markdown-render.ts";
import { measurePageView } from "./page-view.ts";
import { comparePolicies, type PolicyRun } from "./persist-policy.ts";
import { measureSendToFirstChar } from "./send-to-first-char.ts";
import { printFigure } from "./stats.ts";
import { measureWritesPerReply } from "./writes-per-reply.ts";
import { measureWatcherBytes } from "./watcher-bytes.ts";
import { measureExchangeBytes } from "./exchange-bytes.ts";

// The figures are of the offline responder; a configured model would make them about the network.
delete process.env.OPENAI_API_KEY;
const tokenDelayMs = Number(process.env.OFFLINE_TOKEN_DELAY_MS || DEFAULT_OFFLINE_TOKEN_DELAY_MS);
const FIRST_BYTE_REPLIES = 50;

console.log(
  `convex-chat benchmarks — ${new Date().toISOString()}, Node ${process.version}, ${(await import("node:os")).cpus().length} cores`,
);
const buildState = ensureBuilt();

if (process.env.BENCH_ONLY === "13") {
  const backend = await startBenchBackend({ env: { PERSIST_POLICY: "timed" }, name: "timed" });
  try {
    printFigure(10, await measurePageView(backend));
    printFigure(11, await measureWatcherBytes(backend, tokenDelayMs));
    printFigure(13, await measureConversationLayout(backend));
    printFigure(14, await measureExchangeBytes(backend));
  } finally {
    await backend.close();
  }
  printFigure(12, await measureOpenParagraph());
  process.exit(0);
}

// The component's default policy first, on its own backend, for figure [5] only.
const sentenceBackend = await startBenchBackend({ env: { PERSIST_POLICY: "sentence" }, name: "sentence" });
console.log(`backend with PERSIST_POLICY=sentence ${sentenceBackend.url}; its log: ${sentenceBackend.logFile}`);
let sentence: PolicyRun;
try {
  const firstByte = await measureFirstByte(sentenceBackend, FIRST_BYTE_REPLIES, tokenDelayMs);
  sentence = { firstByte, writes: (await measureWritesPerReply(sentenceBackend, tokenDelayMs)).values };
} finally {
  await sentenceBackend.close();
}

// Ours (the app's default): every figure.
const backend = await startBenchBackend({ env: { PERSIST_POLICY: "timed" }, name: "timed" });
console.log(`backend with PERSIST_POLICY=timed ${backend.url} (http routes ${backend.siteUrl}); its log: ${backend.logFile}`);
try {
  const firstByte = await measureFirstByte(backend, FIRST_BYTE_REPLIES, tokenDelayMs);
  printFigure(1, firstByte);
  const writes = await measureWritesPerReply(backend, tokenDelayMs);
  printFigure(2, writes);
  printFigure(3, measureBundleSize(buildState));
  printFigure(4, await measureSendToFirstChar(backend, 20, tokenDelayMs));
  printFigure(5, comparePolicies(sentence, { firstByte, writes: writes.values }, tokenDelayMs, FIRST_BYTE_REPLIES));
  printFigure(7, await measureConsoleRowUpdate(backend, 20));
  printFigure(8, measureConsoleBundleSize(buildState));
  printFigure(10, await measurePageView(backend));
  printFigure(11, await measureWatcherBytes(backend, tokenDelayMs));
  printFigure(13, await measureConversationLayout(backend));
  printFigure(14, await measureExchangeBytes(backend));
} finally {
  await backend.close();
}

// In the browser only, no backend: the renderer's cost per streamed update (issue 4).
printFigure(6, await measureMarkdownRender());
// The same renderer inside one long open paragraph, before and after issue 13's change.
printFigure(12, await measureOpenParagraph());

// Its own in-process backend with the local embedding model: retrieval quality and latency (issue 17).
printFigure(9, await measureKnowledgeRetrieval());
