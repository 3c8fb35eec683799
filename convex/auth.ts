import { convexAuth } from "@convex-dev/auth/server";
import { SiteAnonymous } from "./lib/anonymousVisitors";
import { HostIdentity } from "./lib/hostIdentity";
import { StaffPassword } from "./lib/passwordAuth";

/**
 * Convex Auth with three ways in, each returning a JWT + refresh token:
 * - anonymous visitors: `auth:signIn({ provider: "anonymous", params: { siteKey } })` creates a
 *   user and counts against the site's sign-ins per minute (lib/anonymousVisitors.ts);
 * - customers the host site signed: `auth:signIn({ provider: "host-identity", params: { siteKey,
 *   customerId, expiresAt, signature } })` maps (site, customer) to one user (lib/hostIdentity.ts);
 * - site staff: `auth:signIn({ provider: "password", params: { email, password, flow: "signIn" } })`
 *   (`flow: "signUp"` creates the account); they act only through `operators` rows (lib/operators.ts).
 */
export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [SiteAnonymous, HostIdentity, StaffPassword],
});
