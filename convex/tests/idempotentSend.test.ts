import { ConvexError } from "convex/values";
import { afterEach, beforeEach, expect, test } from "vitest";
import { api } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { readChunks, setEnv, streamRequest } from "./stream.helpers";
import { signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

let t: ChatTest;
let visitor: Visitor;
let restoreEnv: () => void;

beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "0", OPENAI_API_KEY: undefined });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});
afterEach(() => restoreEnv());

/** Every document of the app's own tables, to prove a call wrote nothing. */
async function allDocuments() {
  return await t.run(async (ctx) => ({
    conversations: await ctx.db.query("conversations").collect(),
    messages: await ctx.db.query("messages").collect(),
  }));
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof ConvexError ? (error.data as { code: string }).code : String(error);
}

test("a repeated send with the same client id returns the first result and writes nothing", async () => {
  const args = { siteKey: SITE_KEY, text: "Hello there", clientMessageId: "msg_01-abc" };
  const first = await visitor.as.mutation(api.chat.sendMessage, args);
  const before = await allDocuments();
  const again = await visitor.as.mutation(api.chat.sendMessage, args);
  // A retry that, after a reload, knows the conversation by now.
  const withConversation = await visitor.as.mutation(api.chat.sendMessage, { ...args, conversationId: first.conversationId });
  expect(again).toEqual(first);
  expect(withConversation).toEqual(first);
  expect(await allDocuments()).toEqual(before);
  expect(before.conversations).toHaveLength(1);
  expect(before.messages).toHaveLength(2);

  const messages = await visitor.as.query(api.chat.listMessages, { conversationId: first.conversationId });
  expect(messages.map((m) => [m.role, m.clientMessageId])).toEqual([
    ["user", "msg_01-abc"],
    ["assistant", undefined],
  ]);
});

test("a repeat after the reply was generated still returns the same stream, which generates once", async () => {
  const args = { siteKey: SITE_KEY, text: "Hello", clientMessageId: "retry-after-reply" };
  const first = await visitor.as.mutation(api.chat.sendMessage, args);
  const reply = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(first.streamId!));
  expect(reply.status).toBe(200);
  const text = (await readChunks(reply)).join("");
  const again = await visitor.as.mutation(api.chat.sendMessage, args);
  expect(again).toEqual(first);
  const second = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(again.streamId!));
  expect(second.status).toBe(409);
  const messages = await visitor.as.query(api.chat.listMessages, { conversationId: first.conversationId });
  expect(messages.map((m) => [m.role, m.content])).toEqual([
    ["user", "Hello"],
    ["assistant", text],
  ]);
});

test("different client ids are different sends, in order, in one conversation", async () => {
  const first = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "One", clientMessageId: "a1" });
  const second = await visitor.as.mutation(api.chat.sendMessage, {
    siteKey: SITE_KEY,
    conversationId: first.conversationId,
    text: "Two",
    clientMessageId: "a2",
  });
  expect(second.userMessageId).not.toBe(first.userMessageId);
  expect(second.streamId).not.toBe(first.streamId);
  const messages = await visitor.as.query(api.chat.listMessages, { conversationId: first.conversationId });
  expect(messages.filter((m) => m.role === "user").map((m) => m.content)).toEqual(["One", "Two"]);
});

test("the same client id from another visitor is an independent send", async () => {
  const args = { siteKey: SITE_KEY, text: "Same words", clientMessageId: "shared-id" };
  const mine = await visitor.as.mutation(api.chat.sendMessage, args);
  const other = await signInVisitor(t);
  const theirs = await other.as.mutation(api.chat.sendMessage, args);
  expect(theirs.conversationId).not.toBe(mine.conversationId);
  expect(theirs.userMessageId).not.toBe(mine.userMessageId);
  expect(theirs.streamId).not.toBe(mine.streamId);
  expect(await other.as.query(api.chat.listMessages, { conversationId: theirs.conversationId })).toHaveLength(2);
  expect(await visitor.as.query(api.chat.listMessages, { conversationId: mine.conversationId })).toHaveLength(2);
});

test("a malformed client id is refused with INVALID_CLIENT_ID and writes nothing", async () => {
  const before = await allDocuments();
  for (const clientMessageId of ["", "x".repeat(65), "has space", "dots.are.out", "é", "a/b", "<script>"]) {
    const code = await codeOf(visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Hi", clientMessageId }));
    expect(code, JSON.stringify(clientMessageId)).toBe("INVALID_CLIENT_ID");
  }
  expect(await allDocuments()).toEqual(before);
  // The longest allowed id is fine.
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Hi", clientMessageId: "Z".repeat(64) });
  expect(sent.streamId).toBeTruthy();
});
