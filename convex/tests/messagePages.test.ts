import { beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { MESSAGE_LIST_LIMIT, MESSAGE_PAGE_LIMIT } from "../validators";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

// messages:listPage (history up to an anchor, newest first, paginated) and messages:listAfter
// (the live tail after it, or a settled range): ranges of _creationTime that split a conversation
// into parts with no message lost or shown twice.

let t: ChatTest;
let visitor: Visitor;
let conversationId: Id<"conversations">;

beforeEach(async () => {
  t = await newConvexTest();
  visitor = await signInVisitor(t);
  ({ conversationId } = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text: "m0" }));
  // sendMessage wrote "m0" and a pending reply; number the rest after them.
  await t.run(async (ctx) => {
    for (let i = 1; i <= 30; i++)
      await ctx.db.insert("messages", { conversationId, userId: visitor.userId, role: "user", content: `m${i}` });
  });
});

async function all() {
  return await visitor.as.query(api.chat.listMessages, { conversationId });
}

const page = (numItems: number, cursor: string | null = null) => ({ numItems, cursor });

describe("messages:listPage", () => {
  test("pages through the whole conversation newest first, each message once", async () => {
    const everything = await all();
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const result: { page: { _id: string }[]; isDone: boolean; continueCursor: string } = await visitor.as.query(api.messages.listPage, {
        conversationId,
        paginationOpts: page(7, cursor),
      });
      seen.push(...result.page.map((m) => m._id));
      if (result.isDone) break;
      cursor = result.continueCursor;
    }
    expect(seen).toEqual(everything.map((m) => m._id).reverse());
  });

  test("upTo keeps newer messages out of every page", async () => {
    const everything = await all();
    const anchor = everything[20];
    const first = await visitor.as.query(api.messages.listPage, { conversationId, upTo: anchor._creationTime, paginationOpts: page(5) });
    expect(first.page.map((m) => m._id)).toEqual(
      everything
        .slice(16, 21)
        .map((m) => m._id)
        .reverse(),
    );
    const second = await visitor.as.query(api.messages.listPage, {
      conversationId,
      upTo: anchor._creationTime,
      paginationOpts: page(100, first.continueCursor),
    });
    expect(second.isDone).toBe(true);
    expect(second.page.map((m) => m._id)).toEqual(
      everything
        .slice(0, 16)
        .map((m) => m._id)
        .reverse(),
    );
  });

  test("refuses page sizes out of bounds and times that are no numbers, writing nothing", async () => {
    for (const numItems of [0, MESSAGE_PAGE_LIMIT + 1, 2.5]) {
      await expect(visitor.as.query(api.messages.listPage, { conversationId, paginationOpts: page(numItems) })).rejects.toMatchObject({
        data: { code: "INVALID_ARGUMENT", field: "paginationOpts.numItems" },
      });
    }
    await expect(
      visitor.as.query(api.messages.listPage, { conversationId, upTo: Number.NaN, paginationOpts: page(5) }),
    ).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "upTo" } });
  });
});

describe("messages:listAfter", () => {
  test("the tail after an anchor, oldest first, and the settled range up to a later one", async () => {
    const everything = await all();
    const anchor = everything[25]._creationTime;
    const tail = await visitor.as.query(api.messages.listAfter, { conversationId, after: anchor });
    expect(tail.map((m) => m.content)).toEqual(["m25", "m26", "m27", "m28", "m29", "m30"]);
    const range = await visitor.as.query(api.messages.listAfter, {
      conversationId,
      after: everything[2]._creationTime,
      upTo: everything[5]._creationTime,
    });
    expect(range.map((m) => m._id)).toEqual(everything.slice(3, 6).map((m) => m._id));
    expect(await visitor.as.query(api.messages.listAfter, { conversationId, after: everything.at(-1)!._creationTime })).toEqual([]);
  });

  test("a message sent later lands in the tail, never in history up to the anchor", async () => {
    const anchor = (await all()).at(-1)!._creationTime;
    const history = await visitor.as.query(api.messages.listPage, { conversationId, upTo: anchor, paginationOpts: page(100) });
    await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, conversationId, text: "later" });
    expect(await visitor.as.query(api.messages.listPage, { conversationId, upTo: anchor, paginationOpts: page(100) })).toEqual(history);
    const tail = await visitor.as.query(api.messages.listAfter, { conversationId, after: anchor });
    // The first reply is still pending: "later" waits for the next reply, written once that one ends.
    expect(tail.map((m) => [m.author, m.content, m.status])).toEqual([["visitor", "later", undefined]]);
  });

  test("returns at most the oldest MESSAGE_LIST_LIMIT after the anchor", async () => {
    await t.run(async (ctx) => {
      for (let i = 0; i < MESSAGE_LIST_LIMIT; i++)
        await ctx.db.insert("messages", { conversationId, userId: visitor.userId, role: "user", content: `x${i}` });
    });
    const tail = await visitor.as.query(api.messages.listAfter, { conversationId, after: 0 });
    expect(tail).toHaveLength(MESSAGE_LIST_LIMIT);
    expect(tail[0].content).toBe("m0");
  });

  test("refuses times that are no finite numbers", async () => {
    await expect(visitor.as.query(api.messages.listAfter, { conversationId, after: Number.POSITIVE_INFINITY })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "after" },
    });
  });
});

test("another visitor's or an unknown conversation is NOT_FOUND for both", async () => {
  const other = await signInVisitor(t);
  for (const id of [conversationId, "nope"]) {
    await expect(other.as.query(api.messages.listAfter, { conversationId: id, after: 0 })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
    await expect(other.as.query(api.messages.listPage, { conversationId: id, paginationOpts: page(5) })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
  }
});

test("conversationSeed:seedExchanges appends finished exchanges and counts the visitor's messages", async () => {
  const before = (await all()).length;
  expect(await t.mutation(internal.conversationSeed.seedExchanges, { conversationId, exchanges: 3, prefix: "Q" })).toBe(6);
  const added = (await all()).slice(before);
  expect(added.map((m) => [m.author, m.content, m.status])).toEqual([
    ["visitor", "Q 1", undefined],
    ["ai", "Answer to Q 1.", "done"],
    ["visitor", "Q 2", undefined],
    ["ai", "Answer to Q 2.", "done"],
    ["visitor", "Q 3", undefined],
    ["ai", "Answer to Q 3.", "done"],
  ]);
  expect((await t.run((ctx) => ctx.db.get(conversationId)))!.visitorMessageCount).toBe(4);
  await expect(t.mutation(internal.conversationSeed.seedExchanges, { conversationId, exchanges: 0 })).rejects.toMatchObject({
    data: { code: "INVALID_ARGUMENT" },
  });
});
