import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { internalMutation, type MutationCtx } from "./_generated/server";
import { mustStop } from "./lib/replyStop";
import { IDLE_TIMEOUT_REASON, NOT_STARTED_REASON, replyIdleTimeoutMs } from "./lib/replyTimeouts";
import { asStreamId, setComponentStatus, streaming } from "./lib/streaming";
import { settleGeneratedText } from "./lib/limits";

// A claimed reply must end even when its driver dies (killed action, lost process, a provider
// that hangs past every other timeout). Scheduled functions run on every Convex backend,
// including the offline local one; crons do not run there, so this is not a cron.

/**
 * Records that a `streaming` reply made progress (called by the driver, throttled). Answers
 * whether generation must stop (lib/replyStop.ts `mustStop`).
 */
export const touchReply = internalMutation({
  args: { messageId: v.id("messages") },
  returns: v.boolean(),
  handler: async (ctx, { messageId }) => {
    const message = await ctx.db.get(messageId);
    if (message === null) return true;
    if (message.status === "streaming") await ctx.db.patch(messageId, { lastActivityAt: Date.now() });
    return mustStop(message);
  },
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
    const message = await ctx.db.get(messageId);
    if (message?.status !== "streaming" || message.streamId === undefined) return null;
    const { text } = await streaming.getStreamBody(ctx, asStreamId(message.streamId));
    await setComponentStatus(ctx, message.streamId, "done");
    await ctx.db.patch(messageId, { content: text, status: "stopped" });
    await settleGeneratedText(ctx, text, message.reservedTokens);
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
    const message = await ctx.db.get(messageId);
    if (message?.status !== "streaming" || message.streamId === undefined) return null;
    const idleTimeoutMs = replyIdleTimeoutMs();
    const idleFor = Date.now() - (message.lastActivityAt ?? message._creationTime);
    if (idleFor < idleTimeoutMs) {
      await ctx.scheduler.runAfter(idleTimeoutMs - idleFor, internal.replyWatchdog.watchReply, { messageId });
      return null;
    }
    const { text } = await streaming.getStreamBody(ctx, asStreamId(message.streamId));
    await setComponentStatus(ctx, message.streamId, "timeout");
    await ctx.db.patch(messageId, { content: text, status: "timeout", error: IDLE_TIMEOUT_REASON });
    await settleGeneratedText(ctx, text, message.reservedTokens);
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
    if (message?.status === "pending") await endUnstartedReply(ctx, message);
    return null;
  },
});

/** Ends a `pending` reply that was not started in time as `timeout`, message and component stream alike. */
export async function endUnstartedReply(ctx: MutationCtx, message: Doc<"messages">): Promise<void> {
  await ctx.db.patch(message._id, { status: "timeout", error: NOT_STARTED_REASON });
  if (message.streamId !== undefined) await setComponentStatus(ctx, message.streamId, "timeout");
}
