import type { Doc } from "../_generated/dataModel";
import { modeOf } from "./conversationMode";

/**
 * Whether the AI may answer in `conversation` now: only in mode `ai` (a person was asked for, or
 * answers, otherwise). Asked where a reply is claimed (replyLifecycle.ts `claimPendingReply`), in that transaction,
 * so no AI reply starts unless this said yes; `chat:sendMessage` asks it too, only to avoid
 * creating a reply that would be refused. A take-over stops a reply already streaming
 * (lib/conversationMode.ts `takeOver`, through the stop path).
 */
export function aiMayAnswer(conversation: Doc<"conversations">): boolean {
  return modeOf(conversation) === "ai";
}
