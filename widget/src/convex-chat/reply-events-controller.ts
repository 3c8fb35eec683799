// Tells the host page, after each render, that a reply started or ended in the shown conversation.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { ConvexClient } from "convex/browser";
import type { ChatMessage } from "../core/api.js";
import { ReplyLifecycle } from "../core/reply-lifecycle.js";
import { ConvexChatReplyEndEvent } from "../events/convex-chat-reply-end.js";
import { ConvexChatReplyStartEvent } from "../events/convex-chat-reply-start.js";

/** What the events are derived from, read after every update. */
export interface ReplyEventsSource {
  messages: readonly ChatMessage[];
  /** Follows replies of a conversation the visitor left until they end (see ReplyLifecycle). */
  client: ConvexClient | undefined;
}

/**
 * Fires `convex-chat-reply-start` and `convex-chat-reply-end` on its host, once per reply each.
 *
 * @example
 * private events = new ReplyEventsController(this, () => ({ messages }));
 */
export class ReplyEventsController implements ReactiveController {
  private readonly lifecycle = new ReplyLifecycle((m) => this.fireEnd(m));
  private pendingDispose: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly source: () => ReplyEventsSource,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const { messages, client } = this.source();
    const { started, ended } = this.lifecycle.update(messages, client);
    for (const m of started) this.host.dispatchEvent(new ConvexChatReplyStartEvent(m._id, m.streamId!));
    for (const m of ended) this.fireEnd(m);
  }

  hostConnected(): void {
    clearTimeout(this.pendingDispose);
  }

  hostDisconnected(): void {
    // Deferred so that moving the host (disconnect + reconnect in one task) keeps what it tracks.
    this.pendingDispose = setTimeout(() => this.lifecycle.dispose(), 0);
  }

  private fireEnd(m: ChatMessage): void {
    this.host.dispatchEvent(new ConvexChatReplyEndEvent(m._id, m.status!, m.content));
  }
}
