import { html, LitElement, type PropertyValues } from "lit";
import { property, query, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { DeploymentController } from "../controllers/deployment-controller.js";
import { StoreController } from "../controllers/store-controller.js";
import { QueryController } from "../controllers/query-controller.js";
import { ReplyStreamsController } from "../controllers/reply-streams-controller.js";
import { chatApi, isFinal, type ChatMessage } from "../core/api.js";
import { describeError, type ChatError } from "../core/errors.js";
import { ConvexChatErrorEvent, type ConvexChatErrorSource } from "../events/convex-chat-error.js";
import { ConvexChatReadyEvent } from "../events/convex-chat-ready.js";
import { ConvexChatReplyEvent } from "../events/convex-chat-reply.js";
import { ConvexChatSendEvent } from "../events/convex-chat-send.js";
import styles from "./convex-chat.styles.js";
import { renderMessage } from "./message-view.js";
import { currentProblem, renderErrorBanner, renderStatusLine } from "./status-view.js";

/**
 * A streaming AI chat backed by a Convex deployment. Visitors are signed in anonymously; their
 * conversation is kept across reloads; replies stream into the page as they are generated.
 *
 * @summary An embeddable chat with streamed, persisted replies.
 * @example <convex-chat convex-url="https://happy-otter-123.convex.cloud"></convex-chat>
 *
 * @slot heading - The panel's title (default "Chat").
 * @fires convex-chat-ready - The visitor is signed in and can send.
 * @fires convex-chat-send - The server accepted a message; carries `conversationId` and `streamId`.
 * @fires convex-chat-reply - A reply watched in progress became final; carries `status` and `text`.
 * @fires convex-chat-error - An error is shown; carries `source`, `message` and the server's `code`.
 * @csspart panel - The chat's frame.
 * @csspart header - The title bar.
 * @csspart log - The scrolling list of messages.
 * @csspart message - Every message; also `user` or `assistant`.
 * @csspart caret - The cursor after a reply still being written.
 * @csspart reply-error - Why a reply ended early.
 * @csspart composer - The form holding the input and the send button.
 * @csspart input - The message field.
 * @csspart send-button - The send button.
 * @csspart status - The line under the composer (what is happening, or why sending failed).
 * @csspart error - The banner shown when the chat cannot connect or load.
 * @csspart retry-button - The banner's retry button.
 * @cssprop --convex-chat-accent - Accent colour (send button, your messages). Default #4f46e5.
 * @cssprop --convex-chat-background - Panel background. Default #fff.
 * @cssprop --convex-chat-text - Text colour. Default #1f2330.
 * @cssprop --convex-chat-font - Font family. Default the system UI font.
 * @cssprop --convex-chat-radius - Corner radius. Default 16px.
 * @cssprop --convex-chat-height - Panel height. Default 34rem.
 */
export class ConvexChat extends LitElement {
  static override styles = styles;

  /** The deployment URL, e.g. `https://NAME.convex.cloud` (or a local backend's sync URL). */
  @property({ attribute: "convex-url" }) convexUrl = "";
  /** Origin of the deployment's http actions; derived from `convex-url` when empty. */
  @property({ attribute: "site-url" }) siteUrl = "";
  /** Path of the streaming route on the site URL. */
  @property({ attribute: "stream-path" }) streamPath = "/chat-stream";

  @state() private draft = "";
  @state() private sending = false;
  @state() private sendError: ChatError | undefined;
  @query("textarea") private input!: HTMLTextAreaElement | null;

  // First: the controllers below read the deployment it holds.
  private readonly connection = new DeploymentController(this, () => ({
    convexUrl: this.convexUrl,
    siteUrl: this.siteUrl,
    streamPath: this.streamPath,
  }));
  private get deployment() {
    return this.connection.deployment;
  }
  private readonly auth = new StoreController(this, () => this.deployment?.auth.state);
  private readonly conversation = new StoreController(this, () => this.deployment?.conversation);
  private readonly messages = new QueryController(this, () => this.messagesTarget(), (error) => this.onLoadError(error));
  private readonly replies = new ReplyStreamsController(this, () => this.replySource());
  private readonly watchedReplies = new Set<string>();
  private lastAuthStatus: string | undefined;
  private stickToBottom = true;

  private get signedIn(): boolean {
    return this.auth.value?.status === "signed-in";
  }

  protected override update(changed: PropertyValues<this>): void {
    const unfinished = this.messageList().filter((m) => m.streamId && !isFinal(m.status));
    for (const m of unfinished) this.watchedReplies.add(m._id);
    this.replies.sync(new Set(unfinished.map((m) => m.streamId!)));
    super.update(changed);
  }

  protected override updated(): void {
    const auth = this.auth.value;
    if (auth?.status !== this.lastAuthStatus) {
      this.lastAuthStatus = auth?.status;
      if (auth?.status === "signed-in") this.dispatchEvent(new ConvexChatReadyEvent());
      if (auth?.status === "error") this.dispatchEvent(new ConvexChatErrorEvent("auth", auth.message));
    }
    for (const m of this.messageList()) {
      if (!this.watchedReplies.has(m._id) || !isFinal(m.status)) continue;
      this.watchedReplies.delete(m._id);
      this.dispatchEvent(new ConvexChatReplyEvent(m._id, m.status!, m.content));
    }
    const log = this.renderRoot.querySelector(".log");
    if (log && this.stickToBottom) log.scrollTop = log.scrollHeight;
  }

  override render() {
    const messages = this.messageList();
    return html`<section part="panel" class="panel" aria-label="Chat">
      <header part="header" class="header"><slot name="heading">Chat</slot></header>
      <div part="log" class="log" role="log" aria-live="polite" aria-label="Conversation" tabindex="0"
        aria-busy=${this.replyInProgress(messages) ? "true" : "false"} @scroll=${this.onScroll}>
        ${messages.length === 0
          ? html`<p class="empty">Ask a question to start the conversation.</p>`
          : repeat(messages, (m) => m._id, (m) =>
              renderMessage(m, m.streamId && !isFinal(m.status) ? this.replies.body(m.streamId) : undefined))}
      </div>
      ${renderErrorBanner(currentProblem(this.connection.error, this.auth.value, this.messages.error, {
        auth: () => this.deployment?.auth.retry(),
        load: () => this.messages.retry(),
      }))}
      <form part="composer" class="composer" @submit=${this.onSubmit}>
        <label class="visually-hidden" for="input">Message</label>
        <textarea id="input" part="input" rows="2" placeholder="Type a message…" aria-describedby="status"
          .value=${this.draft} ?disabled=${!this.signedIn} @input=${this.onInput} @keydown=${this.onKeydown}></textarea>
        <button part="send-button" type="submit" ?disabled=${!this.signedIn || this.sending || !this.draft.trim()}>Send</button>
      </form>
      ${renderStatusLine({ sendError: this.sendError, auth: this.auth.value, sending: this.sending, configured: !this.connection.error })}
    </section>`;
  }

  // Announcing the log on every token would read the reply piecemeal: while one streams the log is
  // busy, and assistive technology announces the reply once it is complete.
  private replyInProgress(messages: ChatMessage[]): boolean {
    return messages.some((m) => m.streamId && !isFinal(m.status) && !isFinal(this.replies.body(m.streamId).status));
  }

  /** Sends the composer's text. Resolves once the server has accepted (or refused) it. */
  async send(): Promise<void> {
    const deployment = this.deployment;
    const text = this.draft;
    if (!deployment || !this.signedIn || this.sending || !text.trim()) return;
    this.sending = true;
    this.sendError = undefined;
    try {
      const conversationId = deployment.conversation.value ?? undefined;
      const result = await deployment.client.mutation(chatApi.sendMessage, conversationId ? { conversationId, text } : { text });
      this.replies.drive(result.streamId);
      deployment.conversation.set(result.conversationId);
      // Keep anything typed while the message was on its way.
      if (this.draft === text) this.draft = "";
      this.stickToBottom = true;
      this.dispatchEvent(new ConvexChatSendEvent(result.conversationId, result.streamId));
    } catch (error) {
      this.sendError = describeError(error);
      this.dispatchEvent(new ConvexChatErrorEvent("send", this.sendError.message, this.sendError.code));
    } finally {
      this.sending = false;
    }
  }

  private messageList(): ChatMessage[] {
    return this.signedIn && this.conversation.value ? (this.messages.value ?? []) : [];
  }

  private messagesTarget() {
    const conversationId = this.conversation.value;
    if (!this.deployment || !this.signedIn || !conversationId) return undefined;
    return { client: this.deployment.client, query: chatApi.listMessages, args: { conversationId } };
  }

  private replySource() {
    const deployment = this.deployment;
    if (!deployment) return undefined;
    return {
      client: deployment.client,
      streamUrl: this.connection.streamUrl,
      token: (forceRefresh?: boolean) => deployment.auth.token(forceRefresh),
    };
  }

  private onLoadError(error: ChatError): void {
    // A stored conversation that is gone or not this visitor's: start a new one instead.
    if (error.code === "NOT_FOUND") {
      this.deployment?.conversation.set(null);
      return;
    }
    this.dispatchEvent(new ConvexChatErrorEvent("load", error.message, error.code));
  }

  private onInput(event: InputEvent): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    if (this.sendError) this.sendError = undefined;
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void this.send();
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.send();
    this.input?.focus();
  }

  private onScroll(event: Event): void {
    const log = event.target as HTMLElement;
    this.stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 24;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "convex-chat": ConvexChat;
  }
}
