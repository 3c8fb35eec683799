// The panel's title bar: the title (slot `heading` replaces it) and, in floating mode, a close button.
import { html, nothing } from "lit";
import type { ConnectionStatus } from "../core/connection.js";
import type { ChatStrings } from "../core/strings/index.js";
import { closeIcon } from "./launcher-view.js";

export interface HeaderState {
  title: string;
  strings: ChatStrings;
  /** Set in floating mode: the close button's action. */
  onClose?: () => void;
  /** Buttons before the close button (the conversation actions). */
  actions?: unknown;
  /** The connection to the deployment (the dot; words when it is not connected). */
  connection?: ConnectionStatus;
}

/**
 * The connection's words after the title: shown when it is not connected (the dot's colour alone
 * says nothing to some visitors), hidden but read when it is. A status role: screen readers hear
 * it change.
 */
function renderConnectionText(connection: ConnectionStatus, strings: ChatStrings) {
  return html`<span part="connection" class=${connection === "connected" ? "connection visually-hidden" : "connection"}
    data-state=${connection} role="status">${strings[connection]}</span>`;
}

export function renderHeader({ title, strings, onClose, actions, connection = "connecting" }: HeaderState) {
  return html`<header part="header" class="header">
    <span part="connection-dot" class="connection-dot" data-state=${connection} aria-hidden="true"></span>
    <div class="title-block">
      <h2 part="title" class="title" id="title"><slot name="heading">${title}</slot></h2>
      ${renderConnectionText(connection, strings)}
    </div>
    ${actions ?? nothing}
    ${
      onClose
        ? html`<button part="close-button" class="close" type="button" aria-label=${strings.closeChat} @click=${onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true">${closeIcon}</svg>
        </button>`
        : nothing
    }
  </header>`;
}
