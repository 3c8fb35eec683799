// The inbox of the site shown: its filter, the live list (one subscription to
// `inbox:listConversations` whose window grows with "Load more"), the search, and the conversation
// selected.
import type { ConvexClient } from "convex/browser";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { QueryController } from "../controllers/query-controller.js";
import { inboxApi, type InboxFilter, type InboxRow } from "../core/operator-api.js";

/** Rows per "Load more". */
export const INBOX_PAGE_SIZE = 25;
/** Typing pauses this long before the search runs. */
const SEARCH_DELAY_MS = 200;

/**
 * One live window rather than stitched pages: the newest `limit` rows, newest first. A new message
 * moves its row to the top of the same result, never between two pages' subscriptions.
 *
 * @example
 * private inbox = new InboxController(this, () => ({ client, siteKey }));
 * // this.inbox.rows, this.inbox.loadMore(), this.inbox.select(id)
 */
export class InboxController implements ReactiveController {
  filter: InboxFilter = "all";
  /** The search as typed; the query runs on {@link activeSearch}. */
  searchText = "";
  /** The conversation shown, if any. */
  selectedId: string | undefined;
  private activeSearch = "";
  private limit = INBOX_PAGE_SIZE;
  private siteKey: string | undefined;
  private previous: { key: string; rows: InboxRow[]; isDone: boolean } | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly list: QueryController<typeof inboxApi.listConversations>;
  private readonly search: QueryController<typeof inboxApi.search>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly input: () => { client: ConvexClient | undefined; siteKey: string | undefined },
  ) {
    host.addController(this);
    this.list = new QueryController(host, () => {
      const { client, siteKey } = this.input();
      if (!client || !siteKey) return undefined;
      return { client, query: inboxApi.listConversations, args: { siteKey, filter: this.filter, paginationOpts: { numItems: this.limit, cursor: null } } };
    });
    this.search = new QueryController(host, () => {
      const { client, siteKey } = this.input();
      if (!client || !siteKey || !this.activeSearch) return undefined;
      return { client, query: inboxApi.search, args: { siteKey, query: this.activeSearch } };
    });
  }

  /** Whether the list shows search results. */
  get searching(): boolean {
    return this.activeSearch !== "";
  }

  /** The rows shown; undefined while the first result loads. */
  get rows(): InboxRow[] | undefined {
    if (this.searching) return this.search.value;
    const result = this.list.value;
    // A grown window keeps showing the rows it had until the bigger result arrives.
    if (result) return result.page;
    return this.previous?.key === this.listKey() ? this.previous.rows : undefined;
  }

  /** Whether there are older rows than those shown. */
  get hasMore(): boolean {
    if (this.searching) return false;
    const result = this.list.value;
    return result ? !result.isDone : this.previous?.key === this.listKey() ? !this.previous.isDone : false;
  }

  get error() {
    return this.searching ? this.search.error : this.list.error;
  }

  setFilter(filter: InboxFilter): void {
    if (filter === this.filter) return;
    this.filter = filter;
    this.limit = INBOX_PAGE_SIZE;
    this.host.requestUpdate();
  }

  loadMore(): void {
    const result = this.list.value;
    if (result) this.previous = { key: this.listKey(), rows: result.page, isDone: result.isDone };
    this.limit += INBOX_PAGE_SIZE;
    this.host.requestUpdate();
  }

  setSearch(text: string): void {
    this.searchText = text;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.activeSearch = text.trim();
      this.host.requestUpdate();
    }, text.trim() ? SEARCH_DELAY_MS : 0);
    this.host.requestUpdate();
  }

  select(conversationId: string | undefined): void {
    this.selectedId = conversationId;
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    // Another site (or operator) starts from the top with nothing selected.
    const siteKey = this.input().siteKey;
    if (siteKey === this.siteKey) return;
    this.siteKey = siteKey;
    this.filter = "all";
    this.limit = INBOX_PAGE_SIZE;
    this.selectedId = undefined;
    this.searchText = this.activeSearch = "";
    this.previous = undefined;
  }

  hostDisconnected(): void {
    clearTimeout(this.searchTimer);
  }

  // Which list a remembered result belongs to (site and filter; the window size may differ).
  private listKey(): string {
    return JSON.stringify([this.input().siteKey, this.filter]);
  }
}
