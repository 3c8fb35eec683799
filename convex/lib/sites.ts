// The `sites` table's fields and the lookups every site-aware function shares.
import { v, type Infer } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { chatError, invalidArgument } from "./errors";
import { siteLimitsValidator } from "./limitsConfig";
import { InvalidOriginError, normaliseOriginPatterns } from "./origins";
import { ensureRetentionSweep, MAX_RETENTION_DAYS } from "./retention";

/** A site key: public, chosen by the operator, e.g. `shop-example`. */
export const SITE_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Generation settings of a site; unset fields fall back to the deployment's env (OPENAI_MODEL…). */
export const modelSettingsValidator = v.object({
  /** Provider model name, e.g. `gpt-4o-mini`. */
  name: v.optional(v.string()),
  /** Sampling temperature, 0–2. */
  temperature: v.optional(v.number()),
  /** Most tokens a reply may have. */
  maxOutputTokens: v.optional(v.number()),
});
export type ModelSettings = Infer<typeof modelSettingsValidator>;

/** What the deployment operator or the site's owners set on a site (everything but the key). */
export const siteSettingsFields = {
  /** Display name, e.g. for the operator's own lists. */
  name: v.string(),
  /** Origins whose pages may use the site (see lib/origins.ts for the forms). */
  allowedOrigins: v.array(v.string()),
  /** First line the widget may show before any message. */
  greeting: v.optional(v.string()),
  /** The name the widget gives the AI's replies (e.g. "Ada"); the widget's default when unset. */
  assistantName: v.optional(v.string()),
  /** The widget's accent color, `#rgb` or `#rrggbb`; the widget's theme when unset. */
  accentColor: v.optional(v.string()),
  /** Questions the widget offers as buttons in an empty conversation (at most 4, each at most 80 characters). */
  suggestedQuestions: v.optional(v.array(v.string())),
  /** System prompt of the site's replies; the deployment's SYSTEM_PROMPT when unset. */
  systemPrompt: v.optional(v.string()),
  model: v.optional(modelSettingsValidator),
  /** Abuse limits; unset fields take the defaults (lib/limitsConfig.ts). */
  limits: v.optional(siteLimitsValidator),
  /** Whether visitors may ask for a person (`chat:requestHuman`); unset reads as on. */
  humanHandoff: v.optional(v.boolean()),
  /**
   * Days a conversation is kept after its last activity; older ones are deleted (with their
   * messages and streams) by a daily sweep (lib/retention.ts). Unset: kept until deleted.
   */
  retentionDays: v.optional(v.number()),
  /** A disabled site refuses new messages and stream requests. */
  enabled: v.boolean(),
  /**
   * HMAC-SHA256 secret for signed customer identities (lib/hostIdentity.ts). Server-side only:
   * no public function returns it. Without it the site accepts anonymous visitors only.
   */
  identitySecret: v.optional(v.string()),
};

/** The `sites` table's fields. */
export const siteFields = {
  key: v.string(),
  ...siteSettingsFields,
  /** Bookkeeping of the retention sweep: when it next runs (lib/retention.ts); nobody sets it. */
  retentionSweepAt: v.optional(v.number()),
};
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only its type is needed
const siteValidator = v.object(siteFields);
export type SiteValues = Infer<typeof siteValidator>;

/** The site with this key, or null. */
export async function siteByKey(ctx: QueryCtx, key: string): Promise<Doc<"sites"> | null> {
  return await ctx.db
    .query("sites")
    .withIndex("by_key", (q) => q.eq("key", key))
    .unique();
}

/** The enabled site with this key; `SITE_NOT_FOUND` or `SITE_DISABLED` otherwise. */
export async function requireEnabledSite(ctx: QueryCtx, key: string): Promise<Doc<"sites">> {
  const site = await siteByKey(ctx, key);
  if (site === null) throw chatError("SITE_NOT_FOUND", `No site has the key "${key.slice(0, 64)}"; check the widget's site-key.`);
  if (!site.enabled) throw chatError("SITE_DISABLED", "This chat has been turned off by the site's operator.");
  return site;
}

/** Longest site name, greeting, assistant name and system prompt (characters). */
export const SITE_TEXT_LIMITS = { name: 100, greeting: 500, assistantName: 60, systemPrompt: 20_000 } as const;
/** An accent color: `#rgb` or `#rrggbb` (the widget's `--convex-chat-accent`). */
const ACCENT_COLOR_PATTERN = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The optional settings an update may remove (`clear` in `sites:update`, an empty value in `siteSettings:update`). */
export const CLEARABLE_SITE_FIELDS = [
  "greeting",
  "assistantName",
  "accentColor",
  "suggestedQuestions",
  "systemPrompt",
  "model",
  "limits",
  "identitySecret",
  "retentionDays",
] as const;
/** Most suggested questions a site may offer, and the longest one (characters). */
export const SUGGESTED_QUESTIONS_LIMITS = { count: 4, length: 80 } as const;
export type ClearableSiteField = (typeof CLEARABLE_SITE_FIELDS)[number];
export const clearableSiteFieldValidator = v.union(...CLEARABLE_SITE_FIELDS.map((field) => v.literal(field)));

/** At most four questions, none blank, none over 80 characters. */
function validateSuggestedQuestions(questions: readonly string[] | undefined): void {
  if (questions === undefined) return;
  const { count, length } = SUGGESTED_QUESTIONS_LIMITS;
  if (questions.length > count)
    throw invalidArgument("suggestedQuestions", `A site may suggest at most ${count} questions; got ${questions.length}.`);
  questions.forEach((question, i) => {
    if (question.trim() === "") throw invalidArgument(`suggestedQuestions.${i}`, `Suggested question ${i + 1} is empty.`);
    if (question.length > length)
      throw invalidArgument(
        `suggestedQuestions.${i}`,
        `Suggested question ${i + 1} may be at most ${length} characters; got ${question.length}.`,
      );
  });
}

/**
 * Checks a site's values before they are written, for every writer (the internal `sites:*`
 * functions and the owners' `siteSettings:update`): a well-formed key, origins in one of the
 * accepted forms (normalised), sane texts, color, model settings and limits, a long enough
 * identity secret. Throws `INVALID_ARGUMENT` whose `field` names the bad setting; writes nothing.
 */
export function validateSiteSettings<T extends Partial<Omit<SiteValues, "retentionSweepAt">>>(site: T): T {
  if (site.key !== undefined && !SITE_KEY_PATTERN.test(site.key)) {
    throw invalidArgument("key", `Site key "${site.key}" must be 1-64 characters of A-Z a-z 0-9 _ -.`);
  }
  if (site.name !== undefined && site.name.trim() === "") throw invalidArgument("name", "A site needs a name.");
  for (const [field, max] of Object.entries(SITE_TEXT_LIMITS)) {
    const value = site[field as keyof typeof SITE_TEXT_LIMITS];
    if (value !== undefined && value.length > max)
      throw invalidArgument(field, `${field} may be at most ${max} characters; got ${value.length}.`);
  }
  if (site.accentColor !== undefined && !ACCENT_COLOR_PATTERN.test(site.accentColor)) {
    throw invalidArgument("accentColor", `accentColor must be a hex color like #1a73e8 or #17e; got "${site.accentColor.slice(0, 40)}".`);
  }
  validateSuggestedQuestions(site.suggestedQuestions);
  const model = site.model;
  if (model?.temperature !== undefined && !(model.temperature >= 0 && model.temperature <= 2)) {
    throw invalidArgument("model.temperature", `model.temperature must be between 0 and 2; got ${model.temperature}.`);
  }
  if (model?.maxOutputTokens !== undefined && !(Number.isInteger(model.maxOutputTokens) && model.maxOutputTokens > 0)) {
    throw invalidArgument("model.maxOutputTokens", `model.maxOutputTokens must be a positive integer; got ${model.maxOutputTokens}.`);
  }
  for (const [name, value] of Object.entries(site.limits ?? {})) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw invalidArgument(`limits.${name}`, `limits.${name} must be a non-negative integer; got ${value}.`);
    }
  }
  if (
    site.retentionDays !== undefined &&
    !(Number.isInteger(site.retentionDays) && site.retentionDays >= 1 && site.retentionDays <= MAX_RETENTION_DAYS)
  ) {
    throw invalidArgument(
      "retentionDays",
      `retentionDays must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}; got ${site.retentionDays}.`,
    );
  }
  if (site.identitySecret !== undefined && site.identitySecret.length < 32) {
    throw invalidArgument("identitySecret", "identitySecret must be at least 32 characters (e.g. `openssl rand -hex 32`).");
  }
  if (site.allowedOrigins === undefined) return site;
  try {
    return { ...site, allowedOrigins: normaliseOriginPatterns(site.allowedOrigins) };
  } catch (error) {
    if (error instanceof InvalidOriginError) throw invalidArgument("allowedOrigins", error.message);
    throw error;
  }
}

/**
 * Changes the given settings of a site and removes the `clear`ed ones, after the one validation
 * above: the only way a site is changed (internal `sites:update` and owners' `siteSettings:update`).
 */
export async function updateSite(
  ctx: MutationCtx,
  site: Doc<"sites">,
  changes: Partial<Omit<SiteValues, "key">>,
  clear: readonly ClearableSiteField[] = [],
): Promise<void> {
  const patch: Record<string, unknown> = validateSiteSettings(changes);
  for (const field of clear) {
    if (patch[field] !== undefined) throw invalidArgument(field, `"${field}" is both set and cleared.`);
    patch[field] = undefined;
  }
  await ctx.db.patch(site._id, patch);
  const updated = await ctx.db.get(site._id);
  if (updated !== null) await ensureRetentionSweep(ctx, updated);
}
