import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { NOT_STARTED_REASON, PENDING_REPLY_MAX_AGE_MS } from "../lib/replyTimeouts";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { readChunks, setEnv, streamRequest } from "./stream.helpers";
import { lastMessage, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

// Starting a reply: what happens to a reply nobody drove in time, and to a failure right after
// the claim (the reply must end, never stay `streaming`).

let t: ChatTest;
let visitor: Visitor;
let restoreEnv: () => void;

beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "0", OPENAI_API_KEY: undefined });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});
afterEach(() => {
  vi.useRealTimers();
  restoreEnv();
});

test("a pending reply older than the start window gets 410 and ends as timeout", async () => {
  const stale = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Anyone there?" });
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + PENDING_REPLY_MAX_AGE_MS - 60_000);
  const recent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Still here?" });
  vi.setSystemTime(Date.now() + 2 * 60_000);

  const refused = await visitor.as.fetch("/chat-stream", streamRequest(stale.streamId!));
  expect(refused.status).toBe(410);
  expect(await refused.json()).toMatchObject({ error: { code: "REPLY_EXPIRED" } });
  expect(await lastMessage(visitor, stale.conversationId)).toMatchObject({ status: "timeout", content: "", error: NOT_STARTED_REASON });
  expect(await visitor.as.query(api.chat.getStreamBody, { streamId: stale.streamId! })).toEqual({ text: "", status: "timeout" });
  // Ended for good: a later POST does not start it either.
  expect((await visitor.as.fetch("/chat-stream", streamRequest(stale.streamId!))).status).toBe(409);

  // Within the window a reply still starts.
  const driven = await visitor.as.fetch("/chat-stream", streamRequest(recent.streamId!));
  expect(driven.status).toBe(200);
  expect((await readChunks(driven)).join("")).toContain("Still here?");
});

test("a failure right after the claim ends the reply as error with a server reason", async () => {
  const { conversationId } = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Hello" });
  // A message bound to a stream id the component cannot read: its first call after the claim throws.
  const streamId = "not-a-component-stream";
  await t.run((ctx) =>
    ctx.db.insert("messages", {
      conversationId,
      userId: visitor.userId,
      role: "assistant",
      content: "",
      streamId,
      status: "pending",
    }),
  );
  const response = await visitor.as.fetch("/chat-stream", streamRequest(streamId));
  expect(response.status).toBe(500);
  expect(await response.json()).toMatchObject({ error: { code: "SERVER_ERROR" } });
  expect(await lastMessage(visitor, conversationId)).toMatchObject({
    status: "error",
    error: "The reply could not be completed because of a server error.",
  });
  expect(await visitor.as.query(api.chat.getStreamBody, { streamId })).toEqual({ text: "", status: "error" });
});
