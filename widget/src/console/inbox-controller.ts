// The inbox of the site shown: its filter, the live list (`inbox:listConversations` as live pages,
// "Load more" adding older ones), the search, and the conversation selected.
import type { ConvexClient } from "convex/browser";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { QueryController } from "../controllers/query-controller.js";
import { LivePages } from "../core/live-pages.js";
import { inboxApi, type InboxFilter, type InboxRow } from "../core/operator-api.js";

/** Rows per "Load more". */
export const INBOX_PAGE_SIZE = 25;
/** Typing pauses this long before the search runs. */
const SEARCH_DELAY_MS = 200;

/**
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
  private siteKey: string | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** The live pages of the list, and what they were opened for (client, site, filter). */
  private list: { pages: LivePages<InboxRow>; client: ConvexClient; key: string; unsubscribe: () => void } | undefined;
  private readonly search: QueryController<typeof inboxApi.search>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly input: () => { client: ConvexClient | undefined; siteKey: string | undefined },
  ) {
    host.addController(this);
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
    return this.searching ? this.search.value : this.list?.pages.state.value.rows;
  }

  /** Whether there are older rows than those shown. */
  get hasMore(): boolean {
    const state = this.list?.pages.state.value;
    return !this.searching && state?.rows !== undefined && !state.isDone;
  }

  get error() {
    return this.searching ? this.search.error : this.list?.pages.state.value.error;
  }

  setFilter(filter: InboxFilter): void {
    if (filter === this.filter) return;
    this.filter = filter;
    this.host.requestUpdate();
  }

  loadMore(): void {
    this.list?.pages.loadMore();
  }

  setSearch(text: string): void {
    this.searchText = text;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(
      () => {
        this.activeSearch = text.trim();
        this.host.requestUpdate();
      },
      text.trim() ? SEARCH_DELAY_MS : 0,
    );
    this.host.requestUpdate();
  }

  select(conversationId: string | undefined): void {
    this.selectedId = conversationId;
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    const { client, siteKey } = this.input();
    if (siteKey !== this.siteKey) {
      // Another site (or operator) starts from the top with nothing selected.
      this.siteKey = siteKey;
      this.filter = "all";
      this.selectedId = undefined;
      this.searchText = this.activeSearch = "";
    }
    this.follow(client, siteKey);
  }

  hostDisconnected(): void {
    clearTimeout(this.searchTimer);
    this.close();
  }

  // Opens the pages of the current client, site and filter (closing others); none while signed out.
  private follow(client: ConvexClient | undefined, siteKey: string | undefined): void {
    const key = JSON.stringify([siteKey, this.filter]);
    if (this.list && this.list.client === client && this.list.key === key) return;
    this.close();
    if (!client || !siteKey) return;
    const pages = new LivePages(
      client,
      inboxApi.listConversations,
      { siteKey, filter: this.filter },
      INBOX_PAGE_SIZE,
      (row) => row.conversationId,
    );
    const unsubscribe = pages.state.subscribe(() => this.host.requestUpdate());
    this.list = { pages, client, key, unsubscribe };
  }

  private close(): void {
    this.list?.unsubscribe();
    this.list?.pages.dispose();
    this.list = undefined;
  }
}
