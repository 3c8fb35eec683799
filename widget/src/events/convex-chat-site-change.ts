/** Fired when the console shows another site (the operator switched, or the first site loaded). Bubbles and is composed. */
export class ConvexChatSiteChangeEvent extends Event {
  static readonly eventName = "convex-chat-site-change";

  constructor(
    /** The site now shown. */
    readonly siteKey: string,
  ) {
    super(ConvexChatSiteChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "convex-chat-site-change": ConvexChatSiteChangeEvent;
  }
}
