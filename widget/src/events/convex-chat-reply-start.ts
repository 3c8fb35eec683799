/**
 * Fired when a reply starts in the conversation the element shows: one the visitor just asked for,
 * or one already being written when the element loaded it (another tab or element asked). Bubbles
 * and is composed.
 */
export class ConvexChatReplyStartEvent extends Event {
  static readonly eventName = "convex-chat-reply-start";

  constructor(
    /** The assistant message's id. */
    readonly messageId: string,
    /** The reply's stream id (what `chat:stopReply` takes). */
    readonly streamId: string,
  ) {
    super(ConvexChatReplyStartEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-reply-start": ConvexChatReplyStartEvent;
  }
}
