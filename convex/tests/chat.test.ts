import { beforeEach, describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { MAX_MESSAGE_LENGTH } from "../validators";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

let t: ChatTest;
let visitor: Visitor;

beforeEach(async () => {
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});

/** Every row of the app's own tables, to prove a rejected call changed nothing. */
async function snapshot() {
  return await t.run(async (ctx) => ({
    conversations: await ctx.db.query("conversations").take(100),
    messages: await ctx.db.query("messages").take(100),
  }));
}

describe("chat:sendMessage", () => {
  test("creates a conversation, the user message and a pending reply bound to a new stream", async () => {
    const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "  Hello there  " });
    const messages = await visitor.as.query(api.chat.listMessages, { conversationId: sent.conversationId });
    expect(messages.map((m) => [m._id, m.role, m.content, m.status])).toEqual([
      [sent.userMessageId, "user", "Hello there", undefined],
      [sent.assistantMessageId, "assistant", "", "pending"],
    ]);
    expect(messages[1].streamId).toBe(sent.streamId);
    expect(await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! })).toEqual({
      text: "",
      status: "pending",
    });
  });

  test("appends to an existing conversation and lists conversations newest first", async () => {
    const first = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "first topic" });
    const second = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "second topic" });
    await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId: first.conversationId, text: "more" });
    const conversations = await visitor.as.query(api.chat.listConversations, { siteKey: SITE_KEY });
    expect(conversations.map((c) => [c._id, c.title])).toEqual([
      [first.conversationId, "first topic"],
      [second.conversationId, "second topic"],
    ]);
    const messages = await visitor.as.query(api.chat.listMessages, { conversationId: first.conversationId });
    // "more" came while the first reply was still pending: the next reply, once that one ends, answers it.
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "first topic"],
      ["assistant", ""],
      ["user", "more"],
    ]);
  });

  test("accepts a message of exactly the length limit", async () => {
    const text = "x".repeat(MAX_MESSAGE_LENGTH);
    const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text });
    const messages = await visitor.as.query(api.chat.listMessages, { conversationId: sent.conversationId });
    expect(messages[0].content).toBe(text);
  });

  const badInputs: [string, () => Promise<unknown>, string][] = [
    ["an empty message", () => visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "" }), "EMPTY_MESSAGE"],
    ["a blank message", () => visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: " \n\t " }), "EMPTY_MESSAGE"],
    [
      "a message over the limit",
      () => visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "x".repeat(MAX_MESSAGE_LENGTH + 1) }),
      "MESSAGE_TOO_LONG",
    ],
    [
      "a malformed conversation id",
      () => visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId: "not-an-id", text: "hi" }),
      "NOT_FOUND",
    ],
    ["no sign-in", () => t.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "hi" }), "UNAUTHENTICATED"],
  ];
  for (const [name, call, code] of badInputs) {
    test(`rejects ${name} with ${code} and changes nothing`, async () => {
      await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "existing" });
      const before = await snapshot();
      await expect(call()).rejects.toMatchObject({ data: { code } });
      expect(await snapshot()).toEqual(before);
    });
  }

  test("rejects a deleted conversation with NOT_FOUND and changes nothing", async () => {
    const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "soon gone" });
    await t.run(async (ctx) => ctx.db.delete(sent.conversationId));
    const before = await snapshot();
    await expect(
      visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId: sent.conversationId, text: "hi" }),
    ).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("queries", () => {
  test("refuse callers without a valid token", async () => {
    await expect(t.query(api.chat.listConversations, { siteKey: SITE_KEY })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    const forged = t.withIdentity({ subject: "nobody|nosession" });
    await expect(forged.query(api.chat.listConversations, { siteKey: SITE_KEY })).rejects.toMatchObject({
      data: { code: "UNAUTHENTICATED" },
    });
  });

  test("report unknown conversations and streams as NOT_FOUND", async () => {
    await expect(visitor.as.query(api.chat.listMessages, { conversationId: "nope" })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
    await expect(visitor.as.query(api.chat.getStreamBody, { streamId: "nope" })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
  });
});
