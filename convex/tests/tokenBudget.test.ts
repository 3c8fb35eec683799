// The deployment's daily budget of generated tokens (env DAILY_TOKEN_BUDGET, lib/limits.ts).
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { approximateTokens, dailyTokenBudget, DEFAULT_DAILY_TOKEN_BUDGET, tokenBudgetRefusal } from "../lib/limits";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { expectRateLimited, rowCounts } from "./limits.helpers";
import { readChunks, setEnv, streamRequest, waitFor } from "./stream.helpers";
import { createSite, lastMessage, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

const DAY = 24 * 60 * 60 * 1000;
const ORIGIN = "http://localhost:5173";
const BUDGET = 20;
let t: ChatTest;
let visitor: Visitor;
let restoreEnv: () => void;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  restoreEnv = setEnv({ DAILY_TOKEN_BUDGET: String(BUDGET), OFFLINE_TOKEN_DELAY_MS: "1", OPENAI_API_KEY: undefined });
  t = await newConvexTest();
  visitor = await signInVisitor(t);
});
afterEach(() => {
  restoreEnv();
  vi.useRealTimers();
});

const send = (text: string) => visitor.as.mutation(api.chat.sendMessage, { siteKey: SITE_KEY, text });

test("a spent budget refuses new messages and the stream route, until it refills", async () => {
  const first = await send("first question");
  const second = await send("second question");

  // The reply may use the whole (tiny) budget and no more: it is cut there, as max_tokens would.
  const response = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(first.streamId!, ORIGIN));
  const reply = (await readChunks(response)).join("");
  expect(approximateTokens(reply)).toBe(BUDGET);
  expect(await lastMessage(visitor, first.conversationId)).toMatchObject({ status: "done", content: reply });

  // Sending is refused and writes nothing: the next reply's allowance (the whole budget) refills in a day.
  const longestWait = DAY;
  const before = await rowCounts(t);
  await expectRateLimited(send("third question"), longestWait);
  expect(await rowCounts(t)).toEqual(before);

  // A reply sent before the budget ran out is not started: 429 with Retry-After, still pending.
  const refused = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(second.streamId!, ORIGIN));
  expect(refused.status).toBe(429);
  const retryAfterSeconds = Number(refused.headers.get("Retry-After"));
  expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(retryAfterSeconds).toBeLessThanOrEqual(Math.ceil(longestWait / 1000));
  expect(refused.headers.get("Access-Control-Allow-Origin")).toBe(ORIGIN);
  expect(refused.headers.get("Access-Control-Expose-Headers")).toBe("Retry-After");
  const body = await refused.json();
  expect(body.error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/today/) });
  expect(Math.ceil(body.error.retryAfterMs / 1000)).toBe(retryAfterSeconds);
  expect(await lastMessage(visitor, second.conversationId)).toMatchObject({ status: "pending", content: "" });

  // Once the wait is over, messages and replies start again.
  vi.setSystemTime(Date.now() + body.error.retryAfterMs);
  const next = await send("after the wait");
  const resumed = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(next.streamId!, ORIGIN));
  expect(resumed.status).toBe(200);
  await readChunks(resumed);
});

test("a budget of zero starts no reply", async () => {
  setEnv({ DAILY_TOKEN_BUDGET: "0" });
  await expectRateLimited(send("hello"), DAY);
  expect(await rowCounts(t)).toMatchObject({ conversations: 0, messages: 0 });
});

test("a blank DAILY_TOKEN_BUDGET counts as unset (the default), not as zero", async () => {
  for (const blank of ["", "  "]) {
    setEnv({ DAILY_TOKEN_BUDGET: blank });
    expect(dailyTokenBudget()).toBe(DEFAULT_DAILY_TOKEN_BUDGET);
    await send(`hello with DAILY_TOKEN_BUDGET=${JSON.stringify(blank)}`);
  }
});

describe("replies reserve their allowance when claimed", () => {
  const ALLOWANCE = 5; // BUDGET / ALLOWANCE = 4 replies at once
  let site: string;
  let driver: Visitor;

  beforeEach(async () => {
    site = "reserving";
    await createSite(t, { key: site, model: { maxOutputTokens: ALLOWANCE }, limits: { visitorBurst: 10 } });
    driver = await signInVisitor(t, site);
  });

  const sendOn = (text: string) => driver.as.mutation(api.chat.sendMessage, { siteKey: site, text });
  const claim = (streamId: string) =>
    t.mutation(internal.replies.claimReply, { streamId, userId: driver.userId, sessionId: driver.sessionId, origin: null });
  async function claimed(streamId: string) {
    const outcome = await claim(streamId);
    if (outcome.outcome !== "claimed") throw new Error(`not claimed: ${JSON.stringify(outcome)}`);
    return outcome.messageId;
  }
  /** Whole tokens the budget holds now (refill over the test's milliseconds is far below one). */
  const available = () =>
    t.run(async (ctx) => {
      for (let count = BUDGET; count > 0; count--) if ((await tokenBudgetRefusal(ctx, count)) === null) return count;
      return 0;
    });

  test("replies driven at once cannot overshoot: the claim after the budget is reserved is refused", async () => {
    const sent = [];
    for (let i = 0; i <= BUDGET / ALLOWANCE; i++) sent.push(await sendOn(`question ${i}`));
    const ids = [];
    for (const { streamId } of sent.slice(0, -1)) ids.push(await claimed(streamId!));
    expect(await available()).toBe(0);

    const last = sent[sent.length - 1];
    expect(await claim(last.streamId!)).toMatchObject({ outcome: "rate_limited", retryAfterMs: expect.any(Number) });
    const refused = await driver.as.fetch(`/chat-stream?site=${site}`, streamRequest(last.streamId!));
    expect(refused.status).toBe(429);
    expect(await lastMessage(driver, last.conversationId)).toMatchObject({ status: "pending" });

    // Ending settles: unused tokens come back (here 5 - 2), text beyond the reservation is charged.
    await t.mutation(internal.replies.finishReply, { messageId: ids[0], content: "12345678", status: "done" });
    expect(await available()).toBe(ALLOWANCE - 2);
    await t.mutation(internal.replies.finishReply, { messageId: ids[1], content: "", status: "stopped" });
    await t.mutation(internal.replies.finishReply, {
      messageId: ids[2],
      content: "x".repeat(4 * (ALLOWANCE + 1)),
      status: "error",
      error: "boom",
    });
    expect(await available()).toBe(ALLOWANCE - 2 + ALLOWANCE - 1);
    await claimed(last.streamId!);
    expect(await available()).toBe(ALLOWANCE - 2 + ALLOWANCE - 1 - ALLOWANCE);
  });

  test("a reply the watchdog ends as timeout gives back what it did not use", async () => {
    setEnv({ REPLY_IDLE_TIMEOUT_MS: "200" });
    const { streamId, conversationId } = await sendOn("question");
    await claimed(streamId!); // and the driver dies
    expect(await available()).toBe(BUDGET - ALLOWANCE);
    await waitFor(
      () => lastMessage(driver, conversationId),
      (m) => m.status === "timeout",
    );
    expect(await available()).toBe(BUDGET);
  });

  test("the offline responder keeps to the allowance, and the reply is charged exactly that", async () => {
    const { streamId, conversationId } = await sendOn("reply with 2000 characters");
    const reply = (await readChunks(await driver.as.fetch(`/chat-stream?site=${site}`, streamRequest(streamId!)))).join("");
    expect(reply).toHaveLength(ALLOWANCE * 4);
    // The responder stopped at its max_tokens, as a model does: the reply is marked as cut there.
    expect(await lastMessage(driver, conversationId)).toMatchObject({ status: "done", cutAtLimit: true });
    expect(await available()).toBe(BUDGET - ALLOWANCE);
  });
});

describe("each site has its own daily budget under the deployment's", () => {
  const SITE_BUDGET = 8; // two replies of 4 tokens

  test("a flood on site A spends A's budget only: site B keeps answering", async () => {
    setEnv({ DAILY_TOKEN_BUDGET: "1000" });
    await createSite(t, { key: "flooded", model: { maxOutputTokens: 4 }, limits: { visitorBurst: 50, dailyTokenBudget: SITE_BUDGET } });
    await createSite(t, { key: "quiet", model: { maxOutputTokens: 4 } });
    const flooder = await signInVisitor(t, "flooded");
    const reply = async (who: Visitor, siteKey: string) => {
      const sent = await who.as.mutation(api.chat.sendMessage, { siteKey, text: "reply with 500 characters" });
      const response = await who.as.fetch(`/chat-stream?site=${siteKey}`, streamRequest(sent.streamId!));
      expect(response.status).toBe(200);
      return (await readChunks(response)).join("");
    };
    // A's budget covers two replies of its allowance; the third message is refused, and so is its route.
    expect(approximateTokens(await reply(flooder, "flooded"))).toBe(4);
    const pending = await flooder.as.mutation(api.chat.sendMessage, { siteKey: "flooded", text: "second" });
    const claimedSecond = await flooder.as.mutation(api.chat.sendMessage, { siteKey: "flooded", text: "third, sent while budget is left" });
    await readChunks(await flooder.as.fetch(`/chat-stream?site=flooded`, streamRequest(pending.streamId!)));
    await expectRateLimited(flooder.as.mutation(api.chat.sendMessage, { siteKey: "flooded", text: "one more" }), DAY);
    const refused = await flooder.as.fetch(`/chat-stream?site=flooded`, streamRequest(claimedSecond.streamId!));
    expect(refused.status).toBe(429);

    // Site B's visitors still get replies: the deployment's budget is far from spent.
    const quiet = await signInVisitor(t, "quiet");
    expect(await reply(quiet, "quiet")).toMatch(/\w/);
  });

  test("the site's budget also bounds one reply's allowance, and it is settled like the deployment's", async () => {
    setEnv({ DAILY_TOKEN_BUDGET: "1000" });
    const siteId = await createSite(t, { key: "small", limits: { dailyTokenBudget: SITE_BUDGET } });
    const asker = await signInVisitor(t, "small");
    const sent = await asker.as.mutation(api.chat.sendMessage, { siteKey: "small", text: "reply with 10 characters" });
    const text = (await readChunks(await asker.as.fetch(`/chat-stream?site=small`, streamRequest(sent.streamId!)))).join("");
    expect(text).toHaveLength(10);
    const siteLeft = await t.run(async (ctx) => {
      const site = (await ctx.db.get(siteId))!;
      for (let count = SITE_BUDGET; count > 0; count--) if ((await tokenBudgetRefusal(ctx, count, site)) === null) return count;
      return 0;
    });
    expect(siteLeft).toBe(SITE_BUDGET - approximateTokens(text));
  });
});
