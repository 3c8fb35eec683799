// Messages sent while a reply is written get no reply of their own: when that reply ends, the
// server creates ONE next reply for all of them (chat:sendMessage). It is listed as `pending`, and
// the element that sent them drives it at once, as it drives the reply to any message it sent, so
// it streams token by token rather than after a reader's takeover. Framework-free.
import type { ChatMessage } from "./api.js";
import { isAiReply } from "./message-display.js";

/** What {@link followUpReplies} found. */
export interface FollowUps {
  /** Stream ids of the pending replies to drive now. */
  drive: string[];
  /** The waiting messages that now have their reply (listed after them): stop waiting for them. */
  answered: string[];
}

/**
 * The replies answering `waiting` (ids of messages this element sent while a reply was written),
 * in `messages` (oldest first): the first AI reply listed after each of them. Those still
 * `pending` are to be driven; the others already started elsewhere (another tab, the server).
 */
export function followUpReplies(messages: readonly ChatMessage[], waiting: ReadonlySet<string>): FollowUps {
  const found: FollowUps = { drive: [], answered: [] };
  if (waiting.size === 0) return found;
  let since: string[] = [];
  for (const message of messages) {
    if (waiting.has(message._id)) since.push(message._id);
    else if (isAiReply(message) && message.streamId && since.length > 0) {
      found.answered.push(...since);
      if (message.status === "pending") found.drive.push(message.streamId);
      since = [];
    }
  }
  return found;
}
