import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { chatError } from "./errors";

// Unknown and foreign records get the same NOT_FOUND, so a caller cannot probe others' ids.

/** The caller's conversation with this id (any string accepted), or NOT_FOUND. */
export async function ownConversation(ctx: QueryCtx, userId: Id<"users">, conversationId: string): Promise<Doc<"conversations">> {
  const id = ctx.db.normalizeId("conversations", conversationId);
  const conversation = id === null ? null : await ctx.db.get(id);
  if (conversation === null || conversation.userId !== userId) {
    throw chatError("NOT_FOUND", "No such conversation.");
  }
  return conversation;
}

/** The assistant message bound to this stream id, whoever owns it (null when unknown). */
export async function messageForStream(ctx: QueryCtx, streamId: string): Promise<Doc<"messages"> | null> {
  return await ctx.db
    .query("messages")
    .withIndex("by_streamId", (q) => q.eq("streamId", streamId))
    .unique();
}

/** The caller's assistant message bound to this stream id, or NOT_FOUND. */
export async function ownStreamMessage(ctx: QueryCtx, userId: Id<"users">, streamId: string): Promise<Doc<"messages">> {
  const message = await messageForStream(ctx, streamId);
  // A deleted conversation's messages go in later batches: until then its conversation is what is gone.
  if (message === null || message.userId !== userId || (await ctx.db.get(message.conversationId)) === null) {
    throw chatError("NOT_FOUND", "No such stream.");
  }
  return message;
}
