// chat:regenerateReply: Retry and Regenerate make a new answer to the same question, without
// sending the question again; only the newest reply that ended early, while the AI answers.
import { ConvexError } from "convex/values";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { readChunks, setEnv, streamRequest } from "./stream.helpers";
import { signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

let t: ChatTest;
let visitor: Visitor;
let restoreEnv: () => void;

beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "0", OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});
afterEach(() => restoreEnv());

/** Sends `text` and stops its reply before it starts: a stopped newest reply with no text. */
async function askAndStop(text: string, conversationId?: Id<"conversations">) {
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text, conversationId });
  await visitor.as.mutation(api.chat.stopReply, { streamId: sent.streamId! });
  return sent;
}

const messagesOf = (conversationId: Id<"conversations">) => visitor.as.query(api.chat.listMessages, { conversationId });
const codeOf = (error: unknown) => (error instanceof ConvexError ? (error.data as { code: string }).code : String(error));
const allMessages = () => t.run(async (ctx) => await ctx.db.query("messages").collect());

async function refusedWith(code: string, args: { conversationId: string; messageId: string }) {
  const before = await allMessages();
  const error = await visitor.as.mutation(api.chat.regenerateReply, args).then(
    () => null,
    (e: unknown) => e,
  );
  expect(codeOf(error)).toBe(code);
  expect(await allMessages(), "a refused call writes nothing").toEqual(before);
}

describe("chat:regenerateReply", () => {
  test("a stopped reply is answered again below it; the question is not sent twice", async () => {
    const sent = await askAndStop("Hi there");
    const again = await visitor.as.mutation(api.chat.regenerateReply, {
      conversationId: sent.conversationId,
      messageId: sent.assistantMessageId!,
    });
    const messages = await messagesOf(sent.conversationId);
    expect(messages.map((m) => [m.role, m.status ?? null])).toEqual([
      ["user", null],
      ["assistant", "stopped"],
      ["assistant", "pending"],
    ]);
    expect(messages[2]).toMatchObject({ _id: again.messageId, streamId: again.streamId });
    // The new reply is generated like any other, answering the same question.
    const response = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(again.streamId));
    expect((await readChunks(response)).join("")).toContain("Hello to you too");
    expect((await messagesOf(sent.conversationId))[2].status).toBe("done");
  });

  test("asked twice (a double click), it makes one reply", async () => {
    const sent = await askAndStop("Hi there");
    const args = { conversationId: sent.conversationId, messageId: sent.assistantMessageId! };
    const first = await visitor.as.mutation(api.chat.regenerateReply, args);
    expect(await visitor.as.mutation(api.chat.regenerateReply, args)).toEqual(first);
    expect(await messagesOf(sent.conversationId)).toHaveLength(3);
  });

  test("a failed reply is retried; the model does not read the replaced reply's text", async () => {
    const sent = await askAndStop("Hi there");
    await t.run(async (ctx) =>
      ctx.db.patch(sent.assistantMessageId!, { status: "error", content: "HALF AN ANSWER", error: "Provider down." }),
    );
    const again = await visitor.as.mutation(api.chat.regenerateReply, {
      conversationId: sent.conversationId,
      messageId: sent.assistantMessageId!,
    });
    const createdAt = (await t.run(async (ctx) => ctx.db.get(again.messageId)))!._creationTime;
    const history = await t.query(internal.replies.recentHistory, { conversationId: sent.conversationId, before: createdAt });
    expect(history).toEqual([{ role: "user", content: "Hi there" }]);
  });

  test("refused, writing nothing: a done reply, an older one, a question, another conversation's reply, a person answering", async () => {
    const first = await askAndStop("First question");
    const second = await askAndStop("Second question", first.conversationId);
    const other = await askAndStop("Elsewhere");
    const conversationId = first.conversationId;
    await refusedWith("INVALID_ARGUMENT", { conversationId, messageId: first.assistantMessageId! });
    await refusedWith("NOT_FOUND", { conversationId, messageId: second.userMessageId });
    await refusedWith("NOT_FOUND", { conversationId, messageId: other.assistantMessageId! });
    await refusedWith("NOT_FOUND", { conversationId, messageId: "not-an-id" });
    await t.run(async (ctx) => ctx.db.patch(second.assistantMessageId!, { status: "done" }));
    await refusedWith("INVALID_ARGUMENT", { conversationId, messageId: second.assistantMessageId! });
    await t.run(async (ctx) => ctx.db.patch(second.assistantMessageId!, { status: "stopped" }));
    await visitor.as.mutation(api.chat.requestHuman, { siteKey: SITE_KEY, conversationId });
    await refusedWith("INVALID_ARGUMENT", { conversationId, messageId: second.assistantMessageId! });
  });

  test("refused on a disabled site", async () => {
    const sent = await askAndStop("Hi there");
    await t.run(async (ctx) => {
      const site = (await ctx.db
        .query("sites")
        .withIndex("by_key", (q) => q.eq("key", SITE_KEY))
        .unique())!;
      await ctx.db.patch(site._id, { enabled: false });
    });
    await refusedWith("SITE_DISABLED", { conversationId: sent.conversationId, messageId: sent.assistantMessageId! });
  });
});
