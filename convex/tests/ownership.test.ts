import { beforeEach, expect, test } from "vitest";
import { api } from "../_generated/api";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { readChunks, setEnv, streamRequest } from "./stream.helpers";
import { signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

// A second visitor can read, send to, or drive nothing of the first one's.

let t: ChatTest;
let owner: Visitor;
let other: Visitor;
let sent: { conversationId: string; streamId: string };

beforeEach(async () => {
  t = await newConvexTest();
  owner = await signInVisitor(t);
  other = await signInVisitor(t);
  const result = await owner.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "my secret question" });
  sent = { conversationId: result.conversationId, streamId: result.streamId! };
});

const notFound = { data: { code: "NOT_FOUND" } };

test("two anonymous sign-ins are two different users", () => {
  expect(other.userId).not.toBe(owner.userId);
});

test("cannot list the owner's messages or conversations", async () => {
  await expect(other.as.query(api.chat.listMessages, { conversationId: sent.conversationId })).rejects.toMatchObject(notFound);
  expect(await other.as.query(api.chat.listConversations, { siteKey: SITE_KEY })).toEqual([]);
});

test("cannot read the owner's stream body", async () => {
  await expect(other.as.query(api.chat.getStreamBody, { streamId: sent.streamId })).rejects.toMatchObject(notFound);
});

test("cannot send into the owner's conversation, and nothing is written", async () => {
  await expect(
    other.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId: sent.conversationId, text: "intrusion" }),
  ).rejects.toMatchObject(notFound);
  const messages = await owner.as.query(api.chat.listMessages, { conversationId: sent.conversationId });
  expect(messages.map((m) => m.content)).toEqual(["my secret question", ""]);
  expect(await t.run(async (ctx) => (await ctx.db.query("conversations").take(10)).length)).toBe(1);
});

test("cannot drive the owner's reply; the owner still can", async () => {
  const restore = setEnv({ OFFLINE_TOKEN_DELAY_MS: "0", OPENAI_API_KEY: undefined });
  try {
    const refused = await other.as.fetch("/chat-stream", streamRequest(sent.streamId));
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    expect(await owner.as.query(api.chat.getStreamBody, { streamId: sent.streamId })).toEqual({ text: "", status: "pending" });

    const driven = await owner.as.fetch("/chat-stream", streamRequest(sent.streamId));
    expect(driven.status).toBe(200);
    expect((await readChunks(driven)).join("")).toContain("my secret question");
  } finally {
    restore();
  }
});
