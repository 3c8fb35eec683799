// What needs an operator's attention, from the inbox rows of two live lists: conversations waiting
// for a person and those the operator holds. Counts the unread ones (the tab title's number) and
// tells which arrived since the last look (a sound, a browser notification). Framework-free.
import type { InboxRow } from "./operator-api.js";

/** Something that just asked for the operator. */
export interface AttentionEvent {
  kind: "waiting" | "message";
  conversationId: string;
  visitorLabel: string;
}

/**
 * Feed it every new result of the two lists; the first complete result is the baseline (what was
 * already there when the console opened is counted, never announced).
 *
 * @example
 * const attention = new Attention();
 * attention.observe({ waiting, mine }); // [] the first time
 * attention.count; // unread conversations among them
 */
export class Attention {
  private seen: Set<string> | undefined;
  private unread = 0;

  /** Unread conversations waiting for a person or held by the operator. */
  get count(): number {
    return this.unread;
  }

  /** Rows of both lists (undefined while a list loads); returns what arrived since the last call. */
  observe(lists: { waiting: readonly InboxRow[] | undefined; mine: readonly InboxRow[] | undefined }): AttentionEvent[] {
    const { waiting, mine } = lists;
    if (!waiting || !mine) return [];
    const rows = new Map<string, { row: InboxRow; kind: AttentionEvent["kind"] }>();
    for (const row of mine) rows.set(row.conversationId, { row, kind: "message" });
    // A waiting one is waiting whatever else it is.
    for (const row of waiting) rows.set(row.conversationId, { row, kind: "waiting" });
    const unread = [...rows.values()].filter(({ row }) => row.unread);
    this.unread = unread.length;
    // One key per thing to announce: a conversation starting to wait, and each new visitor message.
    const keyOf = ({ row, kind }: { row: InboxRow; kind: string }) =>
      `${kind}:${row.conversationId}:${kind === "waiting" ? (row.waitingSince ?? 0) : row.updatedAt}`;
    const keys = unread.map(keyOf);
    if (!this.seen) {
      this.seen = new Set(keys);
      return [];
    }
    const events: AttentionEvent[] = [];
    for (const entry of unread) {
      const key = keyOf(entry);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      events.push({ kind: entry.kind, conversationId: entry.row.conversationId, visitorLabel: entry.row.visitorLabel });
    }
    return events;
  }
}

/** `title` with the count in front ("(3) Inbox"), or as it was when the count is 0. */
export function countedTitle(title: string, count: number): string {
  const bare = title.replace(/^\(\d+\) /, "");
  return count > 0 ? `(${count}) ${bare}` : bare;
}
