// A customer identity the host page's server signed with the site's secret (see the README,
// "Signed identity"). The widget only passes it on: the server verifies it.

/** What the host's server hands the page, e.g. as the element's `identity` attribute (JSON). */
export interface HostIdentity {
  customerId: string;
  /** When the signature stops being accepted for signing in, in ms since the epoch. */
  expiresAt: number;
  /** Lowercase hex HMAC-SHA256 of `${siteKey}:${customerId}:${expiresAt}` with the site's secret. */
  signature: string;
}

/**
 * Reads an `identity` attribute or property value: a JSON string or an object with `customerId`
 * (string), `expiresAt` (integer ms) and `signature` (string). Empty means none. Throws an Error
 * saying what is wrong, for the element to show.
 */
export function parseHostIdentity(value: unknown): HostIdentity | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  let raw: unknown = value;
  if (typeof value === "string") {
    try {
      raw = JSON.parse(value);
    } catch {
      throw new Error('The identity attribute is not JSON; expected {"customerId", "expiresAt", "signature"}.');
    }
  }
  const { customerId, expiresAt, signature } = (raw ?? {}) as Partial<Record<keyof HostIdentity, unknown>>;
  if (typeof customerId !== "string" || !customerId || !Number.isSafeInteger(expiresAt) || typeof signature !== "string") {
    throw new Error("The identity needs customerId (string), expiresAt (integer, ms) and signature (string).");
  }
  return { customerId, expiresAt: expiresAt as number, signature };
}

/**
 * Who a session is for: tokens stored for another subject must not be reused. The server ties a
 * visitor to the site they signed in on (`SITE_MISMATCH` elsewhere), so anonymous ones are per site.
 */
export function sessionSubject(siteKey: string, identity: HostIdentity | undefined): string {
  return identity ? `customer:${siteKey}:${identity.customerId}` : `${ANONYMOUS_SUBJECT}:${siteKey}`;
}

/** Sessions stored before subjects were recorded were anonymous ones (of no known site). */
export const ANONYMOUS_SUBJECT = "anonymous";

/** The `auth:signIn` arguments that start a session for this subject. */
export function signInArgs(siteKey: string, identity: HostIdentity | undefined) {
  return identity ? { provider: "host-identity", params: { siteKey, ...identity } } : { provider: "anonymous", params: { siteKey } };
}
