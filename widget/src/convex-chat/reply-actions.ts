// What a visitor can do with a reply: stop it while it is written, retry it when it failed, copy it.
// (When replies start and end, for the host's events: core/reply-lifecycle.ts.)
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";
import type { ConvexClient } from "convex/browser";
import { chatApi, isFinal, type ChatMessage } from "../core/api.js";
import { describeError, type ChatError } from "../core/errors.js";
import type { ChatStrings } from "../core/strings/index.js";

/** How long "Copied" (or "Copy failed") replaces "Copy". */
export const COPIED_FOR_MS = 2_000;

/**
 * The user message a failed reply answered: Retry sends its text again as a new message (the
 * failed reply stays in the history with its reason, and the new one is written below).
 */
export function questionBefore(messages: readonly ChatMessage[], replyId: string): ChatMessage | undefined {
  const index = messages.findIndex((m) => m._id === replyId);
  return messages.slice(0, Math.max(index, 0)).findLast((m) => m.role === "user");
}

/** Stops a reply on the server; its partial text is kept and marked `stopped` for every viewer. */
export function stopReply(client: ConvexClient, streamId: string): Promise<null> {
  return client.mutation(chatApi.stopReply, { streamId });
}

/** What the actions act on, read on every render. */
export interface ReplyActionsContext {
  strings: ChatStrings;
  client: ConvexClient | undefined;
  /** Sends a message's text again (Retry); rejects when it cannot. */
  resend: (text: string) => Promise<unknown>;
  /** Whether a new message can be sent now (Retry is disabled otherwise). */
  canSend: boolean;
  /** Reports a failed stop. */
  onStopError: (error: ChatError) => void;
}

/**
 * Copy and Retry buttons under finished replies, and the Stop action, for a Lit host.
 *
 * @example
 * private actions = new ReplyActionsController(this, () => ({ strings, client, resend, canSend, onStopError }));
 * // in the message loop: ${this.actions.render(message, messages)}
 */
export class ReplyActionsController implements ReactiveController {
  private copied: { id: string; ok: boolean } | undefined;
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly stopping = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly context: () => ReplyActionsContext,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.copiedTimer);
  }

  /**
   * Stops every reply in `messages` still being written; when none is listed yet, `justSent` (the
   * stream id of the reply to a message just sent, which the conversation does not list yet).
   */
  async stop(messages: readonly ChatMessage[], justSent?: string): Promise<void> {
    const { client, onStopError } = this.context();
    const listed = messages.filter((m) => m.streamId && !isFinal(m.status)).map((m) => m.streamId!);
    const targets = listed.length > 0 ? listed : justSent ? [justSent] : [];
    const unfinished = targets.filter((streamId) => !this.stopping.has(streamId));
    if (!client) return;
    await Promise.all(unfinished.map(async (streamId) => {
      this.stopping.add(streamId);
      this.host.requestUpdate();
      try {
        await stopReply(client, streamId);
      } catch (error) {
        this.stopping.delete(streamId);
        onStopError(describeError(error));
      }
      this.host.requestUpdate();
    }));
  }

  /** Whether a stop was asked for `streamId` (its status has not reached the client yet). */
  isStopping(streamId: string | undefined): boolean {
    return !!streamId && this.stopping.has(streamId);
  }

  /** The actions under `message` (nothing for a user message or a reply still being written). */
  render(message: ChatMessage, messages: readonly ChatMessage[]) {
    // The stored status, not the live one: the stored content is final only then.
    const { status } = message;
    if (message.role !== "assistant" || !isFinal(status)) return nothing;
    const { strings, canSend } = this.context();
    const failed = status === "error" || status === "timeout";
    const newest = messages.findLast((m) => m.role === "assistant")?._id === message._id;
    const question = failed && newest ? questionBefore(messages, message._id) : undefined;
    const copied = this.copied?.id === message._id ? this.copied : undefined;
    return html`<div part="reply-actions" class="reply-actions">
      ${question
        ? html`<button part="retry-reply-button" type="button" ?disabled=${!canSend}
            @click=${() => this.retry(question.content)}>${strings.retry}</button>`
        : nothing}
      ${message.content
        ? html`<button part="copy-button" type="button" @click=${() => this.copy(message)}>
            ${copied ? (copied.ok ? strings.copied : strings.copyFailed) : strings.copy}</button>`
        : nothing}
      <span class="visually-hidden" role="status">${copied ? (copied.ok ? strings.copied : strings.copyFailed) : ""}</span>
    </div>`;
  }

  private retry(text: string): void {
    // The host shows and reports the failure; nothing more to do here.
    this.context().resend(text).catch(() => undefined);
  }

  private async copy(message: ChatMessage): Promise<void> {
    let ok = true;
    try {
      await navigator.clipboard.writeText(message.content);
    } catch {
      ok = false; // No clipboard (insecure context) or permission refused.
    }
    this.copied = { id: message._id, ok };
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => {
      this.copied = undefined;
      this.host.requestUpdate();
    }, COPIED_FOR_MS);
    this.host.requestUpdate();
  }
}
