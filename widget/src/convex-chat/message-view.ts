// How one message is drawn. Text goes into text nodes only: a reply can never become markup.
import { html, nothing } from "lit";
import { isFinal, type ChatMessage, type StreamBody } from "../core/api.js";

/** Renders a message; `live` is its streaming body while the reply is unfinished. */
export function renderMessage(message: ChatMessage, live: StreamBody | undefined) {
  const { role } = message;
  const { text, status } = live ?? { text: message.content, status: message.status ?? "done" };
  const inProgress = !isFinal(status);
  return html`<article
    part="message ${role}"
    class="message ${role}"
    data-status=${status}
    aria-busy=${inProgress ? "true" : "false"}
  >
    <span class="visually-hidden">${role === "user" ? "You:" : "Assistant:"}</span>
    <p class="text">${text}${inProgress
      ? html`<span class="caret" part="caret" aria-hidden="true"></span>`
      : nothing}</p>
    ${status === "error" || status === "timeout"
      ? html`<p class="reply-error" part="reply-error">
          ${message.error ?? (status === "timeout" ? "The reply timed out." : "The reply failed.")}
        </p>`
      : nothing}
  </article>`;
}
