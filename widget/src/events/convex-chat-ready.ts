/** Fired when the visitor is signed in and the chat can send. Bubbles and is composed. */
export class ConvexChatReadyEvent extends Event {
  static readonly eventName = "convex-chat-ready";

  constructor() {
    super(ConvexChatReadyEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-ready": ConvexChatReadyEvent;
  }
}
