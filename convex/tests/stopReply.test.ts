import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getFunctionName } from "convex/server";
import { ConvexError } from "convex/values";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { api, components, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { startOpenAIServer, type OpenAIServer } from "./openaiServer.helpers";
import { setEnv, streamRequest, waitFor } from "./stream.helpers";
import { lastMessage, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

let t: ChatTest;
let visitor: Visitor;
let restoreEnv: () => void;
let provider: Server | undefined;
let openai: OpenAIServer | undefined;

beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "5", OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});
afterEach(async () => {
  provider?.closeAllConnections();
  await new Promise((resolve) => (provider ? provider.close(resolve) : resolve(null)));
  provider = undefined;
  await openai?.close();
  openai = undefined;
  restoreEnv();
});

const LONG_REPLY = "Tell me everything; reply with 6000 characters";

async function send(text = LONG_REPLY) {
  return await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text });
}

async function componentStream(streamId: string) {
  return await t.run((ctx) => ctx.runQuery(components.persistentTextStreaming.lib.getStreamText, { streamId }));
}

/** Starts driving the reply; returns a reader that collects the streamed text. */
async function drive(streamId: string) {
  const response = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(streamId));
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const state = { text: "" };
  const ended = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return state.text;
      state.text += decoder.decode(value, { stream: true });
    }
  })();
  return { state, ended };
}

/**
 * The states of the stop fallbacks (replyWatchdog:endStoppedReply) scheduled for the reply, oldest
 * first. One still `pending` when the reply is already final shows generation ended it itself.
 */
async function stopFallbacks(messageId: Id<"messages">): Promise<string[]> {
  const name = getFunctionName(internal.replyWatchdog.endStoppedReply);
  const jobs = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
  return jobs.filter((job) => job.name === name && job.args[0]?.messageId === messageId).map((job) => job.state.kind);
}

async function assistantId(conversationId: Id<"conversations">): Promise<Id<"messages">> {
  return (await lastMessage(visitor, conversationId))._id;
}

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConvexError);
  expect((error as ConvexError<{ code: string }>).data.code).toBe(code);
}

describe("chat:stopReply", () => {
  test("refuses a stream of another visitor, and an unknown id, with NOT_FOUND and changes nothing", async () => {
    const sent = await send("Hello");
    const intruder = await signInVisitor(t);
    await expectCode(intruder.as.mutation(api.chat.stopReply, { streamId: sent.streamId! }), "NOT_FOUND");
    await expectCode(visitor.as.mutation(api.chat.stopReply, { streamId: "not-a-stream" }), "NOT_FOUND");
    await expectCode(t.mutation(api.chat.stopReply, { streamId: sent.streamId! }), "UNAUTHENTICATED");
    expect(await lastMessage(visitor, sent.conversationId)).toMatchObject({ status: "pending", content: "" });
  });

  test("a reply stopped before anyone drives it ends at once, empty, and can no longer be driven", async () => {
    const sent = await send("Hello");
    await visitor.as.mutation(api.chat.stopReply, { streamId: sent.streamId! });
    expect(await lastMessage(visitor, sent.conversationId)).toMatchObject({ status: "stopped", content: "" });
    // The component's readers see a finished, empty body (useStream has no "stopped").
    expect(await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! })).toEqual({ text: "", status: "done" });
    expect((await componentStream(sent.streamId!)).status).toBe("done");
    const response = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(sent.streamId!));
    expect(response.status).toBe(409);
  });

  test("a stop mid-reply ends generation: the partial text is kept, marked stopped, and nothing is written after", async () => {
    const sent = await send();
    const { state, ended } = await drive(sent.streamId!);
    await waitFor(
      async () => state.text.length,
      (n) => n > 200,
    );
    await visitor.as.mutation(api.chat.stopReply, { streamId: sent.streamId! });
    const streamed = await ended; // the driver's body ends: generation is over

    expect(streamed.length).toBeGreaterThan(200);
    expect(streamed.length).toBeLessThan(6000);
    const stored = await lastMessage(visitor, sent.conversationId);
    expect(stored).toMatchObject({ role: "assistant", status: "stopped", content: streamed });
    expect(stored.error).toBeUndefined();
    expect(await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! })).toEqual({ text: streamed, status: "done" });
    // Every character the driver got is persisted once, and the stream is closed.
    expect(await componentStream(sent.streamId!)).toEqual({ text: streamed, status: "done" });

    // Generation ended it (the body closes only after its final write), before the fallback ran.
    const messageId = await assistantId(sent.conversationId);
    expect(await stopFallbacks(messageId)).toEqual(["pending"]);
    const atEnd = await visitor.as.query(api.chat.listMessages, { conversationId: sent.conversationId });
    // Nothing is written later: once the fallback has run (the last thing that could write to
    // this reply), the text and the messages are exactly what they were when generation ended.
    await waitFor(
      () => stopFallbacks(messageId),
      (states) => states[0] === "success",
    );
    expect(await componentStream(sent.streamId!)).toEqual({ text: streamed, status: "done" });
    expect(await visitor.as.query(api.chat.listMessages, { conversationId: sent.conversationId })).toEqual(atEnd);
  });

  test("a stop while the AI provider stalls mid-stream ends the reply from generation, with the text so far, and aborts the request", async () => {
    const pieces = Array.from({ length: 30 }, (_, i) => `word${i} `);
    const sentBeforeStall = pieces.slice(0, 6).join("");
    openai = await startOpenAIServer({ pieces, holdAfter: 6 }); // then sends nothing until released
    setEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.baseUrl });

    const sent = await send("Go on");
    const { state, ended } = await drive(sent.streamId!);
    await waitFor(
      async () => state.text,
      (text) => text === sentBeforeStall,
    );
    // Once all of it is persisted no write is left whose answer could tell of the stop: only the
    // timed check can.
    await waitFor(
      () => componentStream(sent.streamId!),
      (stream) => stream.text === sentBeforeStall,
    );
    await visitor.as.mutation(api.chat.stopReply, { streamId: sent.streamId! });
    const streamed = await ended; // ends although the provider never sends another byte

    expect(streamed).toBe(sentBeforeStall);
    const messageId = await assistantId(sent.conversationId);
    // Ended by generation: the fallback had not run yet when the body closed.
    expect(await stopFallbacks(messageId)).toEqual(["pending"]);
    expect(await lastMessage(visitor, sent.conversationId)).toMatchObject({ status: "stopped", content: sentBeforeStall });
    expect(await componentStream(sent.streamId!)).toEqual({ text: sentBeforeStall, status: "done" });
    await waitFor(async () => openai!.requests[0]?.closedEarly, Boolean);
    expect(openai.requests).toHaveLength(1);

    // The fallback, when it runs, finds the reply final and changes nothing.
    const atEnd = await visitor.as.query(api.chat.listMessages, { conversationId: sent.conversationId });
    await waitFor(
      () => stopFallbacks(messageId),
      (states) => states[0] === "success",
    );
    expect(await visitor.as.query(api.chat.listMessages, { conversationId: sent.conversationId })).toEqual(atEnd);
    expect(await componentStream(sent.streamId!)).toEqual({ text: sentBeforeStall, status: "done" });
  });

  test("a stop aborts the AI provider's HTTP request", async () => {
    const seen = { requests: 0, closed: false };
    provider = createServer((req, res) => {
      seen.requests++;
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      // Streams tokens until the client goes away.
      const timer = setInterval(() => {
        const chunk = { choices: [{ index: 0, delta: { content: "word " }, finish_reason: null }] };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      }, 10);
      res.on("close", () => {
        clearInterval(timer);
        seen.closed = true;
      });
    });
    await new Promise<void>((resolve) => provider!.listen(0, "127.0.0.1", resolve));
    const { port } = provider.address() as AddressInfo;
    setEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` });

    const sent = await send("Go on");
    const { state, ended } = await drive(sent.streamId!);
    await waitFor(
      async () => state.text.length,
      (n) => n > 50,
    );
    await visitor.as.mutation(api.chat.stopReply, { streamId: sent.streamId! });
    const streamed = await ended;
    await waitFor(
      async () => seen.closed,
      (closed) => closed,
    );
    expect(seen.requests).toBe(1);
    expect(await lastMessage(visitor, sent.conversationId)).toMatchObject({ status: "stopped", content: streamed });
  });

  test("a stop after the reply is done changes nothing", async () => {
    const sent = await send("Hello");
    const { ended } = await drive(sent.streamId!);
    const streamed = await ended;
    const before = await visitor.as.query(api.chat.listMessages, { conversationId: sent.conversationId });
    expect(before.at(-1)).toMatchObject({ status: "done", content: streamed });
    await visitor.as.mutation(api.chat.stopReply, { streamId: sent.streamId! });
    await visitor.as.mutation(api.chat.stopReply, { streamId: sent.streamId! });
    expect(await visitor.as.query(api.chat.listMessages, { conversationId: sent.conversationId })).toEqual(before);
    expect(await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! })).toEqual({ text: streamed, status: "done" });
  });

  test("a claimed reply whose driver is gone is ended as stopped by the fallback, with the persisted text", async () => {
    const sent = await send("Hello");
    // A driver that claimed the reply, persisted a first piece, and died.
    const claim = await t.mutation(internal.replies.claimReply, {
      streamId: sent.streamId!,
      userId: visitor.userId,
      sessionId: visitor.sessionId,
      origin: null,
    });
    if (claim.outcome !== "claimed") throw new Error(`not claimed: ${claim.outcome}`);
    await t.mutation(internal.replies.appendChunk, { messageId: claim.messageId, offset: 0, text: "The first part", final: false });

    await visitor.as.mutation(api.chat.stopReply, { streamId: sent.streamId! });
    expect(await lastMessage(visitor, sent.conversationId)).toMatchObject({ status: "streaming" });
    const stored = await waitFor(
      () => lastMessage(visitor, sent.conversationId),
      (m) => m.status !== "streaming",
    );
    expect(stored).toMatchObject({ status: "stopped", content: "The first part" });
    expect(await componentStream(sent.streamId!)).toEqual({ text: "The first part", status: "done" });
    // A generation still running somewhere would be told to stop by its next write or check.
    expect(await t.query(internal.replies.stopRequested, { messageId: claim.messageId })).toBe(true);
  });
});
