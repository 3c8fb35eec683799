// How a message on its way to the server is drawn: the visitor's text, marked "sending" until the
// conversation shows the stored message. Text nodes only, like every message.
import { html } from "lit";
import type { SendingMessage } from "../controllers/outbox-controller.js";

/** Renders an unconfirmed message; `labels` are the visitor's-message and "sending" strings. */
export function renderSendingMessage(message: SendingMessage, labels: { you: string; sending: string }) {
  return html`<article part="message user sending" class="message user sending" data-status="sending" aria-busy="true">
    <span class="visually-hidden">${labels.you}</span>
    <p class="text">${message.text}</p>
    <span class="visually-hidden">${labels.sending}</span>
  </article>`;
}
