/**
 * `npm run load`: 50 concurrent visitors on one local backend (child process), each a real
 * `ConvexClient` over `ws`, signed in anonymously, sending three messages in sequence and driving
 * each reply over POST /chat-stream. Every reply must complete with stored text equal to the
 * streamed text; any error or mismatch fails the run (exit code 1). Prints throughput and latency.
 *
 * Env: LOAD_VISITORS (50), LOAD_MESSAGES (3), OFFLINE_TOKEN_DELAY_MS (the responder's default pace).
 */
import { cpus, totalmem } from "node:os";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel.js";
import { DEFAULT_OFFLINE_TOKEN_DELAY_MS } from "../convex/providers/offline.ts";
import { startBenchBackend, statsDelta } from "./backend.ts";
import { ms, percentile } from "./stats.ts";
import { openVisitor, SITE_KEY, type Visitor } from "./visitor.ts";

delete process.env.OPENAI_API_KEY; // the offline responder: figures of this app, not of a network
const VISITORS = positiveInt("LOAD_VISITORS", 50);
const MESSAGES = positiveInt("LOAD_MESSAGES", 3);
const tokenDelayMs = Number(process.env.OFFLINE_TOKEN_DELAY_MS || DEFAULT_OFFLINE_TOKEN_DELAY_MS);
/** No single reply may take longer than this (they take seconds). */
const REPLY_DEADLINE_MS = 120_000;

type Reply = { sendMs: number; firstByteMs: number; doneMs: number; chars: number };

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** Drives one reply as its driver: returns the streamed text and when its first byte came. */
async function drive(siteUrl: string, token: string, streamId: string, sentAt: number) {
  const response = await fetch(`${siteUrl}/chat-stream?site=${SITE_KEY}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ streamId }),
    signal: AbortSignal.timeout(REPLY_DEADLINE_MS),
  });
  if (!response.ok || !response.body) throw new Error(`POST /chat-stream answered ${response.status}: ${await response.text()}`);
  const decoder = new TextDecoder();
  let text = "";
  let firstByteMs: number | undefined;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    firstByteMs ??= performance.now() - sentAt;
    text += decoder.decode(chunk, { stream: true });
  }
  if (firstByteMs === undefined || text.length === 0) throw new Error(`reply ${streamId} streamed nothing`);
  return { text, firstByteMs };
}

/** One visitor's whole session: sign in, then send and drive `MESSAGES` replies in sequence. */
async function runVisitor(index: number, url: string, siteUrl: string): Promise<Reply[]> {
  let visitor: Visitor | undefined;
  const replies: Reply[] = [];
  try {
    visitor = await openVisitor(url);
    let conversationId: Id<"conversations"> | undefined;
    for (let n = 1; n <= MESSAGES; n++) {
      const sentAt = performance.now();
      const sent = await visitor.client.mutation(api.chat.sendMessage, {
        siteKey: SITE_KEY,
        conversationId,
        text: `Visitor ${index}, question ${n}: which tea suits a cold evening?`,
        clientMessageId: `load-${index}-${n}`,
      });
      const sendMs = performance.now() - sentAt;
      conversationId = sent.conversationId;
      const { text, firstByteMs } = await drive(siteUrl, visitor.token, sent.streamId!, sentAt);
      const doneMs = performance.now() - sentAt;
      const messages = await visitor.client.query(api.chat.listMessages, { conversationId });
      const stored = messages.find((m) => m._id === sent.assistantMessageId);
      if (stored?.status !== "done") throw new Error(`reply ${sent.streamId} ended ${stored?.status ?? "missing"}`);
      if (stored.content !== text) {
        throw new Error(`reply ${sent.streamId}: stored ${stored.content.length} chars differ from the ${text.length} streamed`);
      }
      if (messages.length !== 2 * n) throw new Error(`conversation of visitor ${index} has ${messages.length} messages, not ${2 * n}`);
      replies.push({ sendMs, firstByteMs, doneMs, chars: text.length });
    }
    return replies;
  } finally {
    await visitor?.close();
  }
}

console.log(
  `convex-chat load — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
);
const backend = await startBenchBackend({ name: "load" });
console.log(`local backend ${backend.url} (http ${backend.siteUrl}), log ${backend.logFile}`);
let failed: boolean;
try {
  const before = await backend.stats();
  const start = performance.now();
  const outcomes = await Promise.allSettled(Array.from({ length: VISITORS }, (_, i) => runVisitor(i + 1, backend.url, backend.siteUrl)));
  const wallMs = performance.now() - start;
  const writes = statsDelta(before, await backend.stats());

  const replies = outcomes.flatMap((o) => (o.status === "fulfilled" ? o.value : []));
  const errors = outcomes.flatMap((o, i) => (o.status === "rejected" ? [`visitor ${i + 1}: ${String(o.reason)}`] : []));
  const expected = VISITORS * MESSAGES;
  const chars = replies.reduce((sum, r) => sum + r.chars, 0);
  console.log(`\n${VISITORS} visitors × ${MESSAGES} messages: ${replies.length}/${expected} replies complete, ${errors.length} errors`);
  for (const error of errors.slice(0, 10)) console.log(`  ERROR ${error}`);
  if (replies.length > 0) {
    const firstByte = replies.map((r) => r.firstByteMs);
    const done = replies.map((r) => r.doneMs);
    console.log(`  wall time ${(wallMs / 1000).toFixed(1)} s (sign-ins included)`);
    console.log(
      `  throughput ${(replies.length / (wallMs / 1000)).toFixed(1)} replies/s, ${Math.round(chars / (wallMs / 1000))} streamed chars/s (${chars} chars)`,
    );
    const send = replies.map((r) => r.sendMs);
    console.log(`  sendMessage round trip: p50 ${ms(percentile(send, 50))}, p95 ${ms(percentile(send, 95))}`);
    console.log(
      `  send -> first byte: p50 ${ms(percentile(firstByte, 50))}, p95 ${ms(percentile(firstByte, 95))}, max ${ms(Math.max(...firstByte))}`,
    );
    console.log(`  send -> reply done: p50 ${ms(percentile(done, 50))}, p95 ${ms(percentile(done, 95))}, max ${ms(Math.max(...done))}`);
    console.log(
      `  backend: ${writes.commits} commits, ${writes.documentsWritten} documents written (${(writes.documentsWritten / replies.length).toFixed(1)} per reply)`,
    );
  }
  console.log(
    `  method: one local backend in a child process (scripts/spawn-backend.mjs), offline responder at ` +
      `OFFLINE_TOKEN_DELAY_MS=${tokenDelayMs}; ${VISITORS} visitors started together in this process, each its own ConvexClient ` +
      `(own WebSocket) signed in with auth:signIn anonymous; per message: client.mutation(chat:sendMessage) with a clientMessageId, ` +
      `fetch POST /chat-stream read to its end, then client.query(chat:listMessages) must show the reply done with exactly the ` +
      `streamed text. Latencies are from before sendMessage; throughput is over the wall time of the whole run.`,
  );
  failed = errors.length > 0 || replies.length !== expected;
} finally {
  await backend.close();
}
if (failed) {
  console.log("\nFAILED: the load run had errors.");
  process.exitCode = 1;
} else {
  console.log("\nOK: every reply completed and its stored text equals the streamed text.");
}
