/**
 * `npm run bench`: the figures of issues 2 and 3, over loopback with the offline responder.
 * Bounded: 50 + 1 replies, one 8 KB reply, one build, 20 + 1 browser sends; stops by itself.
 */
import { DEFAULT_OFFLINE_TOKEN_DELAY_MS } from "../convex/providers/offline.ts";
import { startBenchBackend } from "./backend.ts";
import { ensureBuilt, measureBundleSize } from "./bundle-size.ts";
import { measureFirstByte } from "./first-byte.ts";
import { measureSendToFirstChar } from "./send-to-first-char.ts";
import { printFigure } from "./stats.ts";
import { measureWritesPerReply } from "./writes-per-reply.ts";

// The figures are of the offline responder; a configured model would make them about the network.
delete process.env.OPENAI_API_KEY;
const tokenDelayMs = Number(process.env.OFFLINE_TOKEN_DELAY_MS || DEFAULT_OFFLINE_TOKEN_DELAY_MS);

console.log(`convex-chat benchmarks — ${new Date().toISOString()}, Node ${process.version}, ${(await import("node:os")).cpus().length} cores`);
const buildState = ensureBuilt();
const backend = await startBenchBackend();
console.log(`local backend ${backend.url} (http routes ${backend.siteUrl}); its log: ${backend.logFile}`);
try {
  printFigure(1, await measureFirstByte(backend, 50, tokenDelayMs));
  printFigure(2, await measureWritesPerReply(backend, tokenDelayMs));
  printFigure(3, measureBundleSize(buildState));
  printFigure(4, await measureSendToFirstChar(backend, 20, tokenDelayMs));
} finally {
  await backend.close();
}
