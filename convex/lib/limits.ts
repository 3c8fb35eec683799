// Abuse limits, enforced with @convex-dev/rate-limiter. Every check runs inside the caller's
// transaction and refuses by throwing, so a refused call also rolls back what it consumed and
// writes nothing. Limits are per site (lib/limitsConfig.ts) except the deployment-wide daily
// budget of generated tokens (env DAILY_TOKEN_BUDGET), which each claimed reply reserves its
// allowance from and settles when it ends.
import { DAY, MINUTE, RateLimiter, type RateLimitConfig } from "@convex-dev/rate-limiter";
import { ConvexError } from "convex/values";
import { components } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { chatError, type ChatErrorData } from "./errors";
import { resolveLimits } from "./limitsConfig";

const rateLimiter = new RateLimiter(components.rateLimiter);

/** Generated tokens the deployment may produce per day when DAILY_TOKEN_BUDGET is unset. */
export const DEFAULT_DAILY_TOKEN_BUDGET = 2_000_000;
/** Most tokens one reply may have when neither the site (`model.maxOutputTokens`) nor `MAX_OUTPUT_TOKENS` says. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 1024;

/** The site fields the limits read. */
export type LimitedSite = Pick<Doc<"sites">, "_id" | "limits">;

/** The refusal every rate limit throws: `RATE_LIMITED` with how long to wait. */
export function rateLimitedError(message: string, retryAfterMs: number): ConvexError<ChatErrorData> {
  return new ConvexError({ code: "RATE_LIMITED", message, retryAfterMs: Math.ceil(retryAfterMs) });
}

/**
 * Takes `count` from a token bucket refilled at `perPeriod` per `period` and holding at most
 * `capacity`, or throws `RATE_LIMITED`. A limit of 0 refuses everything (retry after a period).
 */
async function take(
  ctx: MutationCtx,
  name: string,
  key: string,
  bucket: { perPeriod: number; period: number; capacity: number },
  refusal: string,
): Promise<void> {
  if (bucket.perPeriod <= 0 || bucket.capacity <= 0) throw rateLimitedError(refusal, bucket.period);
  const config: RateLimitConfig = {
    kind: "token bucket",
    rate: bucket.perPeriod,
    period: bucket.period,
    capacity: bucket.capacity,
  };
  const status = await rateLimiter.limit(ctx, name, { key, config });
  if (!status.ok) throw rateLimitedError(refusal, status.retryAfter);
}

/**
 * One message from `userId` on `site`: the visitor's bucket (per-minute pace, small burst) and
 * the site's (per minute, every visitor together). Throws `RATE_LIMITED`.
 */
export async function limitMessage(ctx: MutationCtx, site: LimitedSite, userId: Id<"users">): Promise<void> {
  const limits = resolveLimits(site.limits);
  await take(
    ctx,
    "visitorMessages",
    `${site._id}|${userId}`,
    { perPeriod: limits.visitorMessagesPerMinute, period: MINUTE, capacity: limits.visitorBurst },
    "You are sending messages faster than this chat allows.",
  );
  await take(
    ctx,
    "siteMessages",
    site._id,
    { perPeriod: limits.siteMessagesPerMinute, period: MINUTE, capacity: limits.siteMessagesPerMinute },
    "This chat is receiving more messages than it can take right now.",
  );
}

/** One anonymous sign-in (a new visitor) on `site`. Throws `RATE_LIMITED`. */
export async function limitAnonymousSignIn(ctx: MutationCtx, site: LimitedSite): Promise<void> {
  const { siteSignInsPerMinute } = resolveLimits(site.limits);
  await take(
    ctx,
    "siteSignIns",
    site._id,
    { perPeriod: siteSignInsPerMinute, period: MINUTE, capacity: siteSignInsPerMinute },
    "Too many new visitors are starting this chat right now.",
  );
}

/**
 * Refuses a visitor message that would go over the site's caps: `CONVERSATION_FULL` for an
 * existing conversation holding `maxMessagesPerConversation` visitor messages, and
 * `TOO_MANY_CONVERSATIONS` for a new one when the visitor has `maxConversationsPerVisitor`.
 */
export async function checkCaps(
  ctx: QueryCtx,
  site: LimitedSite,
  userId: Id<"users">,
  conversation: Doc<"conversations"> | null,
): Promise<void> {
  const limits = resolveLimits(site.limits);
  if (conversation !== null) {
    if ((conversation.visitorMessageCount ?? 0) >= limits.maxMessagesPerConversation) {
      throw chatError(
        "CONVERSATION_FULL",
        `This conversation has reached its limit of ${limits.maxMessagesPerConversation} messages; start a new one.`,
      );
    }
    return;
  }
  // Bounded by the cap itself: at most `maxConversationsPerVisitor` small documents are read.
  const existing = await ctx.db
    .query("conversations")
    .withIndex("by_userId_and_siteId_and_updatedAt", (q) => q.eq("userId", userId).eq("siteId", site._id))
    .take(limits.maxConversationsPerVisitor);
  if (existing.length >= limits.maxConversationsPerVisitor) {
    throw chatError(
      "TOO_MANY_CONVERSATIONS",
      `You have ${limits.maxConversationsPerVisitor} conversations here, the most allowed; continue one of them.`,
    );
  }
}

/** Tokens (about 4 characters each) the deployment may generate per day. */
export function dailyTokenBudget(): number {
  // Blank counts as unset: Number("") is 0, which would refuse every message.
  const raw = process.env.DAILY_TOKEN_BUDGET?.trim();
  if (!raw) return DEFAULT_DAILY_TOKEN_BUDGET;
  const configured = Number(raw);
  return Number.isFinite(configured) && configured >= 0 ? configured : DEFAULT_DAILY_TOKEN_BUDGET;
}

function tokenBudgetConfig(): RateLimitConfig {
  const budget = dailyTokenBudget();
  return { kind: "token bucket", rate: budget, period: DAY, capacity: budget };
}

/**
 * Why no reply needing `count` tokens may start now (today's budget of generated tokens is spent
 * or reserved), or null when it may. Read-only: a reply reserves when it is claimed
 * ({@link reserveReplyTokens}).
 */
export async function tokenBudgetRefusal(
  ctx: Parameters<typeof rateLimiter.check>[0],
  count = 1,
): Promise<{ message: string; retryAfterMs: number } | null> {
  const message = "This chat has used up its replies for today.";
  if (dailyTokenBudget() <= 0) return { message, retryAfterMs: DAY };
  const status = await rateLimiter.check(ctx, "generatedTokens", { config: tokenBudgetConfig(), count });
  return status.ok ? null : { message, retryAfterMs: Math.ceil(status.retryAfter) };
}

/** Throws `RATE_LIMITED` when today's budget cannot cover a reply of `count` tokens now. */
export async function checkTokenBudget(ctx: QueryCtx, count = 1): Promise<void> {
  const refusal = await tokenBudgetRefusal(ctx, count);
  if (refusal !== null) throw rateLimitedError(refusal.message, refusal.retryAfterMs);
}

/**
 * The most tokens one reply may have: the site's `model.maxOutputTokens`, else env
 * `MAX_OUTPUT_TOKENS`, else {@link DEFAULT_MAX_OUTPUT_TOKENS}; never more than the whole daily
 * budget. The provider is asked for at most this, and a claimed reply reserves it.
 */
export function replyTokenAllowance(model: { maxOutputTokens?: number } | undefined): number {
  const configured = Number(process.env.MAX_OUTPUT_TOKENS?.trim() || NaN);
  const cap = model?.maxOutputTokens ?? (Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_OUTPUT_TOKENS);
  const budget = dailyTokenBudget();
  return budget > 0 ? Math.min(cap, budget) : cap;
}

/**
 * Reserves a reply's whole allowance from the daily budget when it is claimed, so replies driven
 * at once cannot together overshoot the budget: once reservations exhaust it, the next claim is
 * refused. Returns the tokens reserved, or the refusal. {@link settleGeneratedText} squares it.
 */
export async function reserveReplyTokens(
  ctx: MutationCtx,
  allowance: number,
): Promise<{ reserved: number } | { message: string; retryAfterMs: number }> {
  const message = "This chat has used up its replies for today.";
  if (dailyTokenBudget() <= 0) return { message, retryAfterMs: DAY };
  const status = await rateLimiter.limit(ctx, "generatedTokens", { config: tokenBudgetConfig(), count: allowance });
  return status.ok ? { reserved: allowance } : { message, retryAfterMs: Math.ceil(status.retryAfter) };
}

/** The approximate token count of generated text (4 characters per token, rounded up). */
export function approximateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Settles an ended reply (done, stopped, error or timeout) with the daily budget: its text's
 * tokens against the `reserved` ones taken at the claim. Unused tokens go back; text beyond the
 * reservation (the 4-characters estimate can undercount) is charged even below zero (reserve),
 * since it was already generated: the next replies then wait until the budget has refilled.
 */
export async function settleGeneratedText(ctx: MutationCtx, text: string, reserved = 0): Promise<void> {
  const count = approximateTokens(text) - reserved;
  if (count === 0 || dailyTokenBudget() <= 0) return;
  // A negative count gives tokens back (the bucket never holds more than its capacity).
  await rateLimiter.limit(ctx, "generatedTokens", { config: tokenBudgetConfig(), count, reserve: true });
}
