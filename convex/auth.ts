import { convexAuth } from "@convex-dev/auth/server";
import { makeFunctionReference } from "convex/server";
import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { limitNewSession, limitPasswordSignUp, limitSessionRefresh } from "./lib/authLimits";
import { SiteAnonymous } from "./lib/anonymousVisitors";
import { HostIdentity } from "./lib/hostIdentity";
import { OperatorIdentity } from "./lib/operatorIdentity";
import { PASSWORD_PROVIDER, StaffPassword } from "./lib/passwordAuth";

/**
 * Convex Auth with four ways in, each returning a JWT + refresh token:
 * - anonymous visitors: `auth:signIn({ provider: "anonymous", params: { siteKey } })` creates a
 *   user and counts against the site's sign-ins per minute (lib/anonymousVisitors.ts);
 * - customers the host site signed: `auth:signIn({ provider: "host-identity", params: { siteKey,
 *   customerId, expiresAt, signature } })` maps (site, customer) to one user (lib/hostIdentity.ts);
 * - site staff: `auth:signIn({ provider: "password", params: { email, password, flow: "signIn" } })`
 *   (`flow: "signUp"` creates the account); they act only through `operators` rows (lib/operators.ts);
 * - site staff the host site signed (e.g. the WordPress plugin's inbox): `auth:signIn({ provider:
 *   "operator-identity", params: { siteKey, operatorId, email, expiresAt, signature } })`, an agent
 *   of that site only (lib/operatorIdentity.ts).
 */
const convexAuthFunctions = convexAuth({
  providers: [SiteAnonymous, HostIdentity, StaffPassword, OperatorIdentity],
  callbacks: {
    // Every new session, whatever the provider, in the mutation that creates it.
    beforeSessionCreation: async (ctx, { userId }) => {
      await limitNewSession(ctx, userId);
    },
  },
});
export const { auth, signIn, signOut, isAuthenticated } = convexAuthFunctions;

/** Convex Auth's own `store`; only {@link store} calls it. */
export const convexAuthStore = convexAuthFunctions.store;
const convexAuthStoreRef = makeFunctionReference<"mutation", { args: unknown }, unknown>("auth:convexAuthStore");

/**
 * Convex Auth reads and writes through `auth:store` (its actions call it by that name). This one
 * takes from the limits no Convex Auth callback can (lib/authLimits.ts): each refresh of a session
 * (a refresh runs no callback and adds a refresh token), and each staff password sign-up. Then it
 * runs Convex Auth's store as a nested mutation, in the same transaction: a refusal writes nothing
 * and leaves the presented refresh token as it was.
 */
export const store = internalMutation({
  // Convex Auth's own validator checks these when they are handed on (storeArgs is not exported).
  args: { args: v.any() },
  returns: v.any(),
  handler: async (ctx, { args }: { args: { type?: unknown; refreshToken?: unknown; provider?: unknown } | undefined }) => {
    if (args?.type === "refreshSession" && typeof args.refreshToken === "string") {
      await limitSessionRefresh(ctx, args.refreshToken);
    } else if (args?.type === "createAccountFromCredentials" && args.provider === PASSWORD_PROVIDER) {
      await limitPasswordSignUp(ctx);
    }
    return await ctx.runMutation(convexAuthStoreRef, { args });
  },
});
