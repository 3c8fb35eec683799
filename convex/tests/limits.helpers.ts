import { ConvexError } from "convex/values";
import { expect } from "vitest";
import type { ChatErrorData } from "../lib/errors";
import type { ChatTest } from "./convexTest.helpers";

/** The ConvexError data a refused call threw (fails the test when the call succeeds). */
export async function refusal(call: Promise<unknown>): Promise<ChatErrorData> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(ConvexError);
  return (outcome.error as ConvexError<ChatErrorData>).data;
}

/** Expects a `RATE_LIMITED` refusal whose wait is positive and at most `maxRetryAfterMs`. */
export async function expectRateLimited(call: Promise<unknown>, maxRetryAfterMs: number): Promise<ChatErrorData> {
  const data = await refusal(call);
  expect(data.code).toBe("RATE_LIMITED");
  expect(data.message).toMatch(/\w/);
  expect(data.retryAfterMs).toBeGreaterThan(0);
  expect(data.retryAfterMs).toBeLessThanOrEqual(maxRetryAfterMs);
  return data;
}

/** Row counts of the app's tables, to prove that a refused call wrote nothing. */
export async function rowCounts(t: ChatTest) {
  return await t.run(async (ctx) => ({
    users: (await ctx.db.query("users").take(1_000)).length,
    conversations: (await ctx.db.query("conversations").take(1_000)).length,
    messages: (await ctx.db.query("messages").take(1_000)).length,
  }));
}
