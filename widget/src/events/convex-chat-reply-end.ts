import type { StreamStatus } from "../core/api.js";

/**
 * Fired once after each `convex-chat-reply-start`, when that reply's final status is stored: also
 * when the visitor switched to another conversation meanwhile (the element follows the reply until
 * it ends). Not fired if the visitor signs out or the element leaves the page first. Bubbles and is
 * composed.
 */
export class ConvexChatReplyEndEvent extends Event {
  static readonly eventName = "convex-chat-reply-end";

  constructor(
    /** The assistant message's id. */
    readonly messageId: string,
    /** `done`, `error`, `timeout` or `stopped` (the visitor stopped it; `text` is the part written). */
    readonly status: StreamStatus,
    /** The reply's final text. */
    readonly text: string,
  ) {
    super(ConvexChatReplyEndEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-reply-end": ConvexChatReplyEndEvent;
  }
}
