import { afterEach, beforeEach, expect, test } from "vitest";
import { api, components, internal } from "../_generated/api";
import { IDLE_TIMEOUT_REASON } from "../lib/replyTimeouts";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { startOpenAIServer, type OpenAIServer } from "./openaiServer.helpers";
import { readChunks, setEnv, streamRequest, waitFor } from "./stream.helpers";
import { lastMessage, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

// A claimed reply always ends: the watchdog scheduled at the claim ends it as `timeout` after
// REPLY_IDLE_TIMEOUT_MS without progress, and leaves a reply that keeps progressing alone.

let t: ChatTest;
let visitor: Visitor;
let server: OpenAIServer | undefined;
let restoreEnv: () => void;

beforeEach(async () => {
  restoreEnv = setEnv({
    REPLY_IDLE_TIMEOUT_MS: "400",
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    OPENAI_IDLE_TIMEOUT_MS: undefined,
    OFFLINE_TOKEN_DELAY_MS: "0",
  });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  restoreEnv();
});

test("a reply whose driver was claimed and then died ends as timeout", async () => {
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Hello" });
  // The claim commits and nothing else happens: what a driver killed right after it leaves.
  const claim = await t.mutation(internal.replies.claimReply, {
    streamId: sent.streamId!,
    userId: visitor.userId,
    sessionId: visitor.sessionId,
    origin: null,
  });
  expect(claim.outcome).toBe("claimed");
  const ended = await waitFor(
    () => lastMessage(visitor, sent.conversationId),
    (m) => m.status !== "streaming",
  );
  expect(ended).toMatchObject({ status: "timeout", content: "", error: IDLE_TIMEOUT_REASON });
  expect(await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! })).toEqual({ text: "", status: "timeout" });
});

test("a provider that stalls mid-reply ends as timeout keeping the text persisted so far", async () => {
  // The provider's own idle timeout is longer than the watchdog's: the watchdog must act.
  server = await startOpenAIServer({ pieces: ["First sentence. ", "never sent"], holdAfter: 1 });
  setEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: server.baseUrl, OPENAI_IDLE_TIMEOUT_MS: "60000" });
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Go on." });
  const response = await visitor.as.fetch("/chat-stream", streamRequest(sent.streamId!));
  expect(response.status).toBe(200);

  const ended = await waitFor(
    () => lastMessage(visitor, sent.conversationId),
    (m) => m.status !== "streaming",
  );
  expect(ended).toMatchObject({ status: "timeout", content: "First sentence. ", error: IDLE_TIMEOUT_REASON });
  const component = await t.run((ctx) => ctx.runQuery(components.persistentTextStreaming.lib.getStreamText, { streamId: sent.streamId! }));
  expect(component).toEqual({ text: "First sentence. ", status: "timeout" });

  // The stalled driver resumes late: its body still ends, and the ended reply is not rewritten.
  server.release();
  expect((await readChunks(response)).join("")).toContain("First sentence. ");
  expect(await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! })).toEqual({
    text: "First sentence. ",
    status: "timeout",
  });
});

test("a reply that keeps making progress runs past the idle timeout and ends done", async () => {
  // About 200 tokens at 25 ms: longer than one idle period, never idle for one (a wide margin
  // for a loaded 2-core machine).
  setEnv({ REPLY_IDLE_TIMEOUT_MS: "3000", OFFLINE_TOKEN_DELAY_MS: "25" });
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Reply with 200 words." });
  const started = Date.now();
  const text = (await readChunks(await visitor.as.fetch("/chat-stream", streamRequest(sent.streamId!)))).join("");
  expect(Date.now() - started).toBeGreaterThan(3000);
  expect(text.split(" ")).toHaveLength(200);
  expect(await lastMessage(visitor, sent.conversationId)).toMatchObject({ status: "done", content: text });
  const watchdogRuns = await t.run(async (ctx) =>
    (await ctx.db.system.query("_scheduled_functions").take(100)).filter((job) => job.name.includes("watchReply")),
  );
  // Scheduled at the claim, then re-scheduled while the reply progressed.
  expect(watchdogRuns.length).toBeGreaterThan(1);
});
