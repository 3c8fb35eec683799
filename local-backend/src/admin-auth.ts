/**
 * The deployment's admin key, which `npx convex run` (ConvexHttpClient `setAdminAuth`) presents as
 * `Authorization: Convex <key>` or `Convex <key>:<base64 identity>` (`--identity`), on
 * `POST /api/function` and the other function endpoints. With it, internal functions run too.
 *
 * The local backend's key is documented (README) so operator commands work offline without a
 * setup step: LOCAL_ADMIN_KEY, or {@link DEFAULT_LOCAL_ADMIN_KEY}. It is never accepted from a
 * browser page (a request with an Origin), so a page that knows it gains nothing; only programs
 * on this machine, which reach the loopback port anyway, can use it.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { UserIdentity } from "convex/server";

/** The admin key when LOCAL_ADMIN_KEY is not set (development only). */
export const DEFAULT_LOCAL_ADMIN_KEY = "convex-chat-local|local-backend-admin-key";

export class AdminAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The admin key this process's backends accept. */
export function localAdminKey(env: NodeJS.ProcessEnv = process.env): string {
  return env.LOCAL_ADMIN_KEY || DEFAULT_LOCAL_ADMIN_KEY;
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * The admin call a request makes: undefined when it presents no admin key, else the identity it
 * acts as (null: none). Throws {@link AdminAuthError} for a wrong key or one sent by a page.
 */
export function adminFromRequest(req: IncomingMessage, adminKey: string): { identity: UserIdentity | null } | undefined {
  const match = /^Convex\s+(.+)$/.exec(req.headers.authorization ?? "");
  if (!match) return undefined;
  if (req.headers.origin !== undefined) {
    throw new AdminAuthError(403, "Forbidden", "The admin key is not accepted from browser pages.");
  }
  // Admin keys contain no ":"; what follows one is the acting-as identity.
  const [key, encodedIdentity] = match[1].trim().split(/:(.*)/s);
  if (!timingSafeEqual(digest(key), digest(adminKey))) {
    throw new AdminAuthError(401, "BadAdminKey", "The provided admin key was invalid for this instance");
  }
  if (encodedIdentity === undefined) return { identity: null };
  try {
    const attributes = JSON.parse(Buffer.from(encodedIdentity, "base64").toString("utf8")) as Record<string, unknown>;
    // As a deployment fills an acting-as identity's required fields.
    const subject = typeof attributes.subject === "string" ? attributes.subject : "admin-acting-as";
    const issuer = typeof attributes.issuer === "string" ? attributes.issuer : "https://convex.dev/admin";
    const tokenIdentifier = typeof attributes.tokenIdentifier === "string" ? attributes.tokenIdentifier : `${issuer}|${subject}`;
    return { identity: { ...attributes, subject, issuer, tokenIdentifier } };
  } catch {
    throw new AdminAuthError(400, "BadIdentity", "The acting-as identity is not base64 JSON");
  }
}
