// Deleting visitors' data: one conversation (the visitor's own, or one past its site's retention)
// and all of a visitor's data. The conversation document goes first, in the caller's transaction,
// so from that commit nothing of it is readable (every read of a message or stream goes through
// its conversation: lib/ownership.ts, lib/operators.ts); its messages and their streams' chunks
// follow in bounded batches by scheduled functions (erasure.ts), which the local backend runs too.
import { components, internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { endReply, replyInProgress } from "./replyLifecycle";
import { forgetNewestChunk } from "./replyTail";
import { persistedText } from "./streaming";

/** Messages deleted per scheduled batch (each may also delete its stream). */
export const MESSAGE_BATCH = 100;
/** Conversations erased per scheduled batch of a visitor's or a site's erasure. */
export const CONVERSATION_BATCH = 10;
/** Newest messages looked at for a reply still being written (a conversation has one at a time). */
const ACTIVE_REPLY_WINDOW = 10;

/**
 * Erases `conversation`: ends a reply still pending or streaming through the reply lifecycle (as
 * `stopped`, so its budget reservation is settled and its driver stops at its next write), deletes
 * its signals and the conversation itself now, and schedules the deletion of its messages and
 * their streams.
 */
export async function eraseConversation(ctx: MutationCtx, conversation: Doc<"conversations">): Promise<void> {
  const newest = await ctx.db
    .query("messages")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", conversation._id))
    .order("desc")
    .take(ACTIVE_REPLY_WINDOW);
  // Visitor messages sent while a reply is written may have pushed it out of that window.
  const inProgress = await replyInProgress(ctx, conversation);
  const unfinished = inProgress === null || newest.some((m) => m._id === inProgress._id) ? newest : [...newest, inProgress];
  for (const message of unfinished) {
    if (message.status !== "pending" && message.status !== "streaming") continue;
    const content = message.status === "streaming" && message.streamId !== undefined ? await persistedText(ctx, message.streamId) : "";
    // The conversation goes: nothing waiting in it is answered.
    await endReply(ctx, message, { status: "stopped", content }, { answerWaiting: false });
  }
  const signals = await ctx.db
    .query("conversationSignals")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", conversation._id))
    .take(10);
  for (const row of signals) await ctx.db.delete(row._id);
  await ctx.db.delete(conversation._id);
  await ctx.scheduler.runAfter(0, internal.erasure.deleteMessages, { conversationId: conversation._id });
}

/**
 * Deletes up to {@link MESSAGE_BATCH} messages of an erased conversation and their component
 * streams (the component's `deleteStream` removes the stream at once and its chunks in its own
 * scheduled batches). Answers whether messages remain.
 */
export async function deleteMessageBatch(ctx: MutationCtx, conversationId: Id<"conversations">): Promise<boolean> {
  const batch = await ctx.db
    .query("messages")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId))
    .take(MESSAGE_BATCH);
  for (const message of batch) {
    if (message.streamId !== undefined) {
      await deleteStream(ctx, message.streamId);
      // Ended replies keep no row; this catches one that was never ended (none should be).
      await forgetNewestChunk(ctx, message.streamId);
    }
    await ctx.db.delete(message._id);
  }
  return batch.length === MESSAGE_BATCH;
}

async function deleteStream(ctx: MutationCtx, streamId: string): Promise<void> {
  // getStreamText throws for an unknown stream (already deleted): nothing is left of it then.
  // (getStreamStatus cannot tell: it answers "error" for a stream that does not exist.)
  const exists = await ctx.runQuery(components.persistentTextStreaming.lib.getStreamText, { streamId }).then(
    () => true,
    () => false,
  );
  if (exists) await ctx.runMutation(components.persistentTextStreaming.lib.deleteStream, { streamId });
}

/**
 * Ends every session of a user now (all their tabs and devices lose access at once) with their
 * refresh tokens. The start of a visitor's erasure.
 */
export async function endAllSessions(ctx: MutationCtx, userId: Id<"users">): Promise<void> {
  const sessions = await ctx.db
    .query("authSessions")
    .withIndex("userId", (q) => q.eq("userId", userId))
    .take(1_000);
  for (const session of sessions) {
    const tokens = await ctx.db
      .query("authRefreshTokens")
      .withIndex("sessionId", (q) => q.eq("sessionId", session._id))
      .take(1_000);
    for (const token of tokens) await ctx.db.delete(token._id);
    await ctx.db.delete(session._id);
  }
}

/**
 * One batch of a visitor's erasure: up to {@link CONVERSATION_BATCH} of their conversations; once
 * none remain, their accounts and the user itself. Answers whether more remain.
 */
export async function eraseUserBatch(ctx: MutationCtx, userId: Id<"users">): Promise<boolean> {
  const conversations = await ctx.db
    .query("conversations")
    .withIndex("by_userId_and_siteId_and_updatedAt", (q) => q.eq("userId", userId))
    .take(CONVERSATION_BATCH);
  for (const conversation of conversations) await eraseConversation(ctx, conversation);
  if (conversations.length > 0) return true;
  await endAllSessions(ctx, userId); // a session opened since the erasure began
  const accounts = await ctx.db
    .query("authAccounts")
    .withIndex("userIdAndProvider", (q) => q.eq("userId", userId))
    .take(100);
  for (const account of accounts) await ctx.db.delete(account._id);
  if ((await ctx.db.get(userId)) !== null) await ctx.db.delete(userId);
  return false;
}

/**
 * One batch of a site's retention: erases up to {@link CONVERSATION_BATCH} conversations whose
 * last activity is older than `cutoff`. Answers whether more may remain.
 */
export async function eraseExpiredBatch(ctx: MutationCtx, siteId: Id<"sites">, cutoff: number): Promise<boolean> {
  const expired = await ctx.db
    .query("conversations")
    .withIndex("by_siteId_and_updatedAt", (q) => q.eq("siteId", siteId).lt("updatedAt", cutoff))
    .take(CONVERSATION_BATCH);
  for (const conversation of expired) await eraseConversation(ctx, conversation);
  return expired.length === CONVERSATION_BATCH;
}
