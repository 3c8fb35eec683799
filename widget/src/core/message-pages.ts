// A conversation's messages for one tab, in parts that cost the tab only what changes. Convex
// re-sends a query's whole result at each change, so one live list of the newest messages would
// re-send all of them at every step of every exchange. Here:
// - history: `messages:listPage` up to an anchor (a `_creationTime`), newest page first, older
//   pages added as the visitor scrolls up. No new message lands there: re-sent only if one changes.
// - settled ranges: what the live tail held when the anchor moved on (`messages:listAfter` with
//   both bounds); also closed to new messages.
// - the live tail: `messages:listAfter` the newest anchor, a few messages, re-sent at each change.
// The anchor moves to the tail's newest message once the tail's messages are all settled (no reply
// pending or streaming), so the tail stays small however long the tab stays open. Until a first
// anchor (the newest page still had a reply going when it loaded), page 0 is the live newest page.
// Framework-free.
import type { ConvexClient } from "convex/browser";
import type { FunctionArgs, FunctionReference, FunctionReturnType, PaginationResult } from "convex/server";
import { chatApi, isFinal, type ChatMessage } from "./api.js";
import { describeError, type ChatError } from "./errors.js";
import { Store } from "./store.js";

/** Messages a history page holds (what one scroll to the top loads). */
export const MESSAGE_PAGE_SIZE = 30;
/** Most messages per page the server accepts (convex/validators.ts MESSAGE_PAGE_LIMIT). */
const MAX_PAGE_SIZE = 100;
/** The anchor moves on once the live tail holds this many messages, all settled. */
const MOVE_ANCHOR_AT = 2;
/** Settled ranges kept as they are before the older ones are folded into one subscription. */
const MAX_OPEN_RANGES = 16;
/** Most messages `messages:listAfter` returns (convex/validators.ts MESSAGE_LIST_LIMIT). */
const MAX_RANGE_MESSAGES = 200;

/** What the tab shows of the conversation. */
export interface MessagePagesState {
  /** The loaded messages, oldest first; undefined until the newest page arrived. */
  messages: ChatMessage[] | undefined;
  /** Older messages than those loaded exist (`loadOlder` fetches the next page). */
  hasOlder: boolean;
  /** An older page was asked for and has not arrived yet. */
  loadingOlder: boolean;
  error?: ChatError;
}

/** One subscription and its latest answer (or what it shows until its first one). */
interface Part<T> {
  result: T | undefined;
  /** The result is this subscription's own, not one it was given to show meanwhile. */
  answered: boolean;
  unsubscribe: () => void;
}
/** `upTo`: the page's bound (its successor continues its query, so it takes the same). */
type HistoryPage = Part<PaginationResult<ChatMessage>> & { upTo: number | undefined };
type SettledRange = Part<ChatMessage[]> & { after: number; upTo: number; folded: boolean };

/** A message that will not change any more: anything but a reply still pending or streaming. */
function isSettled(message: ChatMessage): boolean {
  return !message.streamId || isFinal(message.status);
}

/**
 * @example
 * const pages = new MessagePages(client, conversationId);
 * pages.state.subscribe(({ messages, hasOlder }) => render(messages, hasOlder));
 * pages.loadOlder(); // the visitor scrolled to the top
 * pages.dispose();
 */
export class MessagePages {
  readonly state = new Store<MessagePagesState>({ messages: undefined, hasOlder: false, loadingOlder: false });
  /** Newest page first. */
  private readonly history: HistoryPage[] = [];
  private readonly ranges: SettledRange[] = [];
  private tail: Part<ChatMessage[]> | undefined;
  /** The newest anchor: the tail holds what came after it. */
  private anchor: number | undefined;
  private olderWanted = false;
  private error: ChatError | undefined;
  private disposed = false;

  constructor(
    private readonly client: ConvexClient,
    private readonly conversationId: string,
    private readonly pageSize = MESSAGE_PAGE_SIZE,
  ) {
    this.history.push(this.subscribePage(undefined, null, pageSize));
  }

  /** Loads the next older page; asked while the oldest page is still on its way, it follows it. */
  loadOlder(): void {
    if (this.disposed) return;
    const last = this.history.at(-1);
    if (last?.result?.isDone) return;
    if (!last?.answered || !last.result) {
      this.olderWanted = true;
      return this.publish();
    }
    this.olderWanted = false;
    // Older pages never receive new messages (they start below page 0), whatever their bound.
    this.history.push(this.subscribePage(last.upTo, last.result.continueCursor, this.pageSize));
    this.publish();
  }

  /** How many queries it follows: bounded however many exchanges the tab stays open for. */
  get subscriptions(): number {
    return this.history.length + this.ranges.length + (this.tail ? 1 : 0);
  }

  dispose(): void {
    this.disposed = true;
    for (const part of [...this.history, ...this.ranges, ...(this.tail ? [this.tail] : [])]) part.unsubscribe();
    this.history.length = 0;
    this.ranges.length = 0;
    this.tail = undefined;
  }

  private onChange(): void {
    if (this.disposed) return;
    if (this.anchor === undefined) this.anchorFirst();
    else this.moveAnchor();
    if (this.olderWanted) this.loadOlder();
    else this.publish();
  }

  /** Page 0 live until its messages are settled; then history up to its newest, and a tail after it. */
  private anchorFirst(): void {
    const live = this.history[0];
    const newest = live?.result?.page;
    if (!live?.answered || !newest?.length || !newest.every(isSettled)) return;
    const anchor = newest[0]._creationTime;
    this.anchor = anchor;
    // The same messages, now in a page closed to newer ones (shown meanwhile from the live one); an
    // older page loaded meanwhile follows on from the live one's end: this one ends there too, or
    // below it (a message deleted meanwhile), shown once.
    const numItems = Math.min(MAX_PAGE_SIZE, Math.max(this.pageSize, newest.length));
    this.history[0] = this.subscribePage(anchor, null, numItems, live.result);
    live.unsubscribe();
    this.tail = this.subscribeTail(anchor);
  }

  /** A settled tail becomes a closed range, and a new empty tail starts after its newest message. */
  private moveAnchor(): void {
    const tail = this.tail;
    const messages = tail?.result;
    if (!tail?.answered || !messages || messages.length < MOVE_ANCHOR_AT || !messages.every(isSettled)) return;
    const after = this.anchor!;
    const upTo = messages.at(-1)!._creationTime;
    this.ranges.push(this.subscribeRange(after, upTo, messages, false));
    tail.unsubscribe();
    this.anchor = upTo;
    this.tail = this.subscribeTail(upTo);
    this.foldRanges();
  }

  /** Keeps the number of subscriptions bounded in a tab left open for many exchanges. */
  private foldRanges(): void {
    const open = this.ranges.filter((range) => !range.folded);
    if (open.length <= MAX_OPEN_RANGES) return;
    // The oldest open ranges whose messages fit in one answer of `listAfter`.
    const group: SettledRange[] = [];
    let count = 0;
    for (const range of open) {
      const size = range.result?.length ?? MAX_RANGE_MESSAGES;
      if (count + size > MAX_RANGE_MESSAGES) break;
      group.push(range);
      count += size;
    }
    if (group.length < 2) {
      // One range too big to join others: it stays as it is, never to be folded.
      open[0].folded = true;
      return;
    }
    const shown = group.flatMap((range) => range.result ?? []);
    const folded = this.subscribeRange(group[0].after, group.at(-1)!.upTo, shown, true);
    const at = this.ranges.indexOf(group[0]);
    this.ranges.splice(at, group.length, folded);
    for (const range of group) range.unsubscribe();
  }

  private subscribePage(
    upTo: number | undefined,
    cursor: string | null,
    numItems: number,
    shown?: PaginationResult<ChatMessage>,
  ): HistoryPage {
    const args = { conversationId: this.conversationId, paginationOpts: { numItems, cursor }, ...(upTo === undefined ? {} : { upTo }) };
    return Object.assign(this.subscribe(chatApi.listMessagePage, args, shown), { upTo });
  }

  private subscribeTail(after: number): Part<ChatMessage[]> {
    return this.subscribe(chatApi.listMessagesAfter, { conversationId: this.conversationId, after }, []);
  }

  private subscribeRange(after: number, upTo: number, shown: ChatMessage[], folded: boolean): SettledRange {
    const part = this.subscribe(chatApi.listMessagesAfter, { conversationId: this.conversationId, after, upTo }, shown);
    return Object.assign(part, { after, upTo, folded });
  }

  private subscribe<Query extends FunctionReference<"query">>(
    query: Query,
    args: FunctionArgs<Query>,
    shown: FunctionReturnType<Query> | undefined,
  ): Part<FunctionReturnType<Query>> {
    const part: Part<FunctionReturnType<Query>> = { result: shown, answered: false, unsubscribe: () => undefined };
    part.unsubscribe = this.client.onUpdate(
      query,
      args,
      (result) => {
        part.result = result;
        part.answered = true;
        this.error = undefined;
        this.onChange();
      },
      (error) => {
        this.error = describeError(error);
        this.publish();
      },
    );
    return part;
  }

  private publish(): void {
    if (this.disposed) return;
    const newest = this.history[0]?.result;
    const oldest = this.history.at(-1);
    const messages: ChatMessage[] | undefined = newest ? [] : undefined;
    if (messages) {
      const seen = new Set<string>();
      const add = (rows: readonly ChatMessage[]) => {
        for (const row of rows) {
          if (seen.has(row._id)) continue;
          seen.add(row._id);
          messages.push(row);
        }
      };
      for (const page of [...this.history].reverse()) add([...(page.result?.page ?? [])].reverse());
      for (const range of this.ranges) add(range.result ?? []);
      add(this.tail?.result ?? []);
    }
    this.state.set({
      messages,
      hasOlder: oldest?.result ? !oldest.result.isDone : false,
      loadingOlder: this.olderWanted || (this.history.length > 1 && !oldest?.answered),
      error: this.error,
    });
  }
}
