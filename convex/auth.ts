import { convexAuth } from "@convex-dev/auth/server";
import { SiteAnonymous } from "./lib/anonymousVisitors";
import { HostIdentity } from "./lib/hostIdentity";
import { OperatorIdentity } from "./lib/operatorIdentity";
import { StaffPassword } from "./lib/passwordAuth";

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
export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [SiteAnonymous, HostIdentity, StaffPassword, OperatorIdentity],
});
