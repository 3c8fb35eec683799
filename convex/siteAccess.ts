// Internal lookups of a site for the http routes, generation and sign-in (never public: some
// return what visitors must not see, like the identity secret).
import { v } from "convex/values";
import { internalQuery } from "./_generated/server";
import { replyTokenAllowance } from "./lib/limits";
import { modelSettingsValidator, siteByKey } from "./lib/sites";

const originAccess = v.object({ enabled: v.boolean(), allowedOrigins: v.array(v.string()) });

/** Who may call the stream route for the site with this key (preflight), or null when unknown. */
export const originsForKey = internalQuery({
  args: { siteKey: v.string() },
  returns: v.union(originAccess, v.null()),
  handler: async (ctx, { siteKey }) => {
    const site = await siteByKey(ctx, siteKey);
    return site === null ? null : { enabled: site.enabled, allowedOrigins: site.allowedOrigins };
  },
});

/** The site, system prompt and model settings a conversation's replies are generated with. */
export const replySettings = internalQuery({
  args: { conversationId: v.id("conversations") },
  returns: v.object({ siteId: v.optional(v.id("sites")), systemPrompt: v.optional(v.string()), model: v.optional(modelSettingsValidator) }),
  handler: async (ctx, { conversationId }) => {
    const conversation = await ctx.db.get(conversationId);
    const site = conversation === null ? null : await ctx.db.get(conversation.siteId);
    // The token cap always goes to the provider: it is what the claim reserved from the daily budget.
    return { siteId: site?._id, systemPrompt: site?.systemPrompt, model: { ...site?.model, maxOutputTokens: replyTokenAllowance(site) } };
  },
});

/** What signed-identity sign-in needs: the site's id, whether it is enabled, and its secret. */
export const identityVerifier = internalQuery({
  args: { siteKey: v.string() },
  returns: v.union(v.object({ siteId: v.id("sites"), enabled: v.boolean(), identitySecret: v.optional(v.string()) }), v.null()),
  handler: async (ctx, { siteKey }) => {
    const site = await siteByKey(ctx, siteKey);
    return site === null ? null : { siteId: site._id, enabled: site.enabled, identitySecret: site.identitySecret };
  },
});
