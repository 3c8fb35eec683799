// The conversation an element shows: which one (its key and the stored id), its messages (paged:
// the newest live, older ones as the visitor scrolls up) and the replies still being written in it
// (one stream each).
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { MessagePagesController } from "../controllers/message-pages-controller.js";
import { ReplyStreamsController } from "../controllers/reply-streams-controller.js";
import { StoreController } from "../controllers/store-controller.js";
import { isFinal, type ChatMessage, type StreamBody } from "../core/api.js";
import { DEFAULT_CONVERSATION_KEY } from "../core/conversation-store.js";
import type { ChatError } from "../core/errors.js";
import { followUpReplies } from "../core/follow-up-replies.js";
import {
  displayMessages,
  isReplying,
  type MessageDisplay,
  type MessageDisplayStrings,
  type UnconfirmedSend,
} from "../core/message-display.js";
import type { StreamRefusal } from "../core/reply-stream.js";
import { ConvexChatErrorEvent } from "../events/convex-chat-error.js";
import type { Session } from "./session-controller.js";

/** What the controller reads from its element. */
export interface ConversationHost extends ReactiveControllerHost, HTMLElement {
  conversationKey: string;
  /** The site: a conversation belongs to one (see ConversationStores). */
  siteKey: string;
}

/**
 * Follows the element's current conversation: `messages` while signed in, the live `body()` of
 * each unfinished reply, and a stored conversation that is gone starts a new one.
 *
 * @example
 * private conversation = new ConversationController(this, this.session);
 * render() { return this.conversation.messages.map(...) }
 */
export class ConversationController implements ReactiveController {
  private readonly current: StoreController<string | null>;
  private readonly pages: MessagePagesController;
  private readonly replies: ReplyStreamsController;
  /** Messages this element sent while a reply was written, until their reply is listed. */
  private readonly waiting = new Set<string>();

  constructor(
    private readonly host: ConversationHost,
    private readonly session: Session,
  ) {
    this.current = new StoreController(host, () => this.store);
    this.pages = new MessagePagesController(
      host,
      () => this.target(),
      (error) => this.onLoadError(error),
    );
    this.replies = new ReplyStreamsController(host, () => this.replySource());
    // After the three above: hostUpdate reads what they followed.
    host.addController(this);
  }

  /** The conversation key in force: `conversation-key`, else the element's id, else the default. */
  get key(): string {
    return this.host.conversationKey.trim() || this.host.id || DEFAULT_CONVERSATION_KEY;
  }

  /** Where the current conversation's id is kept (shared by elements and tabs with the same key). */
  get store() {
    return this.session.deployment?.conversations.for(this.host.siteKey, this.key);
  }

  /** The current conversation's id: null before the first message, undefined while unknown. */
  get id(): string | null | undefined {
    return this.current.value;
  }

  /** The shown messages, oldest first (none until signed in and loaded): the newest page and those scrolled to. */
  get messages(): ChatMessage[] {
    return this.session.signedIn && this.current.value ? (this.pages.messages ?? []) : [];
  }

  /** The messages as loaded (undefined while loading or signed out), for the unread count. */
  get loaded(): ChatMessage[] | undefined {
    return this.session.signedIn ? this.pages.messages : undefined;
  }

  /** Older messages than the shown ones exist, and whether they are on their way. */
  get older(): { available: boolean; loading: boolean } {
    return { available: this.pages.hasOlder, loading: this.pages.loadingOlder };
  }

  /** Loads the next older page of messages (the visitor scrolled to the top of the log). */
  loadOlder(): void {
    this.pages.loadOlder();
  }

  /** Why the messages could not be loaded. */
  get loadError(): ChatError | undefined {
    return this.pages.error;
  }

  /** Loads the messages again after an error. */
  retryLoad(): void {
    this.pages.retry();
  }

  /** Starts driving the reply to a message just sent. */
  drive(streamId: string): void {
    this.replies.drive(streamId);
  }

  /**
   * Drives the reply that will answer `messageId`, a message sent while a reply was written: the
   * server creates it when that one ends (core/follow-up-replies.ts).
   */
  driveReplyTo(messageId: string): void {
    this.waiting.add(messageId);
    this.host.requestUpdate();
  }

  /** The live body of an unfinished reply. */
  readonly live = (streamId: string): StreamBody => this.replies.body(streamId);

  /** What the log shows: the messages (replies live while they stream), then `sending`. */
  display(sending: readonly UnconfirmedSend[], strings: MessageDisplayStrings, connected = true): MessageDisplay[] {
    return displayMessages({ messages: this.messages, live: this.live, sending, strings, connected });
  }

  /** Whether a reply in `messages` is still being written. */
  replyInProgress(messages: readonly ChatMessage[] = this.messages): boolean {
    return messages.some((m) => isReplying(m, this.live));
  }

  /** Stream ids of the replies the conversation lists as unfinished (what Stop ends). */
  unfinishedStreamIds(messages: readonly ChatMessage[] = this.messages): string[] {
    return messages.filter((m) => m.streamId && !isFinal(m.status)).map((m) => m.streamId!);
  }

  hostUpdate(): void {
    const { drive, answered } = followUpReplies(this.messages, this.waiting);
    for (const id of answered) this.waiting.delete(id);
    for (const streamId of drive) this.replies.drive(streamId);
    this.replies.sync(new Set(this.unfinishedStreamIds()));
  }

  private target() {
    const deployment = this.session.deployment;
    const conversationId = this.current.value;
    if (!deployment || !this.session.signedIn || !conversationId) return undefined;
    return { client: deployment.client, conversationId };
  }

  private replySource() {
    const deployment = this.session.deployment;
    if (!deployment) return undefined;
    return {
      client: deployment.client,
      streamUrl: this.session.streamUrl,
      token: (forceRefresh?: boolean) => deployment.auth.token(forceRefresh),
      onRefused: (_streamId: string, { status, code, message }: StreamRefusal) =>
        this.host.dispatchEvent(
          new ConvexChatErrorEvent(
            "reply",
            message ??
              (status ? `The chat server refused the reply (HTTP ${status}).` : "The chat server could not be reached for this reply."),
            code,
          ),
        ),
    };
  }

  private onLoadError(error: ChatError): void {
    // A stored conversation that is gone or not this visitor's: start a new one instead.
    if (error.code === "NOT_FOUND") return void this.store?.set(null);
    this.host.dispatchEvent(new ConvexChatErrorEvent("load", error.message, error.code));
  }
}
