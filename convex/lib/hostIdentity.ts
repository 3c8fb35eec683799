// Signed customer identities: a host site whose visitors are logged in signs the customer's id on
// its own server with the site's `identitySecret`; the widget signs in with that signature, and
// the customer gets one user per site whatever device they use.
//
// Format (v1): signature = lowercase hex of HMAC-SHA256(key = identitySecret as UTF-8,
//   message = `${siteKey}:${customerId}:${expiresAt}`), expiresAt in ms since the epoch.
// The site key is signed too, so a signature made for one site is worthless on another.
import { ConvexCredentials } from "@convex-dev/auth/providers/ConvexCredentials";
import { createAccount } from "@convex-dev/auth/server";
import { makeFunctionReference, type GenericActionCtx, type GenericDataModel } from "convex/server";
import type { Id } from "../_generated/dataModel";
import { chatError } from "./errors";

/** The Convex Auth provider id: `auth:signIn({ provider: "host-identity", params })`. */
export const HOST_IDENTITY_PROVIDER = "host-identity";
/** Longest customer id accepted. */
export const MAX_CUSTOMER_ID_LENGTH = 256;
/**
 * How far ahead an identity may expire. A signature is a bearer credential (anyone holding it
 * signs in as the customer) and it sits in the page's HTML, which caches and proxies may keep:
 * hosts should sign a fresh one per page with minutes to live; a day is the most accepted.
 */
export const MAX_IDENTITY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** What the widget sends: the host's signed identity plus the site it is for. */
export type SignedIdentity = { siteKey: string; customerId: string; expiresAt: number; signature: string };

// By name rather than through `internal`: auth.ts (which uses this provider) is part of the api
// types that `internal` is built from.
const identityVerifier = makeFunctionReference<
  "query",
  { siteKey: string },
  { siteId: Id<"sites">; enabled: boolean; identitySecret?: string } | null
>("siteAccess:identityVerifier");

const recordIdentityFailure = makeFunctionReference<"mutation", { siteId: Id<"sites"> }, null>("identityFailures:record");

/**
 * Runs `verify` (a signature check) and, when it fails, counts the failure against the site
 * before answering it: past the site's failures per minute the answer is `RATE_LIMITED`. Only
 * failures are counted, after verifying, so a flood of bad signatures never refuses a valid one.
 */
export async function verifyCountingFailures(
  ctx: Pick<GenericActionCtx<GenericDataModel>, "runMutation">,
  siteId: Id<"sites">,
  verify: () => Promise<void>,
): Promise<void> {
  try {
    await verify();
  } catch (failure) {
    await ctx.runMutation(recordIdentityFailure, { siteId });
    throw failure;
  }
}

/** The message the host signs. */
export function identityMessage({ siteKey, customerId, expiresAt }: Omit<SignedIdentity, "signature">): string {
  return `${siteKey}:${customerId}:${expiresAt}`;
}

/** HMAC-SHA256 of `message` with `secret`, as raw bytes. */
async function hmac(secret: string, message: string): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

/** HMAC-SHA256 of `message` with `secret`, as lowercase hex. */
export async function hmacHex(secret: string, message: string): Promise<string> {
  return [...(await hmac(secret, message))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Whether `signature` (hex) is the HMAC of `message` with `secret`, compared in constant time. */
export async function verifyHmacHex(secret: string, message: string, signature: string): Promise<boolean> {
  const given = hexBytes(signature);
  return given !== null && constantTimeEqual(given, await hmac(secret, message));
}

/** Signs an identity (what a host server does; used by tests and the README's example). */
export async function signIdentity(secret: string, identity: Omit<SignedIdentity, "signature">): Promise<string> {
  return await hmacHex(secret, identityMessage(identity));
}

/** Compares every byte whatever differs first, so the time taken reveals nothing of the expected MAC. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

function hexBytes(hex: string): Uint8Array | null {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  return Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
}

/**
 * A lone UTF-16 surrogate (in Unicode mode a paired one is one code point and does not match).
 * TextEncoder writes every lone surrogate as U+FFFD, so ids differing only there would share one
 * HMAC message: one signature would verify several customer ids.
 */
const LONE_SURROGATE = /\p{Cs}/u;

/** The sign-in params as an identity, or IDENTITY_INVALID saying which one is malformed. */
export function parseIdentityParams(params: Record<string, unknown>): SignedIdentity {
  const { siteKey, customerId, expiresAt, signature } = params;
  const invalid = (why: string) => chatError("IDENTITY_INVALID", `The signed identity is malformed: ${why}.`);
  if (typeof siteKey !== "string" || siteKey === "") throw invalid("siteKey is missing");
  if (typeof customerId !== "string" || customerId.length === 0 || customerId.length > MAX_CUSTOMER_ID_LENGTH) {
    throw invalid(`customerId must be a string of 1-${MAX_CUSTOMER_ID_LENGTH} characters`);
  }
  if (LONE_SURROGATE.test(siteKey) || LONE_SURROGATE.test(customerId))
    throw invalid("customerId and siteKey must be well-formed Unicode (no lone surrogates)");
  if (typeof expiresAt !== "number" || !Number.isSafeInteger(expiresAt)) throw invalid("expiresAt must be an integer (ms since the epoch)");
  if (typeof signature !== "string") throw invalid("signature is missing");
  return { siteKey, customerId, expiresAt, signature };
}

/**
 * Checks a signed identity against the site's secret at time `now`. Throws IDENTITY_EXPIRED or
 * IDENTITY_INVALID (clear reasons, never the expected signature).
 */
export async function verifyIdentity(identity: SignedIdentity, secret: string, now = Date.now()): Promise<void> {
  if (identity.expiresAt <= now)
    throw chatError("IDENTITY_EXPIRED", "The signed identity has expired; the host page must sign a fresh one.");
  if (identity.expiresAt > now + MAX_IDENTITY_LIFETIME_MS) {
    throw chatError("IDENTITY_INVALID", "The signed identity expires too far ahead (at most 24 hours).");
  }
  if (!(await verifyHmacHex(secret, identityMessage(identity), identity.signature))) {
    throw chatError("IDENTITY_INVALID", "The signed identity's signature is not valid for this site.");
  }
}

/**
 * Convex Auth provider for customers a host site has signed in:
 * `auth:signIn({ provider: "host-identity", params: { siteKey, customerId, expiresAt, signature } })`.
 * One user per (site, customer id): the same customer gets the same conversations on any device.
 */
export const HostIdentity = ConvexCredentials({
  id: HOST_IDENTITY_PROVIDER,
  authorize: async (params, ctx) => {
    const identity = parseIdentityParams(params);
    const site = await ctx.runQuery(identityVerifier, { siteKey: identity.siteKey });
    if (site === null) throw chatError("SITE_NOT_FOUND", `No site has the key "${identity.siteKey.slice(0, 64)}".`);
    if (!site.enabled) throw chatError("SITE_DISABLED", "This chat has been turned off by the site's operator.");
    if (site.identitySecret === undefined) throw chatError("IDENTITY_INVALID", "This site does not accept signed identities.");
    const secret = site.identitySecret;
    await verifyCountingFailures(ctx, site.siteId, () => verifyIdentity(identity, secret));
    const { user } = await createAccount(ctx, {
      provider: HOST_IDENTITY_PROVIDER,
      // The site id, not its key: the same customer id on two sites is two people.
      account: { id: `${site.siteId}:${identity.customerId}` },
      // Bound to this site like an anonymous visitor (lib/visitorSite.ts).
      profile: { siteId: site.siteId },
    });
    return { userId: user._id };
  },
});
