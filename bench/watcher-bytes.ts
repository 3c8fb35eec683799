/**
 * Issue 13: bytes a watching tab receives for one 8 KB reply, side by side in the same reply:
 * subscribed to the whole body (`chat:getStreamBody`, before) and reading by cursor
 * (`chat:streamChunksAfter` through the widget's own core/cursor-reader.ts, after).
 * `npx tsx bench/watcher-bytes.ts` runs it alone (with its own backend).
 */
import { api } from "../convex/_generated/api.js";
import { chatApi, type StreamBody } from "../widget/src/core/api.ts";
import { readByCursor } from "../widget/src/core/cursor-reader.ts";
import { startBenchBackend, type BenchBackend } from "./backend.ts";
import { kib, printFigure, type Figure } from "./stats.ts";
import { openVisitor, postChatStream, SITE_KEY, type WireCounter } from "./visitor.ts";

const REPLY_CHARS = 8192;
const DEADLINE_MS = 120_000;

async function until(what: string, accept: () => boolean): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!accept()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function measureWatcherBytes(backend: BenchBackend, tokenDelayMs: number): Promise<Figure> {
  const driver = await openVisitor(backend.url);
  const wholeWire: WireCounter = { bytes: 0, messages: 0 };
  const cursorWire: WireCounter = { bytes: 0, messages: 0 };
  const whole = await openVisitor(backend.url, { token: driver.token, counter: wholeWire });
  const cursor = await openVisitor(backend.url, { token: driver.token, counter: cursorWire });
  try {
    const sent = await driver.client.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: `reply with ${REPLY_CHARS} characters` });
    const streamId = sent.streamId!;
    let wholeBody: StreamBody | undefined;
    let cursorBody: StreamBody | undefined;
    const stopWhole = whole.client.onUpdate(api.chat.getStreamBody, { streamId }, (body) => (wholeBody = body));
    const stopCursor = readByCursor(
      cursor.client,
      { query: chatApi.streamChunksAfter, args: { streamId } },
      (body) => (cursorBody = body),
      (error) => {
        throw error;
      },
    );
    await until("both watchers' first value", () => wholeBody !== undefined && cursorBody !== undefined);
    for (const wire of [wholeWire, cursorWire]) Object.assign(wire, { bytes: 0, messages: 0 });
    const stream = await postChatStream(backend.siteUrl, driver.token, streamId);
    let driven = "";
    const decoder = new TextDecoder();
    for (let chunk = await stream.read(); !chunk.done; chunk = await stream.read()) driven += decoder.decode(chunk.value, { stream: true });
    const done = (body: StreamBody | undefined) => body?.status === "done" && body.text.length === REPLY_CHARS;
    await until("both watchers to see the whole reply", () => done(wholeBody) && done(cursorBody));
    if (cursorBody!.text !== driven || wholeBody!.text !== driven) throw new Error("a watcher's text differs from the driven reply");
    const [w, c] = [{ ...wholeWire }, { ...cursorWire }];
    stopWhole();
    stopCursor();
    const line = (name: string, wire: WireCounter) =>
      `${name}: ${wire.bytes} bytes (${kib(wire.bytes)}) in ${wire.messages} WebSocket messages, ${(wire.bytes / REPLY_CHARS).toFixed(2)}× the reply`;
    return {
      title: "Issue 13 — bytes to a watching tab for one 8 KB reply: whole body (before) vs by cursor (after), same reply",
      results: [
        line("before, subscribed to chat:getStreamBody", w),
        line("after, by cursor (chat:streamChunksAfter, core/cursor-reader.ts)", c),
        `after / before: ${(c.bytes / w.bytes).toFixed(3)}; target ≤ 2× the reply (${2 * REPLY_CHARS} bytes): ${c.bytes <= 2 * REPLY_CHARS ? "met" : "NOT met"}; ` +
          `both ended with exactly the driven ${driven.length} characters`,
      ],
      method:
        `one reply "reply with ${REPLY_CHARS} characters" (offline responder, OFFLINE_TOKEN_DELAY_MS=${tokenDelayMs}) on the timed ` +
        `persistence policy, driven by POST /chat-stream; two more ConvexClients (ws) authenticated as the same visitor watch it ` +
        `at once, one subscribed to chat:getStreamBody, one following chat:streamChunksAfter with the widget's readByCursor ` +
        `(re-subscribed at its new length after each answer); bytes are WebSocket message payloads each received from the POST ` +
        `until it saw status done with all ${REPLY_CHARS} characters (Transitions incl. the query-set changes, plus any Ping).`,
    };
  } finally {
    await Promise.all([driver.close(), whole.close(), cursor.close()]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const backend = await startBenchBackend({ env: { PERSIST_POLICY: "timed" }, name: "watcher" });
  try {
    printFigure(11, await measureWatcherBytes(backend, Number(process.env.OFFLINE_TOKEN_DELAY_MS || 25)));
  } finally {
    await backend.close();
  }
}
