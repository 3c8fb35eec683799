// Counts replies that became final while the visitor could not see them (the floating panel closed).
// Framework-free.

interface ReplyLike {
  _id: string;
  role: string;
  status?: string;
}

const FINAL = new Set(["done", "error", "timeout", "stopped"]);

/**
 * Feed it every render: the conversation, its messages (undefined while loading) and whether the
 * panel is visible. The first list of a conversation is the baseline (history is not "new").
 *
 * @example
 * const unread = new UnreadCounter();
 * unread.observe("c1", messages, false); // 0: the baseline
 * unread.observe("c1", [...messages, reply], false); // 1
 */
export class UnreadCounter {
  private conversationId: string | null | undefined;
  private known: Set<string> | undefined;
  private unread = 0;

  get count(): number {
    return this.unread;
  }

  observe(conversationId: string | null | undefined, messages: readonly ReplyLike[] | undefined, visible: boolean): number {
    if (conversationId !== this.conversationId) {
      this.conversationId = conversationId;
      this.known = undefined;
      this.unread = 0;
    }
    if (!messages) return this.unread;
    const finalReplies = messages.filter((m) => m.role === "assistant" && FINAL.has(m.status ?? "done"));
    if (!this.known || visible) {
      this.known = new Set(finalReplies.map((m) => m._id));
      if (visible) this.unread = 0;
      return this.unread;
    }
    for (const reply of finalReplies) {
      if (this.known.has(reply._id)) continue;
      this.known.add(reply._id);
      this.unread += 1;
    }
    return this.unread;
  }
}
