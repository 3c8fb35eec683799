// Signed operator identities: a host site's server (e.g. the WordPress plugin's wp-admin inbox)
// signs one of its staff with the site's `identitySecret`, and the console signs in with it: the
// staff member answers the site's chats without a password of ours.
//
// Format (v1): signature = lowercase hex of HMAC-SHA256(key = identitySecret as UTF-8,
//   message = `operator/v1:${siteKey}:${operatorId}:${email}:${expiresAt}`), expiresAt in ms.
// The prefix holds a "/", which no site key may (lib/sites.ts SITE_KEY_PATTERN): a visitor's
// message always starts with a site key, so no visitor signature is ever an operator's, and the
// reverse. The site key is signed, so a signature made for one site is worthless on another.
//
// The user is an agent of THAT site only, never a visitor (no `siteId` in the profile) and never
// an owner: the identity secret is something the host's server holds, and letting it also rotate
// that secret, change the allowed origins or remove the real owners would turn a leak of one
// WordPress config into the loss of the site. Owners still sign in with a password.
import { ConvexCredentials } from "@convex-dev/auth/providers/ConvexCredentials";
import { createAccount } from "@convex-dev/auth/server";
import { makeFunctionReference } from "convex/server";
import type { Id } from "../_generated/dataModel";
import { chatError } from "./errors";
import { MAX_IDENTITY_LIFETIME_MS, hmacHex, verifyCountingFailures, verifyHmacHex } from "./hostIdentity";

/** The Convex Auth provider id: `auth:signIn({ provider: "operator-identity", params })`. */
export const OPERATOR_IDENTITY_PROVIDER = "operator-identity";
/** Longest operator id (the host's user id) accepted. */
export const MAX_OPERATOR_ID_LENGTH = 128;
const EMAIL_PATTERN = /^[^\s@:]+@[^\s@:]+\.[^\s@:]+$/;

/** What the console sends: the host's signed staff member plus the site it is for. */
export type SignedOperator = { siteKey: string; operatorId: string; email: string; expiresAt: number; signature: string };

// By name rather than through `internal`: auth.ts is part of the api types `internal` is built from.
const identityVerifier = makeFunctionReference<
  "query",
  { siteKey: string },
  { siteId: Id<"sites">; enabled: boolean; identitySecret?: string } | null
>("siteAccess:identityVerifier");
const joinAsAgent = makeFunctionReference<"mutation", { userId: Id<"users">; siteId: Id<"sites"> }, null>("operatorSignIn:joinAsAgent");

/** The message the host signs. */
export function operatorMessage({ siteKey, operatorId, email, expiresAt }: Omit<SignedOperator, "signature">): string {
  return `operator/v1:${siteKey}:${operatorId}:${email}:${expiresAt}`;
}

/** Signs an operator identity (what a host server does; used by tests and the README). */
export async function signOperator(secret: string, operator: Omit<SignedOperator, "signature">): Promise<string> {
  return await hmacHex(secret, operatorMessage(operator));
}

/** The sign-in params as an operator identity, or IDENTITY_INVALID saying which one is malformed. */
export function parseOperatorParams(params: Record<string, unknown>): SignedOperator {
  const { siteKey, operatorId, email, expiresAt, signature } = params;
  const invalid = (why: string) => chatError("IDENTITY_INVALID", `The signed operator identity is malformed: ${why}.`);
  if (typeof siteKey !== "string" || siteKey === "") throw invalid("siteKey is missing");
  if (typeof operatorId !== "string" || operatorId === "" || operatorId.length > MAX_OPERATOR_ID_LENGTH || operatorId.includes(":")) {
    throw invalid(`operatorId must be 1-${MAX_OPERATOR_ID_LENGTH} characters without ":"`);
  }
  if (typeof email !== "string" || email.length > 254 || !EMAIL_PATTERN.test(email)) throw invalid("email is not an email address");
  if (typeof expiresAt !== "number" || !Number.isSafeInteger(expiresAt)) throw invalid("expiresAt must be an integer (ms since the epoch)");
  if (typeof signature !== "string") throw invalid("signature is missing");
  return { siteKey, operatorId, email, expiresAt, signature };
}

/** Checks a signed operator against the site's secret at `now`: IDENTITY_EXPIRED or IDENTITY_INVALID. */
export async function verifyOperator(operator: SignedOperator, secret: string, now = Date.now()): Promise<void> {
  if (operator.expiresAt <= now) throw chatError("IDENTITY_EXPIRED", "The signed operator identity has expired; sign a fresh one.");
  if (operator.expiresAt > now + MAX_IDENTITY_LIFETIME_MS) {
    throw chatError("IDENTITY_INVALID", "The signed operator identity expires too far ahead (at most 24 hours).");
  }
  if (!(await verifyHmacHex(secret, operatorMessage(operator), operator.signature))) {
    throw chatError("IDENTITY_INVALID", "The signed operator identity's signature is not valid for this site.");
  }
}

/**
 * Convex Auth provider for staff a host site has signed in:
 * `auth:signIn({ provider: "operator-identity", params: { siteKey, operatorId, email, expiresAt, signature } })`.
 * One user per (site, operator id), an agent of that site (made so on first sign-in).
 */
export const OperatorIdentity = ConvexCredentials({
  id: OPERATOR_IDENTITY_PROVIDER,
  authorize: async (params, ctx) => {
    const operator = parseOperatorParams(params);
    const site = await ctx.runQuery(identityVerifier, { siteKey: operator.siteKey });
    if (site === null) throw chatError("SITE_NOT_FOUND", `No site has the key "${operator.siteKey.slice(0, 64)}".`);
    if (!site.enabled) throw chatError("SITE_DISABLED", "This chat has been turned off by the site's operator.");
    if (site.identitySecret === undefined) throw chatError("IDENTITY_INVALID", "This site does not accept signed identities.");
    const secret = site.identitySecret;
    await verifyCountingFailures(ctx, site.siteId, () => verifyOperator(operator, secret));
    const email = operator.email.toLowerCase();
    const { user } = await createAccount(ctx, {
      provider: OPERATOR_IDENTITY_PROVIDER,
      // The site id, not its key: the same host user id on two sites is two people.
      account: { id: `${site.siteId}:${operator.operatorId}` },
      // No siteId: that marks visitors (lib/visitorSite.ts), and this user must never be one.
      profile: { email },
      shouldLinkViaEmail: false,
    });
    await ctx.runMutation(joinAsAgent, { userId: user._id, siteId: site.siteId });
    return { userId: user._id };
  },
});
