// eslint-disable-next-line @typescript-eslint/no-unused-vars -- for the {@link} below
import type { HANDOVER_SENTENCE } from "./handoff";
import type { ReplyKnowledge } from "./knowledge";

/** One earlier turn of the conversation, oldest first. */
export type ChatTurn = { role: "user" | "assistant"; content: string };

/** What a provider is asked to answer. */
export type GenerationRequest = {
  /** System prompt (the site's, else `SYSTEM_PROMPT`, else the default). */
  system: string;
  /** The site's model settings; unset fields keep the provider's configuration. */
  model?: { name?: string; temperature?: number; maxOutputTokens?: number };
  /** Recent history ending with the visitor's message being answered. */
  history: ChatTurn[];
  /** Aborted when the reply must stop (a stop was requested): the provider ends its request. */
  signal?: AbortSignal;
  /**
   * Called when the AI asks for a person (the `request_handoff` tool, providers/handoff.ts); the
   * provider then ends the reply with {@link HANDOVER_SENTENCE}. Generation moves the conversation
   * to `waiting` once the reply is done.
   */
  onHandoff?: () => void;
  /**
   * The site's knowledge retrieved for this question (providers/knowledge.ts), when the site has a
   * knowledge base. `system` already holds the passages for a model; the offline responder
   * answers from them directly.
   */
  knowledge?: ReplyKnowledge;
  /** Called when the provider ended the reply at `maxOutputTokens` (OpenAI's `finish_reason: "length"`). */
  onLengthLimit?: () => void;
};

/**
 * Generates a reply as a stream of text pieces. Implementations throw (from the iterator) on
 * failure; the caller keeps whatever was yielded before.
 */
export interface ReplyProvider {
  /** Short name for logs and error reasons, e.g. "openai" or "offline". */
  readonly name: string;
  generate(request: GenerationRequest): AsyncIterable<string>;
}

/**
 * A provider failure. `message` is a reason by class, fit to show visitors (it never contains
 * what the provider sent); `detail` is for the server log only (bodies, low-level errors).
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}
