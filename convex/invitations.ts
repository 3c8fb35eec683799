// Invitations to operate a site: owners create, list and revoke them; a password user redeems one
// with the code to become an operator. The deployment operator can also create one with
// `npx convex run operators:invite`.
import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { requireUserId } from "./lib/authed";
import { chatError } from "./lib/errors";
import { createInvitation, hashCode, PENDING_INVITATIONS_LIMIT, pendingInvitations } from "./lib/invitations";
import { defaultDisplayName, isPasswordUser, operatorRow, requireOperator } from "./lib/operators";
import { normaliseEmail } from "./lib/passwordAuth";
import { operatorRoleValidator } from "./validators";

/**
 * Invites `email` to the site as `role` (owners). Returns the code and its expiry (7 days): the
 * code is shown this once (only its hash is stored). Errors: `INVALID_ARGUMENT` (`email`),
 * `UNAUTHENTICATED`, `NOT_FOUND`, `FORBIDDEN` (an agent).
 */
export const create = mutation({
  args: { siteKey: v.string(), email: v.string(), role: operatorRoleValidator },
  returns: v.object({ code: v.string(), expiresAt: v.number() }),
  handler: async (ctx, { siteKey, email, role }) => {
    const { site, userId } = await requireOperator(ctx, { siteKey }, "owner");
    if ((await pendingInvitations(ctx, site._id)).length >= PENDING_INVITATIONS_LIMIT) {
      throw chatError("INVALID_ARGUMENT", `This site has ${PENDING_INVITATIONS_LIMIT} pending invitations; revoke some first.`);
    }
    return await createInvitation(ctx, { siteId: site._id, email, role, createdBy: userId });
  },
});

/** The site's pending invitations (not redeemed, not expired), newest first (owners). */
export const list = query({
  args: { siteKey: v.string() },
  returns: v.array(
    v.object({
      invitationId: v.id("invitations"),
      email: v.string(),
      role: operatorRoleValidator,
      createdAt: v.number(),
      expiresAt: v.number(),
    }),
  ),
  handler: async (ctx, { siteKey }) => {
    const { site } = await requireOperator(ctx, { siteKey }, "owner");
    return (await pendingInvitations(ctx, site._id)).map((invitation) => ({
      invitationId: invitation._id,
      email: invitation.email,
      role: invitation.role,
      createdAt: invitation._creationTime,
      expiresAt: invitation.expiresAt,
    }));
  },
});

/** Deletes an invitation so its code no longer works (owners of its site; unknown or foreign ids: `NOT_FOUND`). */
export const revoke = mutation({
  args: { invitationId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await requireUserId(ctx);
    const id = ctx.db.normalizeId("invitations", args.invitationId);
    const invitation = id === null ? null : await ctx.db.get(id);
    if (invitation === null) throw chatError("NOT_FOUND", "No such invitation.");
    const { operator } = await requireOperator(ctx, { siteId: invitation.siteId }).catch(() => {
      throw chatError("NOT_FOUND", "No such invitation.");
    });
    if (operator.role !== "owner") throw chatError("FORBIDDEN", "Only the site's owners may do this.");
    await ctx.db.delete(invitation._id);
    return null;
  },
});

/**
 * Redeems an invitation code: the caller (signed in with the password provider, with the email the
 * invitation names, compared case-insensitively) becomes an operator of its site with its role.
 * One time only. Someone who already operates the site keeps their role (an owner is never demoted
 * by an agent's invitation). Errors: `INVITATION_INVALID` (unknown, expired, used, or for another
 * email), `FORBIDDEN` (a visitor, not a password user), `UNAUTHENTICATED`.
 */
export const redeem = mutation({
  args: { code: v.string() },
  returns: v.object({ siteKey: v.string(), role: operatorRoleValidator }),
  handler: async (ctx, { code }) => {
    const userId = await requireUserId(ctx);
    const user = (await ctx.db.get(userId))!;
    if (!(await isPasswordUser(ctx, userId)) || user.siteId !== undefined) {
      throw chatError("FORBIDDEN", "Sign in with an email and password to accept an invitation.");
    }
    const invalid = (why: string) => chatError("INVITATION_INVALID", why);
    // A code is 43 characters; anything much longer is not one (and not worth hashing).
    const codeHash = code.length > 200 ? null : await hashCode(code.trim());
    const invitation =
      codeHash === null
        ? null
        : await ctx.db
            .query("invitations")
            .withIndex("by_codeHash", (q) => q.eq("codeHash", codeHash))
            .unique();
    if (invitation === null) throw invalid("This invitation code is not valid.");
    if (invitation.redeemedAt !== undefined) throw invalid("This invitation has already been used.");
    if (invitation.expiresAt <= Date.now()) throw invalid("This invitation has expired; ask for a new one.");
    const site = await ctx.db.get(invitation.siteId);
    if (site === null) throw invalid("This invitation code is not valid.");
    // The code may travel by email or chat and be forwarded: only the person it names may use it.
    if (normaliseEmail(user.email ?? "") !== invitation.email) {
      throw invalid("This invitation is for another email address; sign in with that one.");
    }
    await ctx.db.patch(invitation._id, { redeemedAt: Date.now() });
    const existing = await operatorRow(ctx, site._id, userId);
    if (existing !== null) return { siteKey: site.key, role: existing.role };
    await ctx.db.insert("operators", { userId, siteId: site._id, role: invitation.role, displayName: defaultDisplayName(user) });
    return { siteKey: site.key, role: invitation.role };
  },
});
