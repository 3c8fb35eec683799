// The console's top bar: the site switcher (a select when the operator has several sites), the
// sections (Settings and Team for owners only) and sign-out.
import { html, nothing, svg } from "lit";
import type { OperatorSite } from "../core/operator-api.js";
import type { ConsoleStrings } from "../core/strings/console/index.js";
import type { NotificationsController } from "./notifications-controller.js";

export type ConsoleSection = "inbox" | "settings" | "team" | "knowledge";

export interface HeaderInput {
  strings: ConsoleStrings;
  sites: readonly OperatorSite[];
  current: OperatorSite | undefined;
  section: ConsoleSection;
  onSite: (siteKey: string) => void;
  onSection: (section: ConsoleSection) => void;
  onSignOut: () => void;
  notifications: NotificationsController;
}

// Icons for the toggles: on a narrow console they stand alone (the label stays, visually hidden).
const SPEAKER = svg`<path d="M3 9v6h4l5 4V5L7 9H3z"/><path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>`;
const BELL = svg`<path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6z"/><path d="M10 19a2 2 0 0 0 4 0z"/>`;
const icon = (paths: unknown) =>
  html`<svg class="toggle-icon" viewBox="0 0 24 24" width="16" height="16" fill="currentColor" aria-hidden="true">${paths}</svg>`;

function renderAlerts(notifications: NotificationsController, t: ConsoleStrings) {
  return html`<div class="alerts">
    <button type="button" class="quiet toggle" part="sound-toggle" aria-pressed=${String(notifications.sound)} title=${t.sound}
      @click=${() => notifications.toggleSound()}>${icon(SPEAKER)}<span class="toggle-label">${t.sound}</span></button>
    <button type="button" class="quiet toggle" part="notifications-toggle" aria-pressed=${String(notifications.notifying)}
      title=${notifications.blocked ? t.notificationsBlocked : t.notifications} aria-describedby=${notifications.blocked ? "notifications-blocked" : nothing}
      @click=${() => void notifications.toggleNotifications()}>${icon(BELL)}<span class="toggle-label">${t.notifications}</span></button>
    ${notifications.blocked ? html`<span id="notifications-blocked" class="visually-hidden">${t.notificationsBlocked}</span>` : nothing}
  </div>`;
}

export function renderHeader({ strings: t, sites, current, section, onSite, onSection, onSignOut, notifications }: HeaderInput) {
  const sections: ConsoleSection[] = current?.role === "owner" ? ["inbox", "settings", "team", "knowledge"] : ["inbox"];
  const role = current ? html`<span class="role" part="role">${current.role === "owner" ? t.owner : t.agent}</span>` : nothing;
  return html`<div class="bar" part="header">
    <div class="site" part="site">
      ${
        sites.length > 1
          ? html`<label for="site-switcher" class="visually-hidden">${t.site}</label>
            <select id="site-switcher" part="site-switcher" @change=${(e: Event) => onSite((e.target as HTMLSelectElement).value)}>
              ${sites.map((site) => html`<option value=${site.siteKey} ?selected=${site.siteKey === current?.siteKey}>${site.name}</option>`)}
            </select>`
          : html`<span class="site-name" part="site-name">${current?.name ?? ""}</span>`
      }
      ${role}
    </div>
    ${
      current
        ? html`<nav aria-label=${t.navigation} part="nav">
          ${sections.map(
            (name) => html`<button type="button" part="nav-button" class="nav" data-section=${name}
            aria-current=${name === section ? "page" : "false"} @click=${() => onSection(name)}>${t[name]}</button>`,
          )}
        </nav>`
        : nothing
    }
    ${current ? renderAlerts(notifications, t) : nothing}
    <button type="button" class="quiet" part="sign-out-button" @click=${onSignOut}>${t.signOut}</button>
  </div>`;
}
