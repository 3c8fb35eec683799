/** Fired when the operator signed out of the console. Bubbles and is composed. */
export class ConvexChatSignOutEvent extends Event {
  static readonly eventName = "convex-chat-sign-out";

  constructor() {
    super(ConvexChatSignOutEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-sign-out": ConvexChatSignOutEvent;
  }
}
