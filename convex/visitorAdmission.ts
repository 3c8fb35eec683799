// Admission of new anonymous visitors: the anonymous sign-in provider (lib/anonymousVisitors.ts)
// runs in Convex Auth's signIn action and asks this mutation whether the site takes one more.
import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { limitAnonymousSignIn } from "./lib/limits";
import { requireEnabledSite } from "./lib/sites";

/**
 * Admits one new anonymous visitor on the site `siteKey` and returns the site's id (the visitor is
 * bound to it): refuses an unknown or disabled site (`SITE_NOT_FOUND` / `SITE_DISABLED`) and a
 * site over its sign-ins per minute (`RATE_LIMITED`).
 */
export const admitAnonymousVisitor = internalMutation({
  args: { siteKey: v.string() },
  returns: v.id("sites"),
  handler: async (ctx, { siteKey }) => {
    const site = await requireEnabledSite(ctx, siteKey);
    await limitAnonymousSignIn(ctx, site);
    return site._id;
  },
});
