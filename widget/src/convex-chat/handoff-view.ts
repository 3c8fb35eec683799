// The handoff area between the log and the composer: a person typing, waiting for a person (what
// to expect; when nobody is online, the optional email), who answers, and "Talk to a person".
import { html, nothing } from "lit";
import type { ChatStrings } from "../core/strings/index.js";
import type { HandoffController } from "./handoff-controller.js";

function renderEmail(handoff: HandoffController, t: ChatStrings, kept: string | undefined) {
  if (kept && !handoff.editingEmail) {
    return html`<p class="email-kept" part="email-kept">${t.emailSaved(kept)}
      <button type="button" class="link" part="email-change-button" @click=${() => handoff.editEmail()}>${t.emailChange}</button></p>`;
  }
  const error = handoff.emailError;
  return html`<form class="email-form" part="email-form" novalidate @submit=${(e: SubmitEvent) => (e.preventDefault(), void handoff.saveEmail())}>
    <label for="contact-email">${t.emailLabel}</label>
    <span class="email-row">
      <input id="contact-email" part="email-input" type="email" autocomplete="email" inputmode="email"
        aria-invalid=${error ? "true" : "false"} aria-describedby=${error ? "email-error" : nothing}
        .value=${handoff.emailDraft} @input=${(e: Event) => handoff.setEmailDraft((e.target as HTMLInputElement).value)} />
      <button type="submit" part="email-save-button" ?disabled=${handoff.savingEmail}>${t.emailSave}</button>
    </span>
    ${error ? html`<span id="email-error" class="email-error" part="email-error" role="alert">${error}</span>` : nothing}
  </form>`;
}

/** The handoff area (nothing at all while the AI answers and no person is offered). */
export function renderHandoff(handoff: HandoffController, t: ChatStrings) {
  const view = handoff.view;
  let status: unknown = nothing;
  if (view.mode === "waiting") {
    status = html`<section class="handoff-status waiting" part="handoff-status" aria-labelledby="waiting-title">
      <p id="waiting-title" class="handoff-title"><span class="pulse" aria-hidden="true"></span>${t.waitingTitle}</p>
      <p class="handoff-body">${view.online ? t.waitingBody : t.nobodyOnline}</p>
      ${view.askEmail || view.contactEmail ? renderEmail(handoff, t, view.contactEmail) : nothing}
    </section>`;
  } else if (view.mode === "human" && view.person) {
    status = html`<p class="handoff-status human" part="handoff-status">${t.personAnswering(view.person)}</p>`;
  }
  return html`<div class="handoff" part="handoff">
    <div class="typing-region" role="status">
      ${
        view.typing
          ? html`<p class="typing" part="typing-indicator"><span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${t.personTyping(view.typing)}</p>`
          : nothing
      }
    </div>
    ${status}
    ${
      view.offer
        ? html`<button type="button" class="handoff-button" part="handoff-button" ?disabled=${handoff.asking}
          @click=${() => void handoff.askForPerson()}>${t.talkToPerson}</button>`
        : nothing
    }
  </div>`;
}
