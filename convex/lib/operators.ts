// Who may act for a site: the one place that turns the caller's token into an operator of a site.
// Every operator function starts here; none takes a user id.
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import type { OperatorRole } from "../validators";
import { requireUserId } from "./authed";
import { chatError } from "./errors";
import { siteByKey } from "./sites";

/** The Convex Auth provider id of site staff (lib/passwordAuth.ts). */
export const PASSWORD_PROVIDER = "password";

/** A site named by its public key (arguments) or its id (a conversation's or invitation's site). */
export type SiteRef = { siteKey: string } | { siteId: Id<"sites"> };

/** The signed-in operator of a site: who they are, the site, and their membership. */
export type SiteOperator = { userId: Id<"users">; site: Doc<"sites">; operator: Doc<"operators"> };

/** Whether the user signed up with the password provider (visitors never do). */
export async function isPasswordUser(ctx: QueryCtx, userId: Id<"users">): Promise<boolean> {
  const account = await ctx.db
    .query("authAccounts")
    .withIndex("userIdAndProvider", (q) => q.eq("userId", userId).eq("provider", PASSWORD_PROVIDER))
    .first();
  return account !== null;
}

/**
 * The caller as an operator of `site` with at least `role` (an owner may do an agent's job).
 * `UNAUTHENTICATED` without a valid token; `NOT_FOUND` for an unknown site and for one the caller
 * does not operate (the same answer, so a stranger cannot probe which sites exist); `FORBIDDEN`
 * for an agent doing an owner's job. Visitors (bound to a site by sign-in) are never operators,
 * whatever rows exist.
 */
export async function requireOperator(ctx: QueryCtx, site: SiteRef, role: OperatorRole = "agent"): Promise<SiteOperator> {
  const userId = await requireUserId(ctx);
  const found = "siteKey" in site ? await siteByKey(ctx, site.siteKey) : await ctx.db.get(site.siteId);
  const operator = found === null ? null : await operatorRow(ctx, found._id, userId);
  if (found === null || operator === null || (await isVisitor(ctx, userId))) {
    throw chatError("NOT_FOUND", "No such site among the sites you operate.");
  }
  if (role === "owner" && operator.role !== "owner") {
    throw chatError("FORBIDDEN", "Only the site's owners may do this.");
  }
  return { userId, site: found, operator };
}

/**
 * A conversation (any string accepted as its id) and the caller as an operator of its site.
 * Unknown ids, malformed ids and conversations of sites the caller does not operate are all
 * `NOT_FOUND`.
 */
export async function requireOperatorOfConversation(
  ctx: QueryCtx,
  conversationId: string,
): Promise<SiteOperator & { conversation: Doc<"conversations"> }> {
  await requireUserId(ctx); // an anonymous caller hears UNAUTHENTICATED, not NOT_FOUND
  const id = ctx.db.normalizeId("conversations", conversationId);
  const conversation = id === null ? null : await ctx.db.get(id);
  const notFound = () => chatError("NOT_FOUND", "No such conversation.");
  if (conversation === null) throw notFound();
  const access = await requireOperator(ctx, { siteId: conversation.siteId }).catch(() => {
    throw notFound();
  });
  return { ...access, conversation };
}

/** The user's membership of a site, or null. */
export async function operatorRow(ctx: QueryCtx, siteId: Id<"sites">, userId: Id<"users">): Promise<Doc<"operators"> | null> {
  return await ctx.db
    .query("operators")
    .withIndex("by_siteId_and_userId", (q) => q.eq("siteId", siteId).eq("userId", userId))
    .unique();
}

/** Visitors are bound to the site they signed in on (anonymous or signed identity). */
async function isVisitor(ctx: QueryCtx, userId: Id<"users">): Promise<boolean> {
  const user = await ctx.db.get(userId);
  return user === null || user.siteId !== undefined || user.isAnonymous === true;
}

/** The name shown for a new operator: their account's name, else their email's local part. */
export function defaultDisplayName(user: Pick<Doc<"users">, "name" | "email">): string {
  const name = user.name?.trim();
  if (name) return name.slice(0, 80);
  return (user.email ?? "Operator").split("@")[0].slice(0, 80);
}
