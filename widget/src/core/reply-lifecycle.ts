// When replies start and end, for the element's convex-chat-reply-start / -end events. Every start
// is followed by exactly one end carrying the stored status and text, also when the visitor
// switched to another conversation meanwhile: a reply left unfinished is watched (the listing of
// its conversation) until it is final. Only a sign-out (the reply is no longer the visitor's to
// read) or the element leaving the page (dispose) ends it without an end.
import type { ConvexClient } from "convex/browser";
import { chatApi, isFinal, type ChatMessage } from "./api.js";

/** A reply seen in progress, not yet reported ended. */
interface Tracked {
  conversationId: string;
}

/**
 * Tracks which replies were seen in progress, to report when they start and end.
 *
 * @example
 * const lifecycle = new ReplyLifecycle((m) => fireEnd(m));
 * // after each render:
 * const { started, ended } = lifecycle.update(shownMessages, client);
 */
export class ReplyLifecycle {
  private readonly inProgress = new Map<string, Tracked>();
  // One listing subscription per conversation left with replies still being written in it.
  private readonly watchers = new Map<string, () => void>();
  private client: ConvexClient | undefined;

  /** `onLateEnd` gets the replies that ended after their conversation stopped being shown. */
  constructor(private readonly onLateEnd: (message: ChatMessage) => void = () => undefined) {}

  /**
   * The replies that started and ended since the last call, given the messages shown now; replies
   * seen before and not shown now are watched through `client` until they end.
   */
  update(messages: readonly ChatMessage[], client?: ConvexClient): { started: ChatMessage[]; ended: ChatMessage[] } {
    // Another deployment: what the previous one was writing is no longer ours to follow.
    if (client !== this.client) this.dispose();
    this.client = client;
    const started: ChatMessage[] = [];
    const ended: ChatMessage[] = [];
    const shown = new Set<string>();
    for (const m of messages) {
      shown.add(m._id);
      if (m.role !== "assistant" || !m.streamId) continue;
      if (!isFinal(m.status) && !this.inProgress.has(m._id)) {
        this.inProgress.set(m._id, { conversationId: m.conversationId });
        started.push(m);
      } else if (isFinal(m.status) && this.inProgress.delete(m._id)) {
        ended.push(m);
      }
    }
    this.watchUnshown(shown);
    return { started, ended };
  }

  /** Stops watching and forgets every reply in progress (they end unreported). */
  dispose(): void {
    for (const unsubscribe of this.watchers.values()) unsubscribe();
    this.watchers.clear();
    this.inProgress.clear();
  }

  private watchUnshown(shown: ReadonlySet<string>): void {
    const conversations = new Set<string>();
    for (const [id, { conversationId }] of this.inProgress) if (!shown.has(id)) conversations.add(conversationId);
    for (const [conversationId, unsubscribe] of this.watchers) {
      if (!conversations.has(conversationId)) {
        unsubscribe();
        this.watchers.delete(conversationId);
      }
    }
    const client = this.client;
    for (const conversationId of conversations) {
      if (this.watchers.has(conversationId)) continue;
      if (!client) {
        this.forget(conversationId);
        continue;
      }
      const unsubscribe = client.onUpdate(
        chatApi.listMessages,
        { conversationId },
        (messages) => this.onListed(conversationId, messages),
        // Not the visitor's any more (signed out) or gone: nobody can learn how those replies end.
        () => this.forget(conversationId),
      );
      this.watchers.set(conversationId, unsubscribe);
    }
  }

  private onListed(conversationId: string, messages: readonly ChatMessage[]): void {
    for (const m of messages) {
      if (isFinal(m.status) && this.inProgress.get(m._id)?.conversationId === conversationId) {
        this.inProgress.delete(m._id);
        this.onLateEnd(m);
      }
    }
    if (![...this.inProgress.values()].some((t) => t.conversationId === conversationId)) this.unwatch(conversationId);
  }

  private forget(conversationId: string): void {
    for (const [id, tracked] of this.inProgress) if (tracked.conversationId === conversationId) this.inProgress.delete(id);
    this.unwatch(conversationId);
  }

  private unwatch(conversationId: string): void {
    this.watchers.get(conversationId)?.();
    this.watchers.delete(conversationId);
  }
}
