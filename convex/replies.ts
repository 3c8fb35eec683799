// Internal functions a reply's driver (POST /chat-stream, lib/generateReply.ts) calls. Every change
// of a reply's status goes through lib/replyLifecycle.ts; these are its entry points from actions.
import { v } from "convex/values";
import { components } from "./_generated/api";
import { internalMutation, internalQuery } from "./_generated/server";
import { endReplyById, mustStop } from "./lib/replyLifecycle";
import { finalReplyStatusValidator } from "./lib/replyStatus";
import { recordNewestChunk } from "./lib/replyTail";
import { claimStream, streamClaimValidator } from "./lib/streamClaim";
import { requestHuman } from "./lib/conversationMode";
import { authorOf } from "./lib/messageAuthor";
import { mergeVisitorTurns } from "./lib/historyTurns";
import { roleValidator, sourceValidator } from "./validators";

/** Most earlier messages sent to the provider as context. */
export const HISTORY_MESSAGES = 20;
/** Character budget of that context; older messages are dropped first. */
export const HISTORY_CHARS = 24_000;

/**
 * The stream route's one call: checks the caller, their ownership of the stream, the stream's site
 * (its origins, whether it is enabled) and claims the reply, all in one transaction (see
 * lib/streamClaim.ts `claimStream` for the outcomes and their order). Of concurrent requests for
 * one reply exactly one gets `claimed` and may generate.
 */
export const claimReply = internalMutation({
  args: { streamId: v.string(), userId: v.string(), sessionId: v.string(), origin: v.union(v.string(), v.null()) },
  returns: streamClaimValidator,
  handler: async (ctx, args) => await claimStream(ctx, args),
});

/**
 * Appends the next piece of a reply's text to its component stream, exactly once: `offset` is how
 * many characters the driver knows are persisted. A write whose commit the driver did not hear
 * about is retried with its text again at the same offset, so only the part not yet stored is
 * appended. The piece also becomes the reply's newest (what watchers follow). Returns whether
 * generation must stop (see {@link stopRequested}).
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
    // Watching tabs follow the newest piece (lib/replyTail.ts); in this commit, not one more.
    await recordNewestChunk(ctx, message, persisted, rest);
    return { stopRequested: mustStop(message) };
  },
});

/** The cheap check a generating reply polls: must it stop (see lib/replyLifecycle.ts `mustStop`)? */
export const stopRequested = internalQuery({
  args: { messageId: v.id("messages") },
  returns: v.boolean(),
  handler: async (ctx, { messageId }) => {
    const message = await ctx.db.get(messageId);
    return message === null || mustStop(message);
  },
});

/**
 * The driver's ending of a claimed reply: its final text and status (lib/replyLifecycle.ts
 * `endReply`). Returns false, changing nothing, when the reply had already ended.
 */
export const finishReply = internalMutation({
  args: {
    messageId: v.id("messages"),
    content: v.string(),
    status: finalReplyStatusValidator,
    error: v.optional(v.string()),
    sources: v.optional(v.array(sourceValidator)),
    cutAtLimit: v.optional(v.boolean()),
  },
  returns: v.boolean(),
  handler: async (ctx, { messageId, ...ending }) => await endReplyById(ctx, messageId, ending),
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
 * the AI knows what the person said); system lines ("Alex joined") are not part of it. Visitor
 * messages in a row (sent while a reply was written) are one `user` turn (lib/historyTurns.ts).
 */
export const recentHistory = internalQuery({
  args: { conversationId: v.id("conversations"), before: v.number() },
  returns: v.array(v.object({ role: roleValidator, content: v.string() })),
  handler: async (ctx, { conversationId, before }) => {
    const newestFirst = await ctx.db
      .query("messages")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId).lt("_creationTime", before))
      .order("desc")
      .take(HISTORY_MESSAGES);
    const turns: { role: "user" | "assistant"; content: string }[] = [];
    let budget = HISTORY_CHARS;
    for (const message of newestFirst) {
      const { role, content } = message;
      // Replies that never produced text carry no context; system lines are for people.
      // A reply generated again is no answer the model gave: its replacement is.
      if (content.length === 0 || authorOf(message) === "system" || message.supersededBy !== undefined) continue;
      if (content.length > budget) break;
      budget -= content.length;
      turns.push({ role, content });
    }
    return mergeVisitorTurns(turns.reverse());
  },
});
