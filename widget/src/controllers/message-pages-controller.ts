import type { ConvexClient } from "convex/browser";
import type { ReactiveControllerHost } from "lit";
import type { ChatMessage } from "../core/api.js";
import type { ChatError } from "../core/errors.js";
import { MessagePages, type MessagePagesState } from "../core/message-pages.js";
import { FollowController } from "./follow-controller.js";

/** Which conversation to load; `undefined` means none (signed out, or no conversation yet). */
export interface MessagePagesTarget {
  client: ConvexClient;
  conversationId: string;
}

const EMPTY: MessagePagesState = { messages: undefined, hasOlder: false, loadingOlder: false };

/**
 * A conversation's messages, paged (core/message-pages.ts), for a Lit host: the target is re-read
 * before every update and the pages start over when the client or the conversation changes.
 *
 * @example
 * private pages = new MessagePagesController(this, () => signedIn && id ? { client, conversationId: id } : undefined);
 * render() { return this.pages.messages?.map(...) }
 */
export class MessagePagesController {
  private pages: MessagePages | undefined;
  private current: MessagePagesState = EMPTY;
  private readonly subscription: FollowController<MessagePagesTarget>;

  constructor(
    private readonly host: ReactiveControllerHost,
    target: () => MessagePagesTarget | undefined,
    private readonly onError?: (error: ChatError) => void,
  ) {
    this.subscription = new FollowController(host, {
      input: target,
      key: ({ client, conversationId }) => [client, conversationId],
      start: ({ client, conversationId }) => {
        const pages = (this.pages = new MessagePages(client, conversationId));
        this.current = EMPTY;
        const stop = pages.state.subscribe((state) => this.onState(state));
        return () => {
          stop();
          pages.dispose();
          this.pages = undefined;
          this.current = EMPTY;
        };
      },
    });
  }

  /** The loaded messages, oldest first; undefined until the newest page arrived. */
  get messages(): ChatMessage[] | undefined {
    return this.current.messages;
  }

  /** Older messages than those loaded exist. */
  get hasOlder(): boolean {
    return this.current.hasOlder;
  }

  /** An older page is on its way. */
  get loadingOlder(): boolean {
    return this.current.loadingOlder;
  }

  /** The latest failure, cleared by the next answer. */
  get error(): ChatError | undefined {
    return this.current.error;
  }

  /** Loads the next older page (the visitor scrolled to the top). */
  loadOlder(): void {
    this.pages?.loadOlder();
  }

  /** Loads afresh (after an error: the server runs the queries again). */
  retry(): void {
    this.subscription.restart();
    this.host.requestUpdate();
  }

  private onState(state: MessagePagesState): void {
    const failed = state.error !== undefined && state.error !== this.current.error;
    this.current = state;
    if (failed) this.onError?.(state.error!);
    this.host.requestUpdate();
  }
}
