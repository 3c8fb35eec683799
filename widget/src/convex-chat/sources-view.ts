// The sources under a reply grounded on the site's pages (core/message-display.ts decides when):
// titles as links that open in a new tab, never with the page's context (noopener noreferrer).
import { html, nothing } from "lit";
import type { MessageDisplay } from "../core/message-display.js";

/** Renders a reply's sources, or nothing. `::part(sources)` and `::part(source-link)` theme them. */
export function renderSources(sources: MessageDisplay["sources"]) {
  if (!sources) return nothing;
  return html`<nav class="sources" part="sources" aria-label=${sources.label}>
    <span class="sources-label" aria-hidden="true">${sources.label}:</span>
    <ul>
      ${sources.links.map((link) =>
        link.href
          ? html`<li><a part="source-link" href=${link.href} target="_blank" rel="noopener noreferrer" dir="auto">${link.title}</a></li>`
          : html`<li><span part="source-title" dir="auto">${link.title}</span></li>`,
      )}
    </ul>
  </nav>`;
}
