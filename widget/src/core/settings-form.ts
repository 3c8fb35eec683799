// The site settings form's model, framework-free: the form's text fields from the stored settings,
// the change to send from what the owner edited (only what changed), and which field a server
// refusal is about (ConvexError data `{ code: "INVALID_ARGUMENT", field, message }`).
import { describeError } from "./errors.js";
import { SITE_LIMIT_NAMES, type SiteLimitName, type SiteLimits, type SiteSettings, type SiteSettingsChange } from "./operator-api.js";

/** The form's fields, as the inputs hold them (each limit by its name: empty means the default). */
export interface SettingsFields extends Record<SiteLimitName, string> {
  name: string;
  greeting: string;
  assistantName: string;
  accentColor: string;
  /** One question per line. */
  suggestedQuestions: string;
  systemPrompt: string;
  modelName: string;
  temperature: string;
  maxOutputTokens: string;
  /** One origin per line. */
  allowedOrigins: string;
  enabled: boolean;
  humanHandoff: boolean;
}

export type SettingsField = keyof SettingsFields;

/** The fields showing `settings`. */
export function fieldsFrom(settings: SiteSettings): SettingsFields {
  return {
    name: settings.name,
    greeting: settings.greeting ?? "",
    assistantName: settings.assistantName ?? "",
    accentColor: settings.accentColor ?? "",
    suggestedQuestions: (settings.suggestedQuestions ?? []).join("\n"),
    systemPrompt: settings.systemPrompt ?? "",
    modelName: settings.model?.model ?? "",
    temperature: settings.model?.temperature === undefined ? "" : String(settings.model.temperature),
    maxOutputTokens: settings.model?.maxOutputTokens === undefined ? "" : String(settings.model.maxOutputTokens),
    allowedOrigins: settings.allowedOrigins.join("\n"),
    enabled: settings.enabled,
    humanHandoff: settings.humanHandoff,
    ...limitFieldsFrom(settings.limits),
  };
}

function limitFieldsFrom(limits: SiteLimits | undefined): Record<SiteLimitName, string> {
  const fields = {} as Record<SiteLimitName, string>;
  for (const name of SITE_LIMIT_NAMES) fields[name] = limits?.[name] === undefined ? "" : String(limits[name]);
  return fields;
}

/** A refusal found before asking the server: the field and a message key-less reason. */
export class FieldError extends Error {
  constructor(
    readonly field: SettingsField,
    message: string,
  ) {
    super(message);
  }
}

function numberOrUndefined(field: SettingsField, text: string): number | undefined {
  if (!text.trim()) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new FieldError(field, "Enter a number.");
  return value;
}

/** The non-blank lines of a one-per-line field, trimmed. */
const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * What to send to `siteSettings:update` for the edited `fields`: only the parts that differ from
 * `saved` (an unchanged form sends nothing but the key). Text fields are sent as typed (the server
 * trims and validates them); origins and suggested questions one per line, blank lines dropped
 * (no questions left removes them).
 */
export function changeFrom(saved: SiteSettings, fields: SettingsFields): SiteSettingsChange {
  const before = fieldsFrom(saved);
  const change: SiteSettingsChange = {};
  for (const key of ["name", "greeting", "assistantName", "accentColor", "systemPrompt"] as const) {
    if (fields[key] !== before[key]) change[key] = fields[key];
  }
  if (fields.enabled !== before.enabled) change.enabled = fields.enabled;
  if (fields.humanHandoff !== before.humanHandoff) change.humanHandoff = fields.humanHandoff;
  // `limits` replaces the whole object on the server: send every limit the form holds ({} = defaults).
  if (SITE_LIMIT_NAMES.some((name) => fields[name] !== before[name])) {
    const limits: SiteLimits = {};
    for (const name of SITE_LIMIT_NAMES) {
      const value = numberOrUndefined(name, fields[name]);
      if (value !== undefined) limits[name] = value;
    }
    change.limits = limits;
  }
  if (fields.suggestedQuestions !== before.suggestedQuestions) change.suggestedQuestions = lines(fields.suggestedQuestions);
  if (fields.allowedOrigins !== before.allowedOrigins) {
    change.allowedOrigins = lines(fields.allowedOrigins);
  }
  if (
    fields.modelName !== before.modelName ||
    fields.temperature !== before.temperature ||
    fields.maxOutputTokens !== before.maxOutputTokens
  ) {
    const model: NonNullable<SiteSettingsChange["model"]> = {};
    if (fields.modelName.trim()) model.model = fields.modelName.trim();
    const temperature = numberOrUndefined("temperature", fields.temperature);
    if (temperature !== undefined) model.temperature = temperature;
    const maxOutputTokens = numberOrUndefined("maxOutputTokens", fields.maxOutputTokens);
    if (maxOutputTokens !== undefined) model.maxOutputTokens = maxOutputTokens;
    change.model = model;
  }
  return change;
}

// The server names fields as the API does (`model.temperature`, `allowedOrigins[2]`…); the form's
// fields are flatter.
const SERVER_FIELDS: Record<string, SettingsField> = {
  name: "name",
  greeting: "greeting",
  assistantName: "assistantName",
  accentColor: "accentColor",
  suggestedQuestions: "suggestedQuestions",
  systemPrompt: "systemPrompt",
  model: "modelName",
  "model.model": "modelName",
  "model.name": "modelName",
  "model.temperature": "temperature",
  temperature: "temperature",
  "model.maxOutputTokens": "maxOutputTokens",
  maxOutputTokens: "maxOutputTokens",
  allowedOrigins: "allowedOrigins",
  enabled: "enabled",
  humanHandoff: "humanHandoff",
  ...Object.fromEntries(SITE_LIMIT_NAMES.map((name) => [`limits.${name}`, name])),
};

/** The form field a failed save is about (undefined: the whole form), with the reason to show. */
export function fieldOfError(error: unknown): { field?: SettingsField; message: string; code?: string } {
  if (error instanceof FieldError) return { field: error.field, message: error.message };
  const described = describeError(error);
  const data = (error as { data?: unknown }).data;
  const raw = data && typeof data === "object" ? (data as { field?: unknown }).field : undefined;
  if (typeof raw !== "string") return described;
  const field = SERVER_FIELDS[raw] ?? SERVER_FIELDS[raw.replace(/\[\d+\]$/, "")] ?? SERVER_FIELDS[raw.split(".")[0]];
  return { ...described, field };
}
