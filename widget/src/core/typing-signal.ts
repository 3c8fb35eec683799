// "I am typing", sent to the other side of a conversation at most once per interval. The server
// keeps the mark a few seconds after the last write and every reader hides it after that, so a
// writer that stops (a closed tab) leaves nothing stuck on. Framework-free; both sides use it.

/** Writes of "typing" at most this often while someone keeps typing (the server keeps a mark ~5 s). */
export const TYPING_WRITE_INTERVAL_MS = 2_000;

/**
 * @example
 * const typing = new TypingSignal((typing) => client.mutation(api.setTyping, { conversationId, typing }));
 * field.oninput = () => typing.input(field.value);
 * // after sending: typing.sent() (the server clears the mark with the message)
 */
export class TypingSignal {
  private lastTrueAt = -Infinity;

  constructor(
    private readonly write: (typing: boolean) => Promise<unknown>,
    private readonly options: { intervalMs?: number; now?: () => number } = {},
  ) {}

  /** The field changed to `text`: says "typing" (throttled), or "stopped" once it is emptied. */
  input(text: string): void {
    const now = (this.options.now ?? Date.now)();
    if (text.trim() === "") {
      if (this.lastTrueAt === -Infinity) return;
      this.lastTrueAt = -Infinity;
      this.send(false);
      return;
    }
    if (now - this.lastTrueAt < (this.options.intervalMs ?? TYPING_WRITE_INTERVAL_MS)) return;
    this.lastTrueAt = now;
    this.send(true);
  }

  /** The message was sent: the server cleared the mark; the next keystroke says "typing" again. */
  sent(): void {
    this.lastTrueAt = -Infinity;
  }

  // Best effort: a lost typing write only shortens an indicator.
  private send(typing: boolean): void {
    this.write(typing).catch(() => undefined);
  }
}
