/** Fired when an operator signed in to the console (or a stored session resumed). Bubbles and is composed. */
export class ConvexChatSignInEvent extends Event {
  static readonly eventName = "convex-chat-sign-in";

  constructor() {
    super(ConvexChatSignInEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-sign-in": ConvexChatSignInEvent;
  }
}
