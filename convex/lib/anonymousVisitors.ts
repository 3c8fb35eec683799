import { ConvexCredentials } from "@convex-dev/auth/providers/ConvexCredentials";
import { createAccount } from "@convex-dev/auth/server";
import { makeFunctionReference } from "convex/server";
import type { Id } from "../_generated/dataModel";

// By name rather than through `internal`: auth.ts (which uses this provider) is part of the api
// types that `internal` is built from.
const admitAnonymousVisitor = makeFunctionReference<"mutation", { siteKey: string }, Id<"sites">>("visitorAdmission:admitAnonymousVisitor");

/**
 * Convex Auth's anonymous provider, bound to a site: `auth:signIn({ provider: "anonymous",
 * params: { siteKey } })`. Every sign-in creates a new user, so each counts against the site's
 * sign-ins per minute; an unknown or disabled site gets no visitor. The visitor is bound to the
 * site (`users.siteId`) and refused on any other. Refreshing a session does not come here and is
 * not counted.
 */
export const SiteAnonymous = ConvexCredentials({
  id: "anonymous",
  authorize: async (params, ctx) => {
    const siteKey = typeof params.siteKey === "string" ? params.siteKey : "";
    const siteId = await ctx.runMutation(admitAnonymousVisitor, { siteKey });
    const { user } = await createAccount(ctx, {
      provider: "anonymous",
      account: { id: crypto.randomUUID() },
      // The visitor belongs to this site only (lib/visitorSite.ts).
      profile: { isAnonymous: true, siteId },
    });
    return { userId: user._id };
  },
});
