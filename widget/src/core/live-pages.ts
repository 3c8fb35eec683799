// A live, paginated Convex query without React's usePaginatedQuery: page 0 follows the newest rows;
// "load more" fixes the end of the last page (its `endCursor` is its own continueCursor, so rows
// arriving on top make it grow instead of pushing a row into the gap between two pages) and
// subscribes the next page from there. Framework-free.
import type { ConvexClient } from "convex/browser";
import type { FunctionReference, PaginationOptions, PaginationResult } from "convex/server";
import { describeError, type ChatError } from "./errors.js";
import { Store } from "./store.js";

/** What the pages show together. */
export interface LivePagesState<Row> {
  /** Every loaded row in order; undefined until the first page arrived. */
  rows: Row[] | undefined;
  /** No older rows than those loaded. */
  isDone: boolean;
  error?: ChatError;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PaginatedQuery<Row> = FunctionReference<"query", "public", any, PaginationResult<Row>>;

interface Page<Row> {
  options: PaginationOptions;
  result?: PaginationResult<Row>;
  unsubscribe: () => void;
}

/**
 * @example
 * const pages = new LivePages(client, inboxApi.listConversations, { siteKey, filter }, 25, (row) => row.conversationId);
 * pages.state.subscribe(({ rows, isDone }) => render(rows, isDone));
 * pages.loadMore();
 * pages.dispose();
 */
export class LivePages<Row> {
  readonly state = new Store<LivePagesState<Row>>({ rows: undefined, isDone: false });
  private readonly pages: Page<Row>[] = [];
  private disposed = false;

  constructor(
    private readonly client: ConvexClient,
    private readonly query: PaginatedQuery<Row>,
    private readonly args: Record<string, unknown>,
    private readonly pageSize: number,
    /** A row's identity: a row that moved between pages while they updated is shown once. */
    private readonly keyOf: (row: Row) => string,
  ) {
    this.pages.push(this.subscribe({ numItems: pageSize, cursor: null }));
  }

  /** Loads the next older page (no-op before the last page arrived, or when there is none). */
  loadMore(): void {
    const last = this.pages.at(-1);
    if (this.disposed || !last?.result || last.result.isDone) return;
    const { continueCursor } = last.result;
    // Fix where the last page ends; it keeps showing its rows until the fixed query answers.
    const fixed = this.subscribe({ ...last.options, endCursor: continueCursor }, last.result);
    last.unsubscribe();
    this.pages[this.pages.length - 1] = fixed;
    this.pages.push(this.subscribe({ numItems: this.pageSize, cursor: continueCursor }));
    this.publish();
  }

  dispose(): void {
    this.disposed = true;
    for (const page of this.pages) page.unsubscribe();
    this.pages.length = 0;
  }

  private subscribe(options: PaginationOptions, shown?: PaginationResult<Row>): Page<Row> {
    const page: Page<Row> = { options, result: shown, unsubscribe: () => undefined };
    page.unsubscribe = this.client.onUpdate(
      this.query,
      { ...this.args, paginationOpts: options },
      (result) => {
        page.result = result;
        this.publish();
      },
      (error) => this.state.set({ ...this.state.value, error: describeError(error) }),
    );
    return page;
  }

  private publish(): void {
    if (this.disposed) return;
    const first = this.pages[0]?.result;
    if (!first) return;
    const seen = new Set<string>();
    const rows: Row[] = [];
    for (const page of this.pages) {
      for (const row of page.result?.page ?? []) {
        const key = this.keyOf(row);
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push(row);
      }
    }
    const last = this.pages.at(-1)?.result;
    this.state.set({ rows, isDone: last?.isDone ?? false });
  }
}
