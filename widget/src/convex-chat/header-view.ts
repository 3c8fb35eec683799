// The panel's title bar: the title (slot `heading` replaces it) and, in floating mode, a close button.
import { html, nothing } from "lit";
import type { ChatStrings } from "../core/strings/index.js";
import { closeIcon } from "./launcher-view.js";

export interface HeaderState {
  title: string;
  strings: ChatStrings;
  /** Set in floating mode: the close button's action. */
  onClose?: () => void;
  /** Buttons before the close button (the conversation actions). */
  actions?: unknown;
}

export function renderHeader({ title, strings, onClose, actions }: HeaderState) {
  return html`<header part="header" class="header">
    <h2 part="title" class="title" id="title"><slot name="heading">${title}</slot></h2>
    ${actions ?? nothing}
    ${onClose
      ? html`<button part="close-button" class="close" type="button" aria-label=${strings.closeChat} @click=${onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true">${closeIcon}</svg>
        </button>`
      : nothing}
  </header>`;
}
