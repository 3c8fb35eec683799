// Internal lookups for the knowledge base's actions, which cannot read the database themselves:
// the caller (from the action's auth) as an owner of the site.
import { v } from "convex/values";
import { internalQuery } from "./_generated/server";
import { requireOperator } from "./lib/operators";
import { siteByKey } from "./lib/sites";

/**
 * The site `siteKey` if the caller owns it: its id and allowed origins. Errors as
 * `requireOperator`: `UNAUTHENTICATED`, `NOT_FOUND`, `FORBIDDEN` (an agent).
 */
export const ownedSite = internalQuery({
  args: { siteKey: v.string() },
  returns: v.object({ siteId: v.id("sites"), allowedOrigins: v.array(v.string()) }),
  handler: async (ctx, { siteKey }) => {
    const { site } = await requireOperator(ctx, { siteKey }, "owner");
    return { siteId: site._id, allowedOrigins: site.allowedOrigins };
  },
});

/** A site by key for the deployment's own seeding (`knowledge:seedPages`); never public. */
export const siteForSeeding = internalQuery({
  args: { siteKey: v.string() },
  returns: v.union(v.object({ siteId: v.id("sites"), allowedOrigins: v.array(v.string()) }), v.null()),
  handler: async (ctx, { siteKey }) => {
    const site = await siteByKey(ctx, siteKey);
    return site === null ? null : { siteId: site._id, allowedOrigins: site.allowedOrigins };
  },
});
