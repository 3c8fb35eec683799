// The newest persisted piece of each reply being written (table `replyTails`): what a watching tab
// follows (`chat:streamTail`, `inbox:streamTail`). A subscription to the whole body receives the
// whole text so far at every persisted piece, and one re-subscribed by cursor costs three sync
// Transitions per piece; one subscription to the newest piece receives each piece once, in one
// Transition. The row is written in the mutation that persists the piece (replies.ts `appendChunk`,
// so a reply takes no extra commit) and deleted in the one that ends the reply (replyLifecycle.ts
// `endReply`); a message erased without ending (lib/conversationErasure.ts) takes its row with it.
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { StreamStatus } from "../validators";
import { isFinalStatus, streamStatusOf } from "./replyStatus";

/** The reply's newest persisted piece, or null before its first (and after its end). */
async function tailOf(ctx: QueryCtx, streamId: string): Promise<Doc<"replyTails"> | null> {
  return await ctx.db
    .query("replyTails")
    .withIndex("by_streamId", (q) => q.eq("streamId", streamId))
    .unique();
}

/**
 * Records `text`, just persisted at character `from` of the reply `message`, as its newest piece.
 * Only while the reply is being written: an ended reply keeps no row (nothing would delete it).
 */
export async function recordNewestChunk(ctx: MutationCtx, message: Doc<"messages">, from: number, text: string): Promise<void> {
  if (message.streamId === undefined || !text || (message.status !== "pending" && message.status !== "streaming")) return;
  const tail = await tailOf(ctx, message.streamId);
  if (tail === null) await ctx.db.insert("replyTails", { messageId: message._id, streamId: message.streamId, from, text });
  else await ctx.db.patch(tail._id, { from, text });
}

/**
 * Deletes the reply's newest-piece row, if any (its end, or its erasure), answering where that
 * piece began: the ending keeps it on the message (`lastPieceFrom`), see {@link readNewestChunk}.
 */
export async function forgetNewestChunk(ctx: MutationCtx, streamId: string): Promise<number | undefined> {
  const tail = await tailOf(ctx, streamId);
  if (tail === null) return undefined;
  await ctx.db.delete(tail._id);
  return tail.from;
}

/**
 * What a watcher of the reply `message` reads (see `chat:streamTail`): while it is written, its
 * newest persisted piece (`text`, at character `from`; empty before the first) and `length`, the
 * characters persisted so far. Once it has ended: its final status, the final text's `length`, and
 * the final text from where the last persisted piece began. The driver's last write and the end
 * are two commits milliseconds apart, which a watcher usually receives as one update: the ending
 * then carries that piece itself. A watcher whose text then has another length reads what it lacks
 * by cursor (`streamChunksAfter`).
 */
export async function readNewestChunk(
  ctx: QueryCtx,
  message: Doc<"messages"> & { streamId: string },
): Promise<{ from: number; text: string; length: number; status: StreamStatus }> {
  if (isFinalStatus(message.status)) {
    const length = message.content.length;
    const from = Math.min(message.lastPieceFrom ?? length, length);
    return { from, text: message.content.slice(from), length, status: streamStatusOf(message.status) };
  }
  const status = message.status === "pending" ? "pending" : "streaming";
  const tail = await tailOf(ctx, message.streamId);
  if (tail === null) return { from: 0, text: "", length: 0, status };
  return { from: tail.from, text: tail.text, length: tail.from + tail.text.length, status };
}
