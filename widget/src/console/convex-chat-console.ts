import { html, LitElement } from "lit";
import { property, state } from "lit/decorators.js";
import { resolveConsoleStrings, type ConsoleStrings } from "../core/strings/console/index.js";
import { ConvexChatSignInEvent } from "../events/convex-chat-sign-in.js";
import { ConvexChatSignOutEvent } from "../events/convex-chat-sign-out.js";
import styles from "./console.all.styles.js";
import { OperatorIdentityController } from "./operator-identity-controller.js";
import { ConsoleSessionController } from "./console-session-controller.js";
import { renderConversation, renderNoConversation } from "./conversation-view.js";
import { renderHeader, type ConsoleSection } from "./header-view.js";
import { InboxController } from "./inbox-controller.js";
import { renderInboxList } from "./inbox-view.js";
import { SettingsController } from "./settings-controller.js";
import { renderSettings } from "./settings-view.js";
import { SignInController } from "./sign-in-controller.js";
import { renderRedeem, renderSignIn } from "./sign-in-view.js";
import { SitesController } from "./sites-controller.js";
import { KnowledgeController } from "./knowledge-controller.js";
import { renderKnowledge } from "./knowledge-view.js";
import { TeamController } from "./team-controller.js";
import { renderTeam } from "./team-view.js";
import { TranscriptController } from "./transcript-controller.js";
import { TranscriptScrollController } from "./transcript-scroll-controller.js";
import { OperatorHandoffController } from "./handoff-controller.js";
import { NotificationsController } from "./notifications-controller.js";
import { PresenceController } from "./presence-controller.js";

/**
 * The operators' seat: sign in with email and password, read the site's conversations live (the
 * AI's replies growing as they are written), and, for owners, change the site's settings and team.
 * Fills the element's box; lays the list and the conversation side by side when there is room,
 * one at a time (with a back button) when not. Everything is in its shadow DOM: it can sit in any
 * admin page.
 *
 * @summary A live support inbox and site settings for a convex-chat deployment.
 * @example <convex-chat-console convex-url="https://happy-otter-123.convex.cloud"></convex-chat-console>
 *
 * @fires convex-chat-sign-in - An operator signed in (or a stored session resumed).
 * @fires convex-chat-sign-out - The operator signed out.
 * @fires convex-chat-site-change - Another site is shown; carries `siteKey`.
 * @fires convex-chat-conversation-open - A conversation was opened (and marked read); carries `conversationId`.
 * @csspart sign-in - The sign-in page; `sign-in-form` its form.
 * @csspart sign-in-form - The sign-in (or sign-up) form.
 * @csspart redeem-form - The invitation code form of an operator without a site.
 * @csspart input - Every text field and select.
 * @csspart submit-button - The forms' main button.
 * @csspart mode-button - Switches between signing in and signing up with an invitation code.
 * @csspart form-error - Why a form was refused.
 * @csspart header - The top bar.
 * @csspart site - The site's name or switcher, with the role.
 * @csspart site-name - The site's name (one site).
 * @csspart site-switcher - The site select (several sites).
 * @csspart role - The operator's role on the site.
 * @csspart nav - The sections; `nav-button` each of them.
 * @csspart nav-button - A section's button (`aria-current="page"` when shown).
 * @csspart sign-out-button - Signs out.
 * @csspart inbox - The list pane.
 * @csspart search - The search field.
 * @csspart filters - The filter buttons; `filter-button` each.
 * @csspart filter-button - One filter (`aria-pressed` when active).
 * @csspart list - The list of conversations.
 * @csspart row - One conversation in the list; also `unread-row` when unread.
 * @csspart unread-row - A row with a visitor message no operator has read.
 * @csspart unread-mark - The unread dot.
 * @csspart visitor-label - The visitor's label in a row.
 * @csspart row-title - A row's title.
 * @csspart preview - A row's last message.
 * @csspart replying-mark - "AI replying" in a row.
 * @csspart resolved-mark - "Resolved" in a row or a conversation.
 * @csspart waiting-mark - "Waiting 5 min" in a row waiting for a person (the row also has `waiting-row`).
 * @csspart waiting-row - A row waiting for a person.
 * @csspart assignee-mark - "With Alex" in a row a person holds.
 * @csspart load-more-button - Loads older conversations.
 * @csspart empty - What an empty list says.
 * @csspart error - A load error.
 * @csspart conversation - The conversation pane.
 * @csspart back-button - Back to the list (when the panes do not fit side by side).
 * @csspart visitor-context - The visitor's details.
 * @csspart visitor-presence - Whether the visitor's page is open now (`data-on-page`).
 * @csspart handoff-actions - Who answers and the buttons that change it.
 * @csspart mode - Who answers now (`data-mode`: ai, waiting, human).
 * @csspart take-over-button - The operator answers from now on (the AI stops, a reply being written is stopped).
 * @csspart hand-back-button - The AI answers again.
 * @csspart resolve-button - Marks the conversation resolved.
 * @csspart reopen-button - Opens a resolved conversation again.
 * @csspart action-error - Why an action was refused.
 * @csspart system-line - A line about the conversation in the transcript ("Alex joined", "Resolved").
 * @csspart operator - A message of an operator.
 * @csspart visitor-typing - "The visitor is typing…" (hidden once its time passes).
 * @csspart reply-composer - The operator's reply form; `reply-input`, `reply-send-button`.
 * @csspart reply-input - The reply field (Enter sends, Shift+Enter adds a line).
 * @csspart reply-send-button - Sends the reply.
 * @csspart reply-hint - What sending does (takes the conversation over when nobody holds it).
 * @csspart reply-error - Why a reply was not sent.
 * @csspart sound-toggle - Beeps on a new waiting conversation or message (`aria-pressed`; off by default).
 * @csspart notifications-toggle - Browser notifications (asks the browser's permission when turned on).
 * @csspart transcript - The messages.
 * @csspart message - Every message; also `visitor`, `ai` or `operator`.
 * @csspart visitor - A visitor's message.
 * @csspart ai - An AI reply.
 * @csspart speaker - Who says a message.
 * @csspart reply-error - Why a reply failed.
 * @csspart reply-stopped - A reply the visitor stopped.
 * @csspart load-earlier-button - Loads 100 earlier messages of a long conversation.
 * @csspart settings - The settings form.
 * @csspart field - A settings field with its label, hint and error.
 * @csspart field-error - The server's refusal under the field it is about.
 * @csspart fieldset - The model settings group.
 * @csspart save-button - Saves the settings.
 * @csspart save-status - Says the settings were saved.
 * @csspart identity-secret - The identity secret section.
 * @csspart secret - A secret just generated (shown once).
 * @csspart rotate-secret-button - Generates or rotates the identity secret.
 * @csspart team - The team page.
 * @csspart knowledge - The knowledge page (owners): `knowledge-url-form`, `knowledge-text-form`,
 *   `knowledge-notice`, `knowledge-entries` with a `knowledge-entry` each.
 * @csspart invite-form - The invitation form.
 * @csspart invite-button - Creates an invitation.
 * @csspart invitation-code - A code just created (shown once).
 * @csspart invitations - Pending invitations; `invitation` each.
 * @csspart invitation - One pending invitation.
 * @csspart revoke-button - Revokes an invitation.
 * @csspart members - The team's operators; `member` each.
 * @csspart member - One operator.
 * @csspart remove-button - Removes an operator from the site.
 * @cssprop --convex-chat-accent - Accent colour: buttons, selection, focus rings. Default #4f46e5 (dark: #5e5ce6).
 * @cssprop --convex-chat-accent-text - Text on the accent colour. Default #fff.
 * @cssprop --convex-chat-surface - Background. Default #fff (dark: #17181d).
 * @cssprop --convex-chat-text - Text colour. Default #1f2330 (dark: #e9eaf0).
 * @cssprop --convex-chat-muted - Secondary text. Default: text mixed 70% into surface.
 * @cssprop --convex-chat-border - Lines and field borders. Default: text mixed 14% into surface.
 * @cssprop --convex-chat-danger - Errors. Default #b42318 (dark: #fda29b).
 * @cssprop --convex-chat-radius - Corner radius of cards, fields and buttons follow it. Default 16px.
 * @cssprop --convex-chat-font - Font family. Default the system UI font.
 * @cssprop --convex-chat-font-size - Base font size. Default 15px.
 * @cssprop --convex-chat-console-height - Height when the page sets none. Default 100vh (100dvh where supported).
 */
export class ConvexChatConsole extends LitElement {
  static override styles = styles;

  /** The deployment URL, e.g. `https://NAME.convex.cloud` (or a local backend's sync URL). */
  @property({ attribute: "convex-url" }) convexUrl = "";
  /** The site shown first, when the operator has it (else their first site). */
  @property({ attribute: "site-key" }) siteKey = "";
  /**
   * Where the operator's session is kept: `local` (default; across reloads and tabs), `session`
   * (this tab) or `memory` (while the console is on the page). Kept apart from a visitor's chat
   * session on the same page whatever the mode.
   */
  @property() storage: "local" | "session" | "memory" = "local";
  /**
   * Where the host's server answers a signed operator identity (JSON `{ siteKey, operatorId,
   * email, expiresAt, signature }`, README "WordPress"), fetched with the page's cookies: the
   * console signs in with it instead of showing the password form (e.g. the WordPress plugin's
   * "Chat inbox" page). The operator is an agent of that site.
   */
  @property({ attribute: "identity-url" }) identityUrl = "";
  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme: "light" | "dark" | "auto" = "light";
  /** Language of the built-in strings: `en` or `fr` (default: the page's `lang`, else English). */
  @property() override lang = "";
  /** Replaces any of the built-in strings, e.g. `{ inbox: "Conversations" }`. */
  @property({ attribute: false }) strings: Partial<ConsoleStrings> = {};
  /**
   * Leaves the page's title alone. By default the console puts the number of unread conversations
   * waiting for a person or held by the operator in front of it ("(2) Support"), removed at 0;
   * set this where the console is embedded in a page that owns its title.
   */
  @property({ type: Boolean, attribute: "no-title-count" }) noTitleCount = false;

  @state() private section: ConsoleSection = "inbox";

  // First: the controllers below read its client.
  private readonly session = new ConsoleSessionController(this);
  private readonly signIn = new SignInController(this, () => this.session.deployment);
  private readonly operatorIdentity = new OperatorIdentityController(this, () => this.session.deployment);
  private readonly sites = new SitesController(this, () => ({ client: this.session.client, preferred: this.siteKey }));
  private readonly inbox = new InboxController(this, () => ({ client: this.session.client, siteKey: this.sites.current?.siteKey }));
  private readonly transcript = new TranscriptController(this, () => ({
    client: this.session.client,
    conversationId: this.inbox.selectedId,
  }));
  // Opened at the newest message, and kept there as messages arrive (unless scrolled up).
  private readonly transcriptScroll = new TranscriptScrollController(this, () => this.transcript.conversation?.conversationId);
  private readonly handoff = new OperatorHandoffController(this, () => ({
    client: this.session.client,
    conversation: this.transcript.conversation,
  }));
  // Online for visitors while the console is open on a site (away while its tab is hidden).
  private readonly presence = new PresenceController(this, () => this.siteInput());
  private readonly notifications = new NotificationsController(this, () => ({
    ...this.siteInput(),
    titleCount: !this.noTitleCount,
    strings: this.text,
    open: (conversationId) => {
      this.section = "inbox";
      this.inbox.select(conversationId);
    },
  }));
  private readonly settings = new SettingsController(this, () => ({ ...this.siteInput(), owner: this.isOwner }));
  private readonly team = new TeamController(this, () => ({ ...this.siteInput(), owner: this.isOwner }));
  private readonly knowledge = new KnowledgeController(this, () => ({ ...this.siteInput(), owner: this.isOwner }));
  private wasSignedIn = false;

  private siteInput() {
    return { client: this.session.client, siteKey: this.sites.current?.siteKey };
  }

  private get isOwner(): boolean {
    return this.sites.current?.role === "owner";
  }

  /** The language in force: the element's `lang`, the nearest ancestor's, the page's, else `en`. */
  private get language(): string {
    return this.lang || this.parentElement?.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang || "en";
  }

  private get text(): ConsoleStrings {
    return resolveConsoleStrings(this.language, this.strings);
  }

  /** Signs the operator out of every console of this deployment on the page. */
  async signOut(): Promise<void> {
    this.sites.reset();
    this.inbox.select(undefined);
    this.section = "inbox";
    await this.session.deployment?.session.signOut();
  }

  protected override updated(): void {
    const signedIn = this.session.signedIn;
    if (signedIn === this.wasSignedIn) return;
    this.wasSignedIn = signedIn;
    this.dispatchEvent(signedIn ? new ConvexChatSignInEvent() : new ConvexChatSignOutEvent());
  }

  override render() {
    const t = this.text;
    const auth = this.session.auth;
    let body: unknown;
    if (this.session.error)
      body = html`<div class="sign-in"><p class="card form-error" part="error" role="alert">${t.failed(this.session.error)}</p></div>`;
    else if (auth?.status !== "signed-in") {
      body = renderSignIn({
        strings: t,
        mode: this.signIn.mode,
        auth,
        redeemFailure: this.signIn.redeemFailure,
        onSubmit: (form) => void this.signIn.submit(form),
        onMode: (mode) => this.signIn.setMode(mode),
      });
    } else body = this.renderSignedIn(t);
    return html`<div class="root" lang=${this.language} aria-label=${t.consoleLabel} role="region">${body}</div>`;
  }

  private renderSignedIn(t: ConsoleStrings) {
    const sites = this.sites.sites;
    const current = this.sites.current;
    // An agent (or a site switch to one) never stays on an owner's page.
    const section = this.isOwner ? this.section : "inbox";
    const header = renderHeader({
      strings: t,
      sites: sites ?? [],
      current,
      section,
      onSite: (key) => this.sites.choose(key),
      onSection: (name) => (this.section = name),
      onSignOut: () => void this.signOut(),
      notifications: this.notifications,
    });
    let main: unknown;
    if (this.sites.error) main = html`<p class="form-error" part="error" role="alert">${t.failed(this.sites.error.message)}</p>`;
    else if (!sites) main = html`<p class="empty">${t.loading}</p>`;
    else if (!current) {
      main = renderRedeem(t, this.signIn.redeeming, this.signIn.redeemFailure, (code) => void this.signIn.redeem(code));
    } else if (section === "settings") main = html`<div class="page">${renderSettings(this.settings, t, this)}</div>`;
    else if (section === "team") main = html`<div class="page">${renderTeam(this.team, t, this.language)}</div>`;
    else if (section === "knowledge") main = html`<div class="page">${renderKnowledge(this.knowledge, t, this.language)}</div>`;
    else main = this.renderInbox(t);
    return html`${header}<div class="content" part="content">${main}</div>`;
  }

  private renderInbox(t: ConsoleStrings) {
    const selected = this.inbox.selectedId;
    const select = this.inbox.select.bind(this.inbox);
    return html`<div class="inbox ${selected ? "has-selection" : ""}">
      ${renderInboxList(this.inbox, t, this.language)}
      ${
        selected
          ? renderConversation({
              strings: t,
              lang: this.language,
              transcript: this.transcript,
              handoff: this.handoff,
              onBack: () => this.back(selected, select),
            })
          : renderNoConversation(t)
      }
    </div>`;
  }

  // Back to the list (narrow layouts): focus returns to the row that was open.
  private back(conversationId: string, select: (id: string | undefined) => void): void {
    select(undefined);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`.row[data-conversation-id="${CSS.escape(conversationId)}"]`)?.focus(),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "convex-chat-console": ConvexChatConsole;
  }
}
