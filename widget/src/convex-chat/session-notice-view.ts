// What the chat says once after it replaced a session the server refused (core/auth-session.ts):
// the visitor continues as a new visitor and should know why the earlier messages are gone.
import { html, nothing } from "lit";
import type { SessionNotice } from "../core/auth-session.js";
import type { ChatStrings } from "../core/strings/index.js";
import { closeIcon } from "./launcher-view.js";

/** The notice, with a button that dismisses it (nothing when there is none). */
export function renderSessionNotice(notice: SessionNotice | undefined, strings: ChatStrings, dismiss: () => void) {
  if (notice !== "new-visitor") return nothing;
  return html`<div part="session-notice" class="session-notice" role="status">
    <span>${strings.newVisitorNotice}</span>
    <button part="session-notice-dismiss" class="close" type="button" aria-label=${strings.dismiss} @click=${dismiss}>
      <svg viewBox="0 0 24 24" aria-hidden="true">${closeIcon}</svg>
    </button>
  </div>`;
}
