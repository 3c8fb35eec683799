import type { Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { CLIENT_MESSAGE_ID_PATTERN, MAX_CLIENT_MESSAGE_ID_LENGTH } from "../validators";
import { chatError } from "./errors";

/** What `chat:sendMessage` returns; a repeat with the same client id returns it again. */
export type SendResult = {
  conversationId: Id<"conversations">;
  userMessageId: Id<"messages">;
  /**
   * Null when no AI reply was prepared: a person was asked for or answers (lib/aiGate.ts), or a
   * reply was being written (the next one answers this message too).
   */
  assistantMessageId: Id<"messages"> | null;
  streamId: string | null;
};

/** Refuses a malformed `clientMessageId` with `INVALID_CLIENT_ID` (absent is fine). */
export function checkClientMessageId(clientMessageId: string | undefined): void {
  if (clientMessageId === undefined || CLIENT_MESSAGE_ID_PATTERN.test(clientMessageId)) return;
  throw chatError(
    "INVALID_CLIENT_ID",
    `clientMessageId must be 1 to ${MAX_CLIENT_MESSAGE_ID_LENGTH} characters of A-Z, a-z, 0-9, "_" and "-".`,
  );
}

/**
 * The result of the caller's earlier send with this client id, or null if there was none. Client
 * ids are per visitor: another visitor's identical id is a different send. The repeat's other
 * arguments are not compared: a retry is answered with what the first call did.
 */
export async function earlierSend(ctx: QueryCtx, userId: Id<"users">, clientMessageId: string | undefined): Promise<SendResult | null> {
  if (clientMessageId === undefined) return null;
  const sent = await ctx.db
    .query("messages")
    .withIndex("by_userId_and_clientMessageId", (q) => q.eq("userId", userId).eq("clientMessageId", clientMessageId))
    .first();
  if (sent === null) return null;
  // An AI reply is inserted right after the user message, in the same transaction; without one
  // (mode waiting/human) the next message, if any, is a person's or a system line: no stream. A
  // message sent while a reply was written may be followed by the next reply, which answers it.
  const next = await ctx.db
    .query("messages")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", sent.conversationId).gt("_creationTime", sent._creationTime))
    .first();
  const reply = next?.role === "assistant" && next.streamId !== undefined ? next : null;
  return {
    conversationId: sent.conversationId,
    userMessageId: sent._id,
    assistantMessageId: reply?._id ?? null,
    streamId: reply?.streamId ?? null,
  };
}
