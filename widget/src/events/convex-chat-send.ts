/** Fired after the server accepted a message the visitor sent. Bubbles and is composed. */
export class ConvexChatSendEvent extends Event {
  static readonly eventName = "convex-chat-send";

  constructor(
    /** The conversation the message went to (new on the first message). */
    readonly conversationId: string,
    /**
     * The stream of the AI's reply, which this element drives; null when no reply of its own
     * follows: a person was asked for or answers, or a reply was being written (the next reply,
     * which this element drives too, answers the message).
     */
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
