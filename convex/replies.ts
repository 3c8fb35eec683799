import { v } from "convex/values";
import { components, internal } from "./_generated/api";
import { internalMutation, internalQuery } from "./_generated/server";
import { replyTokenAllowance, reserveReplyTokens, settleGeneratedText } from "./lib/limits";
import { messageForStream } from "./lib/ownership";
import { aiMayAnswer } from "./lib/aiGate";
import { requestHuman } from "./lib/conversationMode";
import { authorOf } from "./lib/messageAuthor";
import { mustStop, requestStop } from "./lib/replyStop";
import { PENDING_REPLY_MAX_AGE_MS, replyIdleTimeoutMs } from "./lib/replyTimeouts";
import { endUnstartedReply } from "./replyWatchdog";
import { roleValidator } from "./validators";

/** Most earlier messages sent to the provider as context. */
export const HISTORY_MESSAGES = 20;
/** Character budget of that context; older messages are dropped first. */
export const HISTORY_CHARS = 24_000;

/**
 * Claims a reply for generation: the caller's `pending` assistant message bound to `streamId`
 * becomes `streaming`. Mutations are serializable, so of concurrent requests exactly one claims;
 * the others get `already_started` and must not generate. Claiming starts the reply watchdog
 * (replyWatchdog.ts), so a claimed reply always ends even if its driver dies. A pending reply
 * older than {@link PENDING_REPLY_MAX_AGE_MS} is ended as `timeout` instead (`expired`).
 * Claiming reserves the reply's token allowance from the daily budget; when the budget cannot
 * cover it, the reply stays pending (`rate_limited`, with the wait). When the AI may not answer in
 * the conversation (lib/aiGate.ts: a person was asked for or answers since the message was sent),
 * the reply is stopped with no text instead (`ai_not_answering`): the one place that decides.
 */
export const claimReply = internalMutation({
  args: { streamId: v.string(), userId: v.string() },
  returns: v.union(
    v.object({
      outcome: v.literal("claimed"),
      messageId: v.id("messages"),
      conversationId: v.id("conversations"),
      createdAt: v.number(),
    }),
    v.object({ outcome: v.literal("unauthenticated") }),
    v.object({ outcome: v.literal("not_found") }),
    v.object({ outcome: v.literal("already_started") }),
    v.object({ outcome: v.literal("expired") }),
    v.object({ outcome: v.literal("ai_not_answering") }),
    v.object({ outcome: v.literal("rate_limited"), message: v.string(), retryAfterMs: v.number() }),
  ),
  handler: async (ctx, { streamId, userId }) => {
    const user = ctx.db.normalizeId("users", userId);
    if (user === null || (await ctx.db.get(user)) === null) return { outcome: "unauthenticated" as const };
    const message = await messageForStream(ctx, streamId);
    if (message === null || message.userId !== user) return { outcome: "not_found" as const };
    if (message.status !== "pending") return { outcome: "already_started" as const };
    const now = Date.now();
    if (now - message._creationTime > PENDING_REPLY_MAX_AGE_MS) {
      await endUnstartedReply(ctx, message);
      return { outcome: "expired" as const };
    }
    const conversation = await ctx.db.get(message.conversationId);
    if (conversation === null || !aiMayAnswer(conversation)) {
      await requestStop(ctx, message);
      return { outcome: "ai_not_answering" as const };
    }
    const site = await ctx.db.get(conversation.siteId);
    const reservation = await reserveReplyTokens(ctx, replyTokenAllowance(site?.model));
    if (!("reserved" in reservation)) return { outcome: "rate_limited" as const, ...reservation };
    await ctx.db.patch(message._id, { status: "streaming", lastActivityAt: now, reservedTokens: reservation.reserved });
    await ctx.scheduler.runAfter(replyIdleTimeoutMs(), internal.replyWatchdog.watchReply, { messageId: message._id });
    return {
      outcome: "claimed" as const,
      messageId: message._id,
      conversationId: message.conversationId,
      createdAt: message._creationTime,
    };
  },
});

/**
 * Appends the next piece of a reply's text to its component stream, exactly once: `offset` is how
 * many characters the driver knows are persisted. A write whose commit the driver did not hear
 * about is retried with its text again at the same offset, so only the part not yet stored is
 * appended. Returns whether generation must stop (see {@link stopRequested}).
 */
export const appendChunk = internalMutation({
  args: { messageId: v.id("messages"), offset: v.number(), text: v.string(), final: v.boolean() },
  returns: v.object({ stopRequested: v.boolean() }),
  handler: async (ctx, { messageId, offset, text, final }) => {
    const message = await ctx.db.get(messageId);
    if (message?.streamId === undefined) throw new Error(`No reply ${messageId}`);
    const streamId = message.streamId;
    const persisted = (await ctx.runQuery(components.persistentTextStreaming.lib.getStreamText, { streamId })).text.length;
    if (persisted < offset || persisted > offset + text.length) {
      throw new Error(`Reply ${messageId} has ${persisted} characters persisted, the driver expected ${offset}`);
    }
    const rest = text.slice(persisted - offset);
    if (rest || final) await ctx.runMutation(components.persistentTextStreaming.lib.addChunk, { streamId, text: rest, final });
    return { stopRequested: mustStop(message) };
  },
});

/** The cheap check a generating reply polls: must it stop (see {@link mustStop})? */
export const stopRequested = internalQuery({
  args: { messageId: v.id("messages") },
  returns: v.boolean(),
  handler: async (ctx, { messageId }) => {
    const message = await ctx.db.get(messageId);
    return message === null || mustStop(message);
  },
});

/** Stores a claimed reply's final text and status. Only a `streaming` message can end. */
export const finishReply = internalMutation({
  args: {
    messageId: v.id("messages"),
    content: v.string(),
    status: v.union(v.literal("done"), v.literal("error"), v.literal("timeout"), v.literal("stopped")),
    error: v.optional(v.string()),
  },
  returns: v.boolean(),
  handler: async (ctx, { messageId, content, status, error }) => {
    const message = await ctx.db.get(messageId);
    if (message === null || message.status !== "streaming") return false;
    await ctx.db.patch(messageId, { content, status, error });
    await settleGeneratedText(ctx, content, message.reservedTokens);
    return true;
  },
});

/**
 * The AI asked for a person (its `request_handoff` tool, or the offline responder's "talk to a
 * human"): the reply's conversation waits for one (lib/conversationMode.ts `requestHuman`).
 */
export const aiRequestedHuman = internalMutation({
  args: { messageId: v.id("messages") },
  returns: v.null(),
  handler: async (ctx, { messageId }) => {
    const message = await ctx.db.get(messageId);
    const conversation = message === null ? null : await ctx.db.get(message.conversationId);
    if (conversation !== null) await requestHuman(ctx, conversation, { by: "ai" });
    return null;
  },
});

/**
 * The conversation's messages before `before` (oldest first), bounded for the provider: the
 * visitor's as `user` turns, the AI's and the operators' as `assistant` turns (so after a hand-back
 * the AI knows what the person said); system lines ("Alex joined") are not part of it.
 */
export const recentHistory = internalQuery({
  args: { conversationId: v.id("conversations"), before: v.number() },
  returns: v.array(v.object({ role: roleValidator, content: v.string() })),
  handler: async (ctx, { conversationId, before }) => {
    const newestFirst = await ctx.db
      .query("messages")
      .withIndex("by_conversationId", (q) =>
        q.eq("conversationId", conversationId).lt("_creationTime", before),
      )
      .order("desc")
      .take(HISTORY_MESSAGES);
    const turns: { role: "user" | "assistant"; content: string }[] = [];
    let budget = HISTORY_CHARS;
    for (const message of newestFirst) {
      const { role, content } = message;
      // Replies that never produced text carry no context; system lines are for people.
      if (content.length === 0 || authorOf(message) === "system") continue;
      if (content.length > budget) break;
      budget -= content.length;
      turns.push({ role, content });
    }
    return turns.reverse();
  },
});
