// What POST /chat-stream asks the database, in one transaction: may this caller, from this page,
// drive this reply, and if so, claim it. The route maps each outcome to its HTTP answer.
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { liveSessionUserId } from "./authed";
import { originMatches } from "./origins";
import { messageForStream } from "./ownership";
import { claimPendingReply } from "./replyLifecycle";

/** Every answer of {@link claimStream}, in the order its checks run. */
export const streamClaimValidator = v.union(
  v.object({ outcome: v.literal("unauthenticated") }),
  v.object({ outcome: v.literal("not_found") }),
  v.object({ outcome: v.literal("origin_not_allowed") }),
  v.object({ outcome: v.literal("site_disabled") }),
  v.object({ outcome: v.literal("already_started") }),
  v.object({ outcome: v.literal("expired") }),
  v.object({ outcome: v.literal("ai_not_answering") }),
  v.object({ outcome: v.literal("rate_limited"), message: v.string(), retryAfterMs: v.number() }),
  v.object({
    outcome: v.literal("claimed"),
    messageId: v.id("messages"),
    conversationId: v.id("conversations"),
    createdAt: v.number(),
    /** The most tokens the reply may have: what the claim reserved, where the driver cuts it. */
    allowanceTokens: v.number(),
  }),
);
export type StreamClaim = Infer<typeof streamClaimValidator>;

/**
 * Checks, then claims (replyLifecycle.ts `claimPendingReply`), the reply bound to `streamId` for
 * the user `userId` calling from `origin` (null for non-browser callers, which no origin binds):
 * - `unauthenticated`: the token's user or session does not exist (signed out: the JWT is revoked);
 * - `not_found`: the stream is unknown or not the user's (the same answer, revealing nothing);
 * - `origin_not_allowed`: a browser origin the stream's own site (its conversation's) does not allow;
 * - `site_disabled`: that site is turned off;
 * then the claim's own outcomes. Nothing is written before a refusal, except that an origin refusal
 * of a pending reply marks it (`refusedOriginAt`) so the server's drive leaves it alone.
 */
export async function claimStream(
  ctx: MutationCtx,
  { streamId, userId, sessionId, origin }: { streamId: string; userId: string; sessionId: string; origin: string | null },
): Promise<StreamClaim> {
  const user = await liveSessionUserId(ctx, userId, sessionId);
  if (user === null) return { outcome: "unauthenticated" };
  const message = await messageForStream(ctx, streamId);
  if (message === null || message.userId !== user) return { outcome: "not_found" };
  const conversation = await ctx.db.get(message.conversationId);
  const site = conversation === null ? null : await ctx.db.get(conversation.siteId);
  if (conversation === null || site === null) return { outcome: "not_found" };
  if (origin !== null && !originMatches(origin, site.allowedOrigins)) {
    // Remembered on a pending reply so the server's own drive does not generate it for a page the
    // site refuses (the only write before a refusal; the caller owns the reply).
    if (message.status === "pending" && message.refusedOriginAt === undefined)
      await ctx.db.patch(message._id, { refusedOriginAt: Date.now() });
    return { outcome: "origin_not_allowed" };
  }
  const claim = await claimOnSite(ctx, message, conversation, site);
  if (claim.outcome === "claimed") {
    const owner = await ctx.db.get(user);
    if (owner !== null && owner.streamRouteVerifiedAt === undefined) await ctx.db.patch(user, { streamRouteVerifiedAt: Date.now() });
  }
  return claim;
}

/**
 * The server's own claim of a reply no client drove (replyDriver.ts): the same checks from the
 * site on, and the same claim, so a browser arriving later gets `already_started`, or the server
 * does when the browser came first. No caller and no origin: the reply's owner asked for it.
 */
export async function claimUndrivenReply(ctx: MutationCtx, messageId: Id<"messages">): Promise<StreamClaim> {
  const message = await ctx.db.get(messageId);
  const conversation = message === null ? null : await ctx.db.get(message.conversationId);
  const site = conversation === null ? null : await ctx.db.get(conversation.siteId);
  if (message === null || conversation === null || site === null) return { outcome: "not_found" };
  // The server answers only visitors whose page the site allows, as the stream route has seen: a
  // page the site does not allow (its browser's requests never pass) gets no reply from it either.
  const owner = await ctx.db.get(message.userId);
  if (message.refusedOriginAt !== undefined || owner?.streamRouteVerifiedAt === undefined) return { outcome: "origin_not_allowed" };
  return await claimOnSite(ctx, message, conversation, site);
}

async function claimOnSite(
  ctx: MutationCtx,
  message: Doc<"messages">,
  conversation: Doc<"conversations">,
  site: Doc<"sites">,
): Promise<StreamClaim> {
  if (!site.enabled) return { outcome: "site_disabled" };
  const claim = await claimPendingReply(ctx, message, conversation, site);
  if (claim.outcome !== "claimed") return claim;
  return { ...claim, messageId: message._id, conversationId: message.conversationId, createdAt: message._creationTime };
}
