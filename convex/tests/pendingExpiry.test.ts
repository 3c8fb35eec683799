// A pending reply nobody starts still ends: sendMessage schedules its expiry at the pending max
// age (replyWatchdog.ts `expirePendingReply`). Time is faked, scheduled functions run on demand.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { NOT_STARTED_REASON, PENDING_REPLY_MAX_AGE_MS } from "../lib/replyTimeouts";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { setEnv, streamRequest } from "./stream.helpers";
import { lastMessage, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

let t: ChatTest;
let visitor: Visitor;
let restoreEnv: () => void;

beforeEach(async () => {
  // The server's own drive of a pending reply (replyDriver.ts) waits past the expiry: these tests
  // are about the expiry. Otherwise it races it, once the visitor is known from a claimed reply.
  restoreEnv = setEnv({
    OFFLINE_TOKEN_DELAY_MS: "0",
    OPENAI_API_KEY: undefined,
    SERVER_DRIVE_DELAY_MS: String(PENDING_REPLY_MAX_AGE_MS + 60_000),
  });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  restoreEnv();
});

async function runScheduledAfter(ms: number) {
  vi.advanceTimersByTime(ms);
  await t.finishInProgressScheduledFunctions();
}

test("a reply the stream route refuses for good (site disabled) ends as timeout for every viewer", async () => {
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Hello" });
  await t.mutation(internal.sites.update, { key: SITE_KEY, enabled: false });
  const refused = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(sent.streamId!));
  expect(refused.status).toBe(403);

  await runScheduledAfter(PENDING_REPLY_MAX_AGE_MS - 1_000);
  expect(await lastMessage(visitor, sent.conversationId)).toMatchObject({ status: "pending" });

  await runScheduledAfter(1_000);
  expect(await lastMessage(visitor, sent.conversationId)).toMatchObject({
    status: "timeout",
    content: "",
    error: NOT_STARTED_REASON,
  });
  expect(await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! })).toEqual({ text: "", status: "timeout" });
  // Re-enabled later, the ended reply is not started.
  await t.mutation(internal.sites.update, { key: SITE_KEY, enabled: true });
  const late = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(sent.streamId!));
  expect(late.status).toBe(409);
});

test("a reply nobody drove ends as timeout; one that started or ended is left alone", async () => {
  const undriven = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "anyone?" });
  const answered = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "answered" });
  const stopped = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "stopped" });
  const claim = await t.mutation(internal.replies.claimReply, {
    streamId: answered.streamId!,
    userId: visitor.userId,
    sessionId: visitor.sessionId,
    origin: null,
  });
  if (claim.outcome !== "claimed") throw new Error(claim.outcome);
  await t.mutation(internal.replies.finishReply, { messageId: claim.messageId, content: "Hi.", status: "done" });
  await visitor.as.mutation(api.chat.stopReply, { streamId: stopped.streamId! });

  await runScheduledAfter(PENDING_REPLY_MAX_AGE_MS);
  expect(await lastMessage(visitor, undriven.conversationId)).toMatchObject({ status: "timeout", error: NOT_STARTED_REASON });
  expect(await lastMessage(visitor, answered.conversationId)).toMatchObject({ status: "done", content: "Hi." });
  expect(await lastMessage(visitor, stopped.conversationId)).toMatchObject({ status: "stopped" });
});
