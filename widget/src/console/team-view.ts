// The team page (owners): invite (the code is shown once), pending invitations, members.
import { html, nothing } from "lit";
import type { OperatorRole } from "../core/operator-api.js";
import type { ConsoleStrings } from "../core/strings/console/index.js";
import { longTime } from "../core/time-format.js";
import type { TeamController } from "./team-controller.js";

export function renderTeam(team: TeamController, t: ConsoleStrings, lang: string) {
  const role = (value: OperatorRole) => (value === "owner" ? t.owner : t.agent);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    if (await team.invite(String(data.get("email") ?? ""), data.get("role") === "owner" ? "owner" : "agent")) form.reset();
  };
  return html`<div class="team" part="team">
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">${t.invitations}</h2>
      <form class="invite" part="invite-form" @submit=${submit}>
        <div class="field"><label for="invite-email">${t.email}</label>
          <input id="invite-email" name="email" type="email" part="input" required autocomplete="off" /></div>
        <div class="field"><label for="invite-role">${t.role}</label>
          <select id="invite-role" name="role" part="input"><option value="agent">${t.agent}</option><option value="owner">${t.owner}</option></select></div>
        <button class="primary" part="invite-button" type="submit" ?disabled=${team.busy}>${t.invite}</button>
      </form>
      ${team.error ? html`<p class="form-error" part="form-error" role="alert">${t.failed(team.error)}</p>` : nothing}
      ${
        team.created
          ? html`<div class="once-box" part="invitation-code" role="status">
            <p>${t.codeShownOnce(team.created.email)}</p>
            <label class="visually-hidden" for="invitation-code">${t.invitationCode}</label>
            <input id="invitation-code" class="once" readonly .value=${team.created.code}
              @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
          </div>`
          : nothing
      }
      ${
        team.invitations === undefined
          ? html`<p class="empty">${t.loading}</p>`
          : team.invitations.length === 0
            ? html`<p class="empty" part="empty">${t.noInvitations}</p>`
            : html`<ul class="table" part="invitations">${team.invitations.map(
                (invitation) => html`<li part="invitation" data-invitation-id=${invitation.invitationId}>
              <span class="who">${invitation.email}</span><span>${role(invitation.role)}</span>
              <span class="muted">${t.expires(longTime(invitation.expiresAt, lang))}</span>
              <button type="button" part="revoke-button" aria-label="${t.revoke} ${invitation.email}" ?disabled=${team.busy}
                @click=${() => team.revoke(invitation.invitationId)}>${t.revoke}</button>
            </li>`,
              )}</ul>`
      }
    </section>
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">${t.members}</h2>
      ${team.loadError ? html`<p class="form-error" role="alert">${t.failed(team.loadError.message)}</p>` : nothing}
      ${
        team.members === undefined
          ? html`<p class="empty">${t.loading}</p>`
          : html`<ul class="table" part="members">${team.members.map(
              (member) => html`<li part="member" data-operator-id=${member.operatorId}>
            <span class="who">${member.displayName || member.email} ${member.isMe ? html`<span class="muted">${t.you}</span>` : nothing}</span>
            <span class="muted">${member.email}</span><span>${role(member.role)}</span>
            ${
              member.isMe
                ? html`<span></span>`
                : html`<button type="button" part="remove-button" aria-label="${t.remove} ${member.email}" ?disabled=${team.busy}
                  @click=${() => team.remove(member.operatorId)}>${t.remove}</button>`
            }
          </li>`,
            )}</ul>`
      }
    </section>
  </div>`;
}
