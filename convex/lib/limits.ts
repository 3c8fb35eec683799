// Abuse limits, enforced with @convex-dev/rate-limiter. Every check runs inside the caller's
// transaction and refuses by throwing, so a refused call also rolls back what it consumed and
// writes nothing. Limits are per site (lib/limitsConfig.ts); generated tokens have two daily
// budgets, the site's (`limits.dailyTokenBudget`) under the deployment's (env DAILY_TOKEN_BUDGET):
// each claimed reply reserves its allowance from both and settles both when it ends.
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
/** The site fields a reply's token allowance and budgets read. */
export type BudgetedSite = Pick<Doc<"sites">, "_id" | "limits" | "model">;

/** The refusal every rate limit throws: `RATE_LIMITED` with how long to wait. */
export function rateLimitedError(message: string, retryAfterMs: number): ConvexError<ChatErrorData> {
  return new ConvexError({ code: "RATE_LIMITED", message, retryAfterMs: Math.ceil(retryAfterMs) });
}

/**
 * Takes `count` from a token bucket refilled at `perPeriod` per `period` and holding at most
 * `capacity`, or throws `RATE_LIMITED`. A limit of 0 refuses everything (retry after a period).
 */
export async function take(
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

/** A daily budget as a token bucket: one bucket name, its key, and its size. */
type Budget = { name: string; key?: string; tokens: number };

function budgetConfig(tokens: number): RateLimitConfig {
  return { kind: "token bucket", rate: tokens, period: DAY, capacity: tokens };
}

/** The deployment's budget and, when the site is known, the site's (what every reply draws on). */
function budgetsOf(site: LimitedSite | null | undefined): Budget[] {
  const budgets: Budget[] = [{ name: "generatedTokens", tokens: dailyTokenBudget() }];
  if (site) budgets.push({ name: "siteGeneratedTokens", key: site._id, tokens: resolveLimits(site.limits).dailyTokenBudget });
  return budgets;
}

const BUDGET_SPENT = "This chat has used up its replies for today.";

/**
 * Why no reply needing `count` tokens may start now on `site` (its own or the deployment's budget
 * of generated tokens is spent or reserved), or null when it may. Without a site, the deployment's
 * budget only. Read-only: a reply reserves when it is claimed ({@link reserveReplyTokens}).
 */
export async function tokenBudgetRefusal(
  ctx: Parameters<typeof rateLimiter.check>[0],
  count = 1,
  site?: LimitedSite | null,
): Promise<{ message: string; retryAfterMs: number } | null> {
  for (const budget of budgetsOf(site)) {
    if (budget.tokens <= 0) return { message: BUDGET_SPENT, retryAfterMs: DAY };
    const status = await rateLimiter.check(ctx, budget.name, { key: budget.key, config: budgetConfig(budget.tokens), count });
    if (!status.ok) return { message: BUDGET_SPENT, retryAfterMs: Math.ceil(status.retryAfter) };
  }
  return null;
}

/** Throws `RATE_LIMITED` when today's budgets (the site's, the deployment's) cannot cover a reply of `count` tokens now. */
export async function checkTokenBudget(ctx: QueryCtx, count: number, site: LimitedSite): Promise<void> {
  const refusal = await tokenBudgetRefusal(ctx, count, site);
  if (refusal !== null) throw rateLimitedError(refusal.message, refusal.retryAfterMs);
}

/**
 * The most tokens one reply on `site` may have: its `model.maxOutputTokens`, else env
 * `MAX_OUTPUT_TOKENS`, else {@link DEFAULT_MAX_OUTPUT_TOKENS}; never more than a whole daily
 * budget (the deployment's or the site's). The provider is asked for at most this, a claimed reply
 * reserves it, and the driver cuts the reply there even if the provider does not (lib/replyCap.ts).
 */
export function replyTokenAllowance(site: Pick<Doc<"sites">, "model" | "limits"> | null | undefined): number {
  const configured = Number(process.env.MAX_OUTPUT_TOKENS?.trim() || NaN);
  let allowance = site?.model?.maxOutputTokens ?? (Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_OUTPUT_TOKENS);
  for (const tokens of [dailyTokenBudget(), resolveLimits(site?.limits).dailyTokenBudget]) {
    if (tokens > 0) allowance = Math.min(allowance, tokens);
  }
  return allowance;
}

/**
 * Reserves a reply's whole allowance from the site's and the deployment's daily budgets when it is
 * claimed, so replies driven at once cannot together overshoot either: once reservations exhaust
 * one, the next claim is refused and nothing is taken from the other. Returns the tokens
 * reserved, or the refusal. {@link settleGeneratedText} squares it.
 */
export async function reserveReplyTokens(
  ctx: MutationCtx,
  allowance: number,
  site: LimitedSite,
): Promise<{ reserved: number } | { message: string; retryAfterMs: number }> {
  // Both are checked before either is taken: a refusal by one must not hold tokens of the other.
  const refusal = await tokenBudgetRefusal(ctx, allowance, site);
  if (refusal !== null) return refusal;
  for (const budget of budgetsOf(site)) {
    await rateLimiter.limit(ctx, budget.name, { key: budget.key, config: budgetConfig(budget.tokens), count: allowance, throws: true });
  }
  return { reserved: allowance };
}

/** The approximate token count of generated text (4 characters per token, rounded up). */
export function approximateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The characters a reply of `tokens` tokens may have (the inverse of {@link approximateTokens}). */
export function allowanceChars(tokens: number): number {
  return tokens * 4;
}

/**
 * Settles an ended reply (done, stopped, error or timeout) with the daily budgets it reserved from
 * (the site's, when it still exists, and the deployment's): its text's tokens against the
 * `reserved` ones taken at the claim. Unused tokens go back; text beyond the reservation (the
 * 4-characters estimate can undercount) is charged even below zero (reserve), since it was already
 * generated: the next replies then wait until the budget has refilled.
 */
export async function settleGeneratedText(ctx: MutationCtx, text: string, reserved: number, site: LimitedSite | null): Promise<void> {
  const count = approximateTokens(text) - reserved;
  if (count === 0) return;
  for (const budget of budgetsOf(site)) {
    if (budget.tokens <= 0) continue;
    // A negative count gives tokens back (the bucket never holds more than its capacity).
    await rateLimiter.limit(ctx, budget.name, { key: budget.key, config: budgetConfig(budget.tokens), count, reserve: true });
  }
}
