/** Fired after the server accepted a message the visitor sent. Bubbles and is composed. */
export class ConvexChatSendEvent extends Event {
  static readonly eventName = "convex-chat-send";

  constructor(
    /** The conversation the message went to (new on the first message). */
    readonly conversationId: string,
    /** The stream of the AI's reply, which this element drives; null when no AI reply follows (a person was asked for or answers). */
    readonly streamId: string | null,
  ) {
    super(ConvexChatSendEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-send": ConvexChatSendEvent;
  }
}
