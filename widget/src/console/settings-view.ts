// The settings page (owners): one form; a refusal from the server is shown under its field (and
// the field marked invalid and focused); the identity secret is generated or rotated and shown once.
import { html, nothing } from "lit";
import { SITE_LIMIT_NAMES } from "../core/operator-api.js";
import type { SettingsField, SettingsFields } from "../core/settings-form.js";
import type { ConsoleStrings } from "../core/strings/console/index.js";
import type { SettingsController } from "./settings-controller.js";

type CheckField = "enabled" | "humanHandoff";
type TextField = Exclude<SettingsField, CheckField>;

function fieldError(settings: SettingsController, field: SettingsField): string | undefined {
  const state = settings.saveState;
  return state.status === "failed" && state.field === field ? state.message : undefined;
}

function renderCheck(settings: SettingsController, field: CheckField, label: string, hint?: string) {
  const fields = settings.fields as SettingsFields;
  return html`<div class="field check" part="field" data-field=${field}>
    <input id=${field} type="checkbox" .checked=${fields[field]} aria-describedby=${hint ? `${field}-hint` : nothing}
      @change=${(e: Event) => settings.edit(field, (e.target as HTMLInputElement).checked)} />
    <label for=${field}>${label}</label>
    ${hint ? html`<p id="${field}-hint" class="hint">${hint}</p>` : nothing}
  </div>`;
}

function renderText(
  settings: SettingsController,
  field: TextField,
  label: string,
  options: { hint?: string; multiline?: boolean; type?: string; whole?: boolean } = {},
) {
  const fields = settings.fields as SettingsFields;
  const error = fieldError(settings, field);
  const described = [options.hint ? `${field}-hint` : "", error ? `${field}-error` : ""].filter(Boolean).join(" ") || nothing;
  const onInput = (event: Event) => settings.edit(field, (event.target as HTMLInputElement).value);
  return html`<div class="field" part="field" data-field=${field}>
    <label for=${field}>${label}</label>
    ${
      options.multiline
        ? html`<textarea id=${field} name=${field} part="input" rows="4" .value=${fields[field]} @input=${onInput}
          aria-describedby=${described} aria-invalid=${error ? "true" : "false"}></textarea>`
        : html`<input id=${field} name=${field} part="input" type=${options.type ?? "text"} .value=${fields[field]} @input=${onInput}
          min=${options.type === "number" && options.whole ? "0" : nothing} step=${options.whole ? "1" : nothing}
          aria-describedby=${described} aria-invalid=${error ? "true" : "false"} />`
    }
    ${options.hint ? html`<p id="${field}-hint" class="hint">${options.hint}</p>` : nothing}
    ${error ? html`<p id="${field}-error" class="field-error" part="field-error">${error}</p>` : nothing}
  </div>`;
}

export function renderSettings(settings: SettingsController, t: ConsoleStrings, host: { renderRoot: ParentNode }) {
  if (settings.loadError) return html`<p class="form-error" part="error" role="alert">${t.failed(settings.loadError.message)}</p>`;
  const fields = settings.fields;
  const stored = settings.settings;
  if (!fields || !stored) return html`<p class="empty">${t.loading}</p>`;
  const state = settings.saveState;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await settings.save();
    // Take the owner to what the server refused.
    if (result.status === "failed" && result.field) {
      await new Promise(requestAnimationFrame);
      host.renderRoot.querySelector<HTMLElement>(`#${result.field}`)?.focus();
    }
  };
  const general = state.status === "failed" && !state.field ? state.message : undefined;
  return html`<form class="settings" part="settings" aria-labelledby="settings-heading" novalidate @submit=${submit}>
    <h2 id="settings-heading">${t.settingsHeading}</h2>
    ${renderText(settings, "name", t.siteName)}
    ${renderText(settings, "greeting", t.greeting, { hint: t.greetingHint, multiline: true })}
    ${renderText(settings, "assistantName", t.assistantName)}
    ${renderText(settings, "accentColor", t.accentColor, { hint: t.accentColorHint })}
    ${renderText(settings, "suggestedQuestions", t.suggestedQuestions, { hint: t.suggestedQuestionsHint, multiline: true })}
    ${renderText(settings, "systemPrompt", t.systemPrompt, { multiline: true })}
    <fieldset part="fieldset">
      <legend>${t.modelName}</legend>
      <div class="row-fields">
        ${renderText(settings, "modelName", t.modelName)}
        ${renderText(settings, "temperature", t.temperature, { type: "number" })}
        ${renderText(settings, "maxOutputTokens", t.maxOutputTokens, { type: "number" })}
      </div>
    </fieldset>
    ${renderText(settings, "allowedOrigins", t.allowedOrigins, { hint: t.allowedOriginsHint, multiline: true })}
    <fieldset part="fieldset" aria-describedby="limits-hint">
      <legend>${t.limits}</legend>
      <p id="limits-hint" class="hint">${t.limitsHint}</p>
      <div class="limit-fields">
        ${SITE_LIMIT_NAMES.map((name) => renderText(settings, name, t.limitLabels[name], { type: "number", whole: true }))}
      </div>
    </fieldset>
    ${renderCheck(settings, "humanHandoff", t.humanHandoff, t.humanHandoffHint)}
    ${renderCheck(settings, "enabled", t.enabled)}
    <div class="actions">
      <button class="primary" part="save-button" type="submit" ?disabled=${state.status === "saving"}>
        ${state.status === "saving" ? t.saving : t.save}</button>
      <p class="status" part="save-status" role="status">${state.status === "saved" ? t.saved : ""}</p>
    </div>
    ${general ? html`<p class="form-error" part="form-error" role="alert">${t.failed(general)}</p>` : nothing}
  </form>
  <section class="secret" part="identity-secret" aria-labelledby="secret-heading">
    <h2 id="secret-heading">${t.identitySecret}</h2>
    <p>${stored.hasIdentitySecret ? t.identitySecretSet : t.identitySecretUnset}</p>
    ${
      settings.secret
        ? html`<label for="secret" class="hint">${t.secretShownOnce}</label>
          <input id="secret" class="once" part="secret" readonly .value=${settings.secret} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />`
        : nothing
    }
    ${settings.secretError ? html`<p class="form-error" role="alert">${t.failed(settings.secretError)}</p>` : nothing}
    <button type="button" part="rotate-secret-button" @click=${() => settings.rotateSecret()}>
      ${stored.hasIdentitySecret ? t.rotateSecret : t.generateSecret}</button>
  </section>`;
}
