/** Fired after the server accepted a message the visitor sent. Bubbles and is composed. */
export class ConvexChatSendEvent extends Event {
  static readonly eventName = "convex-chat-send";

  constructor(
    /** The conversation the message went to (new on the first message). */
    readonly conversationId: string,
    /** The stream of the reply, which this element drives. */
    readonly streamId: string,
  ) {
    super(ConvexChatSendEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-send": ConvexChatSendEvent;
  }
}
