/** Fired when the floating panel opens (by the visitor or by `open()`). Bubbles and is composed. */
export class ConvexChatOpenEvent extends Event {
  static readonly eventName = "convex-chat-open";

  constructor() {
    super(ConvexChatOpenEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-open": ConvexChatOpenEvent;
  }
}
