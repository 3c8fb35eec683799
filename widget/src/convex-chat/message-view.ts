// How one message is drawn, from its display model (core/message-display.ts decides what it shows).
// A visitor's text goes into a text node; a reply is rendered as markdown by DOM calls
// (markdown-view.ts), never as HTML: neither can become markup.
import { html, nothing } from "lit";
import type { MarkdownLabels } from "../core/markdown/index.js";
import type { MessageDisplay } from "../core/message-display.js";
import { markdown } from "./markdown-view.js";
import { renderSources } from "./sources-view.js";

/** Renders a message; `labels` are the words on code blocks' copy buttons. */
export function renderMessage(message: MessageDisplay, labels?: Partial<MarkdownLabels>) {
  const { busy, note, text } = message;
  return html`<article part=${message.parts} class=${message.parts} data-status=${message.phase} aria-busy=${busy ? "true" : "false"}>
    <span class="visually-hidden">${message.authorLabel}</span>
    ${message.format === "markdown"
      ? html`<div class="text">${markdown(text, busy, labels)}</div>`
      : html`<p class="text">${text}</p>`}
    ${message.trailingLabel ? html`<span class="visually-hidden">${message.trailingLabel}</span>` : nothing}
    ${note ? html`<p class="reply-${note.kind}" part="reply-${note.kind}">${note.text}</p>` : nothing}
    ${renderSources(message.sources)}
  </article>`;
}
