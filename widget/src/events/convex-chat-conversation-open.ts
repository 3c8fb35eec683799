/** Fired when the console opens a conversation (and marks it read). Bubbles and is composed. */
export class ConvexChatConversationOpenEvent extends Event {
  static readonly eventName = "convex-chat-conversation-open";

  constructor(readonly conversationId: string) {
    super(ConvexChatConversationOpenEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-conversation-open": ConvexChatConversationOpenEvent;
  }
}
