// Failed signed-identity sign-ins, counted per site: the sign-in providers (lib/hostIdentity.ts,
// lib/operatorIdentity.ts) verify in Convex Auth's signIn action and report a failure here.
import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { limitIdentityFailure } from "./lib/authLimits";

/**
 * Counts one failed signature (bad or expired) on `siteId`; throws `RATE_LIMITED` once the site's
 * `identityFailuresPerMinute` are spent, which the provider answers instead of the failure.
 */
export const record = internalMutation({
  args: { siteId: v.id("sites") },
  returns: v.null(),
  handler: async (ctx, { siteId }) => {
    await limitIdentityFailure(ctx, siteId);
    return null;
  },
});
