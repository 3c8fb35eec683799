// The inbox pane: filter, search, the live list of conversations (unread, AI replying, resolved
// marks) and "Load more".
import { html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { InboxFilter, InboxRow } from "../core/operator-api.js";
import type { ConsoleStrings } from "../core/strings/console/index.js";
import { longTime, shortTime } from "../core/time-format.js";
import type { InboxController } from "./inbox-controller.js";

const FILTERS: InboxFilter[] = ["all", "waiting", "mine", "open", "resolved"];

function filterLabel(t: ConsoleStrings, filter: InboxFilter): string {
  const labels: Record<InboxFilter, string> = {
    all: t.filterAll,
    waiting: t.filterWaiting,
    mine: t.filterMine,
    open: t.filterOpen,
    resolved: t.filterResolved,
  };
  return labels[filter];
}

function renderRow(row: InboxRow, selected: boolean, t: ConsoleStrings, lang: string, onSelect: (id: string) => void) {
  const waiting = row.mode === "waiting";
  const held = row.mode === "human";
  return html`<li>
    <button type="button" class="row ${row.unread ? "unread" : ""} ${waiting ? "waiting" : ""}"
      part="row${row.unread ? " unread-row" : ""}${waiting ? " waiting-row" : ""}"
      data-conversation-id=${row.conversationId} aria-current=${selected ? "true" : "false"} @click=${() => onSelect(row.conversationId)}>
      <span class="row-top">
        ${row.unread ? html`<span class="dot" part="unread-mark"><span class="visually-hidden">${t.unread}</span></span>` : nothing}
        <span class="visitor" part="visitor-label">${row.visitorLabel}</span>
        <time class="when" datetime=${new Date(row.updatedAt).toISOString()} title=${longTime(row.updatedAt, lang)}>
          ${shortTime(row.updatedAt, lang)}</time>
      </span>
      <span class="title" part="row-title">${row.title}</span>
      <span class="preview" part="preview">${row.previewAuthor === "ai" ? html`<span class="author">${t.aiPrefix}</span> ` : nothing}${row.preview}</span>
      ${
        row.replying || row.status === "resolved" || waiting || held
          ? html`<span class="marks">
            ${waiting ? html`<span class="mark waiting" part="waiting-mark">${t.waitingFor(waitedFor(row.waitingSince ?? row.updatedAt))}</span>` : nothing}
            ${held ? html`<span class="mark" part="assignee-mark">${t.heldBy(row.assigneeName || t.operatorFallback)}</span>` : nothing}
            ${row.replying ? html`<span class="mark replying" part="replying-mark">${t.replying}</span>` : nothing}
            ${row.status === "resolved" ? html`<span class="mark" part="resolved-mark">${t.resolved}</span>` : nothing}
          </span>`
          : nothing
      }
    </button>
  </li>`;
}

/** How long since `since`, short: "now", "4 min", "2 h", "3 d". */
function waitedFor(since: number): string {
  const minutes = Math.floor((Date.now() - since) / 60_000);
  if (minutes < 1) return "< 1 min";
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / (24 * 60))} d`;
}

export function renderInboxList(inbox: InboxController, t: ConsoleStrings, lang: string) {
  const rows = inbox.rows;
  const error = inbox.error;
  return html`<section class="list-pane" part="inbox" aria-labelledby="inbox-heading">
    <h2 id="inbox-heading" class="visually-hidden">${t.conversations}</h2>
    <div class="tools">
      <label class="visually-hidden" for="search">${t.search}</label>
      <input id="search" type="search" part="search" placeholder=${t.search} .value=${inbox.searchText}
        @input=${(e: Event) => inbox.setSearch((e.target as HTMLInputElement).value)} />
      ${
        inbox.searching
          ? nothing
          : html`<div class="filters" role="group" aria-label=${t.filter} part="filters">
            ${FILTERS.map(
              (filter) => html`<button type="button" part="filter-button" data-filter=${filter}
              aria-pressed=${filter === inbox.filter ? "true" : "false"} @click=${() => inbox.setFilter(filter)}>${filterLabel(t, filter)}</button>`,
            )}
          </div>`
      }
    </div>
    ${error ? html`<p class="form-error" part="error" role="alert">${t.failed(error.message)}</p>` : nothing}
    ${
      rows === undefined
        ? html`<p class="empty" part="empty">${t.loading}</p>`
        : rows.length === 0
          ? html`<p class="empty" part="empty">${inbox.searching ? t.noMatches : inbox.filter === "all" ? t.noConversations : t.noConversationsIn[inbox.filter]}</p>`
          : html`${inbox.searching ? html`<p class="visually-hidden" role="status">${t.searchResults(rows.length)}</p>` : nothing}
          <ul class="rows" part="list" aria-labelledby="inbox-heading">
            ${repeat(
              rows,
              (row) => row.conversationId,
              (row) => renderRow(row, row.conversationId === inbox.selectedId, t, lang, (id) => inbox.select(id)),
            )}
          </ul>`
    }
    ${inbox.hasMore ? html`<button type="button" class="load-more" part="load-more-button" @click=${() => inbox.loadMore()}>${t.loadMore}</button>` : nothing}
  </section>`;
}
