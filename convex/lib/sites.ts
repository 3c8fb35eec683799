// The `sites` table's fields and the lookups every site-aware function shares.
import { v, type Infer } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { chatError } from "./errors";
import { siteLimitsValidator } from "./limitsConfig";
import { normaliseOriginPatterns } from "./origins";

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

/** What an operator sets on a site (everything but the key). */
export const siteSettingsFields = {
  /** Display name, e.g. for the operator's own lists. */
  name: v.string(),
  /** Origins whose pages may use the site (see lib/origins.ts for the forms). */
  allowedOrigins: v.array(v.string()),
  /** First line the widget may show before any message. */
  greeting: v.optional(v.string()),
  /** System prompt of the site's replies; the deployment's SYSTEM_PROMPT when unset. */
  systemPrompt: v.optional(v.string()),
  model: v.optional(modelSettingsValidator),
  /** Abuse limits; unset fields take the defaults (lib/limitsConfig.ts). */
  limits: v.optional(siteLimitsValidator),
  /** A disabled site refuses new messages and stream requests. */
  enabled: v.boolean(),
  /**
   * HMAC-SHA256 secret for signed customer identities (lib/hostIdentity.ts). Server-side only:
   * no public function returns it. Without it the site accepts anonymous visitors only.
   */
  identitySecret: v.optional(v.string()),
};

/** The `sites` table's fields. */
export const siteFields = { key: v.string(), ...siteSettingsFields };
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

/**
 * Checks the operator's values before they are written: a well-formed key, origins in one of the
 * accepted forms (normalised), sane model settings and limits, a long enough identity secret.
 * Throws an Error naming the bad field.
 */
export function validateSiteSettings<T extends Partial<SiteValues>>(site: T): T {
  if (site.key !== undefined && !SITE_KEY_PATTERN.test(site.key)) {
    throw new Error(`Site key "${site.key}" must be 1-64 characters of A-Z a-z 0-9 _ -.`);
  }
  if (site.name !== undefined && site.name.trim() === "") throw new Error("A site needs a name.");
  const model = site.model;
  if (model?.temperature !== undefined && !(model.temperature >= 0 && model.temperature <= 2)) {
    throw new Error(`model.temperature must be between 0 and 2; got ${model.temperature}.`);
  }
  if (model?.maxOutputTokens !== undefined && !(Number.isInteger(model.maxOutputTokens) && model.maxOutputTokens > 0)) {
    throw new Error(`model.maxOutputTokens must be a positive integer; got ${model.maxOutputTokens}.`);
  }
  for (const [name, value] of Object.entries(site.limits ?? {})) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new Error(`limits.${name} must be a non-negative integer; got ${value}.`);
    }
  }
  if (site.identitySecret !== undefined && site.identitySecret.length < 32) {
    throw new Error("identitySecret must be at least 32 characters (e.g. `openssl rand -hex 32`).");
  }
  if (site.allowedOrigins === undefined) return site;
  return { ...site, allowedOrigins: normaliseOriginPatterns(site.allowedOrigins) };
}
