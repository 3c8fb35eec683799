// The scheduled steps of deleting visitors' data (lib/conversationErasure.ts): each step is one
// bounded batch that schedules the next, so no transaction grows with a conversation's length or
// a visitor's history. Scheduled functions, not crons: the local backend runs these too.
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { deleteMessageBatch, eraseExpiredBatch, eraseUserBatch } from "./lib/conversationErasure";
import { retentionCutoff, RETENTION_SWEEP_INTERVAL_MS } from "./lib/retention";

/** Deletes an erased conversation's messages and streams, a batch at a time. */
export const deleteMessages = internalMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    if (await deleteMessageBatch(ctx, conversationId)) {
      await ctx.scheduler.runAfter(0, internal.erasure.deleteMessages, { conversationId });
    }
    return null;
  },
});

/** Erases a visitor's conversations a batch at a time, then the visitor (`chat:eraseMyData`). */
export const eraseUser = internalMutation({
  args: { userId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { userId }) => {
    if (await eraseUserBatch(ctx, userId)) await ctx.scheduler.runAfter(0, internal.erasure.eraseUser, { userId });
    return null;
  },
});

/**
 * A site's retention sweep: erases its conversations inactive for longer than `retentionDays`, a
 * batch at a time, then runs again a day later. Stops (schedules nothing) once the site is gone or
 * has no retention period; setting one starts it again (lib/retention.ts).
 */
export const sweepSite = internalMutation({
  args: { siteId: v.id("sites") },
  returns: v.null(),
  handler: async (ctx, { siteId }) => {
    const site = await ctx.db.get(siteId);
    if (site === null || site.retentionDays === undefined) {
      if (site !== null) await ctx.db.patch(siteId, { retentionSweepAt: undefined });
      return null;
    }
    const more = await eraseExpiredBatch(ctx, siteId, retentionCutoff(site.retentionDays));
    const delay = more ? 0 : RETENTION_SWEEP_INTERVAL_MS;
    await ctx.db.patch(siteId, { retentionSweepAt: Date.now() + delay });
    await ctx.scheduler.runAfter(delay, internal.erasure.sweepSite, { siteId });
    return null;
  },
});
