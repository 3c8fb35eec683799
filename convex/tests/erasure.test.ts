// Visitors' data: a visitor deletes a conversation (chat:deleteConversation), erases all their
// data (chat:eraseMyData), and a site's retention period deletes old conversations. From the
// deleting commit nothing of it is readable by the visitor, another tab, or an operator; messages
// and the component's streams follow in scheduled batches (which the local backend runs too).
import { afterEach, beforeEach, expect, test } from "vitest";
import { api, components, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { tokenBudgetRefusal } from "../lib/limits";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { refusal } from "./limits.helpers";
import { newOperator, type Staff } from "./operators.helpers";
import { readChunks, setEnv, streamRequest, waitFor } from "./stream.helpers";
import { createSite, signInVisitor, type Visitor } from "./visitors.helpers";

const SITE = "erasing";
const DAY = 24 * 60 * 60 * 1000;
let t: ChatTest;
let visitor: Visitor;
let owner: Staff;
let restoreEnv: () => void;

beforeEach(async () => {
  restoreEnv = setEnv({
    OFFLINE_TOKEN_DELAY_MS: "0",
    OPENAI_API_KEY: undefined,
    SERVER_DRIVE_DELAY_MS: "600000",
    DAILY_TOKEN_BUDGET: "1000",
  });
  t = await newConvexTest();
  await createSite(t, { key: SITE, model: { maxOutputTokens: 50 }, limits: { visitorBurst: 20 } });
  visitor = await signInVisitor(t, SITE);
  owner = await newOperator(t, SITE, "owner", "owner@erasing.test");
});
afterEach(() => restoreEnv());

/** A conversation with one finished reply and one being written (claimed, its driver gone quiet). */
async function conversationWithActiveReply(who: Visitor) {
  const first = await who.as.mutation(api.chat.sendMessage, { siteKey: SITE, text: "reply with 40 characters" });
  await readChunks(await who.as.fetch(`/chat-stream?site=${SITE}`, streamRequest(first.streamId!)));
  const second = await who.as.mutation(api.chat.sendMessage, { siteKey: SITE, conversationId: first.conversationId, text: "and more" });
  const claim = await t.mutation(internal.replies.claimReply, {
    streamId: second.streamId!,
    userId: who.userId,
    sessionId: who.sessionId,
    origin: null,
  });
  expect(claim.outcome).toBe("claimed");
  return { conversationId: first.conversationId, streamIds: [first.streamId!, second.streamId!] };
}

const rowsOf = (conversationId: Id<"conversations">) =>
  t.run(async (ctx) => ({
    conversation: await ctx.db.get(conversationId),
    messages: (
      await ctx.db
        .query("messages")
        .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId))
        .take(10)
    ).length,
  }));
const streamExists = (streamId: string) =>
  t.run(
    async (ctx) =>
      await ctx.runQuery(components.persistentTextStreaming.lib.getStreamText, { streamId }).then(
        () => true,
        () => false,
      ),
  );
const budgetLeft = () =>
  t.run(async (ctx) => {
    const site = (await ctx.db
      .query("sites")
      .withIndex("by_key", (q) => q.eq("key", SITE))
      .unique())!;
    for (let count = 1000; count > 0; count -= 1) if ((await tokenBudgetRefusal(ctx, count, site)) === null) return count;
    return 0;
  });

test("deleteConversation: nothing of it stays readable, the active reply is stopped and settled, messages and streams go", async () => {
  const { conversationId, streamIds } = await conversationWithActiveReply(visitor);
  const kept = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE, text: "another conversation" });
  const budgetBefore = await budgetLeft();
  const otherTab = t.withIdentity({ subject: `${visitor.userId}|${visitor.sessionId}`, issuer: "https://some.convex.site" });
  expect(await owner.as.query(api.inbox.getConversation, { conversationId })).toMatchObject({ conversationId });

  await visitor.as.mutation(api.chat.deleteConversation, { conversationId });

  // Thunks, awaited one at a time: a call started early would reject before anything handles it.
  for (const call of [
    () => otherTab.query(api.chat.listMessages, { conversationId }),
    () => otherTab.query(api.chat.conversationState, { conversationId }),
    ...streamIds.map((streamId) => () => otherTab.query(api.chat.getStreamBody, { streamId })),
    () => otherTab.mutation(api.chat.sendMessage, { siteKey: SITE, conversationId, text: "still there?" }),
    () => owner.as.query(api.inbox.getConversation, { conversationId }),
    () => owner.as.query(api.inbox.listMessages, { conversationId, paginationOpts: { numItems: 10, cursor: null } }),
    ...streamIds.map((streamId) => () => owner.as.query(api.inbox.getStreamBody, { conversationId, streamId })),
    () => visitor.as.mutation(api.chat.deleteConversation, { conversationId }),
  ]) {
    expect((await refusal(call())).code).toBe("NOT_FOUND");
  }
  expect((await otherTab.query(api.chat.listConversations, { siteKey: SITE })).map((c) => c._id)).toEqual([kept.conversationId]);
  const inbox = await owner.as.query(api.inbox.listConversations, {
    siteKey: SITE,
    filter: "all",
    paginationOpts: { numItems: 10, cursor: null },
  });
  expect(inbox.page.map((row: { conversationId: string }) => row.conversationId)).toEqual([kept.conversationId]);
  // The claimed reply's reservation went back through the lifecycle's settlement.
  expect(await budgetLeft()).toBe(budgetBefore + 50);

  await waitFor(
    () => rowsOf(conversationId),
    (rows) => rows.conversation === null && rows.messages === 0,
  );
  for (const streamId of streamIds) expect(await streamExists(streamId)).toBe(false);
  expect((await rowsOf(kept.conversationId)).messages).toBe(2);
});

test("a driver still writing a deleted conversation's reply stops without error for anyone", async () => {
  setEnv({ OFFLINE_TOKEN_DELAY_MS: "20" });
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE, text: "reply with 200 characters" });
  const response = await visitor.as.fetch(`/chat-stream?site=${SITE}`, streamRequest(sent.streamId!));
  await visitor.as.mutation(api.chat.deleteConversation, { conversationId: sent.conversationId });
  const streamed = (await readChunks(response)).join("");
  expect(streamed.length).toBeLessThan(200);
  await waitFor(
    () => rowsOf(sent.conversationId),
    (rows) => rows.conversation === null && rows.messages === 0,
  );
});

test("eraseMyData signs the visitor out everywhere at once, then deletes their conversations and the visitor", async () => {
  const active = await conversationWithActiveReply(visitor);
  const other = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE, text: "second conversation" });
  const bystander = await signInVisitor(t, SITE);
  const theirs = await bystander.as.mutation(api.chat.sendMessage, { siteKey: SITE, text: "not mine to erase" });

  await visitor.as.mutation(api.chat.eraseMyData, {});
  expect((await refusal(visitor.as.query(api.chat.listConversations, { siteKey: SITE }))).code).toBe("UNAUTHENTICATED");
  expect((await t.action(api.auth.signIn, { refreshToken: visitor.refreshToken })).tokens).toBeNull();

  await waitFor(
    () =>
      t.run(async (ctx) => ({
        user: await ctx.db.get(visitor.userId),
        conversations: (
          await ctx.db
            .query("conversations")
            .withIndex("by_userId_and_siteId_and_updatedAt", (q) => q.eq("userId", visitor.userId))
            .take(5)
        ).length,
        accounts: (
          await ctx.db
            .query("authAccounts")
            .withIndex("userIdAndProvider", (q) => q.eq("userId", visitor.userId))
            .take(5)
        ).length,
      })),
    (rows) => rows.user === null && rows.conversations === 0 && rows.accounts === 0,
  );
  for (const id of [active.conversationId, other.conversationId]) {
    await waitFor(
      () => rowsOf(id),
      (rows) => rows.conversation === null && rows.messages === 0,
    );
    expect((await refusal(owner.as.query(api.inbox.getConversation, { conversationId: id }))).code).toBe("NOT_FOUND");
  }
  expect((await rowsOf(theirs.conversationId)).messages).toBe(2);
});

test("eraseMyData is refused to staff accounts", async () => {
  expect((await refusal(owner.as.mutation(api.chat.eraseMyData, {}))).code).toBe("FORBIDDEN");
  expect(await owner.as.query(api.inbox.mySites, {})).toHaveLength(1);
});

test("a site's retention deletes conversations inactive for longer, in a sweep that runs again a day later", async () => {
  const old = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE, text: "long ago" });
  const recent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE, text: "yesterday" });
  await t.run(async (ctx) => {
    await ctx.db.patch(old.conversationId, { updatedAt: Date.now() - 31 * DAY });
    await ctx.db.patch(recent.conversationId, { updatedAt: Date.now() - 1 * DAY });
  });
  await owner.as.mutation(api.siteSettings.update, { siteKey: SITE, retentionDays: 30 });
  expect(await owner.as.query(api.siteSettings.get, { siteKey: SITE })).toMatchObject({ retentionDays: 30 });

  await waitFor(
    () => rowsOf(old.conversationId),
    (rows) => rows.conversation === null && rows.messages === 0,
  );
  expect((await rowsOf(recent.conversationId)).conversation).not.toBeNull();
  const site = await waitFor(
    () => t.query(internal.sites.get, { key: SITE }),
    (s) => (s?.retentionSweepAt ?? 0) > Date.now() + DAY / 2,
  );
  expect(site!.retentionSweepAt).toBeLessThanOrEqual(Date.now() + DAY);
  expect((await refusal(visitor.as.query(api.chat.listMessages, { conversationId: old.conversationId }))).code).toBe("NOT_FOUND");

  // Setting it again schedules no second sweep; removing it stops the sweep at its next run.
  await owner.as.mutation(api.siteSettings.update, { siteKey: SITE, retentionDays: 10 });
  expect((await t.query(internal.sites.get, { key: SITE }))!.retentionSweepAt).toBe(site!.retentionSweepAt);
  await owner.as.mutation(api.siteSettings.update, { siteKey: SITE, retentionDays: 0 });
  expect(await owner.as.query(api.siteSettings.get, { siteKey: SITE })).not.toHaveProperty("retentionDays");
});

test("a retention period must be a whole number of days from 1 to 3650", async () => {
  for (const retentionDays of [-1, 1.5, 4000]) {
    expect(await refusal(owner.as.mutation(api.siteSettings.update, { siteKey: SITE, retentionDays }))).toMatchObject({
      code: "INVALID_ARGUMENT",
      field: "retentionDays",
    });
  }
});
