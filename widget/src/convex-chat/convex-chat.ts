import { html, LitElement, type PropertyValues } from "lit";
import { property } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { DeploymentController } from "../controllers/deployment-controller.js";
import { StoreController } from "../controllers/store-controller.js";
import { QueryController } from "../controllers/query-controller.js";
import { ReplyStreamsController } from "../controllers/reply-streams-controller.js";
import { OutboxController } from "../controllers/outbox-controller.js";
import { chatApi, isFinal, type ChatMessage, type SendResult } from "../core/api.js";
import { DEFAULT_CONVERSATION_KEY } from "../core/conversation-store.js";
import type { HostIdentity } from "../core/host-identity.js";
import { outboxStorageKey, type SendOutcome, type SendRequest } from "../core/outbox.js";
import { parseStorageMode, storageNamespace } from "../core/storage.js";
import type { ChatError } from "../core/errors.js";
import type { ChatStrings } from "../core/strings/index.js";
import { ConvexChatErrorEvent } from "../events/convex-chat-error.js";
import { ConvexChatReadyEvent } from "../events/convex-chat-ready.js";
import { ConvexChatReplyEndEvent } from "../events/convex-chat-reply-end.js";
import { ConvexChatReplyStartEvent } from "../events/convex-chat-reply-start.js";
import { ConvexChatSendEvent } from "../events/convex-chat-send.js";
import layoutStyles from "./convex-chat.layout.styles.js";
import markdownStyles from "./markdown.styles.js";
import styles from "./convex-chat.styles.js";
import themeStyles from "./convex-chat.theme.styles.js";
import { ComposerController, type ComposerContext } from "./composer-view.js";
import composerStyles from "./composer.styles.js";
import { ConversationListController } from "./conversation-list-view.js";
import conversationListStyles from "./conversation-list.styles.js";
import { renderHeader } from "./header-view.js";
import { ShellController } from "./shell-controller.js";
import { renderMessage } from "./message-view.js";
import { ReplyActionsController, ReplyLifecycle } from "./reply-actions.js";
import replyActionsStyles from "./reply-actions.styles.js";
import { renderSendingMessage } from "./sending-view.js";
import { currentProblem, renderErrorBanner } from "./status-view.js";

/**
 * A streaming AI chat backed by a Convex deployment. Visitors are signed in anonymously; their
 * conversation is kept across reloads; replies stream into the page as they are generated.
 * `mode="inline"` (the element's default) fills the element's box; `mode="floating"` (what the
 * script tag inserts) is a launcher button in a corner that opens a panel (full screen under 640 px).
 *
 * @summary An embeddable chat with streamed, persisted replies.
 * @example <convex-chat convex-url="https://happy-otter-123.convex.cloud" site-key="demo"></convex-chat>
 *
 * @slot heading - The panel's title (default: the `title` attribute, else "Chat").
 * @fires convex-chat-ready - The visitor is signed in and can send.
 * @fires convex-chat-open - The floating panel opened.
 * @fires convex-chat-close - The floating panel closed.
 * @fires convex-chat-send - The server accepted a message; carries `conversationId` and `streamId`.
 * @fires convex-chat-reply-start - A reply started in the shown conversation; carries `messageId` and `streamId`.
 * @fires convex-chat-reply-end - A reply seen in progress became final; carries `messageId`, `status` and `text`.
 * @fires convex-chat-error - An error is shown; carries `source`, `message` and the server's `code`.
 * @csspart launcher - The floating mode's round button.
 * @csspart launcher-icon - The launcher's icon.
 * @csspart badge - The launcher's count of replies that arrived while the panel was closed.
 * @csspart panel - The chat's frame.
 * @csspart header - The title bar.
 * @csspart title - The title.
 * @csspart close-button - The header's close button (floating mode).
 * @csspart log - The scrolling list of messages.
 * @csspart greeting - The text shown in an empty conversation.
 * @csspart message - Every message; also `user` or `assistant`.
 * @csspart user - A message the visitor sent.
 * @csspart assistant - A reply.
 * @csspart sending - A message of the visitor's not yet confirmed by the server (shown until it is; a reload sends it again).
 * @csspart caret - The cursor after a reply still being written.
 * @csspart reply-error - Why a reply ended early.
 * @csspart code-block - A code block in a reply (its header, language label, copy button and code).
 * @csspart code - The scrolling code of a code block.
 * @csspart code-copy-button - A code block's copy button (reads "Copied" for a moment after copying).
 * @csspart inline-code - Code within a sentence of a reply.
 * @csspart link - A link in a reply (http, https and mailto only; opens in a new tab).
 * @csspart image-link - An image in a reply, shown as a link to it (images are never loaded).
 * @csspart blockquote - A quote in a reply.
 * @csspart table - A table in a reply.
 * @csspart composer - The form holding the input and the send button.
 * @csspart input - The message field.
 * @csspart send-button - The send button.
 * @csspart stop-button - Replaces the send button while a reply is written: stops it.
 * @csspart counter - The character count, shown near the length limit.
 * @csspart reply-actions - The buttons under a finished reply.
 * @csspart copy-button - Copies a reply's text.
 * @csspart retry-reply-button - Under a failed newest reply: sends its question again.
 * @csspart conversations-button - The header's button showing past conversations.
 * @csspart new-conversation-button - The header's button starting a new conversation.
 * @csspart conversations - The list of past conversations.
 * @csspart conversation - One past conversation in the list.
 * @csspart status - The line under the composer (what is happening, or why sending failed).
 * @csspart error - The banner shown when the chat cannot connect or load.
 * @csspart retry-button - The banner's retry button.
 * @cssprop --convex-chat-accent - Accent colour: launcher, send button, your messages, focus rings. Default #4f46e5 (dark: #5e5ce6).
 * @cssprop --convex-chat-accent-text - Text on the accent colour. Default #fff.
 * @cssprop --convex-chat-surface - Panel background. Default #fff (dark: #17181d).
 * @cssprop --convex-chat-text - Text colour. Default #1f2330 (dark: #e9eaf0).
 * @cssprop --convex-chat-muted - Secondary text (status line, greeting). Default: text mixed 70% into surface.
 * @cssprop --convex-chat-border - Lines and field borders. Default: text mixed 14% into surface.
 * @cssprop --convex-chat-danger - Error text and banners. Default #b42318 (dark: #fda29b).
 * @cssprop --convex-chat-radius - Corner radius of the panel (messages and fields follow). Default 16px.
 * @cssprop --convex-chat-font - Font family. Default the system UI font.
 * @cssprop --convex-chat-font-size - Base font size. Default 15px (the input never below 16px on phones).
 * @cssprop --convex-chat-launcher-size - Diameter of the launcher. Default 56px.
 * @cssprop --convex-chat-offset - Distance of the launcher and panel from the viewport's edges. Default 20px.
 * @cssprop --convex-chat-z-index - Stacking order of the floating launcher and panel. Default 2147483000.
 * @cssprop --convex-chat-panel-width - Width of the floating panel. Default 400px.
 * @cssprop --convex-chat-panel-height - Height of the floating panel, and of an inline chat whose height the page does not set. Default 600px.
 * @cssprop --convex-chat-shadow - Shadow of the floating panel and launcher.
 */
export class ConvexChat extends LitElement {
  static override styles = [themeStyles, layoutStyles, styles, composerStyles, conversationListStyles, replyActionsStyles, markdownStyles];

  /** The deployment URL, e.g. `https://NAME.convex.cloud` (or a local backend's sync URL). */
  @property({ attribute: "convex-url" }) convexUrl = "";
  /** Origin of the deployment's http actions; derived from `convex-url` when empty. */
  @property({ attribute: "site-url" }) siteUrl = "";
  /** Path of the streaming route on the site URL. */
  @property({ attribute: "stream-path" }) streamPath = "/chat-stream";
  /**
   * The site's public key (required), issued by the deployment's operator (`npx convex run
   * sites:create`): it names which pages may embed the chat and how it answers.
   */
  @property({ attribute: "site-key" }) siteKey = "";
  /**
   * A customer the host page's server signed in (README, "Signed identity"): JSON
   * `{"customerId","expiresAt","signature"}` as the attribute, or that object as the property.
   * Their conversations follow them across devices. Empty: an anonymous visitor.
   */
  @property() identity: string | HostIdentity = "";
  /**
   * Where the visitor's session is kept: `local` (default; across reloads and tabs), `session`
   * (this tab only, across reloads) or `memory` (while the chat is on the page: a reload is a new
   * visitor). Tokens never go into a URL, whatever the mode.
   */
  @property() storage: "local" | "session" | "memory" = "local";
  /** `inline` fills the element's box; `floating` is a launcher in a corner that opens a panel. */
  @property({ reflect: true }) mode: "inline" | "floating" = "inline";
  /** Floating mode's corner. Default: the end of the line (right, or left in right-to-left pages). */
  @property() position: "left" | "right" | "" = "";
  /** Whether the floating panel is open (attribute `open`). Use `open()`/`close()` to also move focus and fire events. */
  @property({ type: Boolean, reflect: true, attribute: "open" }) isOpen = false;
  /** `light`, `dark`, or `auto` (follows the visitor's `prefers-color-scheme`). */
  @property({ reflect: true }) theme: "light" | "dark" | "auto" = "light";
  /** The panel's title (default from `strings`). */
  @property() override title = "";
  /** The composer's placeholder (default from `strings`). */
  @property() placeholder = "";
  /** Shown in an empty conversation (default from `strings`). */
  @property() greeting = "";
  /** Language of the built-in strings: `en` or `fr` (default: the page's `lang`, else English). */
  @property() override lang = "";
  /** Text direction; right-to-left also follows from an RTL `lang` or the page's direction. */
  @property() override dir = "";
  /** Replaces any of the built-in strings, e.g. `{ send: "Ask" }`. */
  @property({ attribute: false }) strings: Partial<ChatStrings> = {};

  /**
   * Which conversation this element keeps: elements (and tabs) with the same key show the same
   * conversation; give elements on one page different keys to keep theirs apart. Default: the
   * element's `id`, else `default`.
   */
  @property({ attribute: "conversation-key" }) conversationKey = "";

  // First: the controllers below read the deployment it holds.
  private readonly connection = new DeploymentController(this, () => ({
    convexUrl: this.convexUrl,
    siteUrl: this.siteUrl,
    streamPath: this.streamPath,
    siteKey: this.siteKey,
    identity: this.identity,
    storage: parseStorageMode(this.storage),
  }));
  private get deployment() {
    return this.connection.deployment;
  }
  private readonly auth = new StoreController(this, () => this.deployment?.auth.state);
  private readonly conversation = new StoreController(this, () => this.conversationStore);
  private readonly messages = new QueryController(this, () => this.messagesTarget(), (error) => this.onLoadError(error));
  private readonly replies = new ReplyStreamsController(this, () => this.replySource());
  // Sends wait here (persisted) until the server confirms them; a reload sends them again.
  private readonly outbox = new OutboxController(this, () => this.outboxSource(), (outcome) => this.onReplayed(outcome));
  private readonly composer = new ComposerController(this, () => this.composerContext(), () => void this.sendDraft());
  private readonly conversations = new ConversationListController(this, () => ({
    strings: this.text,
    lang: this.lang || document.documentElement.lang,
    client: this.signedIn ? this.deployment?.client : undefined,
    siteKey: this.siteKey,
    store: this.conversationStore,
    onChange: () => this.composer.focus(),
  }));
  private readonly replyActions = new ReplyActionsController(this, () => ({
    strings: this.text,
    client: this.deployment?.client,
    resend: (text: string) => this.send(text),
    canSend: this.composer.blockFor("?") === undefined,
    onStopError: (error: ChatError) => this.onStopError(error),
  }));
  private readonly replyLifecycle = new ReplyLifecycle();
  /** The last message this element sent (see composerContext). */
  private lastSent: SendResult | undefined;
  private lastAuthStatus: string | undefined;
  private stickToBottom = true;
  // Mode, launcher, open/close, language and the live region.
  private readonly shell = new ShellController(this, this.attachInternals(), () => this.composer.focus());

  /** The strings in force (language + overrides). */
  private get text(): ChatStrings {
    return this.shell.text;
  }

  /** Opens the floating panel and moves focus to the composer (no-op inline or when open). */
  open(): void {
    this.shell.setOpen(true);
  }

  /** Closes the floating panel; focus inside it returns to the launcher (no-op inline or when closed). */
  close(): void {
    this.shell.setOpen(false);
  }

  /** Opens the floating panel if closed, closes it if open. */
  toggle(): void {
    this.shell.setOpen(!this.isOpen);
  }

  private get signedIn(): boolean {
    return this.auth.value?.status === "signed-in";
  }

  protected override willUpdate(): void {
    const replies = this.messageList().filter((m) => m.role === "assistant").map((m) => ({ id: m._id, ...this.shown(m) }));
    this.shell.sync(replies, this.conversation.value, this.signedIn ? this.messages.value : undefined);
  }

  protected override update(changed: PropertyValues<this>): void {
    const unfinished = this.messageList().filter((m) => m.streamId && !isFinal(m.status));
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
    const { started, ended } = this.replyLifecycle.update(this.messageList());
    for (const m of started) this.dispatchEvent(new ConvexChatReplyStartEvent(m._id, m.streamId!));
    for (const m of ended) this.dispatchEvent(new ConvexChatReplyEndEvent(m._id, m.status!, m.content));
    const log = this.renderRoot.querySelector(".log");
    if (log && this.stickToBottom) log.scrollTop = log.scrollHeight;
  }

  override render() {
    const messages = this.messageList();
    const sending = this.outbox.sending(this.conversation.value ?? null, new Set(messages.map((m) => m._id)));
    const t = this.text;
    const floating = this.shell.floating;
    // title="": the host's `title` attribute names the chat; it must not become a tooltip over it.
    return html`<div class="root" title="" lang=${this.shell.language} dir=${this.shell.rtl ? "rtl" : "ltr"} @keydown=${this.shell.onKeydown}>
      ${this.shell.renderLauncher()}
      <section id="panel" part="panel" class="panel" role=${floating ? "dialog" : "region"} aria-labelledby="title"
        ?inert=${!this.shell.visible}>
        ${renderHeader({ title: this.title || t.title, strings: t, onClose: floating ? () => this.close() : undefined,
          actions: this.conversations.renderActions() })}
        ${this.conversations.renderList()}
        <div part="log" class="log" role="log" aria-live="off" aria-label=${t.conversationLabel} tabindex="0"
          aria-busy=${this.replyInProgress(messages) ? "true" : "false"} @scroll=${this.onScroll}>
          ${messages.length === 0 && sending.length === 0
            ? html`<p part="greeting" class="greeting">${this.greeting || t.greeting}</p>`
            : repeat(messages, (m) => m._id, (m) =>
                html`${renderMessage(m, m.streamId && !isFinal(m.status) ? this.replies.body(m.streamId) : undefined, this.markdownLabels(), t)}${
                  this.replyActions.render(m, messages)}`)}
          ${repeat(sending, (m) => m.clientMessageId, (m) => renderSendingMessage(m, t))}
        </div>
        ${renderErrorBanner(currentProblem(this.connection.error, this.auth.value, this.messages.error, {
          auth: () => this.deployment?.auth.retry(),
          load: () => this.messages.retry(),
        }, t), t)}
        ${this.composer.render()}
      </section>
      ${this.shell.renderAnnouncer()}
    </div>`;
  }

  private markdownLabels() {
    const t = this.text;
    return { copy: t.copy, copied: t.copied, copyFailed: t.copyFailed, image: t.imageNotLoaded };
  }

  /** A message as shown: its live body while the reply streams, else what the database holds. */
  private shown(m: ChatMessage): { text: string; status: string } {
    if (m.streamId && !isFinal(m.status)) return this.replies.body(m.streamId);
    return { text: m.content, status: m.status ?? "done" };
  }

  // The log does not speak itself (it would read every token); the polite region after the panel
  // announces replies sentence by sentence (ShellController). aria-busy marks the log changing.
  private replyInProgress(messages: ChatMessage[]): boolean {
    return messages.some((m) => m.streamId && !isFinal(m.status) && !isFinal(this.replies.body(m.streamId).status));
  }

  /**
   * Sends `text` as the visitor (as if typed and sent) and opens the panel; waits for the sign-in.
   * One message at a time: nothing is sent while a reply is still being written.
   * Resolves once the server accepted the message; rejects with an `Error` carrying the reason and
   * a `code` (e.g. `EMPTY_MESSAGE`, `MESSAGE_TOO_LONG`, `REPLY_IN_PROGRESS`, `RATE_LIMITED`), also
   * fired as `convex-chat-error`.
   */
  async send(text: string): Promise<void> {
    this.open();
    await this.whenSignedIn();
    const block = this.composer.blockFor(String(text ?? ""));
    if (block) {
      const error = this.composer.blockError(block, String(text ?? ""));
      this.dispatchEvent(new ConvexChatErrorEvent("send", error.message, error.code));
      throw Object.assign(new Error(error.message), { code: error.code });
    }
    await this.submit(String(text), false);
  }

  /**
   * Signs the visitor out: ends the session on the server, forgets the stored tokens and current
   * conversation, and signs in again as a new anonymous visitor (clear `identity` first when the
   * host's customer logged out). Every element of the deployment follows.
   */
  async signOut(): Promise<void> {
    await this.deployment?.signOut();
  }

  /** Starts a new conversation (the next message creates it); past ones stay in the list. */
  newConversation(): void {
    this.conversations.startNew();
  }

  /** Puts `text` in the composer (replacing the draft), opens the panel and focuses the field. */
  async prefill(text: string): Promise<void> {
    this.composer.draft = String(text ?? "");
    this.open();
    await this.updateComplete;
    this.composer.focus();
  }

  private async sendDraft(): Promise<void> {
    await this.submit(this.composer.draft, true).catch(() => undefined);
  }

  private async submit(text: string, fromComposer: boolean): Promise<void> {
    const store = this.conversationStore;
    if (!store) throw new Error(this.text.unavailable);
    this.composer.sending = true;
    this.composer.clearError();
    // The text moves to the log, shown as sending until the server confirms it.
    if (fromComposer) this.composer.draft = "";
    this.stickToBottom = true;
    try {
      this.onSent(await this.outbox.send(text, store.value));
    } catch (error) {
      const reason = this.onRefused(fromComposer ? text : undefined, error);
      throw Object.assign(new Error(reason.message), { code: reason.code });
    } finally {
      this.composer.sending = false;
    }
  }

  /** Resolves once the visitor is signed in; rejects when the chat cannot connect. */
  private async whenSignedIn(): Promise<void> {
    await this.updateComplete;
    for (;;) {
      const deployment = this.deployment;
      const unavailable = (message: string) => Object.assign(new Error(message), { code: "UNAVAILABLE" });
      if (!deployment) throw unavailable(this.connection.error ?? this.text.unavailable);
      const state = deployment.auth.state;
      if (state.value.status === "signed-in") return;
      if (state.value.status === "error") throw unavailable(this.text.connectError(state.value.message));
      await new Promise<void>((resolve) => {
        const unsubscribe = state.subscribe(() => (unsubscribe(), resolve()));
      });
    }
  }

  private composerContext(): ComposerContext {
    const auth = this.auth.value?.status;
    const messages = this.messageList();
    // Between the server accepting a message and the conversation listing its reply, the reply
    // is already on its way: one message at a time holds from the moment of sending.
    const sent = this.lastSent;
    const awaitingList = !!sent && sent.conversationId === this.conversation.value && !messages.some((m) => m.streamId === sent.streamId);
    const replying = awaitingList || this.replyInProgress(messages);
    return {
      strings: this.text,
      placeholder: this.placeholder || this.text.placeholder,
      session: auth === "signed-in" ? "signed-in" : auth === "signing-in" && !this.connection.error ? "signing-in" : "unavailable",
      replying,
      stop: replying ? () => void this.replyActions.stop(messages) : undefined,
      stopping: messages.some((m) => !isFinal(m.status) && this.replyActions.isStopping(m.streamId)),
    };
  }

  private onStopError(error: ChatError): void {
    const message = this.text.stopFailed(error.message);
    this.composer.showError({ message, code: error.code });
    this.dispatchEvent(new ConvexChatErrorEvent("stop", message, error.code));
  }

  /** The conversation key in force: `conversation-key`, else the element's id, else the default. */
  private get conversationKeyInUse(): string {
    return this.conversationKey.trim() || this.id || DEFAULT_CONVERSATION_KEY;
  }

  private get conversationStore() {
    return this.deployment?.conversations.for(this.conversationKeyInUse);
  }

  private onSent(result: SendResult): void {
    this.lastSent = result;
    this.replies.drive(result.streamId);
    this.conversationStore?.set(result.conversationId);
    this.dispatchEvent(new ConvexChatSendEvent(result.conversationId, result.streamId));
  }

  // Refused (too long, rate limited…): never sent again; the visitor's text returns to the composer
  // (a host's send() gets the reason instead).
  private onRefused(text: string | undefined, error: unknown): ChatError {
    const draft = this.composer.draft;
    if (text !== undefined) this.composer.draft = draft.trim() ? `${text}\n${draft}` : text;
    const reason = this.composer.fail(error);
    this.dispatchEvent(new ConvexChatErrorEvent("send", reason.message, reason.code));
    return reason;
  }

  // A send a previous page left unconfirmed has been sent again (same client id: one message).
  private onReplayed(outcome: SendOutcome): void {
    if (outcome.kind === "refused") return void this.onRefused(outcome.send.text, outcome.cause);
    const conversation = this.conversationStore;
    if (outcome.send.conversationId === null && conversation?.value === null) conversation.set(outcome.result.conversationId);
    this.replies.drive(outcome.result.streamId);
  }

  private outboxSource() {
    const deployment = this.deployment;
    if (!deployment) return undefined;
    const conversationKey = this.conversationKeyInUse;
    return {
      client: deployment.client,
      storage: deployment.storage,
      storageKey: outboxStorageKey(storageNamespace(deployment.url), conversationKey),
      signedIn: this.signedIn,
      request: (request: SendRequest) => deployment.client.mutation(chatApi.sendMessage, { ...request, siteKey: this.siteKey }),
    };
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
      this.conversationStore?.set(null);
      return;
    }
    this.dispatchEvent(new ConvexChatErrorEvent("load", error.message, error.code));
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
