import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { mustStop } from "./lib/replyStop";
import { IDLE_TIMEOUT_REASON, replyIdleTimeoutMs } from "./lib/replyTimeouts";
import { asStreamId, setComponentStatus, streaming } from "./lib/streaming";
import { chargeGeneratedText } from "./lib/limits";

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
    await chargeGeneratedText(ctx, text);
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
    await chargeGeneratedText(ctx, text);
    return null;
  },
});
