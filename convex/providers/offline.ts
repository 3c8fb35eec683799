import { offlineReplyText, parseLengthRequest, type LengthRequest } from "./offlineText";
import type { ReplyProvider, ReplyRequest } from "./types";

/** Default pace of the offline responder, close to a hosted model's token rate. */
export const DEFAULT_OFFLINE_TOKEN_DELAY_MS = 25;

export type OfflineOptions = {
  /** Pause before each token (`OFFLINE_TOKEN_DELAY_MS`); 0 streams as fast as possible. */
  tokenDelayMs?: number;
  /** Fixed reply length in characters for every message (`OFFLINE_REPLY_CHARS`). */
  replyChars?: number;
};

/**
 * The built-in responder used when no AI provider is configured: a deterministic reply to the
 * visitor's last message, streamed word by word at a realistic pace. Ask for a long reply with a
 * message such as "reply with 8192 characters" (exactly 8,192 ASCII characters) or "300 words".
 */
export class OfflineProvider implements ReplyProvider {
  readonly name = "offline";

  constructor(private readonly options: OfflineOptions = {}) {}

  async *generate({ history }: ReplyRequest): AsyncGenerator<string> {
    const question = history.findLast((turn) => turn.role === "user")?.content ?? "";
    const fixed: LengthRequest | null =
      this.options.replyChars !== undefined
        ? { unit: "chars", count: this.options.replyChars }
        : parseLengthRequest(question);
    const delayMs = this.options.tokenDelayMs ?? DEFAULT_OFFLINE_TOKEN_DELAY_MS;
    // A token is a word with the space after it, roughly what a model emits.
    for (const token of offlineReplyText(question, fixed).match(/\S+\s*/g) ?? []) {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      yield token;
    }
  }
}
