import type { Doc } from "../_generated/dataModel";

/**
 * Whether the AI may answer in `conversation` now. Asked in exactly one place: the transaction
 * that claims a reply (replyLifecycle.ts `claimPendingReply`), so no AI reply starts unless this
 * said yes in the same transaction. Always yes until conversations get a mode (issue 11: the AI
 * answers only in mode `ai`; a take-over stops a streaming reply through `requestStop`).
 */
export function aiMayAnswer(_conversation: Doc<"conversations">): boolean {
  return true;
}
