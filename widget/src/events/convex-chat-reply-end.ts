import type { StreamStatus } from "../core/api.js";

/**
 * Fired when a reply the element saw in progress reaches its final status (after a
 * `convex-chat-reply-start` for the same message). Bubbles and is composed.
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
