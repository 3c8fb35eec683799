// A site's operators. Owners list and remove them from the console; the deployment operator makes
// the first owner and invitations with internal functions:
//   npx convex run operators:createOwner '{"siteKey":"shop","email":"me@shop.example","password":"…","displayName":"Me"}'
//   npx convex run operators:invite '{"siteKey":"shop","email":"agent@shop.example","role":"agent"}'
import { createAccount } from "@convex-dev/auth/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { internalAction, internalMutation, internalQuery, mutation, query } from "./_generated/server";
import { requireUserId } from "./lib/authed";
import { chatError } from "./lib/errors";
import { createInvitation } from "./lib/invitations";
import { defaultDisplayName, PASSWORD_PROVIDER, operatorRow, requireOperator } from "./lib/operators";
import { PASSWORD_LENGTH, requireEmail } from "./lib/passwordAuth";
import { siteByKey } from "./lib/sites";
import { operatorRoleValidator } from "./validators";

/** Most operators one site lists. */
const OPERATORS_LIMIT = 200;

/** The site's operators (owners), `isMe` marking the caller. */
export const list = query({
  args: { siteKey: v.string() },
  returns: v.array(
    v.object({ operatorId: v.id("operators"), email: v.string(), displayName: v.string(), role: operatorRoleValidator, isMe: v.boolean() }),
  ),
  handler: async (ctx, { siteKey }) => {
    const { site, userId } = await requireOperator(ctx, { siteKey }, "owner");
    const operators = await ctx.db
      .query("operators")
      .withIndex("by_siteId_and_userId", (q) => q.eq("siteId", site._id))
      .take(OPERATORS_LIMIT);
    const rows = [];
    for (const operator of operators) {
      const user = await ctx.db.get(operator.userId);
      rows.push({
        operatorId: operator._id,
        email: user?.email ?? "",
        displayName: operator.displayName,
        role: operator.role,
        isMe: operator.userId === userId,
      });
    }
    return rows;
  },
});

/**
 * Removes an operator from their site (owners of that site; an owner may remove themselves).
 * `LAST_OWNER` when it is the site's only owner: a site always keeps one. Unknown or foreign
 * ids: `NOT_FOUND`.
 */
export const remove = mutation({
  args: { operatorId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await requireUserId(ctx);
    const id = ctx.db.normalizeId("operators", args.operatorId);
    const target = id === null ? null : await ctx.db.get(id);
    if (target === null) throw chatError("NOT_FOUND", "No such operator.");
    const { operator } = await requireOperator(ctx, { siteId: target.siteId }).catch(() => {
      throw chatError("NOT_FOUND", "No such operator.");
    });
    if (operator.role !== "owner") throw chatError("FORBIDDEN", "Only the site's owners may do this.");
    if (target.role === "owner") {
      const owners = await ctx.db
        .query("operators")
        .withIndex("by_siteId_and_userId", (q) => q.eq("siteId", target.siteId))
        .take(OPERATORS_LIMIT);
      if (owners.filter((o) => o.role === "owner").length <= 1) {
        throw chatError("LAST_OWNER", "This is the site's only owner; make someone else an owner first.");
      }
    }
    await ctx.db.delete(target._id);
    return null;
  },
});

/** Creates an invitation (`npx convex run`): returns the code, shown this once, and its expiry. */
export const invite = internalMutation({
  args: { siteKey: v.string(), email: v.string(), role: operatorRoleValidator },
  returns: v.object({ code: v.string(), expiresAt: v.number() }),
  handler: async (ctx, { siteKey, email, role }) => {
    const site = await siteByKey(ctx, siteKey);
    if (site === null) throw new Error(`No site has the key "${siteKey}".`);
    return await createInvitation(ctx, { siteId: site._id, email, role });
  },
});

/**
 * Makes `email` an owner of the site (`npx convex run`; the local backend seeds `owner@demo.test`
 * with it). With `password`, creates the password account first (or reuses it when the password
 * matches); without, the person must have signed up already. Running it again changes nothing.
 */
export const createOwner = internalAction({
  args: { siteKey: v.string(), email: v.string(), password: v.optional(v.string()), displayName: v.optional(v.string()) },
  returns: v.object({ userId: v.id("users"), operatorId: v.id("operators") }),
  handler: async (ctx, args): Promise<{ userId: Id<"users">; operatorId: Id<"operators"> }> => {
    const email = requireEmail(args.email);
    const displayName = args.displayName?.trim().slice(0, 80) || undefined;
    if ((await ctx.runQuery(internal.operators.siteIdByKey, { siteKey: args.siteKey })) === null) {
      throw new Error(`No site has the key "${args.siteKey}".`);
    }
    let userId = await ctx.runQuery(internal.operators.passwordUserByEmail, { email });
    if (args.password !== undefined) {
      if (args.password.length < PASSWORD_LENGTH.min || args.password.length > PASSWORD_LENGTH.max) {
        throw new Error(`A password needs ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters.`);
      }
      // Hashes like a sign-up; an existing account is reused when the password matches, refused otherwise.
      const { user } = await createAccount(ctx, {
        provider: PASSWORD_PROVIDER,
        account: { id: email, secret: args.password },
        profile: { email, ...(displayName ? { name: displayName } : {}) },
      });
      userId = user._id;
    }
    if (userId === null) throw new Error(`No password account for ${email}: pass "password", or have them sign up first.`);
    const operatorId = await ctx.runMutation(internal.operators.makeOwner, { siteKey: args.siteKey, userId, displayName });
    return { userId, operatorId };
  },
});

/** createOwner's write: the user becomes an owner of the site (an agent is promoted). */
export const makeOwner = internalMutation({
  args: { siteKey: v.string(), userId: v.id("users"), displayName: v.optional(v.string()) },
  returns: v.id("operators"),
  handler: async (ctx, { siteKey, userId, displayName }) => {
    const site = await siteByKey(ctx, siteKey);
    const user = await ctx.db.get(userId);
    if (site === null || user === null) throw new Error(`No site "${siteKey}" or no user ${userId}.`);
    if (user.siteId !== undefined || user.isAnonymous) throw new Error("Visitors cannot be operators.");
    const existing = await operatorRow(ctx, site._id, userId);
    if (existing !== null) {
      await ctx.db.patch(existing._id, { role: "owner", ...(displayName ? { displayName } : {}) });
      return existing._id;
    }
    return await ctx.db.insert("operators", {
      userId,
      siteId: site._id,
      role: "owner",
      displayName: displayName ?? defaultDisplayName(user),
    });
  },
});

export const siteIdByKey = internalQuery({
  args: { siteKey: v.string() },
  returns: v.union(v.id("sites"), v.null()),
  handler: async (ctx, { siteKey }) => (await siteByKey(ctx, siteKey))?._id ?? null,
});

/** The user of the password account with this (normalised) email, or null. */
export const passwordUserByEmail = internalQuery({
  args: { email: v.string() },
  returns: v.union(v.id("users"), v.null()),
  handler: async (ctx, { email }) => {
    const account = await ctx.db
      .query("authAccounts")
      .withIndex("providerAndAccountId", (q) => q.eq("provider", PASSWORD_PROVIDER).eq("providerAccountId", email))
      .unique();
    return account?.userId ?? null;
  },
});
