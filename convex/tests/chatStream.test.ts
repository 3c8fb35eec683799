import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { startOpenAIServer, type OpenAIServer } from "./openaiServer.helpers";
import { readChunks, setEnv, streamRequest, waitFor } from "./stream.helpers";
import { lastMessage, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

const ORIGIN = "http://localhost:5173";
let t: ChatTest;
let visitor: Visitor;
let restoreEnv: () => void;
let server: OpenAIServer | undefined;

beforeEach(async () => {
  // Every variable a test may set, so afterEach restores them all.
  restoreEnv = setEnv({
    OFFLINE_TOKEN_DELAY_MS: "2",
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    OPENAI_MODEL: undefined,
    SYSTEM_PROMPT: undefined,
  });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  restoreEnv();
});

async function useOpenAIServer(script: Parameters<typeof startOpenAIServer>[0]) {
  server = await startOpenAIServer(script);
  setEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: server.baseUrl, OPENAI_MODEL: "test-model" });
  return server;
}

describe("POST /chat-stream", () => {
  test("streams the offline reply in several chunks and stores its final text and status", async () => {
    const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "What can you do?" });
    const response = await visitor.as.fetch("/chat-stream", streamRequest(sent.streamId!, ORIGIN));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(ORIGIN);
    expect(response.headers.get("Vary")).toBe("Origin");

    const chunks = await readChunks(response);
    expect(chunks.length).toBeGreaterThan(1);
    const text = chunks.join("");
    expect(text).toContain("offline demo");
    expect(text).toContain('You asked: "What can you do?"');

    const stored = await lastMessage(visitor, sent.conversationId);
    expect(stored).toMatchObject({ role: "assistant", content: text, status: "done" });
    expect(stored.error).toBeUndefined();
    expect(await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! })).toEqual({
      text,
      status: "done",
    });
  });

  test("a claimed reply reads as streaming before anything is persisted, so readers do not drive it", async () => {
    await useOpenAIServer({ pieces: ["No sentence end yet ", "then one."], holdAfter: 1 });
    const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Go." });
    expect(await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! })).toEqual({
      text: "",
      status: "pending",
    });
    const response = await visitor.as.fetch("/chat-stream", streamRequest(sent.streamId!));
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    // Nothing is persisted yet (no sentence end), but the reply has been claimed.
    expect(await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! })).toEqual({
      text: "",
      status: "streaming",
    });
    server!.release();
    while (!(await reader.read()).done);
  });

  test("chunks reach the driver and the database while the reply is still being generated", async () => {
    await useOpenAIServer({ pieces: ["First sentence. ", "Second ", "sentence. ", "Third."], holdAfter: 2 });
    const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Tell me three things." });
    const response = await visitor.as.fetch("/chat-stream", streamRequest(sent.streamId!));
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    // The provider holds after two pieces: both must arrive before the reply can end.
    while (received !== "First sentence. Second ") {
      const { value, done } = await reader.read();
      expect(done).toBe(false);
      received += decoder.decode(value, { stream: true });
    }
    const midway = await waitFor(
      () => visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! }),
      (body) => body.text.length > 0,
    );
    // Persisted by the max-age flush while the provider holds, the text after the last sentence end
    // included; the message itself is still generating.
    expect(midway).toEqual({ text: "First sentence. Second ", status: "streaming" });
    expect((await lastMessage(visitor, sent.conversationId)).status).toBe("streaming");

    server!.release();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value, { stream: true });
    }
    expect(received).toBe("First sentence. Second sentence. Third.");
    expect(await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! })).toEqual({
      text: received,
      status: "done",
    });
  });

  test("sends the system prompt and the conversation's history to the provider", async () => {
    const first = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "My name is Ada." });
    await readChunks(await visitor.as.fetch("/chat-stream", streamRequest(first.streamId!)));
    const firstReply = (await lastMessage(visitor, first.conversationId)).content;

    await useOpenAIServer({ pieces: ["Hello Ada."] });
    setEnv({ SYSTEM_PROMPT: "Be kind." });
    const second = await visitor.as.mutation(api.chat.sendMessage, {
      siteKey: SITE_KEY,
      conversationId: first.conversationId,
      text: "What is my name?",
    });
    await readChunks(await visitor.as.fetch("/chat-stream", streamRequest(second.streamId!)));
    expect(server!.requests[0].body.messages).toEqual([
      { role: "system", content: "Be kind." },
      { role: "user", content: "My name is Ada." },
      { role: "assistant", content: firstReply },
      { role: "user", content: "What is my name?" },
    ]);
  });

  test("five concurrent POSTs for one stream generate it once", async () => {
    const provider = await useOpenAIServer({ pieces: ["Only ", "once."] });
    const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Hi" });
    const responses = await Promise.all(Array.from({ length: 5 }, () => visitor.as.fetch("/chat-stream", streamRequest(sent.streamId!))));
    const winners = responses.filter((r) => r.status === 200);
    const losers = responses.filter((r) => r.status !== 200);
    expect(winners).toHaveLength(1);
    expect(losers.map((r) => r.status)).toEqual([409, 409, 409, 409]);
    for (const loser of losers) {
      expect(await loser.json()).toMatchObject({ error: { code: "ALREADY_STARTED" } });
    }
    expect((await readChunks(winners[0])).join("")).toBe("Only once.");
    expect(provider.requests).toHaveLength(1);
    expect(await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! })).toEqual({
      text: "Only once.",
      status: "done",
    });
  });

  test("a POST after the reply finished does not generate again", async () => {
    const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Hi" });
    const text = (await readChunks(await visitor.as.fetch("/chat-stream", streamRequest(sent.streamId!)))).join("");
    const again = await visitor.as.fetch("/chat-stream", streamRequest(sent.streamId!));
    expect(again.status).toBe(409);
    expect((await lastMessage(visitor, sent.conversationId)).content).toBe(text);
  });
});
