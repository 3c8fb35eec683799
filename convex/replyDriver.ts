// The server drives a reply nobody else did: the tab that sent the message closed (or never
// POSTed, like a client whose stream request was aborted) before /chat-stream claimed it. Without
// this the reply would wait for its 10-minute expiry; with it, every viewer reads the text as the
// server writes it. A scheduled function (not a cron: crons do not run on the local backend).
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction, internalMutation, internalQuery } from "./_generated/server";
import { generateReply } from "./lib/generateReply";
import { claimUndrivenReply, streamClaimValidator } from "./lib/streamClaim";

/** The claim of replyDriver's generation: the same one transaction as the stream route's. */
export const claimUndriven = internalMutation({
  args: { messageId: v.id("messages") },
  returns: streamClaimValidator,
  handler: async (ctx, { messageId }) => await claimUndrivenReply(ctx, messageId),
});

/**
 * Scheduled by `chat:sendMessage` (lib/replyLifecycle.ts `createPendingReply`) a few seconds after
 * the message: when the reply is still `pending`, claims it and generates it with the route's own
 * code, the body going nowhere (it is persisted as always). A reply already claimed, ended, or that
 * cannot start (disabled site, spent budget, a person answers) is left to its other paths.
 */
export const driveUndrivenReply = internalAction({
  args: { messageId: v.id("messages") },
  returns: v.null(),
  handler: async (ctx, { messageId }) => {
    const message = await ctx.runQuery(internal.replyDriver.pendingStream, { messageId });
    if (message === null) return null;
    const claim = await ctx.runMutation(internal.replyDriver.claimUndriven, { messageId });
    if (claim.outcome !== "claimed") return null;
    const body = await generateReply(ctx, { streamId: message.streamId, ...claim }).catch(() => null);
    // Nobody reads it: drain it so generation is never held back by a full stream.
    if (body !== null) {
      const reader = body.getReader();
      while (!(await reader.read()).done);
    }
    return null;
  },
});

/** The reply's stream when it is still pending (nothing to do otherwise). */
export const pendingStream = internalQuery({
  args: { messageId: v.id("messages") },
  returns: v.union(v.object({ streamId: v.string() }), v.null()),
  handler: async (ctx, { messageId }) => {
    const message = await ctx.db.get(messageId);
    return message?.status === "pending" && message.streamId !== undefined ? { streamId: message.streamId } : null;
  },
});
