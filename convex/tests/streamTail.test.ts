// chat:streamTail / inbox:streamTail: a reply's newest persisted piece, what a watching tab follows
// with one subscription. The row behind it (`replyTails`) is written with each piece and deleted
// when the reply ends or its conversation is erased: none is left behind.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { refusal } from "./limits.helpers";
import { newOperator } from "./operators.helpers";
import { readChunks, setEnv, streamRequest, waitFor } from "./stream.helpers";
import { signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

let t: ChatTest;
let visitor: Visitor;
let restoreEnv: () => void;

beforeEach(async () => {
  // Nobody drives a reply unless the test does.
  restoreEnv = setEnv({ SERVER_DRIVE_DELAY_MS: "600000", OPENAI_API_KEY: undefined });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});
afterEach(() => restoreEnv());

const tailRows = () => t.run(async (ctx) => await ctx.db.query("replyTails").take(10));

/** A reply claimed by a driver the test plays: it appends pieces with `replies:appendChunk` itself. */
async function claimedReply() {
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "hello" });
  const streamId = sent.streamId!;
  const claim = await t.mutation(internal.replies.claimReply, {
    streamId,
    userId: visitor.userId,
    sessionId: visitor.sessionId,
    origin: null,
  });
  expect(claim.outcome).toBe("claimed");
  const messageId = (await t.run(
    async (ctx) =>
      await ctx.db
        .query("messages")
        .withIndex("by_streamId", (q) => q.eq("streamId", streamId))
        .unique(),
  ))!._id;
  return { conversationId: sent.conversationId, streamId, messageId };
}

describe("chat:streamTail", () => {
  test("answers each persisted piece where it starts, then the ending with the final length and the last piece", async () => {
    const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "hello" });
    expect(await visitor.as.query(api.chat.streamTail, { streamId: sent.streamId! })).toEqual({
      from: 0,
      text: "",
      length: 0,
      status: "pending",
    });

    const reply = await claimedReply();
    const tail = () => visitor.as.query(api.chat.streamTail, { streamId: reply.streamId });
    expect(await tail()).toEqual({ from: 0, text: "", length: 0, status: "streaming" });
    await t.mutation(internal.replies.appendChunk, { messageId: reply.messageId, offset: 0, text: "Hello ", final: false });
    expect(await tail()).toEqual({ from: 0, text: "Hello ", length: 6, status: "streaming" });
    await t.mutation(internal.replies.appendChunk, { messageId: reply.messageId, offset: 6, text: "world", final: false });
    expect(await tail()).toEqual({ from: 6, text: "world", length: 11, status: "streaming" });
    // A retried write whose text is already stored appends nothing: the newest piece stays.
    await t.mutation(internal.replies.appendChunk, { messageId: reply.messageId, offset: 6, text: "world", final: false });
    expect(await tail()).toEqual({ from: 6, text: "world", length: 11, status: "streaming" });
    expect(await tailRows()).toMatchObject([{ messageId: reply.messageId, streamId: reply.streamId, from: 6, text: "world" }]);

    await t.mutation(internal.replies.appendChunk, { messageId: reply.messageId, offset: 11, text: "!", final: true });
    await t.mutation(internal.replies.finishReply, { messageId: reply.messageId, content: "Hello world!", status: "done" });
    // The last write and the end usually reach a watcher as one update: the ending carries that piece.
    expect(await tail()).toEqual({ from: 11, text: "!", length: 12, status: "done" });
    expect(await tailRows()).toEqual([]);
  });

  test("a reader following it while the reply is driven ends with the driven text, each piece received once", async () => {
    const restore = setEnv({ OFFLINE_TOKEN_DELAY_MS: "5" });
    try {
      const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "reply with 2000 characters" });
      const streamId = sent.streamId!;
      const driven = readChunks(await visitor.as.fetch("/chat-stream", streamRequest(streamId))).then((chunks) => chunks.join(""));
      let have = "";
      let rowsSeen = 0;
      // Polling may miss pieces: a gap is filled by cursor, as the widget's reader does.
      const last = await waitFor(
        async () => {
          const tail = await visitor.as.query(api.chat.streamTail, { streamId });
          if (tail.text) rowsSeen += 1;
          const merged = tail.from > have.length ? undefined : have + tail.text.slice(have.length - tail.from);
          if (merged === undefined || (tail.status === "done" && tail.length !== merged.length)) {
            const after = await visitor.as.query(api.chat.streamChunksAfter, { streamId, offset: have.length });
            have = have.slice(0, after.from) + after.text;
          } else {
            have = merged;
          }
          return tail;
        },
        (tail) => tail.status === "done",
      );
      expect(have).toBe(await driven);
      expect(last).toMatchObject({ length: 2000, status: "done" });
      expect(last.text).toBe(have.slice(last.from));
      expect(rowsSeen).toBeGreaterThan(0);
      expect(await tailRows()).toEqual([]);
    } finally {
      restore();
    }
  });

  test("an unknown stream and another visitor's are NOT_FOUND", async () => {
    const reply = await claimedReply();
    const stranger = await signInVisitor(t);
    expect((await refusal(stranger.as.query(api.chat.streamTail, { streamId: reply.streamId }))).code).toBe("NOT_FOUND");
    expect((await refusal(visitor.as.query(api.chat.streamTail, { streamId: "no-such-stream" }))).code).toBe("NOT_FOUND");
  });
});

describe("inbox:streamTail", () => {
  test("answers the site's operator as chat:streamTail answers the visitor", async () => {
    const owner = await newOperator(t, SITE_KEY, "owner", "owner@tail.test");
    const reply = await claimedReply();
    await t.mutation(internal.replies.appendChunk, { messageId: reply.messageId, offset: 0, text: "Hi there", final: false });
    const expected = { from: 0, text: "Hi there", length: 8, status: "streaming" };
    expect(await owner.as.query(api.inbox.streamTail, { conversationId: reply.conversationId, streamId: reply.streamId })).toEqual(
      expected,
    );
    expect(await visitor.as.query(api.chat.streamTail, { streamId: reply.streamId })).toEqual(expected);
  });
});

describe("the newest-piece rows", () => {
  test("a stop ends the reply and deletes its row", async () => {
    const reply = await claimedReply();
    await t.mutation(internal.replies.appendChunk, { messageId: reply.messageId, offset: 0, text: "Some text", final: false });
    await visitor.as.mutation(api.chat.stopReply, { streamId: reply.streamId });
    // The driver notices at its next write and ends the reply with what it produced.
    const { stopRequested } = await t.mutation(internal.replies.appendChunk, {
      messageId: reply.messageId,
      offset: 9,
      text: " more",
      final: false,
    });
    expect(stopRequested).toBe(true);
    await t.mutation(internal.replies.finishReply, { messageId: reply.messageId, content: "Some text more", status: "stopped" });
    expect(await visitor.as.query(api.chat.streamTail, { streamId: reply.streamId })).toEqual({
      from: 9,
      text: " more",
      length: 14,
      status: "done",
    });
    expect(await tailRows()).toEqual([]);
    await t.finishAllScheduledFunctions(() => undefined);
  });

  test("deleting a conversation whose reply is being written leaves no row", async () => {
    const reply = await claimedReply();
    await t.mutation(internal.replies.appendChunk, { messageId: reply.messageId, offset: 0, text: "Half a", final: false });
    expect(await tailRows()).toHaveLength(1);
    await visitor.as.mutation(api.chat.deleteConversation, { conversationId: reply.conversationId });
    expect(await tailRows()).toEqual([]);
    // A write the driver had in flight does not bring it back.
    await t
      .mutation(internal.replies.appendChunk, { messageId: reply.messageId, offset: 6, text: " reply", final: false })
      .catch(() => undefined);
    expect(await tailRows()).toEqual([]);
    await t.finishAllScheduledFunctions(() => undefined);
  });

  test("erasing a conversation deletes a row its reply left (one that was never ended)", async () => {
    const reply = await claimedReply();
    await t.mutation(internal.replies.appendChunk, { messageId: reply.messageId, offset: 0, text: "Left over", final: false });
    // As if the reply had ended by a path that skipped the lifecycle: the row outlived it.
    await t.run(async (ctx) => await ctx.db.patch(reply.messageId, { status: "done", content: "Left over" }));
    expect(await tailRows()).toHaveLength(1);
    await visitor.as.mutation(api.chat.deleteConversation, { conversationId: reply.conversationId });
    await waitFor(tailRows, (rows) => rows.length === 0);
    await t.finishAllScheduledFunctions(() => undefined);
  });
});
