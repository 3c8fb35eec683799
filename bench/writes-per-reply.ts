/**
 * Issue 2: database writes for one fixed 8 KB reply, and the bytes pushed over the WebSocket to a
 * second tab of the same visitor that reads the reply through chat:getStreamBody meanwhile.
 */
import { api } from "../convex/_generated/api.js";
import { statsDelta, type BenchBackend } from "./backend.ts";
import { kib, type Figure } from "./stats.ts";
import { openVisitor, postChatStream, SITE_KEY, type WireCounter } from "./visitor.ts";

const REPLY_CHARS = 8192;
const DEADLINE_MS = 120_000;

/** Resolves once `accept(read())` holds; polls, with a deadline. */
async function until(what: string, accept: () => boolean): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!accept()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The raw values behind the figure, for the side-by-side comparison (bench/persist-policy.ts). */
export type WritesPerReply = { commits: number; chunkWrites: number; watcherBytes: number; watcherMessages: number };

export async function measureWritesPerReply(backend: BenchBackend, tokenDelayMs: number): Promise<Figure & { values: WritesPerReply }> {
  const driver = await openVisitor(backend.url);
  const wire: WireCounter = { bytes: 0, messages: 0 };
  const reader = await openVisitor(backend.url, { token: driver.token, counter: wire });
  try {
    const sent = await driver.client.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: `reply with ${REPLY_CHARS} characters` });
    let body: { text: string; status: string } | undefined;
    let messages: { _id: string; status?: string }[] = [];
    const stopBody = reader.client.onUpdate(api.chat.getStreamBody, { streamId: sent.streamId! }, (b) => (body = b));
    const stopList = driver.client.onUpdate(api.chat.listMessages, { conversationId: sent.conversationId }, (m) => (messages = m));
    await until("the reader's first value", () => body !== undefined);
    const replyDone = () => messages.find((m) => m._id === sent.assistantMessageId)?.status === "done";

    const before = await backend.stats();
    wire.bytes = 0;
    wire.messages = 0;
    const stream = await postChatStream(backend.siteUrl, driver.token, sent.streamId!);
    let streamedBytes = 0;
    for (let chunk = await stream.read(); !chunk.done; chunk = await stream.read()) streamedBytes += chunk.value.length;
    await until("the reader to see the whole reply", () => body?.status === "done" && body.text.length === REPLY_CHARS);
    await until("the message to be done", replyDone);
    const pushed = { ...wire };
    const writes = statsDelta(before, await backend.stats());
    stopBody();
    stopList();

    const chunks = writes.documentsWrittenByTable.chunks ?? 0;
    const tables = Object.entries(writes.documentsWrittenByTable)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ");
    return {
      values: { commits: writes.commits, chunkWrites: chunks, watcherBytes: pushed.bytes, watcherMessages: pushed.messages },
      title: "Issue 2 — database writes per reply, fixed 8 KB reply (and WebSocket bytes to a reader)",
      results: [
        `${writes.commits} write transactions (commits), ${writes.documentsWritten} documents written (${tables})`,
        `component chunk writes: ${chunks} (one chunk document per persisted piece of text)`,
        `driver received ${streamedBytes} bytes of reply body`,
        `reader subscribed to chat:getStreamBody received ${pushed.bytes} bytes (${kib(pushed.bytes)}) in ${pushed.messages} WebSocket messages ` +
          `while the reply streamed: ${(pushed.bytes / REPLY_CHARS).toFixed(1)}× the reply's size`,
      ],
      method:
        `message "reply with ${REPLY_CHARS} characters" (the offline responder's recipe: exactly ${REPLY_CHARS} ASCII characters, ` +
        `word tokens) at OFFLINE_TOKEN_DELAY_MS=${tokenDelayMs}; write statistics from the backend's stats() (GET /_stats) just before ` +
        `POST /chat-stream and after the reply is done (driver body ended, reader saw status done with all ${REPLY_CHARS} characters, ` +
        `the assistant message's status done) — a commit is a committed top-level transaction that wrote documents, nested ` +
        `component mutations included; documents by table from the write syscalls. The reader is a second ConvexClient ` +
        `authenticated as the same visitor (another tab), subscribed before the POST; bytes are WebSocket message payloads ` +
        `received from the POST until done (Transitions, plus any Ping). Nothing else ran on the backend meanwhile.`,
    };
  } finally {
    await Promise.all([driver.close(), reader.close()]);
  }
}
