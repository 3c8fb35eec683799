// The conversation an operator opened: `inbox:getConversation` (live), the AI's replies still being
// written followed through `inbox:getStreamBody` (the widget's reply reader, watch-only), and the
// operators' read mark moved whenever the shown conversation has something unread.
import type { ConvexClient } from "convex/browser";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { QueryController } from "../controllers/query-controller.js";
import { ReplyStreamsController } from "../controllers/reply-streams-controller.js";
import { isFinal, type StreamBody } from "../core/api.js";
import { inboxApi, type OperatorConversation, type OperatorMessage } from "../core/operator-api.js";
import { ConvexChatConversationOpenEvent } from "../events/convex-chat-conversation-open.js";

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
        // By cursor: the console receives only the text it lacks (inbox:streamChunksAfter).
        watch: (streamId) => ({
          query: inboxApi.getStreamBody,
          args: { conversationId, streamId },
          cursor: { query: inboxApi.streamChunksAfter, args: { conversationId, streamId } },
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

  /** A reply's text and status: live while it is written, else as stored. */
  body(message: OperatorMessage): StreamBody {
    if (message.streamId && !isFinal(message.status)) {
      const live = this.replies.body(message.streamId);
      if (live.text || isFinal(live.status) || live.status === "streaming") return live;
    }
    return { text: message.content, status: message.status ?? "done" };
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
