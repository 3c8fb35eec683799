import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { endStopFallback, expireUnstartedReply, recordProgress, timeOutIdleReply } from "./lib/replyLifecycle";

// A claimed reply must end even when its driver dies (killed action, lost process, a provider
// that hangs past every other timeout). Scheduled functions run on every Convex backend,
// including the offline local one; crons do not run there, so this is not a cron. Each function
// here is a thin entry point into lib/replyLifecycle.ts, which owns the reply's status.

/**
 * Records that a `streaming` reply made progress (called by the driver, throttled). Answers
 * whether generation must stop (lib/replyLifecycle.ts `mustStop`).
 */
export const touchReply = internalMutation({
  args: { messageId: v.id("messages") },
  returns: v.boolean(),
  handler: async (ctx, { messageId }) => await recordProgress(ctx, messageId),
});

/**
 * Scheduled by a stop of a `streaming` reply: if no driver has ended it by now (the driver died,
 * or its provider hangs without a chunk), ends it as `stopped` with the text the component
 * persisted, for every viewer. Does nothing once the reply has ended.
 */
export const endStoppedReply = internalMutation({
  args: { messageId: v.id("messages") },
  returns: v.null(),
  handler: async (ctx, { messageId }) => {
    await endStopFallback(ctx, messageId);
    return null;
  },
});

/**
 * Scheduled when a reply is claimed. While the reply keeps making progress it re-schedules itself
 * for the end of the current idle window; after `REPLY_IDLE_TIMEOUT_MS` without progress it ends
 * the reply as `timeout`, keeping the text the component persisted. Does nothing once the reply
 * has ended. Timing is from the last progress, not from creation, so long replies are not cut.
 */
export const watchReply = internalMutation({
  args: { messageId: v.id("messages") },
  returns: v.null(),
  handler: async (ctx, { messageId }) => {
    await timeOutIdleReply(ctx, messageId);
    return null;
  },
});

/**
 * Scheduled by `chat:sendMessage` at `PENDING_REPLY_MAX_AGE_MS`: a reply still `pending` then was
 * never started (no client drove it, or the stream route refused it for good: the site was
 * disabled, the day's budget was spent) and ends as `timeout`, so every viewer sees it end.
 * Does nothing to a reply that has started or ended.
 */
export const expirePendingReply = internalMutation({
  args: { messageId: v.id("messages") },
  returns: v.null(),
  handler: async (ctx, { messageId }) => {
    const message = await ctx.db.get(messageId);
    if (message !== null) await expireUnstartedReply(ctx, message);
    return null;
  },
});
