// How one message is drawn, from its display model (core/message-display.ts decides what it shows).
// A visitor's text goes into a text node; a reply is rendered as markdown by DOM calls
// (markdown-view.ts), never as HTML: neither can become markup. Text people or the model wrote takes
// its direction from itself (dir="auto"): an English message in a Hebrew chat reads left to right,
// in a bubble that stays on its side.
import { html, nothing } from "lit";
import type { MarkdownLabels } from "../core/markdown/index.js";
import type { MessageDisplay } from "../core/message-display.js";
import { markdown } from "./markdown-view.js";
import { renderSources } from "./sources-view.js";

/** Renders a message; `labels` are the words on code blocks' copy buttons. */
export function renderMessage(message: MessageDisplay, labels?: Partial<MarkdownLabels>) {
  const { busy, note, text, badge, avatar } = message;
  // A line about the conversation ("Alex joined", "Resolved"): small and centred, not a bubble.
  if (message.layout === "line") return html`<p part=${message.parts} class=${message.parts} data-author=${message.author}>${text}</p>`;
  // The visible name is for the eyes; the hidden label says the same to screen readers, once.
  return html`<article part=${message.parts} class=${message.parts} data-author=${message.author} data-status=${message.phase}
    aria-busy=${busy ? "true" : "false"}>
    ${
      badge
        ? html`<p class="byline" part="byline" aria-hidden="true">${avatar ? html`<span class="avatar" part="avatar">${avatar}</span>` : nothing}<span
          class="author-name" part="author-name" dir="auto">${badge}</span></p>`
        : nothing
    }
    <span class="visually-hidden">${message.authorLabel}</span>
    ${
      message.format === "markdown"
        ? html`<div class="text" dir="auto">${markdown(text, busy && !message.paused, labels)}</div>`
        : html`<p class="text" dir="auto">${text}</p>`
    }
    ${message.trailingLabel ? html`<span class="visually-hidden">${message.trailingLabel}</span>` : nothing}
    ${note ? html`<p class="reply-${note.kind}" part="reply-${note.kind}">${note.text}</p>` : nothing}
    ${renderSources(message.sources)}
  </article>`;
}
