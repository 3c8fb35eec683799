// The operators' inbox over real visitor conversations: rows (preview, unread, replying, visitor
// label), filters, pagination, search, the conversation view, its messages and its live reply.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { signIdentity } from "../lib/hostIdentity";
import { SEARCH_TEXT_LIMIT } from "../lib/conversationActivity";
import { visitorTag } from "../lib/inboxRows";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { newOperator, type Staff } from "./operators.helpers";
import { readChunks, setEnv, streamRequest } from "./stream.helpers";
import { createSite, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

const ORIGIN = "http://localhost:5173";
let t: ChatTest;
let owner: Staff;
let visitor: Visitor;
let restoreEnv: () => void;
beforeEach(async () => {
  restoreEnv = setEnv({ OFFLINE_TOKEN_DELAY_MS: "0", OPENAI_API_KEY: undefined });
  t = await newConvexTest();
  await t.mutation(internal.sites.ensureDemoSite, {});
  owner = await newOperator(t, SITE_KEY, "owner", "owner@demo.test");
  visitor = await signInVisitor(t);
});
afterEach(() => restoreEnv());

const code = (c: string) => ({ data: expect.objectContaining({ code: c }) });
const page = (numItems: number, cursor: string | null = null) => ({ numItems, cursor });
const list = (as: Staff["as"], filter: "all" | "open" | "resolved" = "all", numItems = 20, cursor: string | null = null) =>
  as.query(api.inbox.listConversations, { siteKey: SITE_KEY, filter, paginationOpts: page(numItems, cursor) });

/** Sends as the visitor and drives the reply to its end (the offline responder). */
async function chat(who: Visitor, text: string, conversationId?: string, context?: { pageUrl?: string; language?: string }) {
  const sent = await who.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text, conversationId, context });
  await readChunks(await who.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(sent.streamId!, ORIGIN)));
  return sent;
}

test("a row: title, preview of the last text and its author, unread until markRead, replying while the AI writes, newest first", async () => {
  const first = await chat(visitor, "Where is my order #123?");
  let [row] = (await list(owner.as)).page;
  expect(row).toMatchObject({
    conversationId: first.conversationId,
    title: "Where is my order #123?",
    previewAuthor: "ai",
    unread: true,
    status: "open",
    replying: false,
  });
  expect(row.preview.length).toBeGreaterThan(0);
  expect(row.preview.length).toBeLessThanOrEqual(140);
  expect(row.visitorLabel).toBe(`Visitor ${visitorTag(visitor.userId)}`);
  expect(row.visitorLabel).toMatch(/^Visitor [0-9A-Z]{4}$/);
  expect(row).not.toHaveProperty("customerId");

  await owner.as.mutation(api.inbox.markRead, { conversationId: first.conversationId });
  expect((await list(owner.as)).page[0].unread).toBe(false);

  // A new message: unread again, the preview is the visitor's until the reply has text, and the AI is replying.
  await new Promise((resolve) => setTimeout(resolve, 2));
  await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId: first.conversationId, text: "Hello again?" });
  [row] = (await list(owner.as)).page;
  expect(row).toMatchObject({ preview: "Hello again?", previewAuthor: "visitor", unread: true, replying: true });

  // Another visitor's conversation comes first.
  const other = await signInVisitor(t);
  const second = await chat(other, "Second conversation");
  expect((await list(owner.as)).page.map((r) => r.conversationId)).toEqual([second.conversationId, first.conversationId]);
});

test("a signed-identity customer is labelled by their customer id", async () => {
  const secret = "0123456789abcdef".repeat(4);
  await t.mutation(internal.sites.update, { key: SITE_KEY, identitySecret: secret });
  const expiresAt = Date.now() + 60_000;
  const params = {
    siteKey: SITE_KEY,
    customerId: "customer-42",
    expiresAt,
    signature: await signIdentity(secret, { siteKey: SITE_KEY, customerId: "customer-42", expiresAt }),
  };
  const result = await t.action(api.auth.signIn, { provider: "host-identity", params });
  const claims = JSON.parse(atob(result.tokens!.token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
  const customer = t.withIdentity({ subject: claims.sub, issuer: claims.iss });
  const { conversationId } = await customer.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Signed in" });
  expect((await list(owner.as)).page[0]).toMatchObject({ visitorLabel: "customer-42", customerId: "customer-42" });
  expect((await owner.as.query(api.inbox.getConversation, { conversationId })).visitor).toMatchObject({
    label: "customer-42",
    customerId: "customer-42",
  });
});

test("filters by status, paginates newest first, and refuses pages over 100", async () => {
  const ids = [];
  for (let i = 0; i < 5; i++)
    ids.push((await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: `Question ${i}` })).conversationId);
  await owner.as.mutation(api.inbox.setStatus, { conversationId: ids[1], status: "resolved" });
  await owner.as.mutation(api.inbox.setStatus, { conversationId: ids[3], status: "resolved" });
  expect((await list(owner.as, "resolved")).page.map((r) => r.conversationId)).toEqual([ids[3], ids[1]]);
  expect((await list(owner.as, "open")).page.map((r) => r.conversationId)).toEqual([ids[4], ids[2], ids[0]]);

  const seen = [];
  let cursor: string | null = null;
  for (;;) {
    const result = await list(owner.as, "all", 2, cursor);
    expect(result.page.length).toBeLessThanOrEqual(2);
    seen.push(...result.page.map((r) => r.conversationId));
    if (result.isDone) break;
    cursor = result.continueCursor;
  }
  expect(seen).toEqual([...ids].reverse());

  // A visitor's message reopens a resolved conversation.
  await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId: ids[1], text: "Still broken" });
  expect((await list(owner.as, "resolved")).page.map((r) => r.conversationId)).toEqual([ids[3]]);
  for (const numItems of [0, 101, 1.5]) {
    await expect(list(owner.as, "all", numItems)).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "paginationOpts.numItems" },
    });
  }
});

test("getConversation: visitor context (page URL cut to origin + path), newest 100 messages, and listMessages for earlier ones", async () => {
  const sent = await chat(visitor, "Hi", undefined, { pageUrl: "https://shop.example/cart?token=secret#x", language: "fr-CA" });
  const view = await owner.as.query(api.inbox.getConversation, { conversationId: sent.conversationId });
  expect(view).toMatchObject({
    conversationId: sent.conversationId,
    siteKey: SITE_KEY,
    title: "Hi",
    status: "open",
    unread: true,
    visitor: { label: `Visitor ${visitorTag(visitor.userId)}`, pageUrl: "https://shop.example/cart", language: "fr-CA" },
    hasOlderMessages: false,
  });
  expect(JSON.stringify(view)).not.toContain("token=secret");
  expect(view.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  expect(view.messages[1]).toMatchObject({ streamId: sent.streamId, status: "done" });
  expect(Object.keys(view.messages[0]).sort()).toEqual(["_creationTime", "_id", "author", "content", "role"]);

  // 120 messages: the view holds the newest 100, listMessages pages through all, newest first.
  await t.run(async (ctx) => {
    for (let i = 0; i < 118; i++) {
      await ctx.db.insert("messages", { conversationId: sent.conversationId, userId: visitor.userId, role: "user", content: `m${i}` });
    }
  });
  const long = await owner.as.query(api.inbox.getConversation, { conversationId: sent.conversationId });
  expect(long.messages).toHaveLength(100);
  expect(long.hasOlderMessages).toBe(true);
  expect(long.messages.at(-1)?.content).toBe("m117");
  const contents = [];
  let cursor: string | null = null;
  for (;;) {
    const result: { page: { content: string }[]; isDone: boolean; continueCursor: string } = await owner.as.query(api.inbox.listMessages, {
      conversationId: sent.conversationId,
      paginationOpts: page(50, cursor),
    });
    contents.push(...result.page.map((m) => m.content));
    if (result.isDone) break;
    cursor = result.continueCursor;
  }
  expect(contents).toHaveLength(120);
  expect(contents[0]).toBe("m117");
  expect(contents.at(-1)).toBe("Hi");
});

test("sendMessage drops a context it cannot use rather than refusing the message", async () => {
  for (const context of [{ pageUrl: "javascript:alert(1)", language: "<script>" }, { pageUrl: "not a url" }, {}]) {
    const { conversationId } = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "hi", context });
    const stored = await t.run(async (ctx) => ctx.db.get(conversationId));
    expect(stored).not.toHaveProperty("context");
  }
});

test("getStreamBody follows a reply for operators of its conversation only", async () => {
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Tell me a story" });
  const args = { conversationId: sent.conversationId, streamId: sent.streamId! };
  expect(await owner.as.query(api.inbox.getStreamBody, args)).toEqual({ text: "", status: "pending" });
  const text = (await readChunks(await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(sent.streamId!, ORIGIN)))).join("");
  expect(await owner.as.query(api.inbox.getStreamBody, args)).toEqual({ text, status: "done" });
  expect(await owner.as.query(api.inbox.getStreamBody, args)).toEqual(
    await visitor.as.query(api.chat.getStreamBody, { streamId: sent.streamId! }),
  );
  // A stream of another conversation, or an unknown one, through this conversation: NOT_FOUND.
  const other = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Other" });
  await expect(owner.as.query(api.inbox.getStreamBody, { ...args, streamId: other.streamId! })).rejects.toMatchObject(code("NOT_FOUND"));
  await expect(owner.as.query(api.inbox.getStreamBody, { ...args, streamId: "nope" })).rejects.toMatchObject(code("NOT_FOUND"));
});

describe("search", () => {
  test("finds conversations by title and visitor text, on the operator's site only; a blank query finds nothing", async () => {
    const shipping = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "Question about shipping" });
    await visitor.as.mutation(api.chat.sendMessage, {
      siteKey: SITE_KEY,
      conversationId: shipping.conversationId,
      text: "My parcel is lost",
    });
    const refund = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "I want a refund" });
    await createSite(t, { key: "shop", allowedOrigins: [ORIGIN] });
    const shopVisitor = await signInVisitor(t, "shop");
    await shopVisitor.as.mutation(api.chat.sendMessage, { siteKey: "shop", text: "parcel refund shipping" });

    const search = (query: string) => owner.as.query(api.inbox.search, { siteKey: SITE_KEY, query });
    expect((await search("parcel")).map((r) => r.conversationId)).toEqual([shipping.conversationId]);
    expect((await search("shipping")).map((r) => r.conversationId)).toEqual([shipping.conversationId]);
    expect((await search("refund")).map((r) => r.conversationId)).toEqual([refund.conversationId]);
    expect((await search("refund"))[0]).toMatchObject({ title: "I want a refund", status: "open", unread: true });
    expect(await search("   ")).toEqual([]);
    expect(await search("nothing-like-this")).toEqual([]);
  });

  test("searchText keeps the title and the newest text within its cap", async () => {
    const { conversationId } = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "First question" });
    for (let i = 0; i < 3; i++) {
      await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId, text: `marker${i} ${"filler ".repeat(280)}` });
    }
    const stored = (await t.run(async (ctx) => ctx.db.get(conversationId)))!;
    expect(stored.searchText!.length).toBeLessThanOrEqual(SEARCH_TEXT_LIMIT);
    expect(stored.searchText!.startsWith("First question ")).toBe(true);
    expect(stored.searchText).toContain("marker2");
    expect(stored.searchText).not.toContain("marker0");
  });
});

test("other sites' operators, visitors and anonymous callers get nothing", async () => {
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "private" });
  await createSite(t, { key: "shop" });
  const stranger = await newOperator(t, "shop", "owner", "boss@shop.test");
  for (const caller of [stranger.as, visitor.as]) {
    await expect(list(caller)).rejects.toMatchObject(code("NOT_FOUND"));
    await expect(caller.query(api.inbox.search, { siteKey: SITE_KEY, query: "private" })).rejects.toMatchObject(code("NOT_FOUND"));
    await expect(caller.query(api.inbox.getConversation, { conversationId: sent.conversationId })).rejects.toMatchObject(code("NOT_FOUND"));
    await expect(caller.mutation(api.inbox.markRead, { conversationId: sent.conversationId })).rejects.toMatchObject(code("NOT_FOUND"));
  }
  await expect(list(t)).rejects.toMatchObject(code("UNAUTHENTICATED"));
  await expect(t.query(api.inbox.mySites, {})).rejects.toMatchObject(code("UNAUTHENTICATED"));
  expect(await visitor.as.query(api.inbox.mySites, {})).toEqual([]);
  expect((await t.run(async (ctx) => ctx.db.get(sent.conversationId)))?.operatorsReadAt).toBeUndefined();
});
