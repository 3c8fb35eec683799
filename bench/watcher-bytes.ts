/**
 * Issue 13: bytes a watching tab receives for one 8 KB reply, side by side in the same reply:
 * subscribed to the whole body (`chat:getStreamBody`, before), by cursor re-subscribed at each new
 * length (`chat:streamChunksAfter`, the previous reader, kept here), and following the newest piece
 * (`chat:streamTail` + `chat:streamChunksAfter` for gaps, through the widget's core/cursor-reader.ts).
 * `npx tsx bench/watcher-bytes.ts` runs it alone (with its own backend).
 */
import { api } from "../convex/_generated/api.js";
import type { ConvexClient } from "convex/browser";
import { chatApi, type StreamBody, type StreamTail } from "../widget/src/core/api.ts";
import { readByCursor } from "../widget/src/core/cursor-reader.ts";
import { startBenchBackend, type BenchBackend } from "./backend.ts";
import { kib, printFigure, type Figure } from "./stats.ts";
import { openVisitor, postChatStream, SITE_KEY, type WireCounter } from "./visitor.ts";

const REPLY_CHARS = 8192;
const DEADLINE_MS = 120_000;

/**
 * The previous watcher (until the tail queries): subscribed to `chat:streamChunksAfter` at its
 * length, re-subscribed at the new length after each answer (three Transitions per piece).
 */
function readByResubscribing(client: ConvexClient, streamId: string, onBody: (body: StreamBody) => void): () => void {
  let text = "";
  let stopped = false;
  let unsubscribe: (() => void) | undefined;
  const subscribe = (offset: number) => {
    const previous = unsubscribe;
    unsubscribe = client.onUpdate(chatApi.streamChunksAfter, { streamId, offset }, (tail: StreamTail) => {
      if (stopped || tail.from > text.length) return;
      const next = text.slice(0, tail.from) + tail.text;
      const grew = next !== text;
      text = next;
      onBody({ text, status: tail.status });
      if (["done", "error", "timeout"].includes(tail.status)) return stop();
      if (grew) subscribe(text.length);
    });
    previous?.();
  };
  const stop = () => {
    stopped = true;
    unsubscribe?.();
    unsubscribe = undefined;
  };
  subscribe(0);
  return stop;
}

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
  const tailWire: WireCounter = { bytes: 0, messages: 0 };
  const whole = await openVisitor(backend.url, { token: driver.token, counter: wholeWire });
  const cursor = await openVisitor(backend.url, { token: driver.token, counter: cursorWire });
  const tail = await openVisitor(backend.url, { token: driver.token, counter: tailWire });
  try {
    const sent = await driver.client.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: `reply with ${REPLY_CHARS} characters` });
    const streamId = sent.streamId!;
    let wholeBody: StreamBody | undefined;
    let cursorBody: StreamBody | undefined;
    let tailBody: StreamBody | undefined;
    let tailError: Error | undefined;
    const stopWhole = whole.client.onUpdate(api.chat.getStreamBody, { streamId }, (body) => (wholeBody = body));
    const stopCursor = readByResubscribing(cursor.client, streamId, (body) => (cursorBody = body));
    const stopTail = readByCursor(
      tail.client,
      { tail: chatApi.streamTail, after: chatApi.streamChunksAfter, args: { streamId } },
      (body) => (tailBody = body),
      (error) => (tailError = error),
    );
    const bodies = () => [wholeBody, cursorBody, tailBody];
    await until("the watchers' first values", () => bodies().every((body) => body !== undefined));
    for (const wire of [wholeWire, cursorWire, tailWire]) Object.assign(wire, { bytes: 0, messages: 0 });
    const stream = await postChatStream(backend.siteUrl, driver.token, streamId);
    let driven = "";
    const decoder = new TextDecoder();
    for (let chunk = await stream.read(); !chunk.done; chunk = await stream.read()) driven += decoder.decode(chunk.value, { stream: true });
    const done = (body: StreamBody | undefined) => body?.status === "done" && body.text.length === REPLY_CHARS;
    await until("the watchers to see the whole reply", () => tailError !== undefined || bodies().every(done));
    if (tailError) throw tailError;
    if (bodies().some((body) => body!.text !== driven)) throw new Error("a watcher's text differs from the driven reply");
    const [w, c, n] = [{ ...wholeWire }, { ...cursorWire }, { ...tailWire }];
    stopWhole();
    stopCursor();
    stopTail();
    const line = (name: string, wire: WireCounter) =>
      `${name}: ${wire.bytes} bytes (${kib(wire.bytes)}) in ${wire.messages} WebSocket messages, ${(wire.bytes / REPLY_CHARS).toFixed(2)}× the reply`;
    return {
      title: "Issue 13 — bytes to a watching tab for one 8 KB reply: whole body (before) vs newest piece (after), same reply",
      results: [
        line("before, subscribed to chat:getStreamBody", w),
        line("by cursor, re-subscribed per chunk (previous: chat:streamChunksAfter)", c),
        line("after, newest piece (chat:streamTail + streamChunksAfter for gaps, core/cursor-reader.ts)", n),
        `after / before: ${(n.bytes / w.bytes).toFixed(3)}; target ≤ 2× the reply (${2 * REPLY_CHARS} bytes): ${n.bytes <= 2 * REPLY_CHARS ? "met" : "NOT met"}; ` +
          `all three ended with exactly the driven ${driven.length} characters`,
      ],
      method:
        `one reply "reply with ${REPLY_CHARS} characters" (offline responder, OFFLINE_TOKEN_DELAY_MS=${tokenDelayMs}) on the timed ` +
        `persistence policy, driven by POST /chat-stream; three more ConvexClients (ws) authenticated as the same visitor watch it ` +
        `at once: one subscribed to chat:getStreamBody; one following chat:streamChunksAfter re-subscribed at its new length after ` +
        `each answer (the previous reader); one with the widget's readByCursor (one subscription to chat:streamTail, the newest ` +
        `persisted piece; a one-shot chat:streamChunksAfter when it misses one); bytes are WebSocket message payloads each received from the POST ` +
        `until it saw status done with all ${REPLY_CHARS} characters (Transitions incl. the query-set changes, plus any Ping).`,
    };
  } finally {
    await Promise.all([driver.close(), whole.close(), cursor.close(), tail.close()]);
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
