// Every reply has a token cap (lib/limits.ts `replyTokenAllowance`): the site's
// model.maxOutputTokens, else env MAX_OUTPUT_TOKENS, else 1024, sent to the provider as max_tokens.
import { afterEach, beforeEach, expect, test } from "vitest";
import { api } from "../_generated/api";
import { DEFAULT_MAX_OUTPUT_TOKENS } from "../lib/limits";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { startOpenAIServer, type OpenAIServer } from "./openaiServer.helpers";
import { readChunks, setEnv, streamRequest, waitFor } from "./stream.helpers";
import { createSite, signInVisitor, type Visitor } from "./visitors.helpers";

let t: ChatTest;
let server: OpenAIServer;
let restoreEnv: () => void;

beforeEach(async () => {
  server = await startOpenAIServer({ pieces: ["Hi."] });
  restoreEnv = setEnv({
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: server.baseUrl,
    MAX_OUTPUT_TOKENS: undefined,
    DAILY_TOKEN_BUDGET: undefined,
  });
  t = await newConvexTest();
  await createSite(t, { key: "plain" });
  await createSite(t, { key: "capped", model: { maxOutputTokens: 300 } });
});
afterEach(async () => {
  restoreEnv();
  await server.close();
});

async function maxTokensSent(siteKey: string, visitor?: Visitor): Promise<unknown> {
  const asker = visitor ?? (await signInVisitor(t, siteKey));
  const { streamId } = await asker.as.mutation(api.chat.sendMessage, { siteKey, text: "Hello" });
  await readChunks(await asker.as.fetch(`/chat-stream?site=${siteKey}`, streamRequest(streamId!)));
  return server.requests[server.requests.length - 1].body.max_tokens;
}

test("a site without a cap gets the default, MAX_OUTPUT_TOKENS overrides it, the site's own cap wins", async () => {
  expect(await maxTokensSent("plain")).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
  setEnv({ MAX_OUTPUT_TOKENS: "2048" });
  expect(await maxTokensSent("plain")).toBe(2048);
  expect(await maxTokensSent("capped")).toBe(300);
  setEnv({ MAX_OUTPUT_TOKENS: "junk" });
  expect(await maxTokensSent("plain")).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
});

test("the cap is never more than the whole daily budget", async () => {
  setEnv({ DAILY_TOKEN_BUDGET: "100" });
  expect(await maxTokensSent("plain")).toBe(100);
});

test("a provider that ignores max_tokens is cut by the server at the allowance, and the reply says so", async () => {
  await server.close();
  // 40 pieces of 50 characters: 2,000 characters against an allowance of 10 tokens (40 characters).
  server = await startOpenAIServer({
    pieces: Array.from({ length: 40 }, (_, i) => `${String(i).padStart(2, "0")}${"x".repeat(48)}`),
    holdAfter: 2,
  });
  setEnv({ OPENAI_BASE_URL: server.baseUrl });
  await createSite(t, { key: "tiny", model: { maxOutputTokens: 10 } });
  const visitor = await signInVisitor(t, "tiny");
  const { streamId, conversationId } = await visitor.as.mutation(api.chat.sendMessage, { siteKey: "tiny", text: "Hello" });
  const streamed = (await readChunks(await visitor.as.fetch(`/chat-stream?site=tiny`, streamRequest(streamId!)))).join("");
  expect(server.requests[0].body.max_tokens).toBe(10);
  expect(streamed).toBe(`00${"x".repeat(38)}`);
  // The provider's request was abandoned, not read to its end.
  await waitFor(
    async () => server.requests[0].closedEarly,
    (closed) => closed === true,
  );

  const messages = await visitor.as.query(api.chat.listMessages, { conversationId });
  expect(messages[messages.length - 1]).toMatchObject({ status: "done", content: streamed, cutAtLimit: true });
  expect(await visitor.as.query(api.chat.getStreamBody, { streamId: streamId! })).toEqual({
    text: streamed,
    status: "done",
    cutAtLimit: true,
  });
  // A reply that ends on its own carries no flag (the shape `useStream` knows, unchanged).
  await server.close();
  server = await startOpenAIServer({ pieces: ["Hi."] });
  setEnv({ OPENAI_BASE_URL: server.baseUrl });
  const plain = await signInVisitor(t, "plain");
  const short = await plain.as.mutation(api.chat.sendMessage, { siteKey: "plain", text: "Hello" });
  await readChunks(await plain.as.fetch(`/chat-stream?site=plain`, streamRequest(short.streamId!)));
  expect(await plain.as.query(api.chat.getStreamBody, { streamId: short.streamId! })).toEqual({ text: expect.any(String), status: "done" });
});
