// The floating mode's launcher: the round button in the corner that opens and closes the panel,
// with a badge counting replies that arrived while it was closed.
import { html, nothing, svg } from "lit";
import type { ChatStrings } from "../core/strings/index.js";

const chatIcon = svg`<path d="M5 4h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-8l-5 4v-4H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/>`;
/** The close cross, shared with the header's close button. */
export const closeIcon = svg`<path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>`;

export interface LauncherState {
  open: boolean;
  unread: number;
  strings: ChatStrings;
  onToggle: () => void;
}

export function renderLauncher({ open, unread, strings, onToggle }: LauncherState) {
  const name = open ? strings.closeChat : strings.openChat;
  const label = unread > 0 && !open ? `${name} (${strings.unread(unread)})` : name;
  return html`<button part="launcher" class="launcher" type="button" aria-label=${label}
    aria-expanded=${open ? "true" : "false"} aria-controls="panel" @click=${onToggle}>
    <svg part="launcher-icon" class="icon" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
      ${open ? closeIcon : chatIcon}
    </svg>
    ${unread > 0 && !open ? html`<span part="badge" class="badge" aria-hidden="true">${unread > 9 ? "9+" : unread}</span>` : nothing}
  </button>`;
}
