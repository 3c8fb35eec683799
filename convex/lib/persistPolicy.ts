import { replyIdleTimeoutMs } from "./replyTimeouts";

/**
 * When a reply's text is written to the database. Framework-free: the write is a callback.
 *
 * `TimedPersistence` (the default): appends never wait; text is buffered and written in the
 * background when it reaches `sizeChars` or when its oldest character has waited `maxAgeMs`
 * (a timer, so text without punctuation, e.g. a code block, is never held back), never more often
 * than every `minIntervalMs`, at most one write in flight. A failed write keeps its text in the
 * buffer and is retried at the next flush; `finish()` waits for the chain and writes the rest.
 *
 * `SentencePersistence`: the component's own default, kept for comparison (`PERSIST_POLICY=sentence`):
 * an awaited write whenever an appended piece contains `.`, `!` or `?`, plus the final flush.
 */

/** Writes `text` (possibly empty when `final`) as the next piece of the reply. */
export type PersistWrite = (text: string, final: boolean) => Promise<void>;

export interface Persistence {
  /** Takes the next generated piece. The timed policy returns at once and never awaits a write. */
  append(text: string): void | Promise<void>;
  /** Waits for writes in flight, then writes everything left with `final`. Rejects if that fails. */
  finish(): Promise<void>;
  /** On failure: stops flushing and waits for the write in flight, so `unsaved` is then exact. */
  stop(): Promise<void>;
  /** Text appended but not yet confirmed written (what a failure path must still persist). */
  readonly unsaved: string;
}

export type TimedOptions = {
  sizeChars: number;
  maxAgeMs: number;
  minIntervalMs: number;
  /** A write error after which retrying is pointless (e.g. the stream was ended): stops the policy. */
  isFatal?: (error: unknown) => boolean;
};

/**
 * The numbers. For the bench's 8 KB reply (1 token / 25 ms, ~200–240 chars/s, ~35–40 s) the
 * component's default writes ~91 times and pushes ~400 KB to a whole-body watcher (every write
 * re-sends the whole text so far, so those bytes grow with writes × length); the target was at most
 * a third of both (~30 writes). A watcher following the newest piece (`chat:streamTail`) pays one
 * sync Transition (~340 bytes of envelope) per write on top of the text, so at most 2× the reply
 * means at most ~23 writes: a flush every 2 s (maxAge) gives ~17–20. 2 s is also the longest a
 * watching tab sees text lag behind (the driver gets every token at once). 600 chars caps a write's
 * size when a model streams faster than ~300 chars/s; 250 ms keeps even such a model to at most 4
 * writes/s.
 */
export const TIMED_DEFAULTS: TimedOptions = { sizeChars: 600, maxAgeMs: 2000, minIntervalMs: 250 };

export class TimedPersistence implements Persistence {
  #buffer = "";
  #oldestAt: number | undefined; // when the oldest unwritten character was appended
  #lastWriteAt = -Infinity; // when the last write started
  #inFlight: Promise<void> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #fatal: { error: unknown } | undefined;
  #finishing = false;

  constructor(
    private readonly write: PersistWrite,
    private readonly options: TimedOptions = TIMED_DEFAULTS,
  ) {}

  get unsaved(): string {
    return this.#buffer;
  }

  append(text: string): void {
    if (this.#fatal) throw this.#fatal.error;
    if (this.#finishing) throw new Error("append after finish()");
    if (!text) return;
    this.#oldestAt ??= Date.now();
    this.#buffer += text;
    this.#schedule();
  }

  async finish(): Promise<void> {
    await this.stop();
    if (this.#fatal) throw this.#fatal.error;
    const rest = this.#buffer;
    await this.write(rest, true); // rejects to the caller, the buffer kept
    this.#buffer = this.#buffer.slice(rest.length);
    this.#oldestAt = undefined;
  }

  async stop(): Promise<void> {
    this.#finishing = true;
    this.#clearTimer();
    while (this.#inFlight) await this.#inFlight;
  }

  /** Flushes now if due and allowed, otherwise arms a timer for the earliest moment it may be. */
  #schedule(): void {
    if (this.#finishing || this.#fatal || this.#inFlight || this.#oldestAt === undefined) return;
    const now = Date.now();
    const dueAt = this.#buffer.length >= this.options.sizeChars ? now : this.#oldestAt + this.options.maxAgeMs;
    const at = Math.max(dueAt, this.#lastWriteAt + this.options.minIntervalMs);
    this.#clearTimer();
    if (at <= now) this.#flush();
    else this.#timer = setTimeout(() => ((this.#timer = undefined), this.#schedule()), at - now);
  }

  #flush(): void {
    const text = this.#buffer;
    this.#lastWriteAt = Date.now();
    this.#inFlight = this.write(text, false)
      .then(
        () => {
          this.#buffer = this.#buffer.slice(text.length);
          this.#oldestAt = this.#buffer ? this.#lastWriteAt : undefined;
        },
        (error: unknown) => {
          // Keep the text; the next flush (after minInterval, its age already due) retries it.
          if (this.options.isFatal?.(error)) this.#fatal = { error };
        },
      )
      .finally(() => {
        this.#inFlight = undefined;
        this.#schedule();
      });
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

const SENTENCE_END = /[.!?]/;

export class SentencePersistence implements Persistence {
  #buffer = "";
  constructor(private readonly write: PersistWrite) {}

  get unsaved(): string {
    return this.#buffer;
  }

  async append(text: string): Promise<void> {
    this.#buffer += text;
    if (!SENTENCE_END.test(text)) return;
    await this.write(this.#buffer, false);
    this.#buffer = "";
  }

  async finish(): Promise<void> {
    await this.write(this.#buffer, true);
    this.#buffer = "";
  }

  async stop(): Promise<void> {} // its writes are awaited by append(); none is ever in flight here
}

/**
 * `PERSIST_POLICY`: "timed" (default) or "sentence" (the component's default, for comparison).
 * The timed policy's max age is also kept under a quarter of the reply idle timeout, so a stalled
 * reply's text is written well before the watchdog ends it with what is persisted.
 */
export function persistenceFromEnv(write: PersistWrite, isFatal?: (error: unknown) => boolean): Persistence {
  const policy = process.env.PERSIST_POLICY || "timed";
  if (policy === "sentence") return new SentencePersistence(write);
  if (policy === "timed") {
    const maxAgeMs = Math.min(TIMED_DEFAULTS.maxAgeMs, Math.floor(replyIdleTimeoutMs() / 4));
    return new TimedPersistence(write, { ...TIMED_DEFAULTS, maxAgeMs, isFatal });
  }
  throw new Error(`PERSIST_POLICY must be "timed" or "sentence", not ${JSON.stringify(policy)}`);
}
