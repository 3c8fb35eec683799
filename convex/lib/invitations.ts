// One-time invitation codes: random, shown once, stored only as a SHA-256 hash, valid for 7 days.
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { OperatorRole } from "../validators";
import { requireEmail } from "./passwordAuth";

/** How long an invitation can be redeemed. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** Most pending invitations one site may have (bounds `invitations:list` and abuse by an owner). */
export const PENDING_INVITATIONS_LIMIT = 100;

/** SHA-256 of a code, hex: what is stored and looked up. */
export async function hashCode(code: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** 32 random bytes, base64url (43 characters): unguessable, and safe in a URL or an email. */
function newCode(): string {
  // The mutation runtime's getRandomValues is a CSPRNG seeded per execution by the backend.
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Creates an invitation to `siteId` for `email` (validated, lower-cased); returns the code, this once. */
export async function createInvitation(
  ctx: MutationCtx,
  invitation: { siteId: Id<"sites">; email: string; role: OperatorRole; createdBy?: Id<"users"> },
): Promise<{ code: string; expiresAt: number }> {
  const email = requireEmail(invitation.email);
  const code = newCode();
  const expiresAt = Date.now() + INVITATION_LIFETIME_MS;
  await ctx.db.insert("invitations", { ...invitation, email, codeHash: await hashCode(code), expiresAt });
  return { code, expiresAt };
}

/** The site's invitations not yet redeemed nor expired, newest first (bounded). */
export async function pendingInvitations(ctx: QueryCtx, siteId: Id<"sites">, now = Date.now()) {
  const recent = await ctx.db
    .query("invitations")
    .withIndex("by_siteId", (q) => q.eq("siteId", siteId))
    .order("desc")
    .take(PENDING_INVITATIONS_LIMIT * 4);
  return recent
    .filter((invitation) => invitation.redeemedAt === undefined && invitation.expiresAt > now)
    .slice(0, PENDING_INVITATIONS_LIMIT);
}
