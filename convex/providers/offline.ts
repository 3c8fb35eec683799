import { offlineReplyText, parseLengthRequest, type LengthRequest } from "./offlineText";
import { HANDOVER_SENTENCE, OFFLINE_HANDOFF_PATTERN } from "./handoff";
import { extractiveAnswer } from "./knowledge";
import type { ReplyProvider, GenerationRequest } from "./types";

/** Default pace of the offline responder, close to a hosted model's token rate. */
export const DEFAULT_OFFLINE_TOKEN_DELAY_MS = 25;

export type OfflineOptions = {
  /** Pause before each token (`OFFLINE_TOKEN_DELAY_MS`); 0 streams as fast as possible. */
  tokenDelayMs?: number;
  /** Fixed reply length in characters for every message (`OFFLINE_REPLY_CHARS`). */
  replyChars?: number;
};

/**
 * Test responder mode: a message starting with this marker is answered with the rest of it,
 * verbatim, so tests can make "model output" of their choosing (hostile markdown, for one). Only
 * the offline responder has it, and it runs only on deployments without `OPENAI_API_KEY`.
 */
export const ECHO_MARKER = "echo:";

/** Echoed text in pieces of at most 24 UTF-16 units (never splitting a character), as a model streams. */
export function echoPieces(text: string): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const ch of text) {
    piece += ch;
    if (piece.length >= 23 || ch === "\n") {
      pieces.push(piece);
      piece = "";
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * The built-in responder used when no AI provider is configured: a deterministic reply to the
 * visitor's last message, streamed word by word at a realistic pace. Ask for a long reply with a
 * message such as "reply with 8192 characters" (exactly 8,192 ASCII characters) or "300 words";
 * "echo:" followed by any text gets exactly that text back ({@link ECHO_MARKER}). "Talk to a human"
 * (any case) hands the conversation to a person, as a model's `request_handoff` tool call does.
 * On a site with a knowledge base, it answers from the retrieved passages (quoting the best one),
 * or says it could not find the answer and offers a person (providers/knowledge.ts).
 */
export class OfflineProvider implements ReplyProvider {
  readonly name = "offline";

  constructor(private readonly options: OfflineOptions = {}) {}

  async *generate({ history, signal, model, onHandoff, onLengthLimit, knowledge }: GenerationRequest): AsyncGenerator<string> {
    const question = history.findLast((turn) => turn.role === "user")?.content ?? "";
    const handoff = onHandoff !== undefined && !question.startsWith(ECHO_MARKER) && OFFLINE_HANDOFF_PATTERN.test(question);
    if (handoff) onHandoff();
    const fixed: LengthRequest | null =
      this.options.replyChars !== undefined ? { unit: "chars", count: this.options.replyChars } : parseLengthRequest(question);
    const delayMs = this.options.tokenDelayMs ?? DEFAULT_OFFLINE_TOKEN_DELAY_MS;
    // A token is a word with the space after it, roughly what a model emits.
    // With a knowledge base, a question is answered from its passages (or said unanswerable);
    // the test modes (echo, a length request) keep their exact output.
    const grounded = knowledge !== undefined && fixed === null && !question.startsWith(ECHO_MARKER);
    const tokens = handoff
      ? (HANDOVER_SENTENCE.match(/\S+\s*/g) ?? [])
      : question.startsWith(ECHO_MARKER)
        ? echoPieces(question.slice(ECHO_MARKER.length))
        : grounded
          ? (extractiveAnswer(question, knowledge.passages).match(/\S+\s*/g) ?? [])
          : (offlineReplyText(question, fixed).match(/\S+\s*/g) ?? []);
    // Like a model's max_tokens: stop at the cap, counted as the daily budget counts (4 characters a token).
    let charsLeft = model?.maxOutputTokens === undefined ? Infinity : model.maxOutputTokens * 4;
    for (const whole of tokens) {
      const token = whole.length <= charsLeft ? whole : cutAt(whole, charsLeft);
      if (charsLeft <= 0 || token === "") {
        onLengthLimit?.();
        return;
      }
      charsLeft -= token.length;
      if (delayMs > 0) await pause(delayMs, signal);
      signal?.throwIfAborted();
      yield token;
    }
  }
}

/** The first `length` UTF-16 units of `text`, one fewer rather than half a surrogate pair. */
function cutAt(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/** Waits `ms`, or rejects as soon as `signal` aborts (a stopped reply does not wait out a token). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
