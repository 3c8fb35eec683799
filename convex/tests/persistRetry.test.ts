import { afterEach, beforeEach, expect, test } from "vitest";
import { api, components, internal } from "../_generated/api";
import { generateReply, type AppendChunk, type ClaimedReply } from "../lib/generateReply";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { readChunks, setEnv } from "./stream.helpers";
import { lastMessage, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

// A database write of the reply's text fails mid-reply and a later one succeeds: nothing is lost
// and nothing is stored twice. The failure is injected through generateReply's `wrapAppend` seam,
// around the real append mutation.

let t: ChatTest;
let visitor: Visitor;
let restoreEnv: () => void;

beforeEach(async () => {
  // ~3,000 characters at a few ms a token: several size-triggered writes (400 characters each).
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "3", OPENAI_API_KEY: undefined, PERSIST_POLICY: undefined });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});
afterEach(() => restoreEnv());

/** Sends a message, claims its reply as /chat-stream would, and drives it with `wrapAppend`. */
async function driveWith(wrapAppend: (append: AppendChunk) => AppendChunk) {
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Explain; reply with 3000 characters" });
  const claim = await t.mutation(internal.replies.claimReply, {
    streamId: sent.streamId!,
    userId: visitor.userId,
    sessionId: visitor.sessionId,
    origin: null,
  });
  if (claim.outcome !== "claimed") throw new Error(`not claimed: ${claim.outcome}`);
  const reply: ClaimedReply = { streamId: sent.streamId!, ...claim };
  const streamed = await t.action(async (ctx) => {
    const replyText = await generateReply(ctx, reply, { wrapAppend });
    if (replyText === null) throw new Error("the reply did not start");
    return (await readChunks(replyText)).join("");
  });
  const component = await t.run((ctx) => ctx.runQuery(components.persistentTextStreaming.lib.getStreamText, { streamId: sent.streamId! }));
  return { streamed, stored: await lastMessage(visitor, sent.conversationId), component };
}

/** Counts writes; the `failing`-th (1-based) fails `before` or `after` it reached the database. */
function failOnce(failing: number, when: "before" | "after") {
  const calls: string[] = [];
  const wrap =
    (append: AppendChunk): AppendChunk =>
    async (chunk) => {
      calls.push(chunk.text);
      if (calls.length === failing && when === "before") throw new Error("injected: write refused");
      const answer = await append(chunk);
      if (calls.length === failing && when === "after") throw new Error("injected: answer lost after commit");
      return answer;
    };
  return { calls, wrap };
}

test("a write refused mid-reply is retried by a later one: the stored text is the full reply, once", async () => {
  const writes = failOnce(2, "before");
  const { streamed, stored, component } = await driveWith(writes.wrap);
  expect(streamed).toHaveLength(3000);
  expect(writes.calls.length).toBeGreaterThan(3); // the failure was mid-reply, later writes succeeded
  // The retry carried the refused text plus what came after it.
  expect(writes.calls[2].startsWith(writes.calls[1])).toBe(true);
  expect(stored).toMatchObject({ status: "done", content: streamed });
  expect(component).toEqual({ text: streamed, status: "done" });
});

test("a write whose answer is lost after it was stored is not stored twice when retried", async () => {
  const writes = failOnce(2, "after");
  const { streamed, stored, component } = await driveWith(writes.wrap);
  expect(streamed).toHaveLength(3000);
  expect(writes.calls.length).toBeGreaterThan(3);
  expect(writes.calls[2].startsWith(writes.calls[1])).toBe(true);
  expect(stored).toMatchObject({ status: "done", content: streamed });
  expect(component).toEqual({ text: streamed, status: "done" });
});
