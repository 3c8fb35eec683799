// The conversation an operator opened: `inbox:getConversation` (live, its newest 100 messages),
// earlier messages loaded on demand ("Load earlier", `inbox:listMessages`), the AI's replies still
// being written followed through `inbox:getStreamBody` (the widget's reply reader, watch-only), and
// the operators' read mark moved whenever the shown conversation has something unread.
import type { ConvexClient } from "convex/browser";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { QueryController } from "../controllers/query-controller.js";
import { ReplyStreamsController } from "../controllers/reply-streams-controller.js";
import { isFinal, type StreamBody } from "../core/api.js";
import { inboxApi, type OperatorConversation, type OperatorMessage } from "../core/operator-api.js";
import { ConvexChatConversationOpenEvent } from "../events/convex-chat-conversation-open.js";
import { describeError } from "../core/errors.js";

/** Messages per "Load earlier" (the page size `inbox:getConversation` also shows). */
const EARLIER_PAGE = 100;

/**
 * @example
 * private transcript = new TranscriptController(this, () => ({ client, conversationId }));
 * // this.transcript.conversation?.messages, this.transcript.body(message)
 */
export class TranscriptController implements ReactiveController {
  private readonly query: QueryController<typeof inboxApi.getConversation>;
  private readonly replies: ReplyStreamsController;
  private opened: string | undefined;
  /** The `updatedAt` of the conversation the last markRead was sent for (one call per change). */
  private markedAt: string | undefined;
  /** Earlier messages loaded for `earlierOf`, newest first as `listMessages` pages them. */
  private earlier: OperatorMessage[] = [];
  private earlierOf: string | undefined;
  private earlierCursor: string | undefined;
  private earlierDone = false;
  /** A "Load earlier" on its way. */
  loadingEarlier = false;
  earlierError: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly input: () => { client: ConvexClient | undefined; conversationId: string | undefined },
  ) {
    host.addController(this);
    this.query = new QueryController(host, () => {
      const { client, conversationId } = this.input();
      return client && conversationId ? { client, query: inboxApi.getConversation, args: { conversationId } } : undefined;
    });
    this.replies = new ReplyStreamsController(host, () => {
      const { client, conversationId } = this.input();
      if (!client || !conversationId) return undefined;
      return {
        client,
        streamUrl: "",
        token: () => Promise.reject(new Error("The console never drives a reply.")),
        // The newest piece only (inbox:streamTail), what it missed by cursor (inbox:streamChunksAfter).
        watch: (streamId) => ({
          query: inboxApi.getStreamBody,
          args: { conversationId, streamId },
          cursor: { tail: inboxApi.streamTail, after: inboxApi.streamChunksAfter, args: { conversationId, streamId } },
        }),
      };
    });
  }

  /** The conversation shown (undefined while loading, or for another id than the one asked). */
  get conversation(): OperatorConversation | undefined {
    const value = this.query.value;
    return value?.conversationId === this.input().conversationId ? value : undefined;
  }

  get error() {
    return this.query.error;
  }

  /**
   * The messages to show, oldest first: the loaded earlier ones, then the live newest page (live
   * wins where both hold a message).
   */
  get messages(): OperatorMessage[] {
    const live = this.conversation?.messages ?? [];
    if (this.earlier.length === 0) return live;
    const liveIds = new Set(live.map((m) => m._id));
    const older = this.earlier.filter((m) => !liveIds.has(m._id)).reverse();
    return [...older, ...live];
  }

  /** Whether messages older than those shown exist. */
  get hasEarlier(): boolean {
    const conversation = this.conversation;
    if (!conversation) return false;
    return this.earlierCursor === undefined ? conversation.hasOlderMessages : !this.earlierDone;
  }

  /**
   * Loads the next 100 earlier messages. The first time it also reads the newest page once: its
   * end cursor is where the earlier pages start, and keeping it makes the union gapless even
   * when new messages push the oldest ones out of the live page meanwhile. Earlier messages are
   * read once (they are finished: only the newest change).
   */
  async loadEarlier(): Promise<void> {
    const { client, conversationId } = this.input();
    if (!client || !conversationId || this.loadingEarlier || !this.hasEarlier) return;
    this.loadingEarlier = true;
    this.earlierError = undefined;
    this.host.requestUpdate();
    const page = (cursor: string | null) =>
      client.query(inboxApi.listMessages, { conversationId, paginationOpts: { numItems: EARLIER_PAGE, cursor } });
    try {
      const loaded: OperatorMessage[] = [];
      let cursor = this.earlierCursor ?? null;
      let done = false;
      if (cursor === null) {
        const newest = await page(null);
        loaded.push(...newest.page);
        cursor = newest.continueCursor;
        done = newest.isDone;
      }
      if (!done) {
        const next = await page(cursor);
        loaded.push(...next.page);
        cursor = next.continueCursor;
        done = next.isDone;
      }
      if (this.input().conversationId !== conversationId) return; // another one opened meanwhile
      this.earlier = [...this.earlier, ...loaded];
      this.earlierCursor = cursor;
      this.earlierDone = done;
    } catch (error) {
      this.earlierError = describeError(error).message;
    } finally {
      this.loadingEarlier = false;
      this.host.requestUpdate();
    }
  }

  /** A reply's text and status: live while it is written, else as stored. */
  body(message: OperatorMessage): StreamBody {
    if (message.streamId && !isFinal(message.status)) {
      const live = this.replies.body(message.streamId);
      if (live.text || isFinal(live.status) || live.status === "streaming") return live;
    }
    return { text: message.content, status: message.status ?? "done" };
  }

  hostUpdate(): void {
    const { conversationId } = this.input();
    if (conversationId === this.earlierOf) return;
    // Another conversation: none of the last one's earlier messages.
    this.earlierOf = conversationId;
    this.earlier = [];
    this.earlierCursor = undefined;
    this.earlierDone = false;
    this.loadingEarlier = false;
    this.earlierError = undefined;
  }

  hostUpdated(): void {
    const conversation = this.conversation;
    const unfinished = new Set(
      (conversation?.messages ?? []).filter((m) => m.streamId && !isFinal(m.status)).map((m) => m.streamId as string),
    );
    this.replies.sync(unfinished);
    const { client, conversationId } = this.input();
    if (conversationId !== this.opened) {
      this.opened = conversationId;
      if (conversationId) this.host.dispatchEvent(new ConvexChatConversationOpenEvent(conversationId));
    }
    // Read means read by someone looking at it: mark when shown and again when the visitor writes.
    if (!client || !conversation?.unread) return;
    const mark = `${conversation.conversationId}@${conversation.updatedAt}`;
    if (mark === this.markedAt) return;
    this.markedAt = mark;
    client.mutation(inboxApi.markRead, { conversationId: conversation.conversationId }).catch(() => {
      this.markedAt = undefined; // try again on the next change
    });
  }
}
