// What a visitor can do with a reply: stop it while it is written, retry it when it failed (or
// regenerate it when stopped: the same question answered again, never sent twice), continue it when
// it was cut at its length limit, copy it.
// Which of these a message offers is its display's (core/message-display.ts); this carries them out.
// (When replies start and end, for the host's events: core/reply-lifecycle.ts.)
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";
import type { ConvexClient } from "convex/browser";
import { chatApi } from "../core/api.js";
import { describeError, type ChatError } from "../core/errors.js";
import type { MessageDisplay } from "../core/message-display.js";
import type { ChatStrings } from "../core/strings/index.js";

/** How long "Copied" (or "Copy failed") replaces "Copy". */
export const COPIED_FOR_MS = 2_000;

/** Stops a reply on the server; its partial text is kept and marked `stopped` for every viewer. */
export function stopReply(client: ConvexClient, streamId: string): Promise<null> {
  return client.mutation(chatApi.stopReply, { streamId });
}

/** What the actions act on, read on every render. */
export interface ReplyActionsContext {
  strings: ChatStrings;
  client: ConvexClient | undefined;
  /** Sends a message as the visitor (Continue's follow-up); rejects when it cannot. */
  resend: (text: string) => Promise<unknown>;
  /** Generates a reply again, answering the same question (Retry, Regenerate); rejects when it cannot. */
  regenerate: (replyId: string) => Promise<unknown>;
  /** Whether a new message can be sent now (Retry, Regenerate and Continue are disabled otherwise). */
  canSend: boolean;
  /** Reports a failed stop. */
  onStopError: (error: ChatError) => void;
}

/**
 * Copy, Retry, Regenerate and Continue buttons under finished replies, and the Stop action, for a Lit host.
 *
 * @example
 * private actions = new ReplyActionsController(this, () => ({ strings, client, resend, regenerate, canSend, onStopError }));
 * // in the message loop: ${this.actions.render(display)}
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
   * Stops the replies `listed` (stream ids of those the conversation lists unfinished); when none
   * is listed yet, `justSent` (the reply to a message just sent, which the conversation does not
   * list yet).
   */
  async stop(listed: readonly string[], justSent?: string): Promise<void> {
    const { client, onStopError } = this.context();
    const targets = listed.length > 0 ? listed : justSent ? [justSent] : [];
    const unfinished = targets.filter((streamId) => !this.stopping.has(streamId));
    if (!client) return;
    await Promise.all(
      unfinished.map(async (streamId) => {
        this.stopping.add(streamId);
        this.host.requestUpdate();
        try {
          await stopReply(client, streamId);
        } catch (error) {
          this.stopping.delete(streamId);
          onStopError(describeError(error));
        }
        this.host.requestUpdate();
      }),
    );
  }

  /** Whether a stop was asked for `streamId` (its status has not reached the client yet). */
  isStopping(streamId: string | undefined): boolean {
    return !!streamId && this.stopping.has(streamId);
  }

  /** The actions `message` offers (nothing for a visitor's message or a reply still being written). */
  render(message: MessageDisplay) {
    const { actions, key } = message;
    if (!actions) return nothing;
    const { retry, regenerate, copy, continue: followUp } = actions;
    const { strings, canSend } = this.context();
    const copied = this.copied?.id === key ? this.copied : undefined;
    return html`<div part="reply-actions" class="reply-actions">
      ${
        retry !== undefined
          ? html`<button part="retry-reply-button" type="button" ?disabled=${!canSend}
            @click=${() => this.regenerate(retry)}>${strings.retry}</button>`
          : nothing
      }
      ${
        regenerate !== undefined
          ? html`<button part="regenerate-reply-button" type="button" ?disabled=${!canSend}
            @click=${() => this.regenerate(regenerate)}>${strings.regenerate}</button>`
          : nothing
      }
      ${
        followUp !== undefined
          ? html`<button part="continue-reply-button" type="button" ?disabled=${!canSend}
            @click=${() => this.send(followUp)}>${strings.continueReply}</button>`
          : nothing
      }
      ${
        copy
          ? html`<button part="copy-button" type="button" @click=${() => this.copy(key, copy)}>
            ${copied ? (copied.ok ? strings.copied : strings.copyFailed) : strings.copy}</button>`
          : nothing
      }
      <span class="visually-hidden" role="status">${copied ? (copied.ok ? strings.copied : strings.copyFailed) : ""}</span>
    </div>`;
  }

  /** Sends `text` as the visitor's next message (Continue's follow-up). */
  private send(text: string): void {
    // The host shows and reports the failure; nothing more to do here.
    this.context()
      .resend(text)
      .catch(() => undefined);
  }

  /** Answers the question of `replyId` again, below it (Retry, Regenerate). */
  private regenerate(replyId: string): void {
    this.context()
      .regenerate(replyId)
      .catch(() => undefined);
  }

  private async copy(id: string, text: string): Promise<void> {
    let ok = true;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      ok = false; // No clipboard (insecure context) or permission refused.
    }
    this.copied = { id, ok };
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => {
      this.copied = undefined;
      this.host.requestUpdate();
    }, COPIED_FOR_MS);
    this.host.requestUpdate();
  }
}
