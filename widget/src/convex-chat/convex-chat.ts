import { html, LitElement, nothing } from "lit";
import { property } from "lit/decorators.js";
import type { HostIdentity } from "../core/host-identity.js";
import type { MessageDisplay } from "../core/message-display.js";
import type { ChatStrings } from "../core/strings/index.js";
import styles from "./convex-chat.all.styles.js";
import { ConversationListController } from "./conversation-list-controller.js";
import { ConversationController } from "./conversation-controller.js";
import { renderHeader } from "./header-view.js";
import { LogController } from "./log-controller.js";
import { OlderMessagesController } from "./older-messages-controller.js";
import { ShellController } from "./shell-controller.js";
import { ReplyEventsController } from "./reply-events-controller.js";
import { SiteProfileController } from "../controllers/site-profile-controller.js";
import { SendController } from "./send-controller.js";
import { SessionController } from "./session-controller.js";
import { currentProblem, renderErrorBanner } from "./error-banner-view.js";
import { HandoffController } from "./handoff-controller.js";
import { renderHandoff } from "./handoff-view.js";
import { renderSessionNotice } from "./session-notice-view.js";
import { IdentityUrlController } from "../controllers/identity-url-controller.js";
import { StoreController } from "../controllers/store-controller.js";
import type { ConnectionStatus } from "../core/connection.js";

/**
 * A streaming AI chat backed by a Convex deployment. Visitors are signed in anonymously; their
 * conversation is kept across reloads; replies stream into the page as they are generated.
 * `mode="inline"` (the element's default) fills the element's box; `mode="floating"` (what the
 * script tag inserts) is a launcher button in a corner that opens a panel (full screen under 640 px).
 *
 * A site its owners disabled shows no launcher in floating mode. The site's name, assistant name
 * (in the AI label and the accessible name of replies), accent color and suggested questions come
 * from the deployment (`chat:siteProfile`); the element's own attributes and the page's
 * `--convex-chat-accent` win over them.
 *
 * @summary An embeddable chat with streamed, persisted replies.
 * @example <convex-chat convex-url="https://happy-otter-123.convex.cloud" site-key="demo"></convex-chat>
 *
 * @slot heading - The panel's title (default: the `title` attribute, else the site's name, else "Chat").
 * @fires convex-chat-ready - The visitor is signed in and can send.
 * @fires convex-chat-open - The floating panel opened.
 * @fires convex-chat-close - The floating panel closed.
 * @fires convex-chat-send - The server accepted a message; carries `conversationId` and `streamId`.
 * @fires convex-chat-reply-start - A reply started in the shown conversation (sent from here, or already being written when shown); carries `messageId` and `streamId`.
 * @fires convex-chat-reply-end - Once per reply-start, when that reply is stored final, also if the visitor switched conversation meanwhile (not after a sign-out, nor once the element left the page); carries `messageId`, `status` (done, error, timeout or stopped) and `text`.
 * @fires convex-chat-error - An error is shown; carries `source`, `message` and the server's `code`.
 * @csspart launcher - The floating mode's round button.
 * @csspart launcher-icon - The launcher's icon.
 * @csspart badge - The launcher's count of replies that arrived while the panel was closed.
 * @csspart panel - The chat's frame.
 * @csspart header - The title bar.
 * @csspart connection-dot - The dot before the title: the accent colour while connected (`data-state`: connecting, connected, reconnecting, offline).
 * @csspart connection - The connection's state in words after the title ("Reconnecting…", "Offline"); visually hidden while connected.
 * @csspart title - The title.
 * @csspart close-button - The header's close button (floating mode).
 * @csspart log - The scrolling list of messages.
 * @csspart greeting - The text shown in an empty conversation.
 * @csspart older - The top of the log: scrolling up to it loads the next older page of messages (`data-older`: more, none).
 * @csspart older-status - The status line there while older messages load.
 * @csspart suggestions - The list of questions the site suggests, under the greeting of an empty conversation.
 * @csspart suggestion - One suggested question: a button that sends it.
 * @csspart message - Every message; also `user` or `assistant`.
 * @csspart user - A message the visitor sent.
 * @csspart assistant - A reply.
 * @csspart sending - A message of the visitor's not yet confirmed by the server (shown until it is; a reload sends it again).
 * @csspart caret - The cursor after a reply still being written.
 * @csspart reply-error - Why a reply ended early.
 * @csspart reply-stopped - The note under a reply the visitor stopped.
 * @csspart reply-cut - The note under a reply cut at its length limit ("The reply was cut at its length limit.").
 * @csspart reply-waiting - The note under a reply being written while the connection is down ("Waiting for connection…"); its caret stops blinking.
 * @csspart reply-queued - The note under a message sent while the connection is down: it goes when the connection is back.
 * @csspart code-block - A code block in a reply (its header, language label, copy button and code).
 * @csspart code - The scrolling code of a code block.
 * @csspart code-copy-button - A code block's copy button (reads "Copied" for a moment after copying).
 * @csspart inline-code - Code within a sentence of a reply.
 * @csspart link - A link in a reply (http, https and mailto only; opens in a new tab).
 * @csspart image-link - An image in a reply, shown as a link to it (images are never loaded).
 * @csspart blockquote - A quote in a reply.
 * @csspart table - A table in a reply.
 * @csspart operator - A message of a person of the site's team (also `message`).
 * @csspart byline - Who wrote a reply, over it: the "AI" label, or a person's initial and name.
 * @csspart author-name - The name in a byline ("AI", or the person's).
 * @csspart avatar - A person's initial in a circle.
 * @csspart system-line - A small centred line about the conversation ("Alex joined", "Resolved"), not a bubble.
 * @csspart handoff - The area above the composer: a person typing, waiting for a person, "Talk to a person".
 * @csspart handoff-button - "Talk to a person" (shown while the AI answers, unless the site turned handoff off).
 * @csspart handoff-status - "Waiting for a person" with what to expect, or who answers now.
 * @csspart typing-indicator - "Alex is typing…" (hidden once its time passes, even with no update).
 * @csspart email-form - The optional email the answer can follow, asked when nobody is online; `email-input`, `email-save-button`.
 * @csspart email-input - The email field.
 * @csspart email-save-button - Saves the email.
 * @csspart email-error - Why the email was refused.
 * @csspart email-kept - Says where the answer will also be sent; with `email-change-button`.
 * @csspart email-change-button - Changes the kept email.
 * @csspart composer - The form holding the input and the send button.
 * @csspart input - The message field.
 * @csspart send-button - The send button.
 * @csspart stop-button - Beside the send button while a reply is written: stops it.
 * @csspart counter - The character count, shown near the length limit.
 * @csspart reply-actions - The buttons under a finished reply.
 * @csspart copy-button - Copies a reply's text.
 * @csspart retry-reply-button - Under a failed newest reply: answers its question again, below it (the question is not sent twice).
 * @csspart regenerate-reply-button - Under a stopped newest reply: answers its question again, below it.
 * @csspart continue-reply-button - Under a newest reply cut at its length limit: sends "Please continue.".
 * @csspart conversations-button - The header's button showing past conversations.
 * @csspart new-conversation-button - The header's button starting a new conversation.
 * @csspart conversations - The list of past conversations.
 * @csspart conversation - One past conversation in the list.
 * @csspart status - The line under the composer (what is happening, or why sending failed).
 * @csspart error - The banner shown when the chat cannot connect or load.
 * @csspart session-notice - Said once when a session the server refused (expired, revoked) was replaced: the visitor continues as a new visitor.
 * @csspart session-notice-dismiss - Hides the session notice (sending a message also does).
 * @csspart retry-button - The banner's retry button.
 * @cssprop --convex-chat-accent - Accent colour: launcher, send button, your messages, focus rings. Default: the site's accent color, else #4f46e5 (dark: #5e5ce6).
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
  static override styles = styles;

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
   * Where the host's server answers the signed identity of whoever is logged in there (the same
   * JSON as `identity`; 401/403/404/204 or empty: anonymous), fetched with the page's cookies and
   * `no-store` instead of printing a signature into cacheable HTML. Fetched again before it
   * expires and when the page regains focus; the chat switches visitor when the answer changes
   * (the user logged in or out). Overrides `identity`.
   */
  @property({ attribute: "identity-url" }) identityUrl = "";
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
  /**
   * Language of the built-in strings: `en`, `fr`, `de`, `es`, `ar` or `he` (default: the page's
   * `lang`, else English). Arabic and Hebrew lay the chat out right to left.
   */
  @property() override lang = "";
  /** Text direction; right-to-left also follows from an RTL `lang` or the page's direction. */
  @property() override dir = "";
  /** Replaces any of the built-in strings, e.g. `{ send: "Ask" }`. */
  @property({ attribute: false }) strings: Partial<ChatStrings> = {};

  /**
   * Which conversation this element keeps: elements (and tabs) with the same key and `site-key`
   * show the same conversation; give elements on one page different keys to keep theirs apart.
   * Default: the element's `id`, else `default`.
   */
  @property({ attribute: "conversation-key" }) conversationKey = "";

  // First: the controllers below read the deployment and sign-in it holds.
  // Before the session: it holds the sign-in until the identity URL answered.
  private readonly identitySource = new IdentityUrlController(this);
  private readonly session = new SessionController(this, () => this.identitySource.pending);
  // Connected, reconnecting or offline: the header's dot, paused replies and queued sends follow it.
  private readonly connection = new StoreController<ConnectionStatus>(this, () => this.session.deployment?.connection);
  private readonly conversation = new ConversationController(this, this.session);
  private readonly sender = new SendController(this, this.session, this.conversation, () => ({
    strings: this.text,
    placeholder: this.placeholder || this.text.placeholder,
    siteKey: this.siteKey,
    onSubmit: () => (this.log.follow(), this.handoff.sent(), this.session.dismissNotice()),
    onType: (text) => this.handoff.typed(text),
    offline: !this.connected,
  }));
  private readonly conversations = new ConversationListController(this, () => ({
    strings: this.text,
    lang: this.lang || document.documentElement.lang,
    client: this.session.signedIn ? this.session.deployment?.client : undefined,
    siteKey: this.siteKey,
    store: this.conversation.store,
    onChange: () => this.sender.composer.focus(),
  }));
  // Mode, launcher, open/close, language and the live region.
  private readonly shell = new ShellController(this, this.attachInternals(), () => this.sender.composer.focus());
  // After the shell, so they run on the rendered, sized panel: scrolling, then reply events.
  private readonly log = new LogController(this);
  // After the log: it keeps the reading position once the log has scrolled to the newest message.
  private readonly older = new OlderMessagesController(this, this.conversation);
  // The site's greeting as its owners set it in the console (the `greeting` attribute still wins).
  // Read without waiting for the sign-in: it needs none, and a disabled site shows no launcher.
  private readonly siteProfile = new SiteProfileController(this, () => ({
    client: this.session.deployment?.client,
    siteKey: this.siteKey,
  }));
  // Who answers: asking for a person, waiting, a person typing, the optional email.
  private readonly handoff = new HandoffController(this, () => ({
    client: this.session.signedIn ? this.session.deployment?.client : undefined,
    siteKey: this.siteKey,
    conversationId: this.conversation.id,
    setConversation: (id) => this.conversation.store?.set(id),
    strings: this.text,
    visible: this.shell.visible,
    messages: this.conversation.messages,
    siteOffers: this.siteProfile.value?.humanHandoff,
    showError: (error) => this.sender.composer.showError(error),
  }));
  private readonly replyEvents = new ReplyEventsController(this, () => ({
    messages: this.conversation.messages,
    client: this.session.deployment?.client,
  }));

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

  /** Whether the deployment is reachable now (before the first connection counts as reachable). */
  private get connected(): boolean {
    const status = this.connection.value;
    return status !== "reconnecting" && status !== "offline";
  }

  /** What the log shows, derived once per update (core/message-display.ts). */
  private shown: MessageDisplay[] = [];

  protected override willUpdate(): void {
    // The shell first: it settles the strings in force before the messages are worded.
    this.shell.sync(this.conversation.id, this.conversation.loaded);
    this.shown = this.conversation.display(this.sender.sending(this.conversation.messages), this.displayStrings, this.connected);
    this.shell.announce(this.shown.flatMap((m) => (m.announce ? [m.announce] : [])));
  }

  /** The strings messages are worded with: the site's assistant name in the AI label, if it has one. */
  private get displayStrings(): ChatStrings {
    const name = this.siteProfile.assistantName;
    const t = this.text;
    return name ? { ...t, aiBadge: t.aiBadgeNamed(name), assistant: t.assistantNamed(name) } : t;
  }

  /** The title: the `title` attribute, a `strings.title` the page gave, the site's name, the built-in. */
  private get shownTitle(): string {
    if (this.title) return this.title;
    if (typeof this.strings?.title === "string") return this.text.title;
    return this.siteProfile.name ?? this.text.title;
  }

  private accentSheet: CSSStyleSheet | undefined;

  // The site's accent replaces the theme's default accent only: a page's --convex-chat-accent wins.
  // An adopted sheet, not a style attribute: a strict CSP (style-src 'self') refuses those.
  protected override updated(): void {
    const root = this.shadowRoot;
    const color = this.siteProfile.accentColor;
    if (!root || (!color && !this.accentSheet)) return;
    if (!this.accentSheet) {
      this.accentSheet = new CSSStyleSheet();
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.accentSheet];
    }
    this.accentSheet.replaceSync(color ? `:host { --_default-accent: ${color} !important; }` : "");
  }

  override render() {
    const t = this.text;
    const floating = this.shell.floating;
    // A site its owners turned off (or that does not exist): no launcher, no panel.
    if (floating && this.siteProfile.disabled) return nothing;
    // title="": the host's `title` attribute names the chat; it must not become a tooltip over it.
    return html`<div class="root" title="" lang=${this.shell.language} dir=${this.shell.rtl ? "rtl" : "ltr"} @keydown=${this.shell.onKeydown}>
      ${this.shell.renderLauncher()}
      <section id="panel" part="panel" class="panel" tabindex="-1" role=${floating ? "dialog" : "region"} aria-labelledby="title"
        aria-modal=${this.shell.isModal ? "true" : nothing} ?inert=${!this.shell.visible}>
        ${renderHeader({
          title: this.shownTitle,
          strings: t,
          onClose: floating ? () => this.close() : undefined,
          actions: this.conversations.renderActions(),
          connection: this.connection.value,
        })}
        ${this.conversations.renderList()}
        ${renderSessionNotice(this.session.notice, t, () => this.session.dismissNotice())}
        ${this.log.render({
          strings: t,
          greeting: this.greeting || this.siteProfile.greeting || t.greeting,
          messages: this.shown,
          top: this.older.render(t.loadingOlder),
          actions: (m) => this.sender.replyActions.render(m),
          suggestions: { questions: this.siteProfile.suggestedQuestions, pick: (q) => void this.send(q).catch(() => undefined) },
        })}
        ${renderErrorBanner(
          currentProblem(
            this.session.error,
            this.session.auth,
            this.conversation.loadError,
            {
              auth: () => this.session.deployment?.auth.retry(),
              load: () => this.conversation.retryLoad(),
            },
            t,
          ),
          t,
        )}
        ${renderHandoff(this.handoff, t)}
        ${this.sender.composer.render()}
      </section>
      ${this.shell.renderAnnouncer()}
    </div>`;
  }

  /**
   * Sends `text` as the visitor (as if typed and sent) and opens the panel; waits for the sign-in.
   * A message sent while a reply is still being written goes at once; the next reply answers it.
   * Resolves once the server accepted the message; rejects with an `Error` carrying the reason and
   * a `code` (e.g. `EMPTY_MESSAGE`, `MESSAGE_TOO_LONG`, `RATE_LIMITED`), also
   * fired as `convex-chat-error`.
   */
  send(text: string): Promise<void> {
    return this.sender.send(text);
  }

  /**
   * Signs the visitor out: ends the session on the server, forgets the stored tokens, the current
   * conversation of every site and key, and messages not yet confirmed (a send waiting then
   * rejects with code `SIGNED_OUT`; none is ever sent as the next visitor), and signs in again as a
   * new anonymous visitor (clear `identity` first when the host's customer logged out). Every
   * element of the deployment follows.
   *
   * `signOut({ erase: true })` first has the server erase the visitor's data (every conversation
   * on every site, then the visitor: `chat:eraseMyData`); it rejects, changing nothing, if the
   * server could not be asked.
   */
  async signOut(options: { erase?: boolean } = {}): Promise<void> {
    await this.session.deployment?.signOut(options);
  }

  /** Starts a new conversation (the next message creates it); past ones stay in the list. */
  newConversation(): void {
    this.conversations.startNew();
  }

  /** Puts `text` in the composer (replacing the draft), opens the panel and focuses the field. */
  prefill(text: string): Promise<void> {
    return this.sender.prefill(text);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "convex-chat": ConvexChat;
  }
}
