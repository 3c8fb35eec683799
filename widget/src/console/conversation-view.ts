// The conversation pane: visitor context, then the transcript. The visitor's words are text
// nodes; the AI's are rendered by the widget's safe markdown renderer, growing while written.
import { html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { isFinal } from "../core/api.js";
import type { OperatorConversation, OperatorMessage } from "../core/operator-api.js";
import type { ConsoleStrings } from "../core/strings/console/index.js";
import { longTime } from "../core/time-format.js";
import { markdown } from "../convex-chat/markdown-view.js";
import type { TranscriptController } from "./transcript-controller.js";

export interface ConversationViewInput {
  strings: ConsoleStrings;
  lang: string;
  transcript: TranscriptController;
  /** Shown when the list and the conversation do not fit side by side. */
  onBack: () => void;
}

function renderMessage(message: OperatorMessage, transcript: TranscriptController, t: ConsoleStrings) {
  const { text, status, error } = transcript.body(message);
  const inProgress = !isFinal(status);
  const visitor = message.role === "user";
  return html`<article class="message ${visitor ? "user" : "assistant"}" part="message ${visitor ? "visitor" : "ai"}"
    data-status=${status} aria-busy=${inProgress ? "true" : "false"}>
    <span class="speaker" part="speaker">${visitor ? t.visitorSays : t.aiSays}</span>
    ${visitor
      ? html`<p class="text">${text}</p>`
      : html`<div class="text">${markdown(text, inProgress, { copy: t.copy, copied: t.copied, copyFailed: t.copyFailed, image: t.imageNotLoaded })}</div>`}
    ${status === "error" || status === "timeout"
      ? html`<p class="reply-error" part="reply-error">${message.error ?? error ?? (status === "timeout" ? t.replyTimedOut : t.replyFailed)}</p>`
      : status === "stopped" ? html`<p class="reply-note" part="reply-stopped">${t.replyStopped}</p>` : nothing}
  </article>`;
}

function renderContext(conversation: OperatorConversation, t: ConsoleStrings, lang: string) {
  const { visitor } = conversation;
  const row = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value ?? t.notKnown}</dd></div>`;
  return html`<section class="context" part="visitor-context" aria-labelledby="context-heading">
    <h3 id="context-heading" class="visually-hidden">${t.visitorDetails}</h3>
    <dl>
      ${row(t.visitor, visitor.label)}
      ${visitor.customerId ? row(t.customerId, visitor.customerId) : nothing}
      ${row(t.page, visitor.pageUrl ? html`<span class="url">${visitor.pageUrl}</span>` : undefined)}
      ${row(t.language, visitor.language)}
      ${row(t.firstSeen, longTime(visitor.firstSeenAt, lang))}
      ${row(t.started, longTime(conversation.createdAt, lang))}
    </dl>
  </section>`;
}

export function renderConversation({ strings: t, lang, transcript, onBack }: ConversationViewInput) {
  const conversation = transcript.conversation;
  const error = transcript.error;
  const replying = conversation?.messages.some((m) => m.streamId && !isFinal(transcript.body(m).status)) ?? false;
  return html`<section class="conversation-pane" part="conversation" aria-labelledby="conversation-heading">
    <div class="pane-top">
      <button type="button" class="back quiet" part="back-button" @click=${onBack}>
        <span aria-hidden="true">←</span> ${t.backToInbox}</button>
      <h2 id="conversation-heading" tabindex="-1">${conversation?.title ?? t.loading}</h2>
      ${conversation?.status === "resolved" ? html`<span class="mark" part="resolved-mark">${t.resolved}</span>` : nothing}
    </div>
    ${error ? html`<p class="form-error" part="error" role="alert">${t.failed(error.message)}</p>` : nothing}
    ${conversation
      ? html`${renderContext(conversation, t, lang)}
          <div class="transcript" part="transcript" role="log" aria-live="off" aria-label=${t.transcript} tabindex="0"
            aria-busy=${replying ? "true" : "false"}>
            ${conversation.hasOlderMessages ? html`<p class="older" part="older-note">${t.olderMessagesHidden}</p>` : nothing}
            ${repeat(conversation.messages, (m) => m._id, (m) => renderMessage(m, transcript, t))}
          </div>`
      : nothing}
  </section>`;
}

/** The conversation pane before one is chosen. */
export function renderNoConversation(t: ConsoleStrings) {
  return html`<section class="conversation-pane placeholder" part="conversation"><p class="empty">${t.selectConversation}</p></section>`;
}
