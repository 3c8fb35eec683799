// The deployment's daily budget of generated tokens (env DAILY_TOKEN_BUDGET, lib/limits.ts).
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { approximateTokens } from "../lib/limits";
import { newConvexTest, type ChatTest } from "./convexTest.helpers";
import { expectRateLimited, rowCounts } from "./limits.helpers";
import { readChunks, setEnv, streamRequest } from "./stream.helpers";
import { lastMessage, signInVisitor, SITE_KEY, type Visitor } from "./visitors.helpers";

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

  const response = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(first.streamId, ORIGIN));
  const reply = (await readChunks(response)).join("");
  expect(approximateTokens(reply)).toBeGreaterThan(BUDGET);
  expect(await lastMessage(visitor, first.conversationId)).toMatchObject({ status: "done", content: reply });

  // Sending is refused and writes nothing. The reply overspent the budget: the wait is until the
  // refill (BUDGET per day) has covered the overspend and one more token.
  const longestWait = ((approximateTokens(reply) - BUDGET + 1) / BUDGET) * DAY;
  const before = await rowCounts(t);
  await expectRateLimited(send("third question"), longestWait);
  expect(await rowCounts(t)).toEqual(before);

  // A reply sent before the budget ran out is not started: 429 with Retry-After, still pending.
  const refused = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(second.streamId, ORIGIN));
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
  const resumed = await visitor.as.fetch(`/chat-stream?site=${SITE_KEY}`, streamRequest(next.streamId, ORIGIN));
  expect(resumed.status).toBe(200);
  await readChunks(resumed);
});

test("a budget of zero starts no reply", async () => {
  setEnv({ DAILY_TOKEN_BUDGET: "0" });
  await expectRateLimited(send("hello"), DAY);
  expect(await rowCounts(t)).toMatchObject({ conversations: 0, messages: 0 });
});
