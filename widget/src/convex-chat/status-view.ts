// How the chat says what is wrong or what is happening: the error banner over the composer and the
// status line under it.
import { html, nothing } from "lit";
import type { AuthState } from "../core/auth-session.js";
import type { ChatError } from "../core/errors.js";
import type { ChatStrings } from "../core/strings/index.js";

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
  strings: ChatStrings,
): Problem | undefined {
  if (configError) return { text: configError };
  if (auth?.status === "error") return { text: strings.connectError(auth.message), retry: retry.auth };
  if (loadError) return { text: strings.loadError(loadError.message), retry: retry.load };
  return undefined;
}

/** The banner for `problem` (nothing when there is none). */
export function renderErrorBanner(problem: Problem | undefined, strings: ChatStrings) {
  if (!problem) return nothing;
  return html`<div part="error" class="banner" role="alert">
    <span>${problem.text}</span>
    ${problem.retry ? html`<button part="retry-button" type="button" @click=${problem.retry}>${strings.retry}</button>` : nothing}
  </div>`;
}

/** The line under the composer: why sending failed, or what the composer is waiting for. */
export function renderStatusLine(state: {
  sendError: ChatError | undefined;
  auth: AuthState | undefined;
  sending: boolean;
  configured: boolean;
  strings: ChatStrings;
}) {
  const { strings } = state;
  if (state.sendError) {
    return html`<p id="status" part="status" class="status error" role="alert">${state.sendError.message}</p>`;
  }
  const text = state.auth?.status === "signed-in"
    ? (state.sending ? strings.sending : strings.sendHint)
    : state.auth?.status === "signing-in" && state.configured ? strings.signingIn : strings.unavailable;
  return html`<p id="status" part="status" class="status">${text}</p>`;
}
