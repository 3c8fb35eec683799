// How the chat says what is wrong or what is happening: the error banner over the composer and the
// status line under it.
import { html, nothing } from "lit";
import type { AuthState } from "../core/auth-session.js";
import type { ChatError } from "../core/errors.js";

/** A problem that stops the chat, with the action that may fix it. */
export interface Problem {
  text: string;
  retry?: () => void;
}

/** What stops the chat, most fundamental first: its configuration, the session, the conversation. */
export function currentProblem(
  configError: string | undefined,
  auth: AuthState | undefined,
  loadError: ChatError | undefined,
  retry: { auth: () => void; load: () => void },
): Problem | undefined {
  if (configError) return { text: configError };
  if (auth?.status === "error") return { text: `Could not connect to the chat. ${auth.message}`, retry: retry.auth };
  if (loadError) return { text: `Could not load the conversation. ${loadError.message}`, retry: retry.load };
  return undefined;
}

/** The banner for `problem` (nothing when there is none). */
export function renderErrorBanner(problem: Problem | undefined) {
  if (!problem) return nothing;
  return html`<div part="error" class="banner" role="alert">
    <span>${problem.text}</span>
    ${problem.retry ? html`<button part="retry-button" type="button" @click=${problem.retry}>Retry</button>` : nothing}
  </div>`;
}

/** The line under the composer: why sending failed, or what the composer is waiting for. */
export function renderStatusLine(state: {
  sendError: ChatError | undefined;
  auth: AuthState | undefined;
  sending: boolean;
  configured: boolean;
}) {
  if (state.sendError) {
    return html`<p id="status" part="status" class="status error" role="alert">${state.sendError.message}</p>`;
  }
  const text = state.auth?.status === "signed-in"
    ? (state.sending ? "Sending…" : "Enter to send, Shift+Enter for a new line.")
    : state.auth?.status === "signing-in" && state.configured ? "Signing in…" : "Chat unavailable.";
  return html`<p id="status" part="status" class="status">${text}</p>`;
}
