/** Fired when the floating panel closes (by the visitor, Escape or `close()`). Bubbles and is composed. */
export class ConvexChatCloseEvent extends Event {
  static readonly eventName = "convex-chat-close";

  constructor() {
    super(ConvexChatCloseEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-close": ConvexChatCloseEvent;
  }
}
