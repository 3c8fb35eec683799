// The deployment operator's functions for sites: internal only, run with `npx convex run` (they
// take no auth). A site's owners change it from the console through siteSettings.ts, which shares
// the validation and update path (lib/sites.ts).
//   npx convex run sites:create '{"key":"shop","name":"Shop","allowedOrigins":["https://shop.example.com"],"enabled":true}'
//   npx convex run sites:update '{"key":"shop","enabled":false}'
//   npx convex run sites:get '{"key":"shop"}'
import { v } from "convex/values";
import { internalMutation, internalQuery } from "./_generated/server";
import {
  clearableSiteFieldValidator,
  modelSettingsValidator,
  siteByKey,
  siteSettingsFields,
  updateSite,
  validateSiteSettings,
} from "./lib/sites";
import { ensureRetentionSweep } from "./lib/retention";
import { DEMO_MAX_OUTPUT_TOKENS, DEMO_SITE_LIMITS, siteLimitsValidator } from "./lib/limitsConfig";

/** The key of the site the local backend seeds for the demo pages and tests. */
export const DEMO_SITE_KEY = "demo";

/** A site as the operator reads it: everything but the identity secret, which is only reported as set. */
const { identitySecret: _secret, ...visibleSettingsFields } = siteSettingsFields;
const siteView = v.object({
  _id: v.id("sites"),
  _creationTime: v.number(),
  key: v.string(),
  ...visibleSettingsFields,
  hasIdentitySecret: v.boolean(),
  retentionSweepAt: v.optional(v.number()),
});

/** Creates a site. Refuses a taken key or invalid settings (nothing is written). */
export const create = internalMutation({
  args: { key: v.string(), ...siteSettingsFields },
  returns: v.id("sites"),
  handler: async (ctx, args) => {
    const site = validateSiteSettings(args);
    if ((await siteByKey(ctx, site.key)) !== null) throw new Error(`A site with key "${site.key}" already exists; use sites:update.`);
    const siteId = await ctx.db.insert("sites", site);
    await ensureRetentionSweep(ctx, (await ctx.db.get(siteId))!);
    return siteId;
  },
});

/**
 * Changes the named fields of the site with `key`; omitted fields keep their value. `clear` lists
 * optional fields to remove (e.g. `["identitySecret"]`).
 */
export const update = internalMutation({
  args: {
    key: v.string(),
    name: v.optional(siteSettingsFields.name),
    allowedOrigins: v.optional(siteSettingsFields.allowedOrigins),
    greeting: v.optional(v.string()),
    assistantName: v.optional(v.string()),
    accentColor: v.optional(v.string()),
    suggestedQuestions: v.optional(v.array(v.string())),
    systemPrompt: v.optional(v.string()),
    model: v.optional(modelSettingsValidator),
    limits: v.optional(siteLimitsValidator),
    enabled: v.optional(v.boolean()),
    humanHandoff: v.optional(v.boolean()),
    identitySecret: v.optional(v.string()),
    retentionDays: v.optional(v.number()),
    clear: v.optional(v.array(clearableSiteFieldValidator)),
  },
  returns: v.null(),
  handler: async (ctx, { key, clear, ...changes }) => {
    const site = await siteByKey(ctx, key);
    if (site === null) throw new Error(`No site has the key "${key}".`);
    await updateSite(ctx, site, changes, clear);
    return null;
  },
});

/** The site with `key` (without its identity secret), or null. */
export const get = internalQuery({
  args: { key: v.string() },
  returns: v.union(siteView, v.null()),
  handler: async (ctx, { key }) => {
    const site = await siteByKey(ctx, key);
    if (site === null) return null;
    const { identitySecret, ...rest } = site;
    return { ...rest, hasIdentitySecret: identitySecret !== undefined };
  },
});

/**
 * Development only: makes sure the site `demo` exists, admitting pages on http://localhost and
 * http://127.0.0.1 on any port. Run by the local backend at start (scripts/backend-child.ts,
 * `npm run backend`); never needed on a real deployment. `identitySecret` (tests) lets it accept
 * signed customer identities.
 */
export const ensureDemoSite = internalMutation({
  args: { identitySecret: v.optional(v.string()) },
  returns: v.id("sites"),
  handler: async (ctx, { identitySecret }) => {
    const existing = await siteByKey(ctx, DEMO_SITE_KEY);
    if (existing !== null) {
      if (identitySecret !== undefined) await ctx.db.patch(existing._id, validateSiteSettings({ identitySecret }));
      return existing._id;
    }
    return await ctx.db.insert(
      "sites",
      validateSiteSettings({
        key: DEMO_SITE_KEY,
        name: "Local demo",
        allowedOrigins: ["http://localhost:*", "http://127.0.0.1:*"],
        greeting: "Hi! Ask me anything.",
        limits: DEMO_SITE_LIMITS,
        model: { maxOutputTokens: DEMO_MAX_OUTPUT_TOKENS },
        enabled: true,
        identitySecret,
      }),
    );
  },
});
