import type { StreamStatus } from "../core/api.js";

/** Fired when a reply the element watched in progress reaches its final status. Bubbles and is composed. */
export class ConvexChatReplyEvent extends Event {
  static readonly eventName = "convex-chat-reply";

  constructor(
    /** The assistant message's id. */
    readonly messageId: string,
    /** `done`, `error` or `timeout`. */
    readonly status: StreamStatus,
    /** The reply's final text. */
    readonly text: string,
  ) {
    super(ConvexChatReplyEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-reply": ConvexChatReplyEvent;
  }
}
