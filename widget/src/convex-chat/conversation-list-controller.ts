// The visitor's conversations: a "New conversation" action and a list of past conversations
// (titled from their first message) that switches the element to the one picked.
import { html, nothing, type ReactiveControllerHost } from "lit";
import type { ConvexClient } from "convex/browser";
import { QueryController } from "../controllers/query-controller.js";
import { chatApi, type ConversationSummary } from "../core/api.js";
import type { ConversationStore } from "../core/conversation-store.js";
import { intlLocale } from "../core/locale.js";
import type { ChatStrings } from "../core/strings/index.js";

/** What the list works on, read on every update. */
export interface ConversationListContext {
  strings: ChatStrings;
  /** For dates in the list. */
  lang: string;
  /** Undefined until signed in. */
  client: ConvexClient | undefined;
  siteKey: string;
  /** The element's current conversation. */
  store: ConversationStore | undefined;
  /** Called after a switch or a new conversation (e.g. to focus the composer). */
  onChange: () => void;
}

/**
 * The header's conversation actions and the list they open, for a Lit host. The list is fetched
 * (and kept live) only while it is open.
 *
 * @example
 * private conversations = new ConversationListController(this, () => ({ strings, lang, client, siteKey, store, onChange }));
 * // header: ${this.conversations.renderActions()}  below it: ${this.conversations.renderList()}
 */
export class ConversationListController {
  private expanded = false;
  private readonly list: QueryController<typeof chatApi.listConversations>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly context: () => ConversationListContext,
  ) {
    this.list = new QueryController(host, () => {
      const { client, siteKey } = this.context();
      if (!this.expanded || !client || !siteKey) return undefined;
      return { client, query: chatApi.listConversations, args: { siteKey } };
    });
  }

  /** Whether the list is shown. */
  get open(): boolean {
    return this.expanded;
  }

  toggle(open = !this.expanded): void {
    this.expanded = open;
    this.host.requestUpdate();
  }

  /** Starts a new conversation: the next message creates it. */
  startNew(): void {
    const { store, onChange } = this.context();
    store?.set(null);
    this.toggle(false);
    onChange();
  }

  /** Shows conversation `id` (one of the visitor's). */
  select(id: string): void {
    const { store, onChange } = this.context();
    store?.set(id);
    this.toggle(false);
    onChange();
  }

  /** The header's buttons: show past conversations, start a new one. */
  renderActions() {
    const { strings, client } = this.context();
    return html`<div class="conversation-actions">
      <button part="conversations-button" class="header-button" type="button" aria-expanded=${this.expanded ? "true" : "false"}
        aria-controls="conversations" ?disabled=${!client} @click=${() => this.toggle()}>${strings.conversations}</button>
      <button part="new-conversation-button" class="header-button new" type="button" ?disabled=${!client}
        @click=${() => this.startNew()}><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 5v14M5 12h14" /></svg
        ><span class="label">${strings.newConversation}</span></button>
    </div>`;
  }

  /** The list of past conversations (nothing while closed). */
  renderList() {
    if (!this.expanded) return nothing;
    const { strings, lang, store } = this.context();
    const conversations: ConversationSummary[] | undefined = this.list.value;
    const current = store?.value;
    const when = new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: "medium", timeStyle: "short" });
    return html`<nav id="conversations" part="conversations" class="conversations" aria-label=${strings.pastConversations}>
      ${
        this.list.error
          ? html`<p class="conversations-note" role="alert">${this.list.error.message}</p>`
          : conversations?.length === 0
            ? html`<p class="conversations-note">${strings.noConversations}</p>`
            : html`<ul>${(conversations ?? []).map(
                (c) => html`<li>
              <button part="conversation" type="button" aria-current=${c._id === current ? "true" : "false"}
                @click=${() => this.select(c._id)}>
                <span class="conversation-title" dir="auto">${c.title || strings.untitledConversation}</span>
                <time datetime=${new Date(c.updatedAt).toISOString()}>${when.format(c.updatedAt)}</time>
              </button></li>`,
              )}</ul>`
      }
    </nav>`;
  }
}
