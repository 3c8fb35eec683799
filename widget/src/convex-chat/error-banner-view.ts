// How the chat says what stops it: the error banner over the composer. (The status line under the
// composer is the composer's: composer-controller.ts.)
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
