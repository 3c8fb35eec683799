// What a screen reader hears of a streaming reply: whole sentences as they complete, never tokens.
// Framework-free; the element feeds it the growing text and speaks what it returns.

// A sentence ends at . ! ? … (or CJK 。！？) plus any closing quotes/brackets, once whitespace follows
// (so "3.14" or "e.g" mid-token is not an end), or at a line break (list items, headings).
const SENTENCE_END = /[.!?…。！？]+["'”’»)\]]*(?=\s)|\n+/g;
// Abbreviations that end in a period but rarely end a sentence.
const ABBREVIATION = /(?:^|\s)(?:e\.g|i\.e|etc|vs|mr|mrs|ms|dr|prof|st|no|fig|approx|cf)\.$/i;

/** Markdown markers read aloud as noise: emphasis, code ticks, heading and list markers. */
function speakable(text: string): string {
  return (
    text
      .replace(/^\s*(?:#{1,6}|[-*+]|\d+[.)]|>)\s+/gm, "")
      .replace(/[*`~]+/g, "")
      // _emphasis_ markers, not the underscores inside names like OPENAI_API_KEY.
      .replace(/(^|[\s(])_+|_+(?=[\s).,!?:;]|$)/g, "$1")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/**
 * Splits a growing text into complete sentences. Feed it the whole text so far on every update;
 * it returns only the sentences completed since the last call. When the reply is final, `finish`
 * returns whatever is left after the last sentence end.
 *
 * @example
 * const reader = new SentenceReader();
 * reader.read("Hello there. How ar");   // ["Hello there."]
 * reader.read("Hello there. How are you? "); // ["How are you?"]
 * reader.finish("Hello there. How are you? Bye"); // ["Bye"]
 */
export class SentenceReader {
  // How much of the text has been read, and its last characters: checking those is enough to tell a
  // continuation from another text, without comparing the whole reply on every token.
  private consumed = 0;
  private consumedTail = "";

  /** Sentences completed in `text` since the previous call. */
  read(text: string): string[] {
    // A text that is not a continuation (a different reply, or a rewrite) starts over.
    if (text.length < this.consumed || text.slice(this.consumed - this.consumedTail.length, this.consumed) !== this.consumedTail) {
      this.markConsumed(text, 0);
    }
    const rest = text.slice(this.consumed);
    const sentences: string[] = [];
    let start = 0;
    SENTENCE_END.lastIndex = 0;
    for (let match = SENTENCE_END.exec(rest); match; match = SENTENCE_END.exec(rest)) {
      const end = match.index + match[0].length;
      if (!match[0].startsWith("\n") && ABBREVIATION.test(rest.slice(start, end))) continue;
      const sentence = speakable(rest.slice(start, end));
      if (sentence) sentences.push(sentence);
      start = end;
    }
    this.markConsumed(text, this.consumed + start);
    return sentences;
  }

  /** The sentences in `text` not yet returned, including an unterminated last one. */
  finish(text: string): string[] {
    const sentences = this.read(text);
    const tail = speakable(text.slice(this.consumed));
    this.markConsumed(text, text.length);
    return tail ? [...sentences, tail] : sentences;
  }

  private markConsumed(text: string, length: number): void {
    this.consumed = length;
    this.consumedTail = text.slice(Math.max(0, length - 64), length);
  }
}

/** A reply as shown: its text so far and status. */
export interface ShownReply {
  id: string;
  text: string;
  status: string;
  /** Read whole, once, when it appears after the conversation's history (a person's message, a system line). */
  arrival?: boolean;
}

/** One line for a polite live region; the id lets a renderer keep old lines' nodes (only additions are read). */
export interface Announcement {
  id: number;
  text: string;
}

/** What the announcer says besides the reply itself. */
export interface AnnouncerStrings {
  replyStarted: string;
  replyFailed: string;
  replyTimedOut: string;
  replyStopped: string;
}

// Only additions are read, so older lines can go; the region stays small.
const KEEP = 3;
const FINAL = new Set(["done", "error", "timeout", "stopped"]);
const ENDINGS: Partial<Record<string, keyof AnnouncerStrings>> = {
  error: "replyFailed",
  timeout: "replyTimedOut",
  stopped: "replyStopped",
};

/**
 * What a chat's live region says about replies watched in progress: that a reply started, each
 * completed sentence, and how it ended if it did not end well. Replies already final when first
 * seen (history) are never read.
 *
 * @example
 * const announcer = new ReplyAnnouncer(() => strings);
 * announcer.observe([{ id, text: "Hi. Th", status: "streaming" }], true);
 * announcer.lines; // [{ id: 0, text: "The assistant is replying. Hi." }]
 */
export class ReplyAnnouncer {
  private readonly readers = new Map<string, SentenceReader>();
  private nextId = 0;
  private current: Announcement[] = [];
  /** The conversation whose history the arrivals were measured against, and the arrivals seen in it. */
  private arrivalsOf: string | undefined;
  private readonly arrivals = new Set<string>();

  constructor(private readonly strings: () => AnnouncerStrings) {}

  /** The latest lines, oldest first. */
  get lines(): readonly Announcement[] {
    return this.current;
  }

  /**
   * Call on every update with the replies as shown. While `audible` is false they are followed
   * silently. `history` names the conversation once its messages are loaded (undefined before):
   * arrivals present when it is first seen are history, never read; later ones are read whole.
   */
  observe(replies: readonly ShownReply[], audible: boolean, history?: string): void {
    const said: string[] = [];
    if (history !== this.arrivalsOf && history !== undefined) {
      this.arrivalsOf = history;
      this.arrivals.clear();
      for (const reply of replies) if (reply.arrival) this.arrivals.add(reply.id);
    }
    for (const reply of replies) {
      if (reply.arrival) {
        if (history === undefined || this.arrivals.has(reply.id)) continue;
        this.arrivals.add(reply.id);
        said.push(speakable(reply.text));
        continue;
      }
      const final = FINAL.has(reply.status);
      let reader = this.readers.get(reply.id);
      if (!reader) {
        if (final) continue;
        reader = new SentenceReader();
        this.readers.set(reply.id, reader);
        said.push(this.strings().replyStarted);
      }
      if (!final) {
        said.push(...reader.read(reply.text));
        continue;
      }
      said.push(...reader.finish(reply.text));
      const ending = ENDINGS[reply.status];
      if (ending) said.push(this.strings()[ending]);
      this.readers.delete(reply.id);
    }
    if (audible && said.length) {
      this.current = [...this.current, { id: this.nextId++, text: said.join(" ") }].slice(-KEEP);
    }
  }
}
