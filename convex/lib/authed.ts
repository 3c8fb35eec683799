import { getAuthSessionId, getAuthUserId } from "@convex-dev/auth/server";
import { customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import { mutation, query, type QueryCtx } from "../_generated/server";
import type { Id } from "../_generated/dataModel";
import { chatError } from "./errors";

/**
 * The signed-in visitor's user id, derived from the auth token only (no function takes a user id).
 * Throws `UNAUTHENTICATED` without a token, or when the token names a user that does not exist.
 */
export async function requireUserId(ctx: QueryCtx): Promise<Id<"users">> {
  const userId = await liveSessionUserId(ctx, await getAuthUserId(ctx), await getAuthSessionId(ctx));
  if (userId === null) throw chatError("UNAUTHENTICATED", "Sign in first: this call needs a valid Convex Auth token.");
  return userId;
}

/**
 * The user of a token's (user, session) pair when both still exist and belong together, else null.
 * A JWT outlives its session by up to its lifetime (an hour): signing out deletes the session
 * (`authSessions`), and this check is what makes that revoke the token at once. Used by every
 * public function (through {@link requireUserId}) and by the stream route's claim.
 */
export async function liveSessionUserId(ctx: QueryCtx, subject: string | null, sessionSubject: string | null): Promise<Id<"users"> | null> {
  const userId = subject === null ? null : ctx.db.normalizeId("users", subject);
  // A subject without a session part (not one Convex Auth issued) has an undefined one.
  const sessionId = !sessionSubject ? null : ctx.db.normalizeId("authSessions", sessionSubject);
  if (userId === null || sessionId === null) return null;
  const session = await ctx.db.get(sessionId);
  // Existence, not expiry: the JWT's own `exp` bounds it in time, as Convex Auth itself does.
  if (session === null || session.userId !== userId) return null;
  return (await ctx.db.get(userId)) === null ? null : userId;
}

/** A public query whose handler gets `ctx.userId` of the signed-in visitor. */
export const authedQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ userId: await requireUserId(ctx) })),
);

/** A public mutation whose handler gets `ctx.userId` of the signed-in visitor. */
export const authedMutation = customMutation(
  mutation,
  customCtx(async (ctx) => ({ userId: await requireUserId(ctx) })),
);
