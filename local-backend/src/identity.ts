/**
 * Verifies user JWTs the way a Convex deployment does: against the providers of
 * `convex/auth.config.ts` (issuer = `domain`, audience = `applicationID`; or `customJwt`
 * providers), and turns the claims into a `UserIdentity`.
 */
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { UserIdentity } from "convex/server";

type Provider =
  | { type?: undefined; domain: string; applicationID: string }
  | { type: "customJwt"; issuer: string; jwks: string; applicationID?: string; algorithm: string };

export type VerifiedToken = { identity: UserIdentity; expiresAtMs: number | null };

export class AuthError extends Error {}

// Standard OIDC claims and the UserIdentity attribute each becomes.
const CLAIM_TO_ATTRIBUTE: Record<string, string> = {
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  address: "address",
  updated_at: "updatedAt",
};
const REGISTERED_CLAIMS = new Set(["iss", "sub", "aud", "exp", "iat", "nbf", "jti"]);

function identityFromClaims(payload: JWTPayload): UserIdentity {
  const identity: Record<string, unknown> = {};
  for (const [claim, value] of Object.entries(payload)) {
    if (REGISTERED_CLAIMS.has(claim)) continue;
    identity[CLAIM_TO_ATTRIBUTE[claim] ?? claim] = value;
  }
  const issuer = payload.iss!;
  const subject = payload.sub!;
  return { ...identity, issuer, subject, tokenIdentifier: `${issuer}|${subject}` };
}

/**
 * @param providers the `providers` of auth.config.ts
 * @param localIssuer this backend's site URL; tokens it issues are checked with `localJwks`
 *   instead of fetching `${issuer}/.well-known/jwks.json` (there is no network here).
 */
export function createTokenVerifier(providers: Provider[], localIssuer: string, localJwks: string | undefined) {
  const local = localJwks ? createLocalJWKSet(JSON.parse(localJwks)) : undefined;
  const remote = new Map<string, JWTVerifyGetKey>();
  const keysFor = (issuer: string, jwksUrl: string): JWTVerifyGetKey | undefined => {
    if (issuer.replace(/\/$/, "") === localIssuer.replace(/\/$/, "")) return local;
    if (!remote.has(jwksUrl)) remote.set(jwksUrl, createRemoteJWKSet(new URL(jwksUrl)));
    return remote.get(jwksUrl);
  };
  const describe = providers.map((p) => (p.type === "customJwt" ? p.issuer : p.domain)).join(", ");

  return async function verify(token: string): Promise<VerifiedToken> {
    let iss: string | undefined;
    try {
      const [, body] = token.split(".");
      iss = JSON.parse(Buffer.from(body, "base64url").toString("utf8")).iss;
    } catch {
      throw new AuthError("Could not parse JWT payload. Check that the token is a valid JWT format.");
    }
    const provider = providers.find((p) => (p.type === "customJwt" ? p.issuer : p.domain)?.replace(/\/$/, "") === iss?.replace(/\/$/, ""));
    if (!provider || !iss) {
      throw new AuthError(
        `No auth provider found matching the given token (issuer ${JSON.stringify(iss)}). ` + `Configured providers: [${describe}]`,
      );
    }
    const jwksUrl = provider.type === "customJwt" ? provider.jwks : `${iss.replace(/\/$/, "")}/.well-known/jwks.json`;
    const keys = keysFor(iss, jwksUrl);
    if (!keys) throw new AuthError(`No JWKS configured for issuer ${iss}`);
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: iss,
        ...(provider.applicationID ? { audience: provider.applicationID } : {}),
      });
      if (!payload.sub) throw new AuthError("Token has no subject (sub) claim");
      return { identity: identityFromClaims(payload), expiresAtMs: payload.exp ? payload.exp * 1000 : null };
    } catch (e) {
      if (e instanceof AuthError) throw e;
      throw new AuthError(`Could not verify OIDC token claim: ${(e as Error).message}`);
    }
  };
}

export type TokenVerifier = ReturnType<typeof createTokenVerifier>;
export type { Provider as AuthProvider };
