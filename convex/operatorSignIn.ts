// What signing in with a signed operator identity writes (lib/operatorIdentity.ts). Internal: only
// the auth provider calls it, after checking the host's signature.
import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { defaultDisplayName, operatorRow } from "./lib/operators";

/**
 * Makes the user an agent of the site on their first sign-in; an existing membership (and its
 * role) is kept as it is.
 */
export const joinAsAgent = internalMutation({
  args: { userId: v.id("users"), siteId: v.id("sites") },
  returns: v.null(),
  handler: async (ctx, { userId, siteId }) => {
    if ((await operatorRow(ctx, siteId, userId)) !== null) return null;
    const user = await ctx.db.get(userId);
    if (user === null) return null;
    await ctx.db.insert("operators", { userId, siteId, role: "agent", displayName: defaultDisplayName(user) });
    return null;
  },
});
