/**
 * What failed: signing in, sending a message, loading the conversation, stopping a reply, a
 * reply the stream route refused (e.g. `SITE_DISABLED`, `ORIGIN_NOT_ALLOWED`, `RATE_LIMITED`), or
 * asking for a person (`handoff`, e.g. `HANDOFF_DISABLED`).
 */
export type ConvexChatErrorSource = "auth" | "send" | "load" | "stop" | "reply" | "handoff";

/** Fired when the element shows an error. Bubbles and is composed. */
export class ConvexChatErrorEvent extends Event {
  static readonly eventName = "convex-chat-error";

  constructor(
    readonly source: ConvexChatErrorSource,
    /** The reason shown to the visitor (the server's, when it gave one). */
    readonly message: string,
    /** The server's error code, e.g. `MESSAGE_TOO_LONG`. */
    readonly code?: string,
  ) {
    super(ConvexChatErrorEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-error": ConvexChatErrorEvent;
  }
}
