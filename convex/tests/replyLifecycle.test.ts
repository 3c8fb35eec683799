// The reply lifecycle (lib/replyLifecycle.ts, edges in lib/replyStatus.ts): only legal moves
// happen, whichever path (driver, stop, idle watchdog, stop fallback, pending expiry, claim) tries
// them, and the daily budget is settled exactly once per reply. Scheduled functions are called
// directly, when the test wants them to run; Date is faked so "later" needs no waiting.
import { getFunctionName } from "convex/server";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, components, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { tokenBudgetRefusal } from "../lib/limits";
import { endReply, requestStop } from "../lib/replyLifecycle";
import { canTransition, FINAL_STATUSES, REPLY_TRANSITIONS, type ReplyStatus } from "../lib/replyStatus";
import { IDLE_TIMEOUT_REASON, NOT_STARTED_REASON } from "../lib/replyTimeouts";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { setEnv } from "./stream.helpers";
import { createSite, signInVisitor, type Visitor } from "./visitors.helpers";

const STATUSES = Object.keys(REPLY_TRANSITIONS) as ReplyStatus[];

describe("the transition table", () => {
  test("a final status has no way out", () => {
    expect([...FINAL_STATUSES].sort()).toEqual(STATUSES.filter((s) => REPLY_TRANSITIONS[s].length === 0).sort());
    for (const from of FINAL_STATUSES) for (const to of STATUSES) expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
  });

  test("only claim, stop and expiry leave pending; streaming only ends; nothing goes back", () => {
    const legal = STATUSES.flatMap((from) => STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from} → ${to}`));
    expect(legal.sort()).toEqual(
      [
        "pending → streaming",
        "pending → stopped",
        "pending → timeout",
        "streaming → done",
        "streaming → error",
        "streaming → stopped",
        "streaming → timeout",
      ].sort(),
    );
    // A visitor's message has no status and no lifecycle.
    expect(canTransition(undefined, "done")).toBe(false);
  });
});

const SITE = "lifecycle";
const ORIGIN = `https://${SITE}.example`;
const BUDGET = 100;
const ALLOWANCE = 10;
const MINUTE = 60_000;
let t: ChatTest;
let visitor: Visitor;
let restoreEnv: () => void;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  restoreEnv = setEnv({ DAILY_TOKEN_BUDGET: String(BUDGET), REPLY_IDLE_TIMEOUT_MS: String(MINUTE) });
  t = await newConvexTest();
  await createSite(t, { key: SITE, model: { maxOutputTokens: ALLOWANCE } });
  visitor = await signInVisitor(t, SITE);
});
afterEach(() => {
  restoreEnv();
  vi.useRealTimers();
});

/** Sends a visitor message in AI mode, so it always gets a reply to drive. */
async function send() {
  const sent = await visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE, text: "question" });
  if (sent.streamId === null || sent.assistantMessageId === null) throw new Error("no AI reply was created");
  return { ...sent, streamId: sent.streamId, assistantMessageId: sent.assistantMessageId };
}

function claim(streamId: string, origin: string | null = null) {
  return t.mutation(internal.replies.claimReply, { streamId, userId: visitor.userId, sessionId: visitor.sessionId, origin });
}

/** Sends a message and claims its reply as the stream route would: a driver now holds it. */
async function claimed() {
  const { streamId } = await send();
  const result = await claim(streamId, ORIGIN);
  if (result.outcome !== "claimed") throw new Error(`not claimed: ${result.outcome}`);
  return { streamId, messageId: result.messageId };
}

/** The message as stored, private fields included. */
async function stored(messageId: Id<"messages">) {
  const message = await t.run((ctx) => ctx.db.get(messageId));
  if (message === null) throw new Error(`no message ${messageId}`);
  return message;
}

async function componentStream(streamId: string) {
  return await t.run((ctx) => ctx.runQuery(components.persistentTextStreaming.lib.getStreamText, { streamId }));
}

/** Whole tokens the daily budget holds now (refill over the test's milliseconds is far below one). */
function available() {
  return t.run(async (ctx) => {
    for (let count = BUDGET; count > 0; count--) if ((await tokenBudgetRefusal(ctx, count)) === null) return count;
    return 0;
  });
}

/** The stop fallbacks scheduled for a reply. */
async function stopFallbacks(messageId: Id<"messages">) {
  const name = getFunctionName(internal.replyWatchdog.endStoppedReply);
  const jobs = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
  return jobs.filter((job) => job.name === name && job.args[0]?.messageId === messageId);
}

const append = (messageId: Id<"messages">, offset: number, text: string) =>
  t.mutation(internal.replies.appendChunk, { messageId, offset, text, final: false });
const finish = (messageId: Id<"messages">, status: "done" | "stopped" | "error" | "timeout", content: string) =>
  t.mutation(internal.replies.finishReply, { messageId, status, content, error: status === "error" ? "boom" : undefined });
/** Every scheduled path that could still end a reply, run now, two idle windows later. */
async function everyLatePath(messageId: Id<"messages">) {
  vi.setSystemTime(Date.now() + 2 * MINUTE);
  await t.mutation(internal.replyWatchdog.watchReply, { messageId });
  await t.mutation(internal.replyWatchdog.endStoppedReply, { messageId });
  await t.mutation(internal.replyWatchdog.expirePendingReply, { messageId });
}

test("a finished reply never changes: no stop, timeout, expiry or second ending; its budget is settled once", async () => {
  const { streamId, messageId } = await claimed();
  expect(await available()).toBe(BUDGET - ALLOWANCE);
  expect(await finish(messageId, "done", "12345678")).toBe(true);
  expect(await available()).toBe(BUDGET - 2); // 8 characters: 2 tokens; the rest of the reservation came back
  // The lifecycle ended the component's stream too (no final write came from a driver here).
  expect(await componentStream(streamId)).toEqual({ text: "", status: "done" });
  const done = await stored(messageId);

  await visitor.as.mutation(api.chat.stopReply, { streamId });
  await everyLatePath(messageId);
  expect(await finish(messageId, "error", "other text")).toBe(false);
  expect(await finish(messageId, "stopped", "")).toBe(false);

  expect(await stored(messageId)).toEqual(done);
  expect(await stopFallbacks(messageId)).toEqual([]);
  expect(await available()).toBe(BUDGET - 2);
});

test("stop, then the driver's ending: stopped once with the driver's text, settled once, the fallback does nothing", async () => {
  const { streamId, messageId } = await claimed();
  await append(messageId, 0, "The first part");
  await visitor.as.mutation(api.chat.stopReply, { streamId });
  expect(await stored(messageId)).toMatchObject({ status: "streaming", stopRequestedBy: "visitor", stopRequestedAt: expect.any(Number) });
  expect(await t.query(internal.replies.stopRequested, { messageId })).toBe(true);
  expect(await stopFallbacks(messageId)).toHaveLength(1);

  // The driver had generated a little more than it persisted; its text is the reply's.
  expect(await finish(messageId, "stopped", "The first part, and")).toBe(true);
  expect(await available()).toBe(BUDGET - 5);
  await everyLatePath(messageId); // the fallback among them
  expect(await finish(messageId, "done", "The first part, and more")).toBe(false);

  expect(await stored(messageId)).toMatchObject({ status: "stopped", content: "The first part, and" });
  expect((await componentStream(streamId)).status).toBe("done");
  expect(await available()).toBe(BUDGET - 5);
});

test("the idle watchdog ends a silent reply as timeout with the persisted text; the driver's late ending is refused", async () => {
  const { streamId, messageId } = await claimed();
  await append(messageId, 0, "abcd");
  await t.mutation(internal.replyWatchdog.watchReply, { messageId }); // still within the idle window
  expect((await stored(messageId)).status).toBe("streaming");

  vi.setSystemTime(Date.now() + MINUTE + 1);
  await t.mutation(internal.replyWatchdog.watchReply, { messageId });
  expect(await stored(messageId)).toMatchObject({ status: "timeout", content: "abcd", error: IDLE_TIMEOUT_REASON });
  expect(await componentStream(streamId)).toEqual({ text: "abcd", status: "timeout" });
  expect(await available()).toBe(BUDGET - 1);

  expect(await finish(messageId, "done", "abcd and everything after")).toBe(false);
  await visitor.as.mutation(api.chat.stopReply, { streamId });
  expect(await stored(messageId)).toMatchObject({ status: "timeout", content: "abcd" });
  expect(await available()).toBe(BUDGET - 1);
});

test("the stop fallback ends a stopped reply whose driver is gone, once", async () => {
  const { streamId, messageId } = await claimed();
  await append(messageId, 0, "Half a");
  // An operator's take-over stops through the same path as the visitor's stop button.
  await t.run(async (ctx) => requestStop(ctx, (await ctx.db.get(messageId))!, { by: "operator" }));
  await visitor.as.mutation(api.chat.stopReply, { streamId }); // a second stop changes nothing
  expect(await stored(messageId)).toMatchObject({ status: "streaming", stopRequestedBy: "operator" });
  expect(await stopFallbacks(messageId)).toHaveLength(1);

  await t.mutation(internal.replyWatchdog.endStoppedReply, { messageId });
  expect(await stored(messageId)).toMatchObject({ status: "stopped", content: "Half a" });
  expect(await componentStream(streamId)).toEqual({ text: "Half a", status: "done" });
  expect(await available()).toBe(BUDGET - 2);
  await everyLatePath(messageId);
  expect(await stored(messageId)).toMatchObject({ status: "stopped", content: "Half a" });
  expect(await available()).toBe(BUDGET - 2);
});

test("a pending reply: no ending but stop or expiry; a stopped one cannot be claimed, and reserved nothing", async () => {
  const { streamId, assistantMessageId: messageId } = await send();
  // Ending a reply nobody claimed as done or error is no legal move.
  const refused = await t.run(async (ctx) => endReply(ctx, (await ctx.db.get(messageId))!, { status: "done", content: "made up" }));
  expect(refused).toBe(false);
  expect(await stored(messageId)).toMatchObject({ status: "pending", content: "" });
  expect((await componentStream(streamId)).status).toBe("pending");

  await t.run(async (ctx) => requestStop(ctx, (await ctx.db.get(messageId))!, { by: "operator" }));
  expect(await stored(messageId)).toMatchObject({ status: "stopped", content: "", stopRequestedBy: "operator" });
  expect(await componentStream(streamId)).toEqual({ text: "", status: "done" });
  expect(await claim(streamId)).toEqual({ outcome: "already_started" });
  await t.mutation(internal.replyWatchdog.expirePendingReply, { messageId });
  expect((await stored(messageId)).status).toBe("stopped");
  expect(await available()).toBe(BUDGET);
});

test("pending expiry ends only a reply nobody claimed", async () => {
  const { messageId } = await claimed();
  await t.mutation(internal.replyWatchdog.expirePendingReply, { messageId });
  expect((await stored(messageId)).status).toBe("streaming");

  const { streamId, assistantMessageId } = await send();
  await t.mutation(internal.replyWatchdog.expirePendingReply, { messageId: assistantMessageId });
  expect(await stored(assistantMessageId)).toMatchObject({ status: "timeout", error: NOT_STARTED_REASON });
  expect((await componentStream(streamId)).status).toBe("timeout");
  expect(await claim(streamId)).toEqual({ outcome: "already_started" });
  expect(await available()).toBe(BUDGET - ALLOWANCE); // the first reply's reservation only
});

describe("the stream route's one claim", () => {
  test("a refused origin or a disabled site claims nothing and reserves nothing", async () => {
    const { streamId, assistantMessageId } = await send();
    expect(await claim(streamId, "https://elsewhere.example")).toEqual({ outcome: "origin_not_allowed" });
    await t.mutation(internal.sites.update, { key: SITE, enabled: false });
    // The origin is checked first: a foreign page learns nothing about the site's state.
    expect(await claim(streamId, "https://elsewhere.example")).toEqual({ outcome: "origin_not_allowed" });
    expect(await claim(streamId, ORIGIN)).toEqual({ outcome: "site_disabled" });
    expect(await claim(streamId, null)).toEqual({ outcome: "site_disabled" });
    expect((await stored(assistantMessageId)).status).toBe("pending");
    expect(await available()).toBe(BUDGET);

    await t.mutation(internal.sites.update, { key: SITE, enabled: true });
    expect(await claim(streamId, ORIGIN)).toMatchObject({ outcome: "claimed", messageId: assistantMessageId });
  });

  test("another visitor's stream, an unknown one and an unknown user get the same answers as before", async () => {
    const { streamId } = await send();
    const other = await signInVisitor(t, SITE);
    const as = ({ userId, sessionId }: { userId: string; sessionId: string }, id = streamId) =>
      t.mutation(internal.replies.claimReply, { streamId: id, userId, sessionId, origin: ORIGIN });
    expect(await as(other)).toEqual({ outcome: "not_found" });
    expect(await as(visitor, "no-such-stream")).toEqual({ outcome: "not_found" });
    expect(await as({ userId: "not-a-user", sessionId: visitor.sessionId })).toEqual({ outcome: "unauthenticated" });
    // A session of another user, and one that does not exist, are no session of this user.
    expect(await as({ userId: visitor.userId, sessionId: other.sessionId })).toEqual({ outcome: "unauthenticated" });
    expect(await as({ userId: visitor.userId, sessionId: "no-such-session" })).toEqual({ outcome: "unauthenticated" });
    expect(await available()).toBe(BUDGET);
  });
});
