// How one message is drawn. A visitor's text goes into a text node; a reply is rendered as markdown
// by DOM calls (markdown-view.ts), never as HTML: neither can become markup.
import { html, nothing } from "lit";
import { isFinal, type ChatMessage, type StreamBody } from "../core/api.js";
import type { MarkdownLabels } from "../core/markdown/index.js";
import { markdown } from "./markdown-view.js";

/** What a message says besides its text (the chat's `strings`). */
export interface MessageStrings {
  you: string;
  assistant: string;
  replyFailed: string;
  replyTimedOut: string;
  replyStopped: string;
}

const ENGLISH: MessageStrings = {
  you: "You:", assistant: "Assistant:", replyFailed: "The reply failed.", replyTimedOut: "The reply timed out.",
  replyStopped: "The reply was stopped.",
};

/**
 * Renders a message; `live` is its streaming body while the reply is unfinished; `labels` are the
 * words on code blocks' copy buttons; `strings` the screen-reader prefixes and failure reasons.
 */
export function renderMessage(message: ChatMessage, live: StreamBody | undefined, labels?: Partial<MarkdownLabels>, strings = ENGLISH) {
  const { role } = message;
  const { text, status } = live ?? { text: message.content, status: message.status ?? "done" };
  const inProgress = !isFinal(status);
  return html`<article
    part="message ${role}"
    class="message ${role}"
    data-status=${status}
    aria-busy=${inProgress ? "true" : "false"}
  >
    <span class="visually-hidden">${role === "user" ? strings.you : strings.assistant}</span>
    ${role === "assistant"
      ? html`<div class="text">${markdown(text, inProgress, labels)}</div>`
      : html`<p class="text">${text}${inProgress
          ? html`<span class="caret" part="caret" aria-hidden="true"></span>`
          : nothing}</p>`}
    ${status === "error" || status === "timeout"
      ? html`<p class="reply-error" part="reply-error">
          ${message.error ?? live?.error ?? (status === "timeout" ? strings.replyTimedOut : strings.replyFailed)}
        </p>`
      : status === "stopped"
        ? html`<p class="reply-stopped" part="reply-stopped">${strings.replyStopped}</p>`
        : nothing}
  </article>`;
}
