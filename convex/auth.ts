import { convexAuth } from "@convex-dev/auth/server";
import { SiteAnonymous } from "./lib/anonymousVisitors";
import { HostIdentity } from "./lib/hostIdentity";

/**
 * Convex Auth with two ways in, both returning a JWT + refresh token:
 * - anonymous visitors: `auth:signIn({ provider: "anonymous", params: { siteKey } })` creates a
 *   user and counts against the site's sign-ins per minute (lib/anonymousVisitors.ts);
 * - customers the host site signed: `auth:signIn({ provider: "host-identity", params: { siteKey,
 *   customerId, expiresAt, signature } })` maps (site, customer) to one user (lib/hostIdentity.ts).
 */
export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [SiteAnonymous, HostIdentity],
});
